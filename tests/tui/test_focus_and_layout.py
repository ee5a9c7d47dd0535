"""Moving around the main screen: ``[``/``]`` switch tabs, ``h``/``l`` move between list and
details, ``esc`` always returns to the list (issue 11 #1); tab keys outside their tab say what
to do (#4); a row action asks which row unless one was chosen (#2); the split follows the
content (#12)."""

from __future__ import annotations

from lswtui.tui.dialogs import NullRouteDialog, PickerDialog
from lswtui.tui.widgets.fleet_table import FleetTable
from tests.tui.actions_helpers import answer, pick, running, select
from tests.tui.helpers import make_app, notifications, settle


async def test_brackets_switch_the_detail_tabs_round(sim, make_client):
    async with running(make_client()) as pilot:
        tabs = pilot.app.screen.tabs
        await pilot.press("right_square_bracket")
        assert tabs.active == "ips"
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert tabs.active == "traffic"


async def test_l_and_h_move_between_list_and_details_and_esc_returns_to_the_list(sim, make_client):
    vps = pick(sim, lambda v: len(v.ips) > 1)
    async with running(make_client()) as pilot:
        app = pilot.app
        table = app.screen.query_one(FleetTable)
        await select(pilot, vps.id, tab="ips")
        await pilot.press("l")
        await settle(pilot)
        assert app.focused is app.screen.pane("ips").table
        await pilot.press("h")
        assert app.focused is table
        await pilot.press("tab", "tab", "down")  # into the IPs table, a row down
        await settle(pilot)
        assert app.focused is app.screen.pane("ips").table
        await pilot.press("escape")
        await settle(pilot)
        assert app.focused is table
        assert table.selected_id == vps.id  # the list's cursor never moved
        await pilot.press("down")
        assert table.selected_id != vps.id


async def test_tab_keys_outside_their_tab_say_what_to_do(sim, make_client):
    async with running(make_client()) as pilot:
        app = pilot.app
        for key in ("v", "c", "d"):
            await pilot.press(key)
            await settle(pilot)
        told = notifications(app)
        assert any("Credentials tab (3)" in n and "reveal" in n.lower() for n in told)
        assert any("Credentials tab (3)" in n and "copy" in n.lower() for n in told)
        assert any("Traffic tab (6)" in n for n in told)


def first_ip_can_be_null_routed(v) -> bool:
    first = v.ips[0] if v.ips else None
    return (
        v.state == "RUNNING"
        and first is not None
        and first.version == 4
        and first.network_type == "PUBLIC"
        and not first.null_routed
    )


async def test_a_row_action_asks_which_row_unless_one_was_chosen(sim, make_client):
    vps = pick(sim, first_ip_can_be_null_routed)
    async with running(make_client()) as pilot:
        app = pilot.app
        await select(pilot, vps.id, tab="ips")  # the IPs table's cursor sits on its first row
        await answer(pilot, "Z")
        assert isinstance(app.screen, PickerDialog)  # which IP? not the first one silently
        await answer(pilot, "escape")
        await answer(pilot, "tab", "tab")  # into the table: its first row is chosen now
        await answer(pilot, "Z")
        assert isinstance(app.screen, NullRouteDialog)


async def test_a_wide_terminal_gives_the_list_what_its_columns_want(sim, make_client):
    app = make_app(make_client())
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(FleetTable)
        width = app.screen.query_one("#list-pane").size.width
        assert width > 100  # not half
        assert width <= 200 - 76  # the details keep what they want
        assert all("…" not in table.row_text(vps_id) for vps_id in table.visible_ids)


async def test_one_widget_looks_selected_at_a_time(sim, make_client):
    vps = pick(sim, lambda v: len(v.ips) > 1)
    async with running(make_client()) as pilot:
        await select(pilot, vps.id, tab="ips")
        table = pilot.app.screen.pane("ips").table
        row_style = table.get_component_rich_style("datatable--odd-row")
        cursor = table.get_component_rich_style("datatable--cursor")
        assert cursor.bgcolor == row_style.bgcolor and not cursor.bold  # no second cursor
        await answer(pilot, "tab", "tab")  # into the IPs table: its cursor is the one shown
        assert pilot.app.focused is table
        focused = table.get_component_rich_style("datatable--cursor")
        assert focused.bgcolor is not None and focused.bgcolor != row_style.bgcolor
        await answer(pilot, "escape")  # back to the list; the chosen row stays marked, dimmed
        assert table.get_component_rich_style("datatable--cursor").bgcolor != row_style.bgcolor


async def test_reveal_with_no_credentials_says_how_to_store_one(sim, make_client):
    vps = pick(sim, lambda v: not v.credentials)
    async with running(make_client()) as pilot:
        await select(pilot, vps.id, tab="credentials")
        await pilot.press("v")
        await settle(pilot)
        assert "This VPS has no stored credentials. C stores one." in notifications(pilot.app)


async def test_the_list_cursor_looks_different_once_the_keys_are_in_the_details(sim, make_client):
    async with running(make_client()) as pilot:
        table = pilot.app.screen.query_one(FleetTable)
        first = table.visible_ids[0]

        def cursor_background():
            return next(iter(table.render_line(1 + table.visible_ids.index(first)))).style.bgcolor

        focused = cursor_background()
        await pilot.press("l")
        await settle(pilot)
        assert pilot.app.focused is not table
        assert cursor_background() != focused  # dimmed: the focused widget is the only bright one
