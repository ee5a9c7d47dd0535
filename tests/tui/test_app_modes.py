"""Layout at 80x24, read-only mode, help, palette, copy, theme persistence."""

from __future__ import annotations

import tomllib

from textual.containers import VerticalScroll

from lswtui.config import config_path
from lswtui.tui.screens.help import HelpScreen
from lswtui.tui.widgets.fleet_table import FleetTable
from tests.tui.helpers import make_app, notifications, screen_text, settle


async def test_narrow_terminal_puts_the_list_above_the_details(make_client):
    app = make_app(make_client())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.has_class("-narrow")
        listing = app.screen.query_one("#list-pane").region
        details = app.screen.query_one("#details").region
        assert details.y >= listing.bottom
        assert listing.width == details.width == 80
        text = screen_text(app)
        assert "Overview" in text and "State" in text


async def test_wide_terminal_puts_them_side_by_side(make_client):
    app = make_app(make_client())
    async with app.run_test(size=(140, 36)) as pilot:
        await settle(pilot)
        assert not app.screen.has_class("-narrow")
        listing = app.screen.query_one("#list-pane").region
        details = app.screen.query_one("#details").region
        assert details.x >= listing.right


async def test_read_only_badge_and_client_refuses_writes(make_client):
    client = make_client()
    app = make_app(client, read_only=True)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert "READ-ONLY" in screen_text(app)
        assert client.read_only


async def test_help_screen_lists_keys(make_client):
    app = make_app(make_client())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for words in ("Filter", "Refresh", "Pause", "Copy VPS id", "Command palette"):
            assert words in text
        scroll = app.screen.query_one(VerticalScroll)  # the help is longer than the screen
        while scroll.scroll_y < scroll.max_scroll_y:
            scroll.scroll_page_down(animate=False)
            await pilot.pause()
            text += screen_text(app)
        assert "Reveal the selected credential's password" in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_palette_goes_to_vps_by_reference(sim, make_client):
    app = make_app(make_client())
    target = sorted(sim.state.vps.values(), key=lambda v: int(v.id))[-1]
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*target.main_ip.ip)
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert app.query_one(FleetTable).selected_id == target.id


async def test_copy_id_and_ip_use_the_clipboard(sim, make_client):
    app = make_app(make_client())
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        table = app.query_one(FleetTable)
        await pilot.press("y")
        assert app.clipboard == table.selected_id
        await pilot.press("Y")
        assert app.clipboard == table.row(table.selected_id).main_ip


async def test_pause_stops_auto_refresh(sim, make_client):
    app = make_app(make_client(), auto_refresh=True, refresh_interval=0.2)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await pilot.pause(0.1)
        count = len([r for r in sim.requests if r.path.endswith("/vps")])
        await pilot.pause(0.6)
        assert len([r for r in sim.requests if r.path.endswith("/vps")]) == count
        assert "PAUSED" in screen_text(app)
        await pilot.press("p")
        await pilot.pause(0.6)
        assert len([r for r in sim.requests if r.path.endswith("/vps")]) > count


async def test_theme_choice_is_saved_to_the_config(make_client):
    path = config_path()
    app = make_app(make_client(), config_file=path)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        app.theme = "nord"
        await pilot.pause()
    assert tomllib.loads(path.read_text())["theme"] == "nord"
    assert path.stat().st_mode & 0o077 == 0


async def test_a_theme_that_cannot_be_saved_says_so_and_leaves_the_file_alone(make_client):
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("refresh = \n")  # the user is halfway through an edit
    app = make_app(make_client(), config_file=path)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        app.theme = "nord"
        await pilot.pause()
        assert app.is_running
        assert any(
            "Could not save the theme" in n and "not valid TOML" in n for n in notifications(app)
        )
    assert path.read_text() == "refresh = \n"


async def test_a_start_up_theme_is_not_saved(make_client):
    """--ansi (or a 16-colour terminal) for one session must not become the remembered theme."""
    path = config_path()
    app = make_app(make_client(), config_file=path, ansi=True)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert app.theme == "ansi-dark"
    assert not path.exists()
