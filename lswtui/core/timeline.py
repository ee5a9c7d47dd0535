"""The timeline: every change observed, every action sent and its outcome, every API health
change and reachability probe, of any number of accounts, newest first. No Textual.

One store, fed by the sessions it follows (:meth:`Timeline.follow`); entries name their account
and VPS. It is kept in memory (the newest ``max_entries``) and appended to a private JSON-lines
file in the state directory, rotated by size (``timeline.jsonl`` and ``timeline.1.jsonl``, each
at most ``max_bytes``), so that a restart keeps the history: :meth:`Timeline.read_history`
reads it back (in a thread) and :meth:`Timeline.adopt` puts it first. Times are UTC.
"""

from __future__ import annotations

import json
import logging
import os
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from lswtui.core.audit import AuditEntry, AuditLog, write_private
from lswtui.core.events import (
    ActionEvent,
    ChangeObserved,
    HealthChanged,
    ProbeResult,
    SessionEvent,
)
from lswtui.core.fleet import CHANGE_KINDS
from lswtui.core.session import Session
from lswtui.core.state_files import REAL_FILES

KINDS = (*CHANGE_KINDS, "action", "health", "probe")
#: Health conditions not worth an entry: a retry's wait lasts seconds and ends in ok or in
#: errors, which are told (with faults, "ok → retrying → ok" pairs buried the changes).
TRANSIENT_HEALTH = frozenset({"retrying"})
MAX_BYTES = 4 * 1024 * 1024  # per file; one rotated file is kept beside the live one
MAX_ENTRIES = 50_000  # kept in memory (the files hold about as many)
_SEEN_KEPT = 4096  # (account, VPS, IP) null-route values remembered to drop a repeat
# Read by two readers (the list and a VPS's IPs): the second to see a change repeats it.
_TWICE_SEEN = frozenset({"null-route"})

log = logging.getLogger(__name__)
Listener = Callable[["TimelineEntry"], object]
#: The JSON keys of an entry's text fields, in the order of its fields after ``at``.
_FIELDS = (
    "account",
    "vps",
    "reference",
    "kind",
    "text",
    "subject",
    "old",
    "new",
    "outcome",
    "correlationId",
)


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    at: datetime  # UTC
    account: str
    vps_id: str  # "" for the API's health
    reference: str
    kind: str  # one of KINDS
    text: str  # what happened, in words, without the VPS
    subject: str = ""  # the IP or snapshot a change is about
    old: str = ""
    new: str = ""
    outcome: str = ""  # of an action: the action log's outcome
    correlation_id: str = ""
    #: What a text filter searches, lower case: the VPS id, reference, text, kind and account.
    search: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        parts = (self.vps_id, self.reference, self.text, self.kind, self.account)
        object.__setattr__(self, "search", "\0".join(parts).lower())

    def to_json(self) -> dict[str, str]:
        data = {
            "at": self.at.isoformat(timespec="seconds"),
            "account": self.account,
            "vps": self.vps_id,
            "reference": self.reference,
            "kind": self.kind,
            "text": self.text,
            "subject": self.subject,
            "old": self.old,
            "new": self.new,
            "outcome": self.outcome,
            "correlationId": self.correlation_id,
        }
        return {key: value for key, value in data.items() if value}

    @classmethod
    def from_json(cls, data: dict[str, Any], strings: dict[str, str]) -> TimelineEntry:
        """The entry of a line; ``strings`` shares equal short texts between entries (ids,
        kinds and states repeat: one copy each)."""
        values = [data.get(key, "") for key in _FIELDS]
        if not all(type(value) is str for value in values):
            raise TypeError("a field is not text")
        values = [strings.setdefault(v, v) if len(v) < 64 else v for v in values]
        at = datetime.fromisoformat(data["at"])
        return cls(at if at.tzinfo else at.replace(tzinfo=UTC), *values)


def _action_text(
    summary: str, outcome: str, status: int | None, correlation_id: str | None, error: str | None
) -> str:
    """``Stop VPS: failed (HTTP 409, correlationId c-1): busy``."""
    answer = [f"HTTP {status}"] if status is not None else []
    if correlation_id:
        answer.append(f"correlationId {correlation_id}")
    detail = f" ({', '.join(answer)})" if answer else ""
    return f"{summary}: {outcome}{detail}" + (f": {error}" if error else "")


