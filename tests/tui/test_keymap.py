"""A user keymap (config ``[keymap]``: binding id = keys) moves a command's keys everywhere."""

from __future__ import annotations

from rich.table import Table
from textual.widgets import Static
from textual.widgets._footer import FooterKey

from lswtui.config import resolve_settings
from lswtui.tui.command_registry import COMMANDS_BY_ID
from lswtui.tui.dialogs import ConfirmDialog
from lswtui.tui.screens.help import HelpScreen
from tests.tui.actions_helpers import answer, mutations, pick, select
from tests.tui.helpers import make_app, notifications, screen_text, settle


def help_rows(screen: HelpScreen) -> set[tuple[str, str]]:
    """(keys, first word of what they do) of every row of the help screen's tables."""
    rows = set()
    for static in screen.query(Static):
        table = static.content
        if isinstance(table, Table):
            keys, actions = (list(column.cells) for column in table.columns[:2])
            rows |= {
                (k, str(a).split(" ")[0].rstrip(":")) for k, a in zip(keys, actions, strict=True)
            }
    return rows


KEYMAP = {"fleet.refresh": "f5", "vps.stop": "ctrl+x"}


def test_the_config_file_keymap_reaches_the_settings(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('[keymap]\n"fleet.refresh" = "f5"\n', encoding="utf-8")
    path.chmod(0o600)
    assert resolve_settings(path=path, environ={}).keymap == {"fleet.refresh": "f5"}


def test_every_binding_has_an_id_of_the_registry():
    from lswtui.tui.app import LswApp
    from lswtui.tui.screens.fleet import FleetScreen

    ids = [b.id for cls in (LswApp, FleetScreen) for b in cls.BINDINGS]
    assert None not in ids and set(ids) <= set(COMMANDS_BY_ID) and len(ids) == len(set(ids))


async def test_remapped_keys_run_their_command_and_the_old_keys_do_not(sim, make_client):
    app = make_app(make_client(), keymap=KEYMAP)
    vps = pick(sim, lambda v: v.state == "RUNNING")
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        lists = len([r for r in sim.requests if r.path.endswith("/vps")])
        await answer(pilot, "r")
        assert len([r for r in sim.requests if r.path.endswith("/vps")]) == lists
        await answer(pilot, "f5")
        assert len([r for r in sim.requests if r.path.endswith("/vps")]) == lists + 1
        await select(pilot, vps.id)
        await answer(pilot, "X")
        assert not isinstance(app.screen, ConfirmDialog)
        await answer(pilot, "ctrl+x")
        assert isinstance(app.screen, ConfirmDialog) and "Stop VPS" in screen_text(app)
        await answer(pilot, "n")
        assert mutations(sim) == []
        await answer(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = help_rows(app.screen)
        assert ("f5", "Refresh") in rows and ("ctrl+x", "Stop") in rows
        assert not any(keys == "r" for keys, _ in rows)


async def test_an_unknown_binding_id_is_told_not_ignored(make_client):
    app = make_app(make_client(), keymap={"fleet.nope": "f9"})
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        assert any("Keymap: no binding fleet.nope" in n for n in notifications(app))


async def test_the_footer_keeps_its_order_when_keys_are_remapped(make_client):
    """QA: remapping ``app.help`` put ``Help`` after ``Quit``; a remapped key went to the end
    of the footer (Textual appends a remapped binding), where it is cut first."""

    async def footer(keymap: dict[str, str]) -> list[str]:
        app = make_app(make_client(), keymap=keymap)
        async with app.run_test(size=(140, 40)) as pilot:
            await settle(pilot)
            return [key.description for key in app.screen.query(FooterKey)]

    default = await footer({})
    assert default[:4] == ["Help", "Quit", "Filter", "Refresh"]
    assert await footer({"app.help": "f9", "fleet.filter": "f7", "fleet.refresh": "f5"}) == default


async def test_a_key_given_twice_or_taken_by_the_list_is_told(make_client):
    """``ctrl+f`` for the filter never reached it (the list pages down on it, and has the
    focus); ``r`` for the filter is Refresh's too. Both said at start, not found out later."""
    app = make_app(make_client(), keymap={"fleet.filter": "ctrl+f", "fleet.pause": "r"})
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        told = notifications(app)
        assert any(
            "Keymap: ctrl+f of fleet.filter is the list's Page down, which takes it first" in n
            for n in told
        )
        assert any("r is given to fleet.pause and fleet.refresh" in n for n in told)


async def test_the_default_keys_and_a_clean_keymap_raise_no_warning(make_client):
    app = make_app(make_client(), keymap=KEYMAP)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        assert not [n for n in notifications(app) if "Keymap" in n]


async def test_a_focused_widgets_keys_keep_their_place_in_the_footer(make_client):
    """The Timeline's ``⏎ Go to VPS`` is its table's key: it stays right after the app's keys,
    before the screen's, as Textual puts a focused widget's keys (and ^p palette stays last)."""
    app = make_app(make_client())
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        keys = [key.description for key in app.screen.query(FooterKey)]
        assert keys[:6] == ["Help", "Go to VPS", "Back", "Filter", "Kind", "Export report"]
        assert keys[-1] == "palette"


def test_the_filters_help_names_every_key_the_filter_takes():
    """QA: the palette's and the help's line for ``/`` left out ``ref:``, ``pack:``, ``account:``."""
    from lswtui.core.filtering import KEYS

    assert all(f"{key}:" in COMMANDS_BY_ID["fleet.filter"].help for key in KEYS)
