"""A detail pane whose content is one keyed DataTable that keeps its cursor across reloads.

A refresh updates the table in place: only cells that changed are rewritten, and the rows are
rebuilt only when the keys or their order changed. At most ``MAX_ROWS`` rows are rendered (a
DataTable measures every cell: 50,000 rows block the loop for seconds), with a count above.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from lswtui.tui.panes.base import DetailPane

Cell = Text | str  # DataTable parses a str cell as markup: give API strings as Text
MAX_ROWS = 1_000


def _signature(cell: Cell) -> object:
    """What a cell looks like: Text equality ignores the base style, this does not."""
    return (cell.plain, str(cell.style), tuple(cell.spans)) if isinstance(cell, Text) else cell


class TablePane(DetailPane):
    """Subclasses give ``COLUMNS`` (key, label) and ``rows(data)`` yielding (key, cells)."""

    COLUMNS: Sequence[tuple[str, str]] = ()
    EMPTY = "Nothing here."
    NOUN = "rows"

    DEFAULT_CSS = """
    TablePane > .pane-count { color: $text-muted; height: auto; display: none; }
    /* A row the user never chose is not shown as selected: one widget looks selected at a
       time (the VPS list's cursor), and no action takes that row without asking. */
    TablePane > DataTable.-unchosen > .datatable--cursor {
        background: $surface 0%; color: $foreground; text-style: none;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: dict[str, tuple[object, ...]] = {}  # row key -> signatures of its cells
        self._chosen_for: str | None = None  # the VPS whose row the user chose in the table

    def compose(self) -> ComposeResult:
        yield self.compose_error()
        yield Static("", classes="pane-count")
        empty = Static(Text(self.EMPTY), classes="pane-empty")
        empty.display = False  # until a load finds no rows
        yield empty
        table: DataTable[Cell] = DataTable(cursor_type="row", zebra_stripes=True)
        for key, label in self.COLUMNS:
            table.add_column(label, key=key)
        yield table

    @property
    def table(self) -> DataTable[Cell]:
        return self.query_one(DataTable)

    @property
    def selected_key(self) -> str | None:
        table = self.table
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    @property
    def chosen(self) -> bool:
        """The user chose the cursor's row for this VPS (went into the table, moved in it or
        clicked it): an action on a row takes it without asking which; otherwise the first
        row is only where the cursor happens to start."""
        return self._chosen_for is not None and self._chosen_for == self.shown_for

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if event.widget is self.table:
            self._choose()

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.table.has_focus:
            self._choose()

    def _choose(self) -> None:
        self._chosen_for = self.shown_for
        self.table.remove_class("-unchosen")

    def rows(self, data: Any) -> Iterable[tuple[str, Sequence[Cell]]]:
        raise NotImplementedError

    def show(self, data: Any) -> None:
        rows: dict[str, tuple[Cell, ...]] = {}
        for key, cells in self.rows(data[:MAX_ROWS]):
            rows.setdefault(key, tuple(cells))  # a repeated key (a duplicate item) shows once
        self.query_one(".pane-empty").display = not rows  # a message, not a row to select
        self.table.display = bool(rows)
        shown = {key: tuple(map(_signature, cells)) for key, cells in rows.items()}
        if list(shown) == list(self._shown):
            self._update_cells(rows, shown)
        else:
            self._rebuild(rows)
        self._shown = shown
        self.table.set_class(not self.chosen, "-unchosen")
        count = self.query_one(".pane-count", Static)
        count.display = len(data) > MAX_ROWS
        count.update(f"Showing the first {MAX_ROWS:,} of {len(data):,} {self.NOUN}.")

    def _update_cells(
        self, rows: dict[str, tuple[Cell, ...]], shown: dict[str, tuple[object, ...]]
    ) -> None:
        table = self.table
        for key, signatures in shown.items():
            before = self._shown[key]
            for (column, _), cell, old, new in zip(
                self.COLUMNS, rows[key], before, signatures, strict=False
            ):
                if old != new:
                    table.update_cell(key, column, cell, update_width=True)

    def _rebuild(self, rows: dict[str, tuple[Cell, ...]]) -> None:
        table = self.table
        selected = self.selected_key
        table.clear()
        for key, cells in rows.items():
            table.add_row(*cells, key=key)
        if selected is not None and selected in table.rows:
            table.move_cursor(row=table.get_row_index(selected))