def _without_vps(summary: str, vps_id: str) -> str:
    """The action of ``summary`` without the VPS it names (its entry's columns name it, and the
    outcome after it must fit 80 columns): ``Reboot VPS 7 web-01`` -> ``Reboot VPS``,
    ``Edit reference on VPS 7 web-01`` -> ``Edit reference``."""
    for naming in (f" on VPS {vps_id}", f" {vps_id}"):
        at = summary.find(naming)
        if at > 0 and summary[at + len(naming) : at + len(naming) + 1] in ("", " "):
            return summary[:at]
    return summary


def entry_of(event: SessionEvent, reference: str) -> TimelineEntry | None:
    """The timeline's entry for a session event (None for those it does not keep)."""
    if isinstance(event, ChangeObserved):
        return TimelineEntry(
            at=event.at,
            account=event.account,
            vps_id=event.vps_id,
            reference=event.reference,
            kind=event.kind,
            text=event.text,
            subject=event.subject,
            old=event.old,
            new=event.new,
        )
    if isinstance(event, ActionEvent):
        # Each step is an entry of its own: "sent" now, its answer in the next entry (a text
        # such as "no answer yet" would be false once it came, in every report after).
        outcome = event.outcome
        return TimelineEntry(
            at=event.at,
            account=event.account,
            vps_id=event.vps_id,
            reference=reference,
            kind="action",
            text=_action_text(
                _without_vps(event.summary, event.vps_id),
                outcome,
                event.status,
                event.correlation_id,
                event.error,
            ),
            subject=event.operation,
            outcome=event.outcome,
            correlation_id=event.correlation_id or "",
        )
    if isinstance(event, ProbeResult):
        return TimelineEntry(
            at=event.at,
            account=event.account,
            vps_id=event.vps_id,
            reference=reference,
            kind="probe",
            text=event.text if event.outcome != "skipped" else f"not probed: {event.text}",
            subject=f"{event.ip} port {event.port}",
            outcome=event.outcome,
        )
    if isinstance(event, HealthChanged):
        if TRANSIENT_HEALTH & {event.old, event.new}:
            return None
        return TimelineEntry(
            at=event.at,
            account=event.account,
            vps_id="",
            reference="",
            kind="health",
            text=f"API {event.old} → {event.new}",
            old=event.old,
            new=event.new,
        )
    return None


def action_log_entry(entry: AuditEntry, titles: Mapping[str, str]) -> TimelineEntry:
    """An entry of the action log (a state directory's history from before the timeline);
    ``titles`` names the operations (``stop``: "Stop VPS")."""
    outcome = "sent, no answer recorded" if entry.outcome == "sent" else entry.outcome
    title = titles.get(entry.operation, entry.operation)
    at = datetime.fromisoformat(entry.time)
    return TimelineEntry(
        at=at if at.tzinfo else at.replace(tzinfo=UTC),
        account=entry.profile,
        vps_id=entry.vps_id,
        reference="",
        kind="action",
        text=_action_text(title, outcome, entry.status, entry.correlation_id, entry.error),
        subject=entry.operation,
        outcome=entry.outcome,
        correlation_id=entry.correlation_id or "",
    )


def _rotated(path: Path) -> Path:
    """Where the live file goes when it is full: ``timeline.1.jsonl``."""
    return path.with_suffix(".1" + path.suffix)


