"""Empty states (issue 11, item 16): no VPS, or a filter matching none, is said plainly, in the
list, the detail pane and the answer to an action; the count never mixes vanished rows in."""

from __future__ import annotations

from lswtui.api import LeasewebClient
from lswtui.sim import DEMO_BASE_URL, Simulator
from lswtui.tui.widgets.fleet_table import FleetTable
from tests.tui.helpers import make_app, notifications, screen_text, settle


async def test_a_filter_matching_nothing_is_said_in_the_list_the_details_and_actions(
    sim, make_client
):
    app = make_app(make_client())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        first = app.query_one(FleetTable).visible_ids[0]
        await pilot.press("slash", *"zzzz", "enter")
        await settle(pilot)
        text = screen_text(app)
        assert text.count("No VPS matches the filter") >= 2  # the list and the detail pane
        assert first not in text  # the details of a VPS no longer listed are gone
        await pilot.press("S")
        await settle(pilot)
        assert any("No VPS matches the filter" in n for n in notifications(app))
        assert not any("Select a VPS first" in n for n in notifications(app))


async def test_no_vps_at_all_is_said_instead_of_a_lone_sparkline(clock):
    empty = Simulator(seed=42, vps_count=0, clock=clock)
    client = LeasewebClient.create(
        empty.api_key, base_url=DEMO_BASE_URL, transport=empty.transport()
    )
    app = make_app(client)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "No VPS in this account" in text
        assert "Traffic 30 d" not in text


async def test_the_count_does_not_count_vanished_rows(sim, make_client):
    app = make_app(make_client())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for vps in sim.state.vps_list[:3]:
            del sim.state.vps[vps.id]
        del sim.state.vps_list[:3]
        await pilot.press("r")
        await settle(pilot)
        table = app.query_one(FleetTable)
        assert table.row_count == 25  # the three are still listed, struck through
        text = screen_text(app)
        assert "22 VPS" in text and "25/22" not in text


async def test_an_empty_detail_table_says_so_without_a_selected_placeholder_row(sim, make_client):
    vps = sorted(sim.state.vps.values(), key=lambda v: int(v.id))[0]
    vps.snapshots.clear()
    app = make_app(make_client())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        pane = app.screen.tabs.pane("snapshots")
        assert "No snapshot. N creates one." in screen_text(app)
        assert pane.table.row_count == 0  # not a data row the cursor sits on
        assert pane.selected_key is None


async def test_the_filter_placeholder_is_shown_whole(sim, make_client):
    app = make_app(make_client())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.pause()
        placeholder = app.screen.query_one("#filter").placeholder
        assert placeholder in screen_text(app)
