"""The help screen lists every key, dialogs' included, from the bindings themselves (issue 11,
item 6): a key added to a dialog, a widget or the registry appears without editing the help."""

from __future__ import annotations

from typing import Any

import pytest
from rich.table import Table
from textual.app import App
from textual.binding import Binding
from textual.widgets import Static

import lswtui.tui.dialogs as dialogs_package
from lswtui.tui.dialogs import ConfirmDialog, DialogScreen
from lswtui.tui.dialogs.base import declared_bindings, dialog_classes
from lswtui.tui.screens.help import DIALOG_WIDGETS, HelpScreen, keys_label


class HelpHost(App[None]):
    def on_mount(self) -> None:
        self.push_screen(HelpScreen())


async def help_tables() -> dict[str, list[tuple[str, ...]]]:
    """Each section's title and its rows, as the cells read."""
    app = HelpHost()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        tables: dict[str, list[tuple[str, ...]]] = {}
        for static in app.screen.query(Static):
            table: Any = static.content
            if isinstance(table, Table):
                columns = [[str(cell) for cell in column.cells] for column in table.columns]
                tables[str(table.title)] = list(zip(*columns, strict=True))
        return tables


def section(tables: dict[str, list[tuple[str, ...]]], start: str) -> list[tuple[str, ...]]:
    return next(rows for title, rows in tables.items() if title.startswith(start))


async def test_every_dialog_key_is_in_the_help() -> None:
    rows = section(await help_tables(), "In dialogs")
    listed = {(keys, action) for keys, action, _ in rows}
    expected = [
        *(b for b in declared_bindings(DialogScreen) if b.action == "cancel"),
        *(b for cls in dialog_classes() for b in declared_bindings(cls, below=DialogScreen)),
        *(b for w, _ in DIALOG_WIDGETS for b in Binding.make_bindings(w.BINDINGS) if b.show),
    ]
    assert expected
    for binding in expected:
        key = keys_label(binding.key)
        assert any(
            action == binding.description and key in keys.split(" / ") for keys, action in listed
        ), (key, binding.description)
    for keys, action, where in rows:
        if keys == "y":
            assert (action, where) == ("Confirm", "Yes/no confirmations")
    assert ("g", "Go to snapshots", "Reinstall") in rows
    assert ("ctrl+r", "Show/hide password", "Store / update credential") in rows
    assert ("c", "Copy URL", "Console") in rows and ("o", "Open in browser", "Console") in rows
    assert ("tab / shift+tab", "Next / previous field", "forms") in rows


def test_every_dialog_with_keys_of_its_own_is_listed() -> None:
    """A new dialog cannot be left out: each one defined with its own keys has a help title."""
    found: list[type[DialogScreen[Any]]] = []
    pending: list[type[DialogScreen[Any]]] = [DialogScreen]
    while pending:
        cls = pending.pop()
        found.append(cls)
        pending.extend(cls.__subclasses__())
    own_keys = [
        cls
        for cls in found
        if cls.__module__.startswith(dialogs_package.__name__) and cls.__dict__.get("BINDINGS")
    ]
    assert set(own_keys) - {DialogScreen} <= set(dialog_classes())
    assert len(dialog_classes()) == 11


async def test_a_key_added_to_a_dialog_appears_in_the_help(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        ConfirmDialog, "BINDINGS", [*ConfirmDialog.BINDINGS, Binding("m", "submit", "Maybe")]
    )
    rows = section(await help_tables(), "In dialogs")
    assert ("m", "Maybe", "Yes/no confirmations") in rows


async def test_focus_horizontal_scrolling_and_the_tab_keys_are_explained() -> None:
    tables = await help_tables()
    moving = section(tables, "Moving around")
    assert ("tab", "Focus the next part: the VPS list, the tab bar, the detail table") in moving
    assert ("← / →", "In a wide detail table: scroll sideways (or shift + mouse wheel)") in moving
    assert ("← / →", "On the tab bar: the previous / next tab") in moving
    one_tab = {row[0]: row[2] for row in section(tables, "Keys of one tab")}
    assert one_tab == {"v": "Credentials tab", "c": "Credentials tab", "d": "Traffic tab"}
    main = [row[0] for row in section(tables, "Main screen")]
    assert "v" not in main and "d" not in main
    assert "1–6" in main
    actions = {row[0]: row[2] for row in section(tables, "Actions")}
    assert actions["X"] == "asks y/n" and actions["R"] == "type the VPS id"
