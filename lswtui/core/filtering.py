"""The list filter: ``/`` followed by words.

- a plain word matches what the user can see or would expect, case-insensitively: part of the
  id, reference, region, datacenter, state or image, the pack *number* (``6`` for "Leaseweb
  VPS 6"), or an IP that starts with the word (or contains it, once it has a ``.`` or ``:``) —
  not hidden text: ``web`` does not match every "Leaseweb VPS n", nor ``db`` every ``2001:db8``;
- ``field:value`` narrows to part of one field (``state:stopped``, ``region:eu-west-3``,
  ``ip:10.0``, ``dc:fra``, ``pack:2``, ``image:ubuntu``, ``ref:web``, ``id:1235``,
  ``account:staging``: the account's name, only by its key); an unknown key is reported and
  its word ignored;
- ``watch:`` keeps the watched VPSes (``!watch:`` the others);
- a leading ``!`` inverts a word (``!running``).

All words must match. :meth:`RowFilter.hidden_match` names a match the list does not show.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass

from lswtui.core.fleet import FleetRow


@dataclass(frozen=True)
class Field:
    label: str  # how a note names it: "IP 10.32.0.4"
    column: str  # the list column that shows it
    values: Callable[[FleetRow], tuple[str, ...]]
    bare: Callable[[str, str], bool]  # (word, lower-cased value): does a plain word match?


def _part(word: str, value: str) -> bool:
    return word in value


def _pack_number(word: str, value: str) -> bool:
    return value.rsplit(" ", 1)[-1] == word


def _ip(word: str, value: str) -> bool:
    return value.startswith(word) or (("." in word or ":" in word) and word in value)


ID = Field("id", "id", lambda r: (r.vps_id,), _part)
REFERENCE = Field("reference", "reference", lambda r: (r.reference,), _part)
IP = Field("IP", "main_ip", lambda r: r.all_ips, _ip)
STATE = Field("state", "state", lambda r: (r.state,), _part)
REGION = Field("region", "region", lambda r: (r.region,), _part)
DATACENTER = Field("datacenter", "region", lambda r: (r.datacenter,), _part)
PACK = Field("pack", "pack", lambda r: (r.pack,), _pack_number)
IMAGE = Field("image", "image", lambda r: (r.image,), _part)
ACCOUNT = Field("account", "account", lambda r: (r.account,), _part)

BARE_FIELDS = (ID, REFERENCE, STATE, IP, REGION, DATACENTER, PACK, IMAGE)
_SEP = "\x00"  # between the values of a haystack: never in a word (see Term.matches)
_HAYSTACKS_KEPT = 50_000  # about five accounts of 10,000


def _joined(values: Iterable[str]) -> str:
    """Each value after a separator, lower-cased (at once: the separator is no letter, so
    lowering the whole is lowering each)."""
    return "".join(_SEP + value for value in values).lower()


@dataclass(frozen=True, slots=True)
class _Haystack:
    """A row's searched values, lower-cased and joined once, so that testing a word is a few
    substring tests in C instead of a Python call per value (a keystroke tests every row).
    What a plain word needs is built with it; a field's values when a ``key:`` first asks."""

    row: FleetRow
    parts: str  # the values a plain word may be part of (BARE_FIELDS but IP and pack)
    ips: str  # every IP
    pack_number: str
    fields: dict[str, str]  # by field label, filled as asked

    @classmethod
    def of(cls, row: FleetRow) -> _Haystack | None:
        """None when a value holds the separator (API text never does: it is escaped)."""
        parts = (row.vps_id, row.reference, row.state, row.region, row.datacenter, row.image)
        if _SEP in "".join((*parts, row.pack, row.account, *row.all_ips)):
            return None
        pack_number = row.pack.rsplit(" ", 1)[-1].lower()
        return cls(row, _joined(parts), _joined(row.all_ips), pack_number, {})

    def field(self, field: Field) -> str:
        joined = self.fields.get(field.label)
        if joined is None:
            joined = self.fields[field.label] = _joined(field.values(self.row))
        return joined


class _Haystacks:
    """The haystack of each VPS's current row, built when the row is first tested. Rows are
    immutable (a refresh makes a new row for a changed VPS), so the haystack kept for a VPS
    id serves while its row is the same object, and is replaced with it. (The same id in two
    accounts only costs those rows a rebuild.) Emptied if it outgrows the lists."""

    def __init__(self) -> None:
        self._kept: dict[str, _Haystack] = {}

    def __call__(self, row: FleetRow) -> _Haystack | None:
        kept = self._kept.get(row.vps_id)
        if kept is not None and kept.row is row:
            return kept
        if len(self._kept) >= _HAYSTACKS_KEPT:
            self._kept.clear()
        haystack = _Haystack.of(row)
        if haystack is not None:
            self._kept[row.vps_id] = haystack
        return haystack


_haystack = _Haystacks()


