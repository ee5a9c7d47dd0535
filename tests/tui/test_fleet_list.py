"""The main screen against the simulator: the list, filter, sort, selection and live changes."""

from __future__ import annotations

import httpx

from lswtui.sim import DEMO_BASE_URL
from lswtui.tui.widgets.fleet_table import FleetTable
from tests.tui.actions_helpers import select
from tests.tui.helpers import make_app, notifications, screen_text, settle, until_shown


def _sim_vpses(sim):
    return sorted(sim.state.vps.values(), key=lambda v: int(v.id))


async def test_list_shows_every_simulated_vps(sim, make_client):
    app = make_app(make_client())
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        table = app.query_one(FleetTable)
        assert table.total_count == len(sim.state.vps) == 25
        first = _sim_vpses(sim)[0]
        text = screen_text(app)
        assert first.id in text
        assert first.main_ip.ip in text
        assert "25 VPS" in text
        assert "test @ lswtui-sim" in text


async def test_filter_by_ip_then_escape_restores_the_list_and_selection(sim, make_client):
    app = make_app(make_client())
    target = _sim_vpses(sim)[7]
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        table = app.query_one(FleetTable)
        await pilot.press("slash", *target.main_ip.ip)
        await pilot.pause()
        assert table.visible_ids == [target.id]
        assert table.selected_id == target.id
        assert "1/25 VPS" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert table.row_count == 25
        assert table.selected_id == target.id


async def test_escape_after_a_filter_that_matched_nothing_keeps_the_selected_vps(sim, make_client):
    app = make_app(make_client())
    target = _sim_vpses(sim)[7]
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        table = app.query_one(FleetTable)
        await select(pilot, target.id)
        await pilot.press("slash", "z")
        await pilot.pause()
        assert table.visible_ids == []  # from the first letter on
        await pilot.press(*"zz")
        await pilot.pause()
        assert "No VPS matches the filter" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert table.row_count == 25
        assert table.selected_id == target.id
        await until_shown(pilot, f"{target.reference}  {target.id}")  # the detail pane's title


async def test_go_to_a_vps_the_filter_hides_while_the_details_have_the_keys(sim, make_client):
    """The palette's and the Timeline's "go to VPS" clear the filter that hides it, wherever
    the keys were (esc from the details only gives the list the keys)."""
    app = make_app(make_client())
    hidden = next(v for v in _sim_vpses(sim) if "web" not in (v.reference or ""))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        table = app.query_one(FleetTable)
        await pilot.press("slash", *"web", "enter", "l")
        await pilot.pause()
        assert hidden.id not in table.visible_ids
        assert app.screen.tabs in app.focused.ancestors_with_self
        app.screen.go_to(hidden.id)
        await pilot.pause()
        assert table.row_count == 25
        assert table.selected_id == hidden.id
        assert app.focused is table


async def test_filter_by_field_and_negation(sim, make_client):
    app = make_app(make_client())
    stopped = {v.id for v in sim.state.vps.values() if v.state == "STOPPED"}
    assert stopped, "the demo world has stopped VPSes"
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        table = app.query_one(FleetTable)
        await pilot.press("slash", *"state:stopped")
        await pilot.pause()
        assert set(table.visible_ids) == stopped
        app.screen.query_one("#filter").value = "!stopped"
        await pilot.pause()
        assert not set(table.visible_ids) & stopped
        assert len(table.visible_ids) == 25 - len(stopped)


async def test_sort_cycles_columns_and_keeps_selection(sim, make_client):
    app = make_app(make_client())
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        table = app.query_one(FleetTable)
        ids = table.visible_ids
        assert ids == sorted(ids, key=int)
        await pilot.press("down", "down")
        chosen = table.selected_id
        await pilot.press("o")  # next column after id: reference
        refs = [table.row(i).reference.lower() for i in table.visible_ids]
        assert table.sort_column == "reference"
        assert refs == sorted(refs, key=lambda ref: (not ref, ref))  # blank references last
        assert table.selected_id == chosen
        app.screen.sort_by("reference")  # again: reversed
        refs = [table.row(i).reference.lower() for i in table.visible_ids]
        assert refs == sorted(refs, key=lambda ref: (not ref, ref), reverse=True)


async def test_selection_survives_refresh(sim, make_client):
    app = make_app(make_client())
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        table = app.query_one(FleetTable)
        await pilot.press("down", "down", "down", "down")
        chosen = table.selected_id
        await pilot.press("r")
        await settle(pilot)
        assert table.selected_id == chosen
        assert table.cursor_row == 4


async def test_state_change_by_another_client_is_highlighted_and_notified_when_watched(
    sim, clock, make_client
):
    app = make_app(make_client())
    victim = next(v for v in _sim_vpses(sim) if v.state == "RUNNING")
    app.session.watched.toggle(victim.id)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        async with httpx.AsyncClient(
            transport=sim.transport(), base_url=DEMO_BASE_URL, headers={"X-LSW-Auth": sim.api_key}
        ) as other:
            response = await other.post(f"vps/{victim.id}/stop")
            assert response.status_code == 202
        await pilot.press("r")
        await settle(pilot)
        table = app.query_one(FleetTable)
        assert table.marks[victim.id] == "changed"
        label = f"{victim.id} {victim.reference}".rstrip()
        assert f"{label}: RUNNING → STOPPING" in notifications(app)
        assert "STOPPING" in table.row_text(victim.id)
        clock.advance(sim.timings.stop + 1)
        await pilot.press("r")
        await settle(pilot)
        assert f"{label}: STOPPING → STOPPED" in notifications(app)
        assert "○ STOPPED" in table.row_text(victim.id)
