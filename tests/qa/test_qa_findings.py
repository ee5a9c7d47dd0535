"""Defects found by trying the product as a user (QA passes, helpers Q1 and Q2). Each test
failed on the code of its day; a defect not yet fixed is marked ``xfail(strict=True)``, so that
its fix turns the test into a failure until the marker goes. All are fixed now."""

from __future__ import annotations

import asyncio

from textual.command import Command, CommandList, CommandPalette
from textual.widgets import Input

from lswtui.config import resolve_accounts
from tests.tui.actions_helpers import open_palette
from tests.tui.test_multi_account import account, two_accounts


def _titles(palette: CommandPalette) -> list[str]:
    commands = palette.query_one(CommandList)
    options = [commands.get_option_at_index(i) for i in range(commands.option_count)]
    return [str(o.hit.text) for o in options if isinstance(o, Command)]


async def _titles_once_searched(palette: CommandPalette, query: str, wanted: str) -> list[str]:
    """Type ``query``; the option titles in the palette's order, once ``wanted`` (a title's
    start) is listed and the palette's search is done."""
    palette.query_one(Input).value = query
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 5
    while not any(t.startswith(wanted) for t in _titles(palette)) or any(
        w.is_running for w in palette.workers
    ):
        assert loop.time() < deadline, f"{wanted!r} never listed: {_titles(palette)}"
        await asyncio.sleep(0.01)
    return _titles(palette)


async def test_an_exact_ip_in_go_to_vps_comes_first(clock):
    a, b = account(clock, "a", 1), account(clock, "b", 2)
    async with two_accounts(a, b) as pilot:
        vps = next(v for v in b.sim.state.vps.values() if v.main_ip is not None)
        palette = await open_palette(pilot)
        wanted = f"Go to VPS {vps.id} "
        titles = await _titles_once_searched(palette, vps.main_ip.ip, wanted)
        assert len(titles) > 1  # other VPSes match the IP fuzzily
        assert titles[0].startswith(wanted), titles


