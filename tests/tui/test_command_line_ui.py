"""The ``:`` command line in the app: ``:ip`` jumps to the owner, an unknown command is
reported and does nothing, arguments reach the list, the history outlives the app."""

from __future__ import annotations

from lswtui.tui.widgets.command_bar import CommandBar
from lswtui.tui.widgets.fleet_table import FleetTable
from tests.tui.actions_helpers import mutations, pick, running
from tests.tui.helpers import make_app, screen_text, settle


async def command(pilot, text: str) -> None:
    """Type ``:`` and ``text`` as a user would, then Enter."""
    await pilot.press("colon")
    await pilot.pause()
    bar = pilot.app.screen.query_one(CommandBar)
    assert bar.is_open and pilot.app.focused is bar.input
    bar.input.insert_text_at_cursor(text)
    await pilot.press("enter")
    await settle(pilot)


async def test_ip_jumps_to_the_owner_even_behind_a_filter(sim, make_client):
    owner = pick(sim, lambda v: v.reference == "db-primary")
    ipv6 = next(ip.ip for ip in owner.ips if ip.version == 6)
    async with running(make_client()) as pilot:
        table = pilot.app.screen.query_one(FleetTable)
        await command(pilot, "vps web")
        assert owner.id not in table.visible_ids
        await command(pilot, f"ip {ipv6.upper()}")
        assert table.selected_id == owner.id
        assert pilot.app.focused is table
        assert not pilot.app.screen.query_one(CommandBar).is_open


async def test_an_unknown_command_is_reported_and_does_nothing(sim, make_client):
    async with running(make_client()) as pilot:
        table = pilot.app.screen.query_one(FleetTable)
        before = (table.selected_id, pilot.app.screen.tabs.active, len(sim.requests))
        await command(pilot, "reboto")
        assert "Unknown command :reboto. Did you mean :reboot?" in screen_text(pilot.app)
        assert (table.selected_id, pilot.app.screen.tabs.active, len(sim.requests)) == before
        assert mutations(sim) == []


async def test_arguments_reach_the_list_and_the_tabs(sim, make_client):
    async with running(make_client()) as pilot:
        table = pilot.app.screen.query_one(FleetTable)
        await command(pilot, "sort reference desc")
        assert (table.sort_column, table.sort_reverse) == ("reference", True)
        await command(pilot, "tab snapshots")
        assert pilot.app.screen.tabs.active == "snapshots"
        await command(pilot, "vps state:stopped")
        assert table.visible_ids and all(
            table.row(vps_id).state == "STOPPED" for vps_id in table.visible_ids
        )
        await command(pilot, "vps")
        assert len(table.visible_ids) == table.total_count


async def test_a_palette_command_runs_by_its_name(sim, make_client):
    async with running(make_client()) as pilot:
        before = len([r for r in sim.requests if r.method == "GET"])
        await command(pilot, "refresh")
        assert len([r for r in sim.requests if r.method == "GET"]) > before


async def test_the_history_outlives_the_app(sim, make_client):
    async with running(make_client()) as pilot:
        await command(pilot, "tab ips")
    async with running(make_client()) as pilot:
        await pilot.press("colon", "up")
        assert pilot.app.screen.query_one(CommandBar).input.value == "tab ips"


async def test_what_is_typed_shows_on_the_prompt_line(sim, make_client):
    app = make_app(make_client())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("colon", "t", "a", "b", "space", "i", "p")
        await pilot.pause()
        assert screen_text(app).splitlines()[-2].startswith(":tab ip ")


async def test_timeline_help_and_columns_open_their_screens(sim, make_client):
    from lswtui.tui.dialogs.column_picker import ColumnPickerDialog
    from lswtui.tui.screens.help import HelpScreen
    from lswtui.tui.screens.timeline import TimelineScreen

    async with running(make_client()) as pilot:
        for text, screen in (
            ("timeline", TimelineScreen),
            ("help", HelpScreen),
            ("columns", ColumnPickerDialog),
        ):
            await command(pilot, text)
            assert isinstance(pilot.app.screen, screen), text
            await pilot.press("escape")
            await settle(pilot)
