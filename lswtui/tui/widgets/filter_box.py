"""The filter line over the VPS list, with the notes on what the filter could not use.

It reports by messages: the screen applies the filter to the table and hands back its notes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from lswtui.core.filtering import RowFilter, compile_filter
from lswtui.core.fleet import FleetRow
from lswtui.tui.textual_compat import OrderedInput


class FilterBox(Vertical):
    DEFAULT_CSS = "FilterBox { height: auto; }"

    class Changed(Message):
        """The filter text changed; ``matches`` is it compiled."""

        def __init__(self, text: str, watched: Callable[[FleetRow], bool]) -> None:
            super().__init__()
            self.text = text
            self.matches: RowFilter = compile_filter(text, watched=watched)

    class Left(Message):
        """The user pressed enter in the box: the list takes the keys again."""

    def __init__(self) -> None:
        super().__init__()
        self.watched: Callable[[FleetRow], bool] = lambda row: False  # what ``watch:`` keeps

    def compose(self) -> ComposeResult:
        yield OrderedInput(
            placeholder="Filter: words, state:stopped, ip:10., !running", id="filter"
        )
        yield Static("", id="filter-note", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).display = False
        self.query_one("#filter-note").display = False

    def open(self) -> None:
        box = self.query_one(Input)
        box.display = True
        box.focus()

    def clear(self) -> bool:
        """Empty and hide the box; False if it was already."""
        box = self.query_one(Input)
        if not (box.value or box.display):
            return False
        box.value = ""
        box.display = False
        return True

    def show_text(self, text: str) -> None:
        """Filter by ``text`` (``:vps TEXT``): shown in the box, which hides when it is empty."""
        box = self.query_one(Input)
        box.value = text
        box.display = bool(text)

    def show_notes(self, notes: Sequence[str]) -> None:
        note = self.query_one("#filter-note", Static)
        note.update("\n".join(notes))
        note.display = bool(notes)

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.value, self.watched))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value:
            event.input.display = False
        self.post_message(self.Left())
