"""The VPS list: a virtual table that renders only the visible lines.

A stock DataTable measures every cell of every new row (seconds at 10,000 rows; the benchmark
``python -m tests.bench`` shows it beside this table) and loses the cursor on ``clear()``.
This table keeps the fleet as plain rows, keeps every id in sort order and the filtered ids
beside them, and renders each visible line on demand. A refresh moves only the rows that
changed (by bisection), a filter re-scans the sorted ids without sorting, and only a new sort
column sorts. The cursor follows the selected VPS id, not a row number, so refreshes, filters
and sorts never lose the user's place.

Rows are keyed by the VPS id; with several accounts open, by the row key ``account/id``
(:func:`lswtui.core.accounts.row_key`), and an Account column shows, and the view may be
narrowed to one account (``scope``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from lswtui.cell_fit import fit
from lswtui.core.filtering import RowFilter, compile_filter, filter_notes
from lswtui.core.fleet import FleetRow
from lswtui.core.row_extras import Extras
from lswtui.tui.widgets.dimming import dimmed

STATE_GLYPHS = {
    "RUNNING": "●",
    "STOPPED": "○",
    "STARTING": "◐",
    "STOPPING": "◑",
}


def state_text(state: str) -> str:
    """Glyph plus the word, so state never depends on colour alone. Unknown states verbatim."""
    return f"{STATE_GLYPHS.get(state, '?')} {state}"


MAX_NUMERIC_DIGITS = 18  # longer ids (and any not ASCII 0-9) sort as text, after the numbers

IdKey = tuple[int, int, str]


def id_sort_key(vps_id: str) -> IdKey:
    """Numeric order for plain decimal ids, always tie-broken by the id itself.

    The id string is part of the key, so two ids never share one (``0100000001`` and
    ``100000001`` are two rows), and only ASCII digits of bounded length reach ``int()``
    (``"①".isdigit()`` is true, and a 5000-digit id exceeds ``int()``'s limit).
    """
    if vps_id.isascii() and vps_id.isdecimal() and len(vps_id) <= MAX_NUMERIC_DIGITS:
        return 0, int(vps_id), vps_id
    return 1, 0, vps_id


def _blank_last(text: str) -> tuple[bool, str]:
    """A text sort key, case-insensitive, that puts an empty value after every other."""
    return not text, text.lower()


def _started(row: FleetRow) -> str:
    return f"{row.started_at:%Y-%m-%d %H:%M}" if row.started_at else ""


def _unread(row: FleetRow) -> str:
    """The cell of a column whose value is read per VPS (see ``Column.detail``)."""
    return ""


@dataclass(frozen=True)
class Column:
    """One column the list can show. Its width follows its content (the widest cell present,
    at least the label), up to ``width``; a ``flex`` column then grows into the spare room
    (and the list asks for room to show it whole, up to ``FLEX_MAX``)."""

    key: str
    label: str
    width: int
    cell: Callable[[FleetRow], str]
    sort_key: Callable[[FleetRow], object] | None  # None: not sortable
    flex: bool = False
    min_total_width: int = 0  # hidden when the table is narrower than this
    #: For facts ``GET /vps`` does not carry (ISO, contract end): the cell from the VPS's
    #: extras once read (:mod:`lswtui.core.row_extras`), ``UNREAD`` until then.
    detail: Callable[[Extras], str] | None = None
    several_accounts: bool = False  # shown only while more than one account is open


UNREAD = "·"  # a per-VPS fact not read yet

COLUMNS: tuple[Column, ...] = (
    Column(
        "account",
        "Account",
        7,
        lambda r: r.account,
        lambda r: _blank_last(r.account),
        several_accounts=True,
    ),
    Column("state", "State", 11, lambda r: state_text(r.state), lambda r: r.state),
    Column("id", "ID", 20, lambda r: r.vps_id, lambda r: id_sort_key(r.vps_id)),
    Column(
        "reference",
        "Reference",
        12,
        lambda r: r.reference,
        lambda r: _blank_last(r.reference),
        flex=True,
    ),
    Column(
        "main_ip",
        "Main IP",
        19,
        lambda r: r.main_ip + (" ⊘" if r.main_ip_null_routed else ""),
        lambda r: r.main_ip,
    ),
    Column(
        "region",
        "Region",
        24,
        lambda r: f"{r.region} {r.datacenter}".strip(),
        lambda r: r.region,
        min_total_width=78,
    ),
    Column(
        "pack",
        "Pack",
        7,
        lambda r: r.pack.replace("Leaseweb ", ""),
        lambda r: r.pack,
        min_total_width=96,
    ),
    Column(
        "image",
        "Image",
        14,
        lambda r: r.image,
        lambda r: _blank_last(r.image),
        flex=True,
        min_total_width=84,
    ),
    # Not shown unless chosen (the column picker, ``columns`` in the config):
    Column("datacenter", "DC", 10, lambda r: r.datacenter, lambda r: _blank_last(r.datacenter)),
    Column("ipv6", "IPv6", 39, lambda r: r.ipv6, lambda r: _blank_last(r.ipv6)),
    Column("started", "Started", 16, _started, lambda r: (r.started_at is None, _started(r))),
    Column(
        "market_app", "Market app", 24, lambda r: r.market_app, lambda r: _blank_last(r.market_app)
    ),
    Column("iso", "ISO", 24, _unread, None, detail=lambda e: e.iso or "–"),
    Column(
        "contract_end",
        "Contract end",
        12,
        _unread,
        None,
        detail=lambda e: f"{e.contract_ends:%Y-%m-%d}" if e.contract_ends else "–",
    ),
)
COLUMNS_BY_KEY = {column.key: column for column in COLUMNS}
DEFAULT_COLUMNS = ("state", "id", "reference", "main_ip", "region", "pack", "image")
SORTABLE = tuple(c.key for c in COLUMNS if c.sort_key is not None)
DETAIL_COLUMNS = frozenset(c.key for c in COLUMNS if c.detail is not None)
MARKER_WIDTH = 3  # the change, action or bulk mark, the watch mark, a space
WATCH_MARK = "★"
FLEX_MAX = 40  # the most a flex column asks for (a longer reference or image is cut with …)
MIN_CELL_WIDTH = 6  # a column squeezed narrower than this is dropped instead
MIN_MOVES = 64  # a refresh changing more rows than this (or 1/4 of them) sorts everything again

SortKey = tuple[object, IdKey, str]  # the column's key, the id's, the account (equal ids)
#: (column key, cells of its widest content) for the columns shown: what the layout depends on.
ContentWidths = tuple[tuple[str, int], ...]


def chosen_columns(keys: Sequence[str] | None) -> tuple[tuple[str, ...], list[str]]:
    """The columns to show for a configured choice (None: the default), and the unknown keys."""
    if keys is None:
        return DEFAULT_COLUMNS, []
    known = tuple(dict.fromkeys(k for k in keys if k in COLUMNS_BY_KEY))
    return known or DEFAULT_COLUMNS, [k for k in keys if k not in COLUMNS_BY_KEY]


def _base_width(column: Column, content: int) -> int:
    """What the column takes before flex: its content (at least its label and the sort arrow),
    up to its ``width``; the state column always its whole content (``MAINTENANCE``)."""
    wanted = max(content, len(column.label) + 1)
    return wanted if column.key == "state" else min(wanted, column.width)


def _flex_width(column: Column, content: int) -> int:
    """What a flex column needs to show its content whole (up to ``FLEX_MAX``)."""
    return min(max(content, len(column.label) + 1), FLEX_MAX)


def natural_width(widths: ContentWidths) -> int:
    """The cells the columns want to show their content whole, marker and scrollbar included."""
    total = MARKER_WIDTH + 1
    for key, content in widths:
        column = COLUMNS_BY_KEY[key]
        wanted = _flex_width(column, content) if column.flex else 0
        total += max(wanted, _base_width(column, content)) + 1
    return total


@lru_cache(maxsize=8)
def _column_layout(width: int, widths: ContentWidths) -> tuple[tuple[Column, int], ...]:
    """The columns that fit ``width`` and their widths (computed once per width and content,
    not per line)."""
    content = dict(widths)
    columns = [COLUMNS_BY_KEY[k] for k, _ in widths]
    columns = [c for c in columns if width >= c.min_total_width]
    base = {c.key: _base_width(c, content[c.key]) for c in columns}
    fixed = MARKER_WIDTH + sum(base[c.key] + 1 for c in columns)
    while fixed > width and columns:  # too narrow (a scrollbar, a long state): the last gives way
        last = columns[-1]
        if base[last.key] - (fixed - width) >= MIN_CELL_WIDTH:
            base[last.key] -= fixed - width
            fixed = width
        else:
            columns.pop()
            fixed -= base[last.key] + 1
    flex = [c for c in columns if c.flex]
    spare = max(0, width - fixed)
    for column in flex:  # first each flex column up to its content, in order
        grow = min(spare, max(0, _flex_width(column, content[column.key]) - base[column.key]))
        base[column.key] += grow
        spare -= grow
    share, extra = divmod(spare, len(flex)) if flex else (0, 0)
    layout = []
    for column in columns:
        grow = share + (1 if column is flex[-1] else 0) * extra if column.flex else 0
        layout.append((column, base[column.key] + grow))
    return tuple(layout)


class FleetTable(ScrollView, can_focus=True):
    """Keyboard-first VPS table with filter, sort, change flashes and pending markers."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("pageup,ctrl+b", "page(-1)", "Page up", show=False),
        Binding("pagedown,ctrl+f", "page(1)", "Page down", show=False),
        Binding("home,g", "edge(0)", "First", show=False),
        Binding("end,G", "edge(1)", "Last", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
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
        "fleet-table--empty",
        "fleet-table--marked",
    }

    DEFAULT_CSS = """
    FleetTable { background: $surface; scrollbar-size-horizontal: 0; }
    FleetTable > .fleet-table--header { background: $panel; text-style: bold; }
    /* Opaque: a component style loses its alpha, and $block-cursor-blurred-background (30 %
       primary) then drew the blurred cursor as the focused one (two widgets looked selected). */
    FleetTable > .fleet-table--cursor { background: $primary-muted; }
    FleetTable:focus > .fleet-table--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold;
    }
    FleetTable > .fleet-table--changed { background: $warning-muted; text-style: bold; }
    FleetTable > .fleet-table--new { background: $success-muted; }
    FleetTable > .fleet-table--gone { color: $text-disabled; text-style: strike; }
    FleetTable > .fleet-table--state-running { color: $text-success; }
    FleetTable > .fleet-table--state-stopped { color: $text-error; }
    FleetTable > .fleet-table--state-moving { color: $text-warning; text-style: bold; }
    FleetTable > .fleet-table--state-unknown { color: $text-accent; text-style: italic; }
    FleetTable > .fleet-table--null-routed { color: $text-error; text-style: bold; }
    FleetTable > .fleet-table--pending { color: $text-warning; text-style: bold; }
    FleetTable > .fleet-table--empty { text-style: italic; }
    FleetTable > .fleet-table--marked { background: $accent-muted; text-style: bold; }
    """

    selected_id: reactive[str | None] = reactive(None, init=False, always_update=False)
    stale: reactive[bool] = reactive(False)

    class RowsChanged(Message):
        """A new copy of the fleet is listed (rows may have come or gone)."""

    class Selected(Message):
        """The highlighted VPS changed (or disappeared, with ``vps_id`` None)."""

        def __init__(self, vps_id: str | None) -> None:
            super().__init__()
            self.vps_id = vps_id

    def __init__(self, *, name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        self._rows: dict[str, FleetRow] = {}
        self._order: list[str] = []  # every id, rows and gone, in sort order
        self._view: list[str] = []  # the ids of _order that pass the filter
        self._index: dict[str, int] | None = None  # id -> position in _view, rebuilt on demand
        self._keys: dict[str, SortKey] = {}  # id -> sort key of every id in _order
        self._matches: RowFilter = compile_filter("")
        self._hidden_id: str | None = None  # the selected row, while no row is shown
        #: The row the user was on when a filter took the cursor off it (a word's first letters
        #: match other rows before the word matches none): what esc comes back to.
        self._displaced_id: str | None = None
        self.sort_column = "id"
        self.sort_reverse = False
        self.marks: Mapping[str, str] = {}  # row key -> "changed" | "new"
        #: With several accounts open (rows keyed by account and id): the longest name, for
        #: the Account column; 0 hides it.
        self.account_width = 0
        self.stale_accounts: set[str] = set()  # accounts whose rows are the last known ones
        self.scope: str | None = None  # the one account shown, or None for all
        self._matched_elsewhere: dict[str, int] | None = None  # in the accounts not shown
        self.pending: set[str] = set()  # vps ids with an action in flight or being tracked
        self.watched: Callable[[FleetRow], bool] = lambda row: False  # its account watches it
        self._gone: dict[str, FleetRow] = {}
        self.columns: tuple[str, ...] = DEFAULT_COLUMNS  # the columns chosen, in order
        self._content: dict[str, int] = {}  # column key -> cells of its widest value present
        self._widths: ContentWidths = tuple((key, 0) for key in self.columns)
        self._loaded = False  # set_rows was called: an empty list is empty, not loading
        #: The row keys marked for a bulk action (the screen's :class:`~lswtui.core.marks.Marks`).
        self.marked: Container[str] = ()
        #: The per-VPS facts of the detail columns (ISO, contract end), None until read.
        self.extras: Callable[[FleetRow], Extras | None] = lambda row: None

    # -- data -------------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self._view)

    @property
    def total_count(self) -> int:
        """The VPSes in the account (not those gone, still listed a while)."""
        return len(self._rows)

    @property
    def shown_count(self) -> int:
        """The VPSes in the account that pass the filter."""
        gone = self._gone
        return (
            len(self._view) - sum(1 for vps_id in self._view if vps_id in gone)
            if gone
            else len(self._view)
        )

    @property
    def empty_reason(self) -> str | None:
        """Why no row is listed (for the list, the detail pane and actions), None if one is."""
        if self._view or not self._loaded:
            return None
        if not self._rows and not self._gone:
            return "No VPS in this account."
        if self.scope is not None and not any(r.account == self.scope for r in self._rows.values()):
            return f"No VPS in account {self.scope}."
        return "No VPS matches the filter (esc clears it)."

    @property
    def visible_ids(self) -> list[str]:
        return list(self._view)

    def row(self, vps_id: str) -> FleetRow | None:
        return self._rows.get(vps_id) or self._gone.get(vps_id)

    @property
    def current_rows(self) -> dict[str, FleetRow]:
        """The rows of the fleet (not those gone, still listed a while)."""
        return self._rows

    def set_rows(self, rows: dict[str, FleetRow], gone: dict[str, FleetRow] | None = None) -> None:
        """Replace the fleet. Vanished VPSes passed in ``gone`` stay listed, struck through.

        Rows that are the very objects already shown cost nothing: pass unchanged rows again
        (not equal copies) and only the others are moved, unless so many changed that sorting
        everything again is cheaper.
        """
        gone = {k: v for k, v in (gone or {}).items() if k not in rows}
        changed = self._changed_ids(rows, gone)
        if not changed and self._loaded:  # a refresh that found nothing new: nothing to draw
            self._rows, self._gone = rows, gone
            return
        self._loaded = True
        self._measure(row for k in changed if (row := rows.get(k) or gone.get(k)) is not None)
        self.post_message(self.RowsChanged())
        if len(changed) > max(MIN_MOVES, len(self._order) // 4):
            self._rows, self._gone = rows, gone
            self._reindex()
            return
        for vps_id in changed:
            self._take_out(vps_id)
        self._rows, self._gone = rows, gone
        for vps_id in changed:
            if (row := self.row(vps_id)) is not None:
                self._put_in(vps_id, row)
        self._view_changed()

    def set_columns(self, keys: Sequence[str]) -> None:
        """Show these columns, in this order (unknown keys are left out)."""
        self.columns = chosen_columns(keys)[0]
        self._content = {}
        self._measure((*self._rows.values(), *self._gone.values()))
        if self.sort_column not in self.columns:
            self.sort_column = next((k for k in self.columns if k in SORTABLE), "id")
            self.sort_reverse = False
            self._reindex()
        self.refresh()

    def details_read(self, vps_ids: Sequence[str]) -> None:
        """The detail columns' facts of these VPSes were read: widen to them, repaint."""
        self._measure(row for vps_id in vps_ids if (row := self.row(vps_id)) is not None)
        self.refresh()

    def _measure(self, rows: Iterable[FleetRow]) -> None:
        """Grow each shown column to its widest cell among ``rows``."""
        content = self._content
        keys = self.shown_keys
        columns = [COLUMNS_BY_KEY[key] for key in keys]
        for row in rows:
            for column in columns:
                text = self._text(column, row)
                wide = len(text) if text.isascii() else cell_len(text)
                if wide > content.get(column.key, 0):
                    content[column.key] = wide
        self._widths = tuple((key, content.get(key, 0)) for key in keys)

    @property
    def shown_keys(self) -> tuple[str, ...]:
        """The chosen columns, after the Account column while several accounts are open."""
        several = self.account_width > 0
        keys = tuple(k for k in self.columns if several or not COLUMNS_BY_KEY[k].several_accounts)
        return keys if not several or "account" in keys else ("account", *keys)

    def _text(self, column: Column, row: FleetRow) -> str:
        if column.detail is None:
            return column.cell(row)
        extras = self.extras(row)
        return UNREAD if extras is None else column.detail(extras)

    @property
    def natural_width(self) -> int:
        """The cells the chosen columns want, whole (the split gives the list this if it can)."""
        return natural_width(self._widths)

    def set_pending(self, vps_id: str, pending: bool) -> None:
        """Show (or stop showing) that an action on the VPS is on its way."""
        if pending:
            self.pending.add(vps_id)
        else:
            self.pending.discard(vps_id)
        self.refresh()

    @property
    def selected_row(self) -> FleetRow | None:
        return self.row(self.selected_id) if self.selected_id else None

    def copy_id(self) -> None:
        """Copy the selected VPS's id to the clipboard (OSC 52)."""
        if row := self.selected_row:
            self._copy("VPS id", row.vps_id)

    def copy_main_ip(self) -> None:
        if (row := self.selected_row) and row.main_ip:
            self._copy("main IP", row.main_ip)

    def _copy(self, label: str, value: str) -> None:
        self.app.copy_to_clipboard(value)
        self.notify(f"Copied {label} {value}", markup=False)

    def set_filter(self, matches: RowFilter) -> None:
        self._matches = matches
        self._refilter()

    def refilter(self) -> None:
        """Apply the filter again (what ``watch:`` keeps changed), and repaint the marks."""
        self._refilter()

    def set_scope(self, account: str | None) -> None:
        """Show only the rows of ``account`` (None: of every account)."""
        self.scope = account
        self._refilter()

    def _shows(self, row: FleetRow) -> bool:
        return (self.scope is None or row.account == self.scope) and self._matches(row)

    @property
    def shown_columns(self) -> frozenset[str]:
        return frozenset(column.key for column, _ in self._layout())

    def filter_notes(self) -> list[str]:
        """Unknown filter keys, and why the selected row matched if the match is out of sight."""
        row = self.row(self.selected_id) if self.selected_id else None
        notes = filter_notes(self._matches, row, self.shown_columns)
        if self.scope is not None and self._matches.terms and (elsewhere := self._elsewhere()):
            where = ", ".join(f"{n} in {account}" for account, n in sorted(elsewhere.items()))
            notes.append(f"Also matches {where} (not shown: only {self.scope} is listed)")
        return notes

    def _elsewhere(self) -> dict[str, int]:
        """Matches of the filter in the accounts not shown, by account (counted once per
        change of the rows, the filter or the account shown)."""
        if self._matched_elsewhere is None:
            scope, matches = self.scope, self._matches
            self._matched_elsewhere = dict(
                Counter(r.account for r in self._rows.values() if r.account != scope and matches(r))
            )
        return self._matched_elsewhere

    def sort_by(self, column: str) -> None:
        """Sort by a column; choosing the current column again reverses the order. A column
        whose facts are read per VPS (ISO, contract end) is not sortable."""
        if column == self.sort_column:
            self.sort(column, reverse=not self.sort_reverse)
        else:
            self.sort(column, reverse=False)

    def sort(self, column: str, *, reverse: bool) -> None:
        """Sort by a sortable column (``:sort COLUMN [desc]``)."""
        if column not in SORTABLE:
            return
        self.sort_column, self.sort_reverse = column, reverse
        self._reindex()

    def cycle_sort(self) -> None:
        """Sort by the next column shown (ascending); a column the width hides is skipped."""
        keys = [column.key for column, _ in self._layout() if column.key in SORTABLE]
        at = keys.index(self.sort_column) if self.sort_column in keys else -1
        self.sort_column, self.sort_reverse = keys[(at + 1) % len(keys)], False
        self._reindex()

    def reverse_sort(self) -> None:
        self.sort_reverse = not self.sort_reverse
        self._reindex()

    def row_text(self, vps_id: str) -> str:
        """The line as the user sees it (for tests and copy), without styles."""
        row = self.row(vps_id)
        return (
            ""
            if row is None
            else "".join(text for text, _ in self._cells(vps_id, row, self._cells_width or 120))
        )

    def _sort_key(self, row: FleetRow) -> SortKey:
        """The column's key, then the id: unique, so an order is exact and bisection finds a row."""
        key = COLUMNS_BY_KEY[self.sort_column].sort_key
        assert key is not None  # sort_by takes sortable columns only
        return key(row), id_sort_key(row.vps_id), row.account

    def _changed_ids(self, rows: dict[str, FleetRow], gone: dict[str, FleetRow]) -> set[str]:
        old_rows, old_gone = self._rows, self._gone
        changed = {k for k, row in rows.items() if old_rows.get(k) is not row}
        changed.update(k for k, row in gone.items() if old_gone.get(k) is not row)
        changed.update(k for k in old_rows if k not in rows and k not in gone)
        changed.update(k for k in old_gone if k not in rows and k not in gone)
        return changed

    def _take_out(self, vps_id: str) -> None:
        """Remove an id from the order and the view, found by bisection on its old key."""
        key = self._keys.get(vps_id)
        if key is None:
            return
        for ids in (self._order, self._view):
            at = self._bisect(ids, key)
            if at < len(ids) and ids[at] == vps_id:
                del ids[at]
        del self._keys[vps_id]

    def _put_in(self, vps_id: str, row: FleetRow) -> None:
        """Insert a row at its sorted place in the order, and in the view if it matches."""
        key = self._keys[vps_id] = self._sort_key(row)
        self._order.insert(self._bisect(self._order, key), vps_id)
        if self._shows(row):
            self._view.insert(self._bisect(self._view, key), vps_id)

    def _bisect(self, ids: list[str], key: SortKey) -> int:
        """Where ``key`` belongs in ``ids`` (sorted by key, descending when reversed)."""
        keys, reverse = self._keys, self.sort_reverse
        lo, hi = 0, len(ids)
        while lo < hi:
            mid = (lo + hi) // 2
            probe = keys[ids[mid]]
            if (probe > key) if reverse else (probe < key):
                lo = mid + 1
            else:
                hi = mid
        return lo

    def _reindex(self) -> None:
        key = self._sort_key
        self._keys = {k: key(row) for k, row in (*self._rows.items(), *self._gone.items())}
        self._order = sorted(self._keys, key=self._keys.__getitem__, reverse=self.sort_reverse)
        self._refilter()

    def _refilter(self) -> None:
        row, shows = self.row, (self._matches if self.scope is None else self._shows)
        self._view = [vps_id for vps_id in self._order if shows(row(vps_id))]  # type: ignore[arg-type]
        self._view_changed()

    def _view_changed(self) -> None:
        self._index = None
        self._matched_elsewhere = None
        self.virtual_size = Size(self.size.width, len(self._view) + 1)
        positions = self._positions()
        if len(self._view) == len(self._order):
            self._displaced_id = None
        if self.selected_id not in positions:
            if not self._view:  # nothing matches: the cursor comes back once its row does
                self._hidden_id = self._displaced_id or self.selected_id or self._hidden_id
                self._displaced_id = None
                self.selected_id = None
            else:
                if self.selected_id is not None and self._displaced_id is None:
                    self._displaced_id = self.selected_id
                kept, self._hidden_id = self._hidden_id, None
                self.selected_id = kept if kept in positions else self._view[0]
        self._scroll_cursor_visible()
        self.refresh()

    def _positions(self) -> dict[str, int]:
        if self._index is None:
            self._index = {vps_id: i for i, vps_id in enumerate(self._view)}
        return self._index

    # -- cursor -----------------------------------------------------------------------------

    @property
    def cursor_row(self) -> int:
        return self._positions().get(self.selected_id, 0) if self.selected_id else 0

    def select(self, vps_id: str) -> bool:
        """Move the cursor to a VPS; False when it is not in the (filtered) view."""
        if vps_id not in self._positions():
            return False
        self._displaced_id = None
        self.selected_id = vps_id
        return True

    def _move_to(self, index: int) -> None:
        if self._view:
            self._displaced_id = None
            self.selected_id = self._view[max(0, min(index, len(self._view) - 1))]

    def watch_selected_id(self, old: str | None, new: str | None) -> None:
        if self._scroll_cursor_visible():
            self.refresh()
        else:
            self._refresh_lines(old, new)
        self.post_message(self.Selected(new))

    def _scroll_cursor_visible(self) -> bool:
        """Scroll so that the cursor row shows; True if it had to scroll."""
        body = max(1, self.size.height - 1)
        row = self.cursor_row
        if row < self.scroll_y:
            self.scroll_to(y=row, animate=False, immediate=True)
        elif row >= self.scroll_y + body:
            self.scroll_to(y=row - body + 1, animate=False, immediate=True)
        else:
            return False
        return True

    def _refresh_lines(self, *vps_ids: str | None) -> None:
        """Repaint only the lines of these VPSes: a cursor move changes two lines, not forty."""
        top, positions = int(self.scroll_y), self._positions()
        for vps_id in vps_ids:
            at = positions.get(vps_id) if vps_id else None
            if at is not None and 0 <= at - top < self.size.height - 1:
                self.refresh(Region(0, at - top + 1, self.size.width, 1))

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

    @property
    def _cells_width(self) -> int:
        """The cells the columns may take: not those under the scrollbar."""
        return self.scrollable_size.width

    def _layout(self) -> tuple[tuple[Column, int], ...]:
        return _column_layout(self._cells_width, self._widths)

    def _sort_at(self, x: int) -> None:
        offset = MARKER_WIDTH
        for column, width in self._layout():
            if offset <= x < offset + width + 1:
                self.sort_by(column.key)
                return
            offset += width + 1

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self._view) + 1)
        self._scroll_cursor_visible()

    # -- rendering --------------------------------------------------------------------------

    def _marker(self, key: str, row: FleetRow) -> str:
        if key in self.pending:
            mark = "⟳"
        elif key in self.marked:
            mark = "✓"
        else:
            kind = "gone" if key in self._gone else self.marks.get(key, "")
            mark = {"changed": "Δ", "new": "+", "gone": "✗"}.get(kind, " ")
        return mark + (WATCH_MARK if self.watched(row) else "")

    def _cells(self, key: str, row: FleetRow, width: int) -> list[tuple[str, str]]:
        """(text, style role) pairs, fitted to the column widths (a cut cell ends in ``…``)."""
        cells = [(fit(self._marker(key, row), MARKER_WIDTH), "marker")]
        for column, col_width in _column_layout(width, self._widths):
            cells.append((fit(self._text(column, row), col_width) + " ", column.key))
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
        arrow = "▼" if self.sort_reverse else "▲"
        parts = [" " * MARKER_WIDTH]
        for column, col_width in self._layout():
            mark = arrow if column.key == self.sort_column else ""
            parts.append(fit(f"{column.label}{mark}", col_width) + " ")
        line = "".join(parts)
        if self.sort_column not in self.shown_columns:  # sorted by a column the width hides
            hidden = f" by {COLUMNS_BY_KEY[self.sort_column].label}{arrow} "
            line = fit(line.rstrip(), self._cells_width - len(hidden)) + hidden
        return Strip([Segment(fit(line, width), style)]).crop(0, width)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y == 0:
            return self._header_strip(width)
        index = int(self.scroll_y) + y - 1
        base = self.rich_style
        if index >= len(self._view):
            if y == 1 and (reason := self.empty_reason):
                muted = base + self.get_component_rich_style("fleet-table--empty", partial=True)
                return Strip([Segment(fit(f"  {reason}", width), muted)])
            return Strip.blank(width, base)
        vps_id = self._view[index]
        row = self.row(vps_id)
        assert row is not None
        line_style = base
        mark = "gone" if vps_id in self._gone else self.marks.get(vps_id)
        if mark:
            line_style += self.get_component_rich_style(f"fleet-table--{mark}", partial=True)
        if vps_id in self.marked:
            line_style += self.get_component_rich_style("fleet-table--marked", partial=True)
        if vps_id == self.selected_id:
            line_style += self.get_component_rich_style("fleet-table--cursor", partial=True)
        segments = []
        stale = self.stale or row.account in self.stale_accounts
        for text, role in self._cells(vps_id, row, self._cells_width):
            style = line_style
            if role == "state" and vps_id in self.pending:
                style = line_style + self.get_component_rich_style(
                    "fleet-table--pending", partial=True
                )
            elif (
                role == "state" and not mark
            ):  # a flashed row keeps one colour, readable on its highlight
                style = line_style + self._state_style(row.state)
            elif role == "main_ip" and row.main_ip_null_routed:
                style = line_style + self.get_component_rich_style(
                    "fleet-table--null-routed", partial=True
                )
            segments.append(Segment(text, dimmed(style) if stale else style))
        strip = Strip(segments)
        return strip.extend_cell_length(width, line_style).crop(0, width)
