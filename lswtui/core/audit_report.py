"""The incident report: the timeline's entries of a time window (changes observed, actions sent
and their outcomes, API health), as one Markdown table and the same entries as JSON, to paste
into a post-mortem."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from lswtui.api.safe_text import safe_text
from lswtui.core.audit import write_private
from lswtui.core.state_files import REAL_FILES
from lswtui.core.timeline import TimelineEntry

COLUMNS = (
    "Time (UTC)",
    "Account",
    "VPS",
    "Reference",
    "Kind",
    "What",
    "Outcome",
    "correlationId",
)
#: The windows offered: (id, label, length; None for everything).
WINDOWS: tuple[tuple[str, str, timedelta | None], ...] = (
    ("15m", "Last 15 minutes", timedelta(minutes=15)),
    ("1h", "Last hour", timedelta(hours=1)),
    ("24h", "Last 24 hours", timedelta(hours=24)),
    ("all", "Everything kept", None),
)
_LINE_BREAKS = re.compile(r"\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
_MARKDOWN_SYNTAX = re.compile(r"[\\|<>`]")
_SINCE_FORMATS = ("%H:%M", "%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d")


def visible(text: str) -> str:
    """``text`` on one line (a line break becomes a space), every control, bidi or zero-width
    character as a visible escape (ESC as ``\\x1b``, U+202E as ``\\u202e``).

    The API boundary already escaped what came from the API; entries written before it, or by
    hand, never went through it.
    """
    return safe_text(_LINE_BREAKS.sub(" ", text))


def entry_cells(entry: TimelineEntry) -> tuple[str, ...]:
    """One row of the report, in ``COLUMNS`` order, made ``visible``."""
    cells = (
        f"{entry.at:%Y-%m-%d %H:%M:%S}",
        entry.account,
        entry.vps_id,
        entry.reference,
        entry.kind,
        entry.text,
        entry.outcome,
        entry.correlation_id,
    )
    return tuple(visible(cell) for cell in cells)


def parse_since(text: str, now: datetime) -> datetime | None:
    """A typed local time (``14:05``, ``2026-11-27 14:05``) as UTC; None if it does not read.
    A bare time is today's, or yesterday's when it is later than now."""
    local_now = now.astimezone()
    for form in _SINCE_FORMATS:
        try:
            parsed = datetime.strptime(text.strip(), form)
        except ValueError:
            continue
        if form.startswith("%H"):
            parsed = datetime.combine(local_now.date(), parsed.time())
        moment = parsed.replace(tzinfo=local_now.tzinfo)
        if form.startswith("%H") and moment > local_now:
            moment -= timedelta(days=1)
        return moment.astimezone(now.tzinfo)
    return None


def since_error(text: str) -> str | None:
    """For the prompt: why ``text`` is not a time (None when it is)."""
    if parse_since(text, datetime.now().astimezone()) is None:
        return "Type a local time: 14:05, or 2026-11-27 14:05."
    return None


@dataclass(frozen=True)
class Window:
    """The entries from ``since`` (None: all kept) to ``until``, described for the report."""

    since: datetime | None
    until: datetime
    label: str  # e.g. "last hour"
    scope: str = ""  # e.g. "entries matching the filter 'web'" ("" for every entry)

    def holds(self, entry: TimelineEntry) -> bool:
        return (self.since is None or entry.at >= self.since) and entry.at <= self.until


def _cell(text: str) -> str:
    """A visible cell with Markdown's table and inline syntax (``|``, ``\\``, HTML, code) escaped."""
    return _MARKDOWN_SYNTAX.sub(lambda match: "\\" + match.group(), text)


def _counts(entries: Sequence[TimelineEntry]) -> str:
    actions = sum(e.kind == "action" for e in entries)
    health = sum(e.kind == "health" for e in entries)
    changes = len(entries) - actions - health
    return f"{changes} changes observed, {actions} action steps, {health} API health changes"


def to_markdown(entries: Sequence[TimelineEntry], window: Window, *, exported_at: datetime) -> str:
    """A Markdown report of ``entries`` (given newest first)."""
    since = f"{window.since:%Y-%m-%d %H:%M:%S}" if window.since else "the oldest entry kept"
    scope = f" ({_cell(visible(window.scope))})" if window.scope else ""
    lines = [
        "# lswtui incident report",
        "",
        f"Exported {exported_at:%Y-%m-%d %H:%M:%S} UTC. Window: {window.label}, from {since} "
        f"to {window.until:%Y-%m-%d %H:%M:%S} UTC{scope}.",
        "",
        f"{len(entries)} entries, newest first: {_counts(entries)}.",
        "",
        "| " + " | ".join(COLUMNS) + " |",
        "|" + "---|" * len(COLUMNS),
    ]
    lines += ["| " + " | ".join(_cell(c) for c in entry_cells(entry)) + " |" for entry in entries]
    return "\n".join(lines) + "\n"


def export_report(
    entries: Sequence[TimelineEntry],
    window: Window,
    *,
    directory: Path,
    exported_at: datetime,
    name: str = REAL_FILES.report,
) -> tuple[Path, Path, int]:
    """Write ``<name>-<time>.md`` and ``.json`` into ``directory`` (mode 0600) with the
    ``entries`` (newest first) that ``window`` holds; their paths and how many."""
    chosen = [entry for entry in entries if window.holds(entry)]
    stem = directory / f"{name}-{exported_at:%Y%m%dT%H%M%SZ}"
    markdown, data = stem.with_suffix(".md"), stem.with_suffix(".json")
    write_private(markdown, to_markdown(chosen, window, exported_at=exported_at))
    document = {
        "exported": exported_at.isoformat(timespec="seconds"),
        "window": window.label,
        "since": window.since.isoformat(timespec="seconds") if window.since else None,
        "until": window.until.isoformat(timespec="seconds"),
        "scope": window.scope,
        "entries": [entry.to_json() for entry in chosen],
    }
    # ensure_ascii: every control, bidi and zero-width character is a \u escape in the file
    write_private(data, json.dumps(document, indent=2, ensure_ascii=True) + "\n")
    return markdown, data, len(chosen)
