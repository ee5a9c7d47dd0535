"""The timeline as a virtual table: newest first, only the visible lines rendered.

It holds the entries that pass its filter, oldest first (a new entry is an append), and draws
line ``n`` from the end. Tens of thousands of entries cost a list, not a widget each.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import ClassVar

from rich.segment import Segment
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from lswtui.cell_fit import fit
from lswtui.core.audit_report import visible
from lswtui.core.timeline import TimelineEntry

EntryFilter = Callable[[TimelineEntry], bool]
LOUD_OUTCOMES = frozenset({"failed", "unknown"})


def local_time(moment: datetime) -> str:
    return f"{moment.astimezone():%H:%M:%S}"


#: (label, width; 0 = takes the rest) of each column; the account one only with two accounts.
COLUMNS: tuple[tuple[str, int], ...] = (
    ("Time (UTC)", 19),
    ("Local", 8),
    ("Account", 10),
    ("VPS", 10),
    ("Reference", 16),
    ("Kind", 10),
    ("What", 0),
)
#: What the entry says needs this much room; below it the columns in :data:`GIVE_WAY` go,
#: in that order (the local time, then the reference: the VPS id still names the VPS).
WHAT_ROOM = 36
GIVE_WAY = ("Local", "Reference")


def _cells(entry: TimelineEntry) -> tuple[str, ...]:
    return (
        f"{entry.at:%Y-%m-%d %H:%M:%S}",
        local_time(entry.at),
        entry.account,
        entry.vps_id,
        entry.reference,
        entry.kind,
        entry.text,
    )


class TimelineTable(ScrollView, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("pageup,ctrl+b", "page(-1)", "Page up", show=False),
        Binding("pagedown,ctrl+f", "page(1)", "Page down", show=False),
        Binding("home,g", "edge(0)", "Newest", show=False),
        Binding("end,G", "edge(1)", "Oldest", show=False),
        Binding("enter", "choose", "Go to VPS", show=True),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "timeline-table--header",
        "timeline-table--cursor",
        "timeline-table--loud",
        "timeline-table--health",
        "timeline-table--empty",
    }
    DEFAULT_CSS = """
    TimelineTable { background: $surface; scrollbar-size-horizontal: 0; }
    TimelineTable > .timeline-table--header { background: $panel; text-style: bold; }
    TimelineTable > .timeline-table--cursor { background: $block-cursor-blurred-background; }
    TimelineTable:focus > .timeline-table--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold;
    }
    TimelineTable > .timeline-table--loud { color: $text-error; text-style: bold; }
    TimelineTable > .timeline-table--health { color: $text-warning; }
    TimelineTable > .timeline-table--empty { text-style: italic; }
    """

    class Chosen(Message):
        """Enter on an entry."""

        def __init__(self, entry: TimelineEntry) -> None:
            super().__init__()
            self.entry = entry

    def __init__(self, max_rows: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.max_rows = max_rows  # as the timeline keeps: a screen left open stays bounded
        self._view: list[TimelineEntry] = []  # oldest first
        self._matches: EntryFilter = lambda entry: True
        self._accounts: set[str] = set()
        self.cursor = 0  # lines from the newest
        self.empty_text = "Nothing recorded yet."

    # -- data -------------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self._view)

    @property
    def shown(self) -> list[TimelineEntry]:
        """The entries shown, newest first."""
        return self._view[::-1]

    @property
    def selected(self) -> TimelineEntry | None:
        return self._view[-1 - self.cursor] if self._view else None

    def set_entries(self, entries: Iterable[TimelineEntry], matches: EntryFilter) -> None:
        """Show those of ``entries`` (oldest first) that pass ``matches``; the cursor goes to
        the newest."""
        self._matches = matches
        self._view = [entry for entry in entries if matches(entry)]
        self._accounts = {entry.account for entry in self._view}
        self.cursor = 0
        self._resized()
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    def add(self, entry: TimelineEntry) -> None:
        """A new entry on top, if it passes the filter; the cursor stays on its entry."""
        if not self._matches(entry):
            return
        self._view.append(entry)
        self._accounts.add(entry.account)
        if (excess := len(self._view) - self.max_rows) > self.max_rows // 10:
            del self._view[:excess]
        if self.cursor:
            self.cursor = min(self.cursor + 1, len(self._view) - 1)
        self._resized()
        if self.scroll_y:
            self.scroll_to(y=self.scroll_y + 1, animate=False, immediate=True)
        self.refresh()

    def line_text(self, index: int) -> str:
        """Line ``index`` (0: the newest) as the user reads it, without styles."""
        return "".join(self._fitted(self._view[-1 - index], self.size.width or 160))

    # -- cursor -----------------------------------------------------------------------------

    def _move_to(self, index: int) -> None:
        if not self._view:
            return
        old, self.cursor = self.cursor, max(0, min(index, len(self._view) - 1))
        body = max(1, self.size.height - 1)
        if self.cursor < self.scroll_y:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= self.scroll_y + body:
            self.scroll_to(y=self.cursor - body + 1, animate=False, immediate=True)
        else:
            top = int(self.scroll_y)
            for line in (old, self.cursor):
                self.refresh(Region(0, line - top + 1, self.size.width, 1))
            return
        self.refresh()

    def action_cursor(self, delta: int) -> None:
        self._move_to(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        self._move_to(self.cursor + direction * max(1, self.size.height - 2))

    def action_edge(self, end: int) -> None:
        self._move_to(len(self._view) - 1 if end else 0)

    def action_choose(self) -> None:
        if (entry := self.selected) is not None:
            self.post_message(self.Chosen(entry))

    def on_click(self, event: events.Click) -> None:
        if event.y > 0:
            self._move_to(int(self.scroll_y) + event.y - 1)

    def _resized(self) -> None:
        self.virtual_size = Size(self.size.width, len(self._view) + 1)

    def on_resize(self, event: events.Resize) -> None:
        self._resized()

    # -- rendering --------------------------------------------------------------------------

    def _layout(self, width: int) -> list[tuple[int, int]]:
        """(column index, width) of the columns shown: the account one with two accounts; on a
        narrow screen the columns that give way go first, so that What is always read."""
        shown = [
            (i, w)
            for i, (label, w) in enumerate(COLUMNS)
            if label != "Account" or len(self._accounts) > 1
        ]
        for label in GIVE_WAY:
            if width - sum(w + 1 for _, w in shown) >= WHAT_ROOM:
                break
            shown = [(i, w) for i, w in shown if COLUMNS[i][0] != label]
        fixed = sum(w + 1 for _, w in shown)  # a space after each cell
        return [(i, w or max(10, width - fixed)) for i, w in shown]

    def _fitted(self, entry: TimelineEntry, width: int) -> list[str]:
        cells = _cells(entry)
        return [fit(visible(cells[i]), w) + " " for i, w in self._layout(width)]

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if y == 0:
            style = self.get_component_rich_style("timeline-table--header")
            header = "".join(fit(COLUMNS[i][0], w) + " " for i, w in self._layout(width))
            return Strip([Segment(fit(header, width), style)])
        index = int(self.scroll_y) + y - 1
        if index >= len(self._view):
            if y == 1 and not self._view:
                muted = base + self.get_component_rich_style("timeline-table--empty", partial=True)
                return Strip([Segment(fit(f"  {self.empty_text}", width), muted)])
            return Strip.blank(width, base)
        entry = self._view[-1 - index]
        style = base
        if entry.kind == "action" and entry.outcome in LOUD_OUTCOMES:
            style += self.get_component_rich_style("timeline-table--loud", partial=True)
        elif entry.kind == "health":
            style += self.get_component_rich_style("timeline-table--health", partial=True)
        if index == self.cursor:
            style += self.get_component_rich_style("timeline-table--cursor", partial=True)
        text = "".join(self._fitted(entry, width))
        return Strip([Segment(fit(text, width), style)])
