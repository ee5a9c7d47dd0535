"""The VPS list: a virtual table that renders only the visible lines.

A stock DataTable measures every cell of every new row (seconds at 10,000 rows, see
docs/TEXTUAL.md §2.2) and loses the cursor on ``clear()``. This table keeps the fleet as plain
rows, filters and sorts an index of ids, and renders each visible line on demand, so a refresh
of any size costs one re-index plus one repaint of the visible lines. The cursor follows the
selected VPS id, not a row number, so refreshes, filters and sorts never lose the user's place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from lswtui.core.fleet import FleetRow

STATE_GLYPHS = {
    "RUNNING": "●",
    "STOPPED": "○",
    "STARTING": "◐",
    "STOPPING": "◑",
}


def state_text(state: str) -> str:
    """Glyph plus the word, so state never depends on colour alone. Unknown states verbatim."""
    return f"{STATE_GLYPHS.get(state, '?')} {state}"


def _numeric_id(row: FleetRow) -> tuple[int, str]:
    return (int(row.vps_id), "") if row.vps_id.isdigit() else (0, row.vps_id)


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    width: int
    cell: Callable[[FleetRow], str]
    sort_key: Callable[[FleetRow], object]
    flex: bool = False
    min_total_width: int = 0  # hidden when the table is narrower than this


COLUMNS: tuple[Column, ...] = (
    Column("state", "State", 11, lambda r: state_text(r.state), lambda r: r.state),
    Column("id", "ID", 10, lambda r: r.vps_id, _numeric_id),
    Column("reference", "Reference", 12, lambda r: r.reference, lambda r: r.reference.lower(), flex=True),
    Column(
        "main_ip",
        "Main IP",
        19,
        lambda r: r.main_ip + (" ⊘" if r.main_ip_null_routed else ""),
        lambda r: r.main_ip,
    ),
    Column("region", "Region", 21, lambda r: f"{r.region} {r.datacenter}".strip(), lambda r: r.region, min_total_width=78),
    Column("pack", "Pack", 7, lambda r: r.pack.replace("Leaseweb ", ""), lambda r: r.pack, min_total_width=96),
    Column("image", "Image", 14, lambda r: r.image, lambda r: r.image.lower(), flex=True, min_total_width=84),
)
SORTABLE = tuple(column.key for column in COLUMNS)
MARKER_WIDTH = 2


class FleetTable(ScrollView, can_focus=True):
    """Keyboard-first VPS table with filter, sort, change flashes and pending markers."""

    BINDINGS = [
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("pageup,ctrl+b", "page(-1)", "Page up", show=False),
        Binding("pagedown,ctrl+f", "page(1)", "Page down", show=False),
        Binding("home,g", "edge(0)", "First", show=False),
        Binding("end,G", "edge(1)", "Last", show=False),
    ]

    COMPONENT_CLASSES = {
        "fleet-table--header",
        "fleet-table--cursor",
        "fleet-table--changed",
        "fleet-table--new",
        "fleet-table--gone",
        "fleet-table--state-running",
        "fleet-table--state-stopped",
        "fleet-table--state-moving",
        "fleet-table--state-unknown",
        "fleet-table--null-routed",
        "fleet-table--pending",
        "fleet-table--stale",
    }

    DEFAULT_CSS = """
    FleetTable { background: $surface; scrollbar-size-horizontal: 0; }
    FleetTable > .fleet-table--header { background: $panel; text-style: bold; }
    FleetTable > .fleet-table--cursor { background: $block-cursor-blurred-background; }
    FleetTable:focus > .fleet-table--cursor { background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold; }
    FleetTable > .fleet-table--changed { background: $warning-muted; text-style: bold; }
    FleetTable > .fleet-table--new { background: $success-muted; }
    FleetTable > .fleet-table--gone { color: $text-disabled; text-style: strike; }
    FleetTable > .fleet-table--state-running { color: $text-success; }
    FleetTable > .fleet-table--state-stopped { color: $text-error; }
    FleetTable > .fleet-table--state-moving { color: $text-warning; text-style: bold; }
    FleetTable > .fleet-table--state-unknown { color: $text-accent; text-style: italic; }
    FleetTable > .fleet-table--null-routed { color: $text-error; text-style: bold; }
    FleetTable > .fleet-table--pending { color: $text-warning; text-style: bold; }
    FleetTable > .fleet-table--stale { color: $text-muted; }
    """

    selected_id: reactive[str | None] = reactive(None, init=False, always_update=False)
    stale: reactive[bool] = reactive(False)

    class Selected(Message):
        """The highlighted VPS changed (or disappeared, with ``vps_id`` None)."""

        def __init__(self, vps_id: str | None) -> None:
            super().__init__()
            self.vps_id = vps_id

    def __init__(self, *, name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        self._rows: dict[str, FleetRow] = {}
        self._view: list[str] = []
        self._index: dict[str, int] = {}
        self._matches: Callable[[FleetRow], bool] = lambda row: True
        self.sort_column = "id"
        self.sort_reverse = False
        self.marks: dict[str, str] = {}  # vps id -> "changed" | "new" | "gone"
        self.pending: set[str] = set()  # vps ids with an action in flight or being tracked
        self._gone: dict[str, FleetRow] = {}

    # -- data -------------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self._view)

    @property
    def total_count(self) -> int:
        return len(self._rows)

    @property
    def visible_ids(self) -> list[str]:
        return list(self._view)

    def row(self, vps_id: str) -> FleetRow | None:
        return self._rows.get(vps_id) or self._gone.get(vps_id)

    def set_rows(self, rows: dict[str, FleetRow], gone: dict[str, FleetRow] | None = None) -> None:
        """Replace the fleet. Vanished VPSes passed in ``gone`` stay listed, struck through."""
        self._rows = rows
        self._gone = {k: v for k, v in (gone or {}).items() if k not in rows}
        self._reindex()

    def set_filter(self, matches: Callable[[FleetRow], bool]) -> None:
        self._matches = matches
        self._reindex()

    def sort_by(self, column: str) -> None:
        """Sort by a column; choosing the current column again reverses the order."""
        if column == self.sort_column:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_column, self.sort_reverse = column, False
        self._reindex()

    def row_text(self, vps_id: str) -> str:
        """The line as the user sees it (for tests and copy), without styles."""
        row = self.row(vps_id)
        return "" if row is None else "".join(text for text, _ in self._cells(row, self.size.width or 120))

    def _reindex(self) -> None:
        column = next(c for c in COLUMNS if c.key == self.sort_column)
        everything = list(self._rows.values()) + list(self._gone.values())
        shown = [row for row in everything if self._matches(row)]
        shown.sort(key=column.sort_key, reverse=self.sort_reverse)
        self._view = [row.vps_id for row in shown]
        self._index = {vps_id: i for i, vps_id in enumerate(self._view)}
        self.virtual_size = Size(self.size.width, len(self._view) + 1)
        if self.selected_id not in self._index:
            self.selected_id = self._view[0] if self._view else None
        self._scroll_cursor_visible()
        self.refresh()

    # -- cursor -----------------------------------------------------------------------------

    @property
    def cursor_row(self) -> int:
        return self._index.get(self.selected_id, 0) if self.selected_id else 0

    def select(self, vps_id: str) -> bool:
        """Move the cursor to a VPS; False when it is not in the (filtered) view."""
        if vps_id not in self._index:
            return False
        self.selected_id = vps_id
        return True

    def _move_to(self, index: int) -> None:
        if self._view:
            self.selected_id = self._view[max(0, min(index, len(self._view) - 1))]

    def watch_selected_id(self, old: str | None, new: str | None) -> None:
        self._scroll_cursor_visible()
        self.refresh()
        self.post_message(self.Selected(new))

    def _scroll_cursor_visible(self) -> None:
        body = max(1, self.size.height - 1)
        row = self.cursor_row
        if row < self.scroll_y:
            self.scroll_to(y=row, animate=False, immediate=True)
        elif row >= self.scroll_y + body:
            self.scroll_to(y=row - body + 1, animate=False, immediate=True)

    def action_cursor(self, delta: int) -> None:
        self._move_to(self.cursor_row + delta)

    def action_page(self, direction: int) -> None:
        self._move_to(self.cursor_row + direction * max(1, self.size.height - 2))

    def action_edge(self, end: int) -> None:
        self._move_to(len(self._view) - 1 if end else 0)

    def on_click(self, event: events.Click) -> None:
        if event.y == 0:
            self._sort_at(event.x)
        else:
            self._move_to(int(self.scroll_y) + event.y - 1)

    def _sort_at(self, x: int) -> None:
        offset = MARKER_WIDTH
        for column, width in self._layout(self.size.width):
            if offset <= x < offset + width + 1:
                self.sort_by(column.key)
                return
            offset += width + 1

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self._view) + 1)
        self._scroll_cursor_visible()

    # -- rendering --------------------------------------------------------------------------

    def _layout(self, width: int) -> list[tuple[Column, int]]:
        columns = [c for c in COLUMNS if width >= c.min_total_width]
        fixed = MARKER_WIDTH + sum(c.width + 1 for c in columns)
        flex = [c for c in columns if c.flex]
        spare = max(0, width - fixed)
        share, extra = divmod(spare, len(flex)) if flex else (0, 0)
        layout = []
        for column in columns:
            grow = share + (1 if column is flex[-1] else 0) * extra if column.flex else 0
            layout.append((column, column.width + grow))
        return layout

    def _marker(self, vps_id: str) -> str:
        if vps_id in self.pending:
            return "⟳"
        return {"changed": "Δ", "new": "+", "gone": "✗"}.get(self.marks.get(vps_id, ""), " ")

    def _cells(self, row: FleetRow, width: int) -> list[tuple[str, str]]:
        """(text, style role) pairs, padded to the column widths."""
        cells = [(self._marker(row.vps_id).ljust(MARKER_WIDTH), "marker")]
        for column, col_width in self._layout(width):
            text = column.cell(row)
            text = text if len(text) <= col_width else text[: col_width - 1] + "…"
            cells.append((text.ljust(col_width) + " ", column.key))
        return cells

    def _state_style(self, state: str) -> Style:
        if state == "RUNNING":
            role = "state-running"
        elif state == "STOPPED":
            role = "state-stopped"
        elif state in STATE_GLYPHS:
            role = "state-moving"
        else:
            role = "state-unknown"
        return self.get_component_rich_style(f"fleet-table--{role}", partial=True)

    def _header_strip(self, width: int) -> Strip:
        style = self.get_component_rich_style("fleet-table--header")
        parts = [" " * MARKER_WIDTH]
        for column, col_width in self._layout(width):
            arrow = ("▼" if self.sort_reverse else "▲") if column.key == self.sort_column else ""
            parts.append(f"{column.label}{arrow}"[:col_width].ljust(col_width) + " ")
        return Strip([Segment("".join(parts).ljust(width)[:width], style)]).crop(0, width)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y == 0:
            return self._header_strip(width)
        index = int(self.scroll_y) + y - 1
        base = self.rich_style
        if index >= len(self._view):
            return Strip.blank(width, base)
        vps_id = self._view[index]
        row = self.row(vps_id)
        assert row is not None
        line_style = base
        mark = "gone" if vps_id in self._gone else self.marks.get(vps_id)
        if mark:
            line_style += self.get_component_rich_style(f"fleet-table--{mark}", partial=True)
        if self.stale:
            line_style += self.get_component_rich_style("fleet-table--stale", partial=True)
        if vps_id == self.selected_id:
            line_style += self.get_component_rich_style("fleet-table--cursor", partial=True)
        segments = []
        for text, role in self._cells(row, width):
            style = line_style
            if role == "state" and vps_id in self.pending:
                style = line_style + self.get_component_rich_style("fleet-table--pending", partial=True)
            elif role == "state" and not mark:  # a flashed row keeps one colour, readable on its highlight
                style = line_style + self._state_style(row.state)
            elif role == "main_ip" and row.main_ip_null_routed:
                style = line_style + self.get_component_rich_style("fleet-table--null-routed", partial=True)
            segments.append(Segment(text, style))
        strip = Strip(segments)
        return strip.extend_cell_length(width, line_style).crop(0, width)