def test_the_demo_keeps_the_config_files_keymap(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('[keymap]\n"fleet.refresh" = "f5"\n')
    path.chmod(0o600)
    accounts = resolve_accounts(path=path, demo=True, environ={})
    assert accounts[0].keymap == {"fleet.refresh": "f5"}


async def test_the_api_health_stays_in_the_status_bar_at_80_columns(clock):
    from tests.tui.helpers import screen_text, settle

    prod, staging = account(clock, "prod", 1), account(clock, "staging", 2)
    async with two_accounts(prod, staging, a_read_only=True, size=(80, 24)) as pilot:
        await pilot.app.screen.run_action("next_account")  # "prod only"
        await settle(pilot)
        top = screen_text(pilot.app).splitlines()[0]
        assert "prod only" in top and "READ-ONLY prod" in top
        assert "staging ok" in top, top


async def test_a_whole_main_ip_and_its_null_route_mark_show_at_120_columns(clock):
    from lswtui.core.accounts import row_key
    from tests.tui.test_multi_account import table

    a, b = account(clock, "demo-eu", 1), account(clock, "demo-us", 2)
    vps = next(v for v in b.sim.state.vps.values() if v.main_ip and len(v.main_ip.ip) >= 13)
    vps.main_ip.null_routed = True
    async with two_accounts(a, b, size=(120, 40)) as pilot:
        line = table(pilot).row_text(row_key("demo-us", vps.id))
        assert f"{vps.main_ip.ip} ⊘" in line, line


async def test_the_timeline_says_what_happened_at_80x24(clock):
    from tests.tui.helpers import screen_text, settle
    from tests.tui.test_multi_account import refresh_all

    a, b = account(clock, "demo-eu", 1), account(clock, "demo-us", 2)
    async with two_accounts(a, b, size=(80, 24)) as pilot:
        vps = next(iter(b.sim.state.vps.values()))
        vps.reference = "renamed-by-qa"
        await refresh_all(pilot)
        await pilot.press("a")
        await settle(pilot)
        text = screen_text(pilot.app)
        assert "renamed-by-qa" in text  # the entry is listed
        assert "→ renamed-by-qa" in text, text


# -- QA pass 2 (helper Q2) -------------------------------------------------------------------


async def test_escape_after_typing_a_word_that_matches_nothing_returns_to_the_vps(sim, make_client):
    """Typed letter by letter, a word's first letters may match other VPSes before the word
    matches none: esc goes back to the VPS the user was on, not to one the prefix showed."""
    from lswtui.tui.widgets.fleet_table import FleetTable
    from tests.tui.actions_helpers import select
    from tests.tui.helpers import make_app, settle, until_shown

    app = make_app(make_client())
    vpses = sorted(sim.state.vps.values(), key=lambda v: v.id)
    target, other = vpses[7], vpses[3]
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        table = app.query_one(FleetTable)
        await select(pilot, target.id)
        await pilot.press("slash", *other.id)
        await pilot.pause()
        assert table.visible_ids == [other.id]  # the prefix showed another VPS
        await pilot.press(*"zz")
        await pilot.pause()
        assert table.visible_ids == []
        await pilot.press("escape")
        await settle(pilot)
        assert table.row_count == 25
        assert table.selected_id == target.id
        await until_shown(pilot, f"{target.reference}  {target.id}")


async def test_the_timeline_shows_an_actions_outcome_at_80x24(sim, make_client):
    """The What column of an action said "Reboot VPS 126855092 db-prim" at 80 columns: the VPS
    again (its columns name it) and never the outcome."""
    from tests.tui.actions_helpers import answer, one_request, pick, select
    from tests.tui.helpers import make_app, screen_text, settle

    vps = pick(sim, lambda v: v.state == "RUNNING" and len(v.reference) >= 8)
    app = make_app(make_client())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await select(pilot, vps.id)
        await answer(pilot, "B", "y")
        one_request(sim, "POST", f"/vps/{vps.id}/reboot")
        await pilot.press("a")
        await settle(pilot)
        lines = [line for line in screen_text(app).splitlines() if " action " in line]
        assert len(lines) == 2, lines  # sent, then accepted
        assert all(vps.id in line for line in lines)
        assert "Reboot VPS: accepted (HTTP 202" in lines[0], lines
        assert "Reboot VPS: sent" in lines[1], lines


async def test_every_keymap_problem_is_read_at_80x24(make_client):
    """At 80x24 the newest toast replaces the others: of two keymap problems told in two toasts
    at start, the first was gone before anyone read it (and the Timeline does not keep it)."""
    from textual.widgets._toast import Toast

    from tests.tui.helpers import make_app, settle

    keymap = {"fleet.filter": "ctrl+f", "vps.stop": "ctrl+x", "vps.start": "ctrl+x"}
    app = make_app(make_client(), keymap=keymap)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.pause(0.2)
        shown = " ".join(
            " ".join(strip.text for strip in toast.render_lines(toast.region.reset_offset))
            for toast in app.screen.query(Toast)
        )
        shown = " ".join(shown.replace("▌", " ").split())
        assert "ctrl+f of fleet.filter is the list's Page down" in shown, shown
        assert "ctrl+x is given to vps.start and vps.stop" in shown, shown


API_ERROR = (
    "List VPS failed (HTTP 503):\nThe API is not available at the moment.\nCannot handle your"
    " request at the moment. Please try again later.\ncorrelationId:"
    " 9dab041a-ed1a-44e4-8c19-81dd493ac2b2\nreference:"
    " https://developer.leaseweb.com/errors/APP00800"
)


async def test_an_api_errors_toast_stays_off_the_list_at_80x24(sim, make_client):
    """With --demo-faults at 80x24 the 503 toast, 13 lines high in half the width, climbed
    over the list's rows."""
    from textual.widgets._toast import Toast

    from lswtui.tui.widgets.fleet_table import FleetTable
    from tests.tui.helpers import make_app, settle

    app = make_app(make_client())
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        app.notify(API_ERROR, title="API error", severity="error")
        await pilot.pause(0.2)
        (toast,) = app.screen.query(Toast)
        table = app.query_one(FleetTable)
        assert toast.region.intersection(table.region).area == 0, (toast.region, table.region)
        shown = " ".join(strip.text for strip in toast.render_lines(toast.region.reset_offset))
        assert "9dab041a-ed1a-44e4-8c19-81dd493ac2b2" in shown, shown


async def test_a_failed_refresh_leaves_the_list_its_rows_at_80x24(sim):
    """The line over the list said the whole API error at 80x24 (6 lines of 10: three rows
    of VPSes left); there it is the heading, what failed and the correlationId."""
    import httpx

    from lswtui.api import LeasewebClient
    from lswtui.sim import DEMO_BASE_URL
    from lswtui.tui.widgets.fleet_table import FleetTable
    from lswtui.tui.widgets.list_error import ListError
    from tests.tui.helpers import make_app, screen_text, settle
    from tests.tui.test_fleet_failures import BreakableTransport

    class Unavailable(BreakableTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            if self.broken:
                return httpx.Response(
                    503,
                    json={
                        "errorCode": "APP00800",
                        "errorMessage": "The API is not available at the moment.",
                        "userMessage": "Cannot handle your request at the moment. Please try"
                        " again later.",
                        "correlationId": "9dab041a-ed1a-44e4-8c19-81dd493ac2b2",
                        "reference": "https://developer.leaseweb.com/errors/APP00800",
                    },
                )
            return await self.inner.handle_async_request(request)

    transport = Unavailable(sim.transport())
    client = LeasewebClient.create(sim.api_key, base_url=DEMO_BASE_URL, transport=transport)
    app = make_app(client)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        transport.broken = True
        app.screen.refresh_fleet()
        await settle(pilot)
        text = screen_text(app)
        assert "Refresh failed; showing the last known data." in text
        assert "9dab041a-ed1a-44e4-8c19-81dd493ac2b2" in text
        assert app.query_one(ListError).region.height <= 3, text
        assert app.query_one(FleetTable).region.height >= 7, text  # 6 rows (3 before)


async def _snapshots_tab_text(sim, make_client, **kwargs) -> str:
    from tests.tui.actions_helpers import pick, running, select
    from tests.tui.helpers import screen_text

    vps = pick(sim, lambda v: not v.snapshots)
    async with running(make_client(), **kwargs) as pilot:
        await select(pilot, vps.id, tab="snapshots")
        return screen_text(pilot.app)


async def test_read_only_the_empty_snapshots_tab_offers_no_key(sim, make_client):
    """Read-only, the tab said 'No snapshot. N creates one.', and N answered 'Read-only mode'."""
    text = await _snapshots_tab_text(sim, make_client, read_only=True)
    assert "No snapshot." in text
    assert "creates one" not in text, text


async def test_the_empty_snapshots_tab_names_the_key_in_effect(sim, make_client):
    """With ``vps.create_snapshot = "f6"`` the tab still said N (N does nothing then)."""
    text = await _snapshots_tab_text(sim, make_client, keymap={"vps.create_snapshot": "f6"})
    assert "No snapshot. f6 creates one." in text, text


async def test_the_overview_names_the_timelines_key_in_effect(sim, make_client):
    """With ``fleet.action_log = "f8"`` the Overview still said 'the Timeline, a, has them'."""
    from tests.tui.actions_helpers import running
    from tests.tui.helpers import screen_text

    async with running(make_client(), keymap={"fleet.action_log": "f8"}) as pilot:
        text = screen_text(pilot.app)
        assert "none seen yet (the Timeline, f8, has them all)" in text, text