class Timeline:
    def __init__(
        self,
        path: Path,
        *,
        report: str = REAL_FILES.report,
        max_entries: int = MAX_ENTRIES,
        max_bytes: int = MAX_BYTES,
    ) -> None:
        self.path = path
        self.report = report  # the stem of the incident reports cut from it
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._entries: list[TimelineEntry] = []  # oldest first
        self._listeners: list[Listener] = []
        self._seen: OrderedDict[tuple[str, str, str, str], str] = OrderedDict()
        #: The files of earlier runs and their sizes, until read back (``adopt``).
        self._history = tuple((p, p.stat().st_size) for p in (_rotated(path), path) if p.exists())
        self._bytes = path.stat().st_size if path.exists() else 0
        self._failing = False  # the last append failed (told once in the log file)

    @classmethod
    def open(
        cls,
        path: Path,
        action_log: AuditLog,
        titles: Mapping[str, str],
        *,
        report: str = REAL_FILES.report,
    ) -> Timeline:
        """The timeline kept at ``path``; the first time, it starts with the action log's
        entries (that log stays the record of writes; ``titles`` names its operations).
        ``report``: the stem of the incident reports cut from it."""
        if not path.exists() and not _rotated(path).exists():
            try:
                earlier = [action_log_entry(entry, titles) for entry in action_log.read()]
            except (OSError, ValueError):
                earlier = []
            if earlier:
                lines = (json.dumps(e.to_json(), ensure_ascii=False) + "\n" for e in earlier)
                write_private(path, "".join(lines))
        return cls(path, report=report)

    # -- feeding ----------------------------------------------------------------------------

    def follow(self, session: Session) -> None:
        """Record what ``session`` tells, from now on."""

        def take(event: SessionEvent) -> None:
            vps_id = getattr(event, "vps_id", "")
            row = session.fleet.get(vps_id) if vps_id else None
            entry = entry_of(event, row.reference if row else "")
            if entry is not None:
                self.record(entry)

        session.subscribe(take)

    def subscribe(self, listener: Listener) -> None:
        """``listener`` is called with each entry recorded from now on."""
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def record(self, entry: TimelineEntry) -> bool:
        """Keep ``entry`` (in memory and in the file) and tell the listeners; False for a
        change already recorded from another reader."""
        if entry.kind in _TWICE_SEEN:
            key = (entry.account, entry.vps_id, entry.kind, entry.subject)
            if self._seen.get(key) == entry.new:
                return False
            self._seen[key] = entry.new
            self._seen.move_to_end(key)
            if len(self._seen) > _SEEN_KEPT:
                self._seen.popitem(last=False)
        self._keep([entry])
        self._append(entry)
        for listener in list(self._listeners):
            listener(entry)
        return True

    def _keep(self, entries: list[TimelineEntry]) -> None:
        self._entries.extend(entries)
        excess = len(self._entries) - self.max_entries
        if excess > self.max_entries // 10:  # dropped in batches: a list's head is costly
            del self._entries[:excess]

    def _append(self, entry: TimelineEntry) -> None:
        line = json.dumps(entry.to_json(), ensure_ascii=False) + "\n"
        try:
            # not while the files of earlier runs are still to be read back
            if not self._history and self._bytes and self._bytes + len(line) > self.max_bytes:
                os.replace(self.path, _rotated(self.path))
                self._bytes = 0
            write_private(self.path, line, append=True)
        except OSError as exc:  # a full disk must not stop the watching
            if not self._failing:
                log.warning("cannot write the timeline to %s: %s", self.path, exc)
            self._failing = True
            return
        self._failing = False
        self._bytes += len(line.encode())

    # -- reading ----------------------------------------------------------------------------

    def read_history(self) -> list[TimelineEntry]:
        """What earlier runs recorded, oldest first: the files as they were when this timeline
        was made (so it may run in a thread while new entries are recorded). Lines that do not
        read (torn, edited by hand) are skipped."""
        loaded: list[TimelineEntry] = []
        strings: dict[str, str] = {}
        for path, size in self._history:
            try:
                with path.open("rb") as handle:
                    lines = handle.read(size).decode("utf-8", errors="replace").splitlines()
            except OSError:
                continue
            for line in lines:
                try:
                    loaded.append(TimelineEntry.from_json(json.loads(line), strings))
                except (ValueError, TypeError, KeyError, AttributeError):
                    continue
        return loaded[-self.max_entries :]

    def adopt(self, history: list[TimelineEntry]) -> None:
        """Put ``history`` (from :meth:`read_history`) before what was recorded since."""
        live, self._entries = self._entries, []
        self._keep([*history, *live])
        self._history = ()

    def __len__(self) -> int:
        return len(self._entries)

    def newest_first(self) -> Iterator[TimelineEntry]:
        return reversed(self._entries)

    def oldest_first(self) -> list[TimelineEntry]:
        """A copy: entries recorded meanwhile do not move it."""
        return list(self._entries)

    def of_vps(self, account: str, vps_id: str, limit: int) -> list[TimelineEntry]:
        """The newest ``limit`` entries about one VPS, newest first."""
        found: list[TimelineEntry] = []
        for entry in reversed(self._entries):
            if entry.vps_id == vps_id and entry.account == account:
                found.append(entry)
                if len(found) == limit:
                    break
        return found
