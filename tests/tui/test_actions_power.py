"""Start, stop, reboot through the UI: confirm, exactly one request, pending, completion."""

from __future__ import annotations

from lswtui.tui.dialogs import ConfirmDialog
from lswtui.tui.widgets.fleet_table import FleetTable
from tests.tui.actions_helpers import answer, completed, label, mutations, one_request, pick, select
from tests.tui.helpers import make_app, notifications, screen_text, settle, until_dialog_takes_keys


async def test_stop_confirmed_with_y_sends_one_request_and_tracks_to_stopped(
    sim, clock, make_client
):
    app = make_app(make_client())
    vps = pick(sim, lambda v: v.state == "RUNNING")
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await select(pilot, vps.id)
        await answer(pilot, "X")
        assert isinstance(app.screen, ConfirmDialog)
        text = screen_text(app)
        assert vps.id in text and vps.main_ip.ip in text and "Stop VPS" in text
        await answer(pilot, "y")
        one_request(sim, "POST", f"/vps/{vps.id}/stop")
        assert sim.state.vps[vps.id].state == "STOPPING"
        table = app.query_one(FleetTable)
        assert table.row_text(vps.id).startswith("⟳  ◑ STOPPING")
        clock.advance(sim.timings.stop + 1)
        await answer(pilot, "r")
        assert "○ STOPPED" in table.row_text(vps.id)
        assert not table.row_text(vps.id).startswith("⟳")
        assert completed(app, f"Stop VPS {label(vps)}")
        entries = app.session.audit.read()
        assert [(e.vps_id, e.operation, e.outcome, e.status) for e in entries] == [
            (vps.id, "stop", "accepted", 202),
            (vps.id, "stop", "completed", None),
        ]
        assert entries[0].correlation_id
        assert entries[1].seconds is not None and entries[1].seconds >= 0


async def test_cancel_with_n_or_escape_sends_nothing(sim, make_client):
    app = make_app(make_client())
    vps = pick(sim, lambda v: v.state == "RUNNING")
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await select(pilot, vps.id)
        await answer(pilot, "B")
        assert isinstance(app.screen, ConfirmDialog)
        await answer(pilot, "n")
        await answer(pilot, "B", "escape")
        assert not isinstance(app.screen, ConfirmDialog)
        assert mutations(sim) == []
        assert sim.state.vps[vps.id].state == "RUNNING"


async def test_start_on_a_running_vps_is_disabled_with_reason_and_sends_nothing(sim, make_client):
    app = make_app(make_client())
    vps = pick(sim, lambda v: v.state == "RUNNING")
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await select(pilot, vps.id)
        assert app.screen.check_action("vps_action", ("start",)) is None
        assert "RUNNING" in app.screen.actions.unavailable("start")
        await answer(pilot, "S")
        assert not isinstance(app.screen, ConfirmDialog)
        assert any(
            "Start VPS is not available: the VPS is RUNNING" in n for n in notifications(app)
        )
        assert mutations(sim) == []


async def test_double_key_press_sends_one_request(sim, make_client):
    app = make_app(make_client())
    vps = pick(sim, lambda v: v.state == "RUNNING")
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await select(pilot, vps.id)
        await pilot.press("B")
        await pilot.pause()
        await until_dialog_takes_keys(pilot)
        await pilot.press("y", "B", "y", "B", "y")
        await settle(pilot)
        one_request(sim, "POST", f"/vps/{vps.id}/reboot")
        assert any("still in progress" in n or "not available" in n for n in notifications(app))


async def test_reboot_goes_through_states_back_to_running(sim, clock, make_client):
    app = make_app(make_client())
    vps = pick(sim, lambda v: v.state == "RUNNING")
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await select(pilot, vps.id)
        await answer(pilot, "B", "y")
        one_request(sim, "POST", f"/vps/{vps.id}/reboot")
        seen = set()
        for _ in range(12):
            clock.advance(1)
            await answer(pilot, "r")
            seen.add(app.query_one(FleetTable).row(vps.id).state)
        assert {"STOPPING", "STARTING", "RUNNING"} <= seen
        assert completed(app, f"Reboot VPS {label(vps)}")


async def test_start_a_stopped_vps(sim, clock, make_client):
    app = make_app(make_client())
    vps = pick(sim, lambda v: v.state == "STOPPED")
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await select(pilot, vps.id)
        await answer(pilot, "S", "y")
        one_request(sim, "POST", f"/vps/{vps.id}/start")
        clock.advance(sim.timings.start + 1)
        sim.catch_up()
        assert sim.state.vps[vps.id].state == "RUNNING"
