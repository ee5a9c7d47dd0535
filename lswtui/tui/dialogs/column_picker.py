"""Choose the VPS list's columns and their order: space shows or hides the highlighted column,
shift+↑/↓ (or K/J) move it, Enter saves, Escape cancels. Returns the keys shown, in order."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from lswtui.tui.dialogs.base import DialogScreen, InvalidInput
from lswtui.tui.dialogs.picker import ChoiceList


class ColumnPickerDialog(DialogScreen[list[str] | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit", "Save"),
        Binding("space", "toggle_column", "Show/hide"),
        Binding("shift+up", "move(-1)", "Move the column"),
        Binding("shift+down", "move(1)", "Move the column"),
        Binding("K", "move(-1)", "Move the column", show=False),
        Binding("J", "move(1)", "Move the column", show=False),
    ]
    HELP_TITLE = "Columns"
    SUBMIT_LABEL = "Save"

    def __init__(self, columns: Sequence[tuple[str, str]], shown: Sequence[str]) -> None:
        """``columns``: every (key, label) in the default order; ``shown``: the keys shown now."""
        super().__init__(
            "Columns of the VPS list",
            description="The list shows the ticked columns, in this order, as far as they fit.",
        )
        labels = dict(columns)
        self._labels = labels
        self._order = [k for k in shown if k in labels] + [k for k in labels if k not in shown]
        self._shown = {k for k in shown if k in labels}

    def compose_body(self) -> Iterable[Widget]:
        yield ChoiceList(*self._options(), id="columns")

    def on_mount(self, event: events.Mount) -> None:
        super().on_mount(event)
        options = self.query_one("#columns", OptionList)
        options.highlighted = 0
        options.focus()

    def _options(self) -> list[Option]:
        return [
            Option(Text(f"[{'x' if key in self._shown else ' '}] {self._labels[key]}"), id=key)
            for key in self._order
        ]

    @property
    def _highlighted(self) -> int | None:
        return self.query_one("#columns", OptionList).highlighted

    def _redraw(self, highlighted: int) -> None:
        options = self.query_one("#columns", OptionList)
        options.set_options(self._options())
        options.highlighted = highlighted

    def action_toggle_column(self) -> None:
        index = self._highlighted
        if index is None:
            return
        key = self._order[index]
        self._shown.symmetric_difference_update({key})
        self._redraw(index)

    def action_move(self, step: int) -> None:
        index = self._highlighted
        if index is None or not 0 <= index + step < len(self._order):
            return
        order = self._order
        order[index], order[index + step] = order[index + step], order[index]
        self._redraw(index + step)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()  # Enter on the list: save, as the hint says
        self.action_submit()

    def build_result(self) -> list[str]:
        chosen = [key for key in self._order if key in self._shown]
        if not chosen:
            raise InvalidInput("Show at least one column.")
        return chosen
