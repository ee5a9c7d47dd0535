"""A detail pane whose content is one keyed DataTable that keeps its cursor across reloads.

A refresh updates the table in place: only cells that changed are rewritten, and the rows are
rebuilt only when the keys or their order changed, or the columns' widths. At most ``MAX_ROWS``
rows are rendered (a DataTable measures every cell: 50,000 rows block the loop for seconds),
with a count above.

The columns fit the pane (issue 11, item 10): each is as wide as its widest cell and its
header, the ``flex`` one takes the width left, and when that is not enough the flex column and
then those with a ``min_width`` give way, their cells cut with … (never a header, never the
cell's start). Only a pane too narrow even for that scrolls sideways.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from lswtui.tui.panes.base import DetailPane

Cell = Text | str  # a str cell is our own plain text; API strings come as Text
MAX_ROWS = 1_000
#: A cell without a value.
NO_VALUE = "–"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    #: Takes the width the other columns leave, and is the first to give way.
    flex: bool = False
    #: Gives way down to this many cells (the header's width at least); None: never cut.
    min_width: int | None = None
    #: When every row that has a value (not blank or ``–``) has the same one, the column is
    #: left out and this note (``{}``: the value) is shown above the table instead.
    shared: str | None = None

    @property
    def floor(self) -> int | None:
        """The narrowest this column gets, or None when it is never cut."""
        if not self.flex and self.min_width is None:
            return None
        return max(cell_len(self.label), self.min_width or 0)


def column_widths(columns: Sequence[Column], natural: Sequence[int], room: int | None) -> list[int]:
    """Each column's width, given its widest cell and ``room``, the cells the pane has for
    them (None while unknown: every column as wide as its content)."""
    widths = list(natural)
    if room is None:
        return widths
    spare = room - sum(widths)
    flex = [i for i, column in enumerate(columns) if column.flex]
    if spare >= 0:
        if flex:
            widths[flex[-1]] += spare  # so a longer value there does not change the layout
        return widths
    giving = flex + [i for i, c in enumerate(columns) if not c.flex and c.floor is not None]
    for i in giving:
        floor = columns[i].floor or 0
        cut = min(-spare, max(0, widths[i] - floor))
        widths[i] -= cut
        spare += cut
        if spare >= 0:
            break
    return widths


#: (index in ``COLUMNS``, width) of each column shown.
Layout = tuple[tuple[int, int], ...]


def _plain(cell: Cell) -> str:
    return cell.plain if isinstance(cell, Text) else cell


def cell_text(cell: Cell) -> Text:
    """The cell as one line that ends in … when its column is narrower."""
    text = cell.copy() if isinstance(cell, Text) else Text(cell)
    text.no_wrap = True
    text.overflow = "ellipsis"
    return text


def _signature(cell: Cell) -> object:
    """What a cell looks like: Text equality ignores the base style, this does not."""
    return (cell.plain, str(cell.style), tuple(cell.spans)) if isinstance(cell, Text) else cell


class TablePane(DetailPane):
    """Subclasses give ``COLUMNS`` and ``rows(data)`` yielding (key, cells)."""

    COLUMNS: Sequence[Column] = ()
    EMPTY = "Nothing here."
    NOUN = "rows"

    DEFAULT_CSS = """
    TablePane > .pane-count { color: $text-muted; height: auto; display: none; }
    TablePane > .pane-caption { height: auto; display: none; padding: 0 1; }
    /* A row the user never chose is not shown as selected: one widget looks selected at a
       time (the VPS list's cursor), and no action takes that row without asking. */
    TablePane > DataTable.-unchosen > .datatable--cursor {
        background: $surface 0%; color: $foreground; text-style: none;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: dict[str, tuple[object, ...]] = {}  # row key -> signatures of its cells
        self._layout_shown: Layout = ()  # the columns as laid out
        self._chosen_for: str | None = None  # the VPS whose row the user chose in the table

    def compose(self) -> ComposeResult:
        yield self.compose_error()
        yield Static("", classes="pane-count")
        yield Static("", classes="pane-caption")
        empty = Static(Text(self.EMPTY), classes="pane-empty")
        empty.display = False  # until a load finds no rows
        yield empty
        table: DataTable[Cell] = DataTable(cursor_type="row", zebra_stripes=True)
        for column in self.COLUMNS:
            table.add_column(column.label, key=column.key)
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

    def empty_text(self) -> str:
        """What the pane says when the VPS has none of its rows."""
        return self.EMPTY

    def notes(self, data: Any) -> list[str]:
        """Lines above the table (a legend of the marks in its cells)."""
        return []

    def show(self, data: Any) -> None:
        rows: dict[str, tuple[Cell, ...]] = {}
        for key, cells in self.rows(data[:MAX_ROWS]):
            rows.setdefault(key, tuple(cells))  # a repeated key (a duplicate item) shows once
        empty = self.query_one(".pane-empty", Static)
        empty.display = not rows  # a message, not a row to select
        if not rows:
            empty.update(Text(self.empty_text()))
        self.table.display = bool(rows)
        shared = self._shared(rows)
        notes = [*self.notes(data[:MAX_ROWS]), *shared.values()]
        caption = self.query_one(".pane-caption", Static)
        caption.display = bool(notes)
        caption.update(Text("\n").join(Text(note) for note in notes))
        shown = {key: tuple(map(_signature, cells)) for key, cells in rows.items()}
        layout = self._layout(rows, [i for i in range(len(self.COLUMNS)) if i not in shared])
        if list(shown) == list(self._shown) and layout == self._layout_shown:
            self._update_cells(rows, shown)
        else:
            self._rebuild(rows, layout)
        self._shown, self._layout_shown = shown, layout
        self.table.set_class(not self.chosen, "-unchosen")
        count = self.query_one(".pane-count", Static)
        count.display = len(data) > MAX_ROWS
        count.update(f"Showing the first {MAX_ROWS:,} of {len(data):,} {self.NOUN}.")

    def on_resize(self, event: events.Resize) -> None:
        if self.data is not None and self.shown_for is not None:
            self.show(self.data)  # the columns fit the new width

    def _shared(self, rows: dict[str, tuple[Cell, ...]]) -> dict[int, str]:
        """The note of each ``shared`` column whose value is the same on every row with one."""
        notes: dict[int, str] = {}
        for i, column in enumerate(self.COLUMNS):
            values = {_plain(cells[i]) for cells in rows.values()} - {"", NO_VALUE}
            if column.shared is not None and len(values) == 1:
                notes[i] = column.shared.format(values.pop())
        return notes

    def _layout(self, rows: dict[str, tuple[Cell, ...]], visible: list[int]) -> Layout:
        """(column index, width) of the columns shown, fitted to the pane."""
        columns = [self.COLUMNS[i] for i in visible]
        natural = [cell_len(column.label) for column in columns]
        for cells in rows.values():
            for n, i in enumerate(visible):
                natural[n] = max(natural[n], cell_len(_plain(cells[i])))
        table = self.table
        room: int | None = None
        if self.size.width:
            # A scrollbar once the rows (a header, a caption) outgrow the pane.
            tall = len(rows) + 2 >= self.size.height
            scrollbar = table.styles.scrollbar_size_vertical if tall else 0
            room = self.size.width - scrollbar - 2 * table.cell_padding * len(columns)
        return tuple(zip(visible, column_widths(columns, natural, room), strict=True))

    def _update_cells(
        self, rows: dict[str, tuple[Cell, ...]], shown: dict[str, tuple[object, ...]]
    ) -> None:
        table = self.table
        for key, signatures in shown.items():
            before = self._shown[key]
            for i, _ in self._layout_shown:
                if before[i] != signatures[i]:
                    table.update_cell(key, self.COLUMNS[i].key, cell_text(rows[key][i]))

    def _rebuild(self, rows: dict[str, tuple[Cell, ...]], layout: Layout) -> None:
        table = self.table
        selected = self.selected_key
        table.clear(columns=True)
        for i, width in layout:
            table.add_column(self.COLUMNS[i].label, width=width, key=self.COLUMNS[i].key)
        for key, cells in rows.items():
            table.add_row(*(cell_text(cells[i]) for i, _ in layout), key=key)
        if selected is not None and selected in table.rows:
            table.move_cursor(row=table.get_row_index(selected))
