"""Which actions may overlap on one VPS while an earlier one is still being tracked."""

from __future__ import annotations

from lswtui.tui.dialogs import ConfirmDialog, PickerDialog, PromptDialog
from tests.tui.actions_helpers import answer, fill, mutations, one_request, pick, select
from tests.tui.helpers import make_app, notifications, settle


async def test_stop_is_allowed_while_a_snapshot_is_being_created(sim, make_client):
    app = make_app(make_client())
    vps = pick(sim, lambda v: v.state == "RUNNING" and not v.snapshots)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await select(pilot, vps.id)
        await answer(pilot, "N")
        assert isinstance(app.screen, PromptDialog)
        await fill(pilot, "#prompt-input", "pre-maintenance")
        await answer(pilot, "enter")
        one_request(sim, "POST", f"/vps/{vps.id}/snapshots")
        assert app.screen.actions.unavailable("create_snapshot")  # the same family waits
        assert app.screen.actions.unavailable("stop") is None
        await answer(pilot, "X")
        assert isinstance(app.screen, ConfirmDialog)
        await answer(pilot, "y")
        one_request(sim, "POST", f"/vps/{vps.id}/stop")


async def test_a_second_power_action_waits_for_the_first_to_finish(sim, clock, make_client):
    app = make_app(make_client())
    vps = pick(sim, lambda v: v.state == "RUNNING")
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await select(pilot, vps.id)
        await answer(pilot, "X", "y")
        assert "Stop VPS is in progress" in app.screen.actions.unavailable("attach_iso")
        clock.advance(sim.timings.stop + 1)
        await answer(pilot, "r")
        assert app.screen.actions.unavailable("start") is None


async def test_remove_null_route_without_a_null_routed_ip_says_so_instead_of_a_picker(
    sim, make_client
):
    app = make_app(make_client())
    vps = pick(sim, lambda v: not any(ip.null_routed for ip in v.ips))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await select(pilot, vps.id)
        await answer(pilot, "U")
        assert not isinstance(app.screen, PickerDialog)
        assert any(
            "Remove null route is not available: no IP of the VPS is null-routed" in n
            for n in notifications(app)
        )
        assert mutations(sim) == []


async def test_a_snapshot_still_being_created_cannot_be_deleted(sim, make_client):
    app = make_app(make_client())
    vps = pick(sim, lambda v: v.state == "RUNNING" and not v.snapshots)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await select(pilot, vps.id)
        await answer(pilot, "N")
        await fill(pilot, "#prompt-input", "nightly")
        await answer(pilot, "enter")
        assert [s.state for s in sim.state.vps[vps.id].snapshots] == ["CREATING"]
        await select(pilot, vps.id, tab="snapshots")
        assert app.screen.actions.unavailable("delete_snapshot") == "Create snapshot is in progress"
        await answer(pilot, "K")
        assert len(mutations(sim)) == 1  # only the create


async def test_an_unexpected_error_in_a_flow_is_reported_and_the_app_goes_on(
    sim, make_client, monkeypatch
):
    from lswtui.core import flows

    async def broken(self, ctx):
        raise RuntimeError("boom")

    monkeypatch.setattr(flows.EditReferenceFlow, "plan", broken)
    app = make_app(make_client())
    vps = pick(sim, lambda v: True)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await select(pilot, vps.id)
        await answer(pilot, "E")
        assert any(
            "Edit reference stopped by an unexpected error (RuntimeError)" in n
            for n in notifications(app)
        )
        assert app.is_running
        assert app.screen.actions.unavailable("edit_reference") is None  # the lock was released


async def test_an_action_whose_effect_never_shows_is_given_up_and_logged(
    sim, clock, make_client, monkeypatch
):
    """An action whose expected effect never shows: after its time limit, say so and log it."""
    from lswtui.core import flows

    monkeypatch.setattr(flows.RebootFlow, "TARGET_STATE", "STOPPED")  # a reboot never ends STOPPED
    now = [0.0]
    app = make_app(make_client(), clock=lambda: now[0])
    vps = pick(sim, lambda v: v.state == "RUNNING")
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await select(pilot, vps.id)
        await answer(pilot, "B", "y")
        clock.advance(sim.timings.reboot + 1)  # done before the app looked again
        now[0] += 121
        await answer(pilot, "r")
        assert any("not confirmed after 2m01s; check the VPS" in n for n in notifications(app))
        assert [(e.operation, e.outcome, e.seconds) for e in app.session.audit.read()] == [
            ("reboot", "accepted", None),
            ("reboot", "unconfirmed", 121.0),
        ]
        assert app.screen.actions.unavailable("stop") is None  # the lock is released
