"""A detail pane whose content is one keyed DataTable that keeps its cursor across reloads."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable

from lswtui.tui.panes.base import DetailPane

Cell = Text | str  # DataTable parses a str cell as markup: give API strings as Text


class TablePane(DetailPane):
    """Subclasses give ``COLUMNS`` (key, label) and ``rows(data)`` yielding (key, cells)."""

    COLUMNS: Sequence[tuple[str, str]] = ()
    EMPTY = "Nothing here."

    def compose(self) -> ComposeResult:
        yield self.compose_error()
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

    def rows(self, data: Any) -> Iterable[tuple[str, Sequence[Cell]]]:
        raise NotImplementedError

    def show(self, data: Any) -> None:
        table = self.table
        selected = self.selected_key
        table.clear()
        for key, cells in self.rows(data):
            table.add_row(*cells, key=key)
        if table.row_count == 0:
            table.add_row(*([Text(self.EMPTY, style="italic")] + [""] * (len(self.COLUMNS) - 1)), key="")
        if selected is not None and selected in table.rows:
            table.move_cursor(row=table.get_row_index(selected))
