"""The action log as a post-incident report: one Markdown table and the same entries as JSON."""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from datetime import datetime
from pathlib import Path

from lswtui.api.safe_text import safe_text
from lswtui.core.audit import AuditEntry, write_private

REPORT_STEM = "actions-report"
COLUMNS = (
    "Time (UTC)",
    "Profile",
    "VPS",
    "Operation",
    "Outcome",
    "HTTP",
    "correlationId",
    "Details",
)
_LINE_BREAKS = re.compile(r"\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
_MARKDOWN_SYNTAX = re.compile(r"[\\|<>`]")


def visible(text: str) -> str:
    """``text`` on one line (a line break becomes a space), every control, bidi or zero-width
    character as a visible escape (ESC as ``\\x1b``, U+202E as ``\\u202e``).

    The API boundary already escaped what came from the API; entries written before it, or by
    hand, never went through it.
    """
    return safe_text(_LINE_BREAKS.sub(" ", text))


def entry_details(entry: AuditEntry) -> str:
    """Parameters as ``key=value`` and the error, on one line."""
    parts = [f"{key}={value}" for key, value in entry.parameters.items() if value not in (None, "")]
    if entry.seconds is not None:
        parts.append(f"after {entry.seconds:.0f} s")
    if entry.error:
        parts.append(f"error: {entry.error}")
    return "; ".join(parts)


def entry_cells(entry: AuditEntry) -> tuple[str, ...]:
    """One row of the report (and of the in-app log), in ``COLUMNS`` order, made ``visible``."""
    cells = (
        entry.time.replace("T", " ").removesuffix("+00:00"),
        entry.profile,
        entry.vps_id,
        entry.operation,
        "sent, no answer recorded" if entry.outcome == "sent" else entry.outcome,
        "" if entry.status is None else str(entry.status),
        entry.correlation_id or "",
        entry_details(entry),
    )
    return tuple(visible(cell) for cell in cells)


def _cell(text: str) -> str:
    """A visible cell with Markdown's table and inline syntax (``|``, ``\\``, HTML, code) escaped."""
    return _MARKDOWN_SYNTAX.sub(lambda match: "\\" + match.group(), text)


def to_markdown(entries: list[AuditEntry], *, source: Path, exported_at: datetime) -> str:
    """A Markdown report of ``entries`` (given newest first)."""
    lines = [
        "# lswtui action log",
        "",
        f"Exported {exported_at:%Y-%m-%d %H:%M:%S} UTC from `{source}`: "
        f"{len(entries)} actions, newest first.",
        "",
        "| " + " | ".join(COLUMNS) + " |",
        "|" + "---|" * len(COLUMNS),
    ]
    lines += ["| " + " | ".join(_cell(c) for c in entry_cells(entry)) + " |" for entry in entries]
    return "\n".join(lines) + "\n"


def export_report(
    entries: list[AuditEntry], *, source: Path, exported_at: datetime
) -> tuple[Path, Path]:
    """Write ``actions-report-<time>.md`` and ``.json`` next to ``source`` (mode 0600)."""
    stem = source.parent / f"{REPORT_STEM}-{exported_at:%Y%m%dT%H%M%SZ}"
    markdown, data = stem.with_suffix(".md"), stem.with_suffix(".json")
    write_private(markdown, to_markdown(entries, source=source, exported_at=exported_at))
    # ensure_ascii: every control, bidi and zero-width character is a \u escape in the file
    write_private(
        data, json.dumps([asdict(e) for e in entries], indent=2, ensure_ascii=True) + "\n"
    )
    return markdown, data
