"""The action log: one JSON line per mutating action, for post-incident reports.

The file is created with mode 0600 and only ever appended to. Parameters are recorded by the
caller without secrets (no passwords, no console URLs); the API key is never known here.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

LOG_NAME = "actions.jsonl"


@dataclass(frozen=True)
class AuditEntry:
    time: str
    profile: str
    vps_id: str
    operation: str
    #: "accepted" | "done" | "failed" | "unknown" | "refused", then for an accepted action
    #: "completed" (its effect became visible) or "unconfirmed" (tracking gave up)
    outcome: str
    status: int | None = None
    correlation_id: str | None = None
    parameters: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    seconds: float | None = None  # for "completed"/"unconfirmed": time since it was accepted

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
    ) -> AuditEntry:
        entry = AuditEntry(
            time=datetime.now(UTC).isoformat(timespec="seconds"),
            profile=profile,
            vps_id=vps_id,
            operation=operation,
            outcome=outcome,
            status=status,
            correlation_id=correlation_id,
            parameters=dict(parameters or {}),
            error=error,
            seconds=seconds,
        )
        write_private(self.path, json.dumps(asdict(entry), ensure_ascii=False) + "\n", append=True)
        return entry

    def read(self) -> list[AuditEntry]:
        """Every entry, oldest first; lines that are not valid entries are skipped."""
        if not self.path.exists():
            return []
        entries = []
        for line in self.path.read_text(encoding="utf-8").splitlines():
            try:
                entries.append(AuditEntry(**json.loads(line)))
            except (ValueError, TypeError):
                continue
        return entries