def prepare(rows: Iterable[FleetRow]) -> None:
    """Build the haystacks of ``rows`` now (as the filter opens), so that the first keystroke
    costs what the others do (building them for 10,000 rows takes about as long as a word)."""
    for row in rows:
        _haystack(row)


FIELDS: dict[str, Field] = {
    "id": ID,
    "ref": REFERENCE,
    "reference": REFERENCE,
    "ip": IP,
    "state": STATE,
    "region": REGION,
    "dc": DATACENTER,
    "datacenter": DATACENTER,
    "pack": PACK,
    "image": IMAGE,
    "account": ACCOUNT,
}
WATCH_KEY = "watch"
KEYS = ("id", "ref", "ip", "state", "region", "dc", "pack", "image", "account", WATCH_KEY)


@dataclass(frozen=True)
class Term:
    negate: bool
    field: Field | None  # None: a plain word, matched the way each field takes one
    word: str

    def matches(self, row: FleetRow) -> bool:
        """Whether the word matches (the hot path: every row on every keystroke): what
        :meth:`hits` finds, tested on the row's haystack (a word or a value holding the
        separator takes the long way)."""
        word = self.word
        haystack = None if _SEP in word else _haystack(row)
        if haystack is None:
            return next(self.hits(row), None) is not None
        if self.field is not None:
            return word in haystack.field(self.field)
        return (
            word in haystack.parts
            or _SEP + word in haystack.ips
            or (("." in word or ":" in word) and word in haystack.ips)
            or word == haystack.pack_number
        )

    def hits(self, row: FleetRow) -> Iterator[tuple[Field, str]]:
        """The (field, value) pairs of ``row`` this word matches, lazily."""
        word = self.word
        for field in BARE_FIELDS if self.field is None else (self.field,):
            test = field.bare if self.field is None else _part
            yield from ((field, v) for v in field.values(row) if test(word, v.lower()))


@dataclass(frozen=True)
class WatchedTerm:
    """``watch:``: the VPS is watched (asked per row: a toggle counts at once)."""

    negate: bool
    watched: Callable[[FleetRow], bool]

    def matches(self, row: FleetRow) -> bool:
        return self.watched(row)

    def hits(self, row: FleetRow) -> Iterator[tuple[Field, str]]:
        return iter(())  # the watch mark is on the row: nothing hidden to point at


class RowFilter:
    """A parsed query: call it on a row; it also knows its unknown keys and hidden matches."""

    def __init__(
        self, terms: tuple[Term | WatchedTerm, ...], unknown_keys: tuple[str, ...]
    ) -> None:
        self.terms = terms
        self.unknown_keys = unknown_keys

    def __call__(self, row: FleetRow) -> bool:
        return all(term.matches(row) != term.negate for term in self.terms)

    def hidden_match(self, row: FleetRow, shown_columns: Collection[str]) -> str | None:
        """How a word matched ``row`` through something the list does not show (``IP 10.0.0.4``),
        or None when every word matched something visible."""
        for term in self.terms:
            if term.negate:
                continue
            hits = list(term.hits(row))
            if hits and not any(_visible(row, f, v, shown_columns) for f, v in hits):
                field, value = hits[0]
                return f"{field.label} {value}"
        return None


def _visible(row: FleetRow, field: Field, value: str, shown_columns: Collection[str]) -> bool:
    return field.column in shown_columns and (field is not IP or value == row.main_ip)


def _nothing_watched(row: FleetRow) -> bool:
    return False


def compile_filter(
    query: str, *, watched: Callable[[FleetRow], bool] = _nothing_watched
) -> RowFilter:
    """``watched``: whether ``watch:`` keeps a row."""
    terms: list[Term | WatchedTerm] = []
    unknown: list[str] = []
    for word in query.split():
        negate = word.startswith("!")
        word = word[1:] if negate else word
        key, sep, value = word.partition(":")
        if sep and key.lower() == WATCH_KEY:
            terms.append(WatchedTerm(negate, watched))
            continue
        field = FIELDS.get(key.lower()) if sep else None
        if sep and field is None and key.isalpha():  # not an IPv6 address: a mistyped key
            unknown.append(key)
            continue
        if field is None:
            value = word
        if value:
            terms.append(Term(negate, field, value.lower()))
    return RowFilter(tuple(terms), tuple(unknown))


def filter_notes(
    found: RowFilter, row: FleetRow | None, shown_columns: Collection[str]
) -> list[str]:
    """What the user should know about the filter: unknown keys, and why ``row`` matched when
    the list does not show it (the selected row: the note follows the cursor)."""
    notes = []
    if found.unknown_keys:
        keys = ", ".join(f"{key}:" for key in found.unknown_keys)
        notes.append(f"Unknown filter key {keys} (ignored); keys: {', '.join(KEYS)}")
    if row is not None and (hidden := found.hidden_match(row, shown_columns)):
        notes.append(f"Matched {hidden} (not shown in the list)")
    return notes
