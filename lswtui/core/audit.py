"""The action log: JSON lines per mutating action, for post-incident reports.

Write-ahead: :meth:`AuditLog.begin` appends an entry with outcome ``sent`` and a fresh ``id``
*before* the request goes out; :meth:`AuditLog.complete` appends the answer as a line with the
same ``id``. :meth:`AuditLog.read` merges the lines of one ``id`` (the latest outcome wins,
``time`` stays when it was sent), so a write the app did not live to see answered still reads
as ``sent`` (shown as "sent, no answer recorded"). Lines without an ``id`` (logs from before
write-ahead, follow-ups such as ``completed``) are entries of their own.

The file is created with mode 0600 and only ever appended to. Parameters are recorded by the
caller without secrets (no passwords, no console URLs); the API key is never known here.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

#: Every outcome a line can hold, in the order of a write's life (the README lists the same):
#: ``sent`` before the request goes out; its answer ``accepted`` (tracked until the change
#: shows), ``done``, ``failed`` (the API did not act: a 4xx, 500 or 503), ``unknown`` (it may
#: have: a 502, 504, no answer or an unreadable one) or ``refused`` (read-only: nothing sent);
#: then, for an accepted action, ``completed`` (its effect showed) or ``unconfirmed`` (tracking
#: gave up).
OUTCOMES = ("sent", "accepted", "done", "failed", "unknown", "refused", "completed", "unconfirmed")


@dataclass(frozen=True)
class AuditEntry:
    time: str
    profile: str
    vps_id: str
    operation: str
    outcome: str  # one of OUTCOMES
    status: int | None = None
    correlation_id: str | None = None
    parameters: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    seconds: float | None = None  # for "completed"/"unconfirmed": time since it was accepted
    id: str | None = None  # shared by a write's "sent" line and its answer

    @property
    def sent(self) -> bool:
        """This entry records a request sent to the API (not a refusal, nor a later follow-up)."""
        return self.outcome not in ("refused", "completed", "unconfirmed")


def write_private(path: Path, text: str, *, append: bool = False) -> None:
    """Write (or append) ``text`` to a file only its owner can read: a new file gets mode 0600
    and a new directory 0700."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if append else os.O_TRUNC)
    with os.fdopen(os.open(path, flags, 0o600), "a" if append else "w", encoding="utf-8") as handle:
        handle.write(text)


class AuditLog:
    def __init__(self, path: Path) -> None:
        self.path = path

    def append(
        self,
        *,
        profile: str,
        vps_id: str,
        operation: str,
        outcome: str,
        status: int | None = None,
        correlation_id: str | None = None,
        parameters: dict[str, Any] | None = None,
        error: str | None = None,
        seconds: float | None = None,
        id: str | None = None,
    ) -> AuditEntry:
        """Append an entry of its own (a follow-up, a refusal); :meth:`begin` gives a write's."""
        return self._write(
            AuditEntry(
                time=_now(),
                profile=profile,
                vps_id=vps_id,
                operation=operation,
                outcome=outcome,
                status=status,
                correlation_id=correlation_id,
                parameters=dict(parameters or {}),
                error=error,
                seconds=seconds,
                id=id,
            )
        )

    def begin(
        self, *, profile: str, vps_id: str, operation: str, parameters: dict[str, Any] | None = None
    ) -> AuditEntry:
        """Record a write as ``sent`` before its request goes out; complete it with its answer."""
        return self.append(
            profile=profile,
            vps_id=vps_id,
            operation=operation,
            outcome="sent",
            parameters=parameters,
            id=uuid.uuid4().hex,
        )

    def complete(
        self,
        sent: AuditEntry,
        outcome: str,
        *,
        status: int | None = None,
        correlation_id: str | None = None,
        error: str | None = None,
    ) -> AuditEntry:
        """Append the answer to the write ``sent`` (returned by :meth:`begin`)."""
        return self._write(
            replace(
                sent,
                time=_now(),
                outcome=outcome,
                status=status,
                correlation_id=correlation_id,
                error=error,
            )
        )

    def _write(self, entry: AuditEntry) -> AuditEntry:
        if entry.outcome not in OUTCOMES:
            raise ValueError(f"not an action log outcome: {entry.outcome!r}")
        write_private(self.path, json.dumps(asdict(entry), ensure_ascii=False) + "\n", append=True)
        return entry

    def read(self) -> list[AuditEntry]:
        """Every entry, oldest first, the lines of one write merged; invalid lines are skipped."""
        if not self.path.exists():
            return []
        entries: list[AuditEntry] = []
        by_id: dict[str, int] = {}
        for line in self.path.read_text(encoding="utf-8").splitlines():
            try:
                entry = AuditEntry(**json.loads(line))
            except (ValueError, TypeError):
                continue
            if entry.id is not None and entry.id in by_id:
                index = by_id[entry.id]
                entries[index] = replace(entry, time=entries[index].time)
                continue
            if entry.id is not None:
                by_id[entry.id] = len(entries)
            entries.append(entry)
        return entries


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
