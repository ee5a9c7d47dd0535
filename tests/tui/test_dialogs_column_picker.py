"""The column picker: space shows/hides, shift+↑/↓ reorder, Enter saves the order shown."""

from __future__ import annotations

from lswtui.tui.dialogs.column_picker import ColumnPickerDialog
from tests.tui.dialog_host import DialogHost, flat_text, opened, press

COLUMNS = [("state", "State"), ("id", "ID"), ("reference", "Reference"), ("ipv6", "IPv6")]


def picker() -> DialogHost:
    return DialogHost(lambda: ColumnPickerDialog(COLUMNS, ["id", "state", "reference"]))


async def test_the_columns_shown_come_first_ticked_then_the_others():
    app = picker()
    async with opened(app):
        text = flat_text(app)
        assert "[x] ID [x] State [x] Reference [ ] IPv6" in text
        assert "⏎ Save ↑/↓ Move space Show/hide shift+↑/shift+↓ Move the column esc Cancel" in text


async def test_toggle_move_and_save():
    app = picker()
    async with opened(app) as pilot:
        await press(pilot, "down", "space")  # hide State
        await press(pilot, "end", "space", "shift+up", "shift+up")  # show IPv6, move it up twice
        assert "[x] ID [x] IPv6 [ ] State [x] Reference" in flat_text(app)
        await press(pilot, "enter")
    assert app.results == [["id", "ipv6", "reference"]]


async def test_nothing_shown_is_refused_and_escape_changes_nothing():
    app = picker()
    async with opened(app) as pilot:
        await press(pilot, "space", "down", "space", "down", "space", "enter")
        assert "Show at least one column." in flat_text(app)
        assert app.results == []
        await press(pilot, "escape")
    assert app.results == [None]
