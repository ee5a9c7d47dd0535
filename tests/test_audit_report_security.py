"""The exported incident report and the Timeline never carry raw control characters: a bare CR
cannot forge a Markdown table row, ESC/BEL/C1 and bidi/zero-width characters are shown as
visible escapes, table syntax is escaped, and the JSON file is pure ASCII."""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import UTC, datetime, timedelta

from lswtui.core.audit import AuditLog
from lswtui.core.audit_report import COLUMNS, Window, entry_cells, export_report, parse_since
from lswtui.core.timeline import Timeline, TimelineEntry

HOSTILE = (
    "web-01\r| 2026 | prod | 100000009 | stop | done |"
    "\x1b]52;c;WHl5eQ==\x07\x9b2J\u202etxt.exe\u200b<b>x</b>`y`"
)
WHEN = datetime(2026, 11, 27, 9, 30, 5, tzinfo=UTC)
EVERYTHING = Window(None, datetime(2100, 1, 1, tzinfo=UTC), "everything kept")


def raw_controls(text: str) -> list[str]:
    """Characters that act on a terminal or hide/reorder text (newlines between lines allowed)."""
    return [c for c in text if c != "\n" and (unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp"))]


def hostile_entries(tmp_path) -> list[TimelineEntry]:
    """An action of the old action log (read into a new timeline) and a change, both hostile."""
    log = AuditLog(tmp_path / "actions.jsonl")
    log.append(
        profile="prod\x1b[2J",
        vps_id="1",
        operation="edit_reference",
        outcome="failed",
        status=400,
        correlation_id="c\r-1",
        parameters={"reference": HOSTILE},
        error="bad\r\nrequest\x07",
    )
    timeline = Timeline.open(tmp_path / "timeline.jsonl", log, {"edit_reference": "Edit reference"})
    timeline.adopt(timeline.read_history())
    timeline.record(
        TimelineEntry(
            at=WHEN - timedelta(seconds=1),
            account="prod",
            vps_id="1",
            reference=HOSTILE,
            kind="reference",
            text=f"reference web → {HOSTILE}",
        )
    )
    return list(timeline.newest_first())


def test_markdown_report_escapes_controls_and_table_syntax(tmp_path):
    markdown, _, count = export_report(
        hostile_entries(tmp_path), EVERYTHING, directory=tmp_path, exported_at=WHEN
    )
    text = markdown.read_text(encoding="utf-8")
    assert raw_controls(text) == [] and count == 2
    rows = [line for line in text.splitlines() if line.startswith("|")]
    assert len(rows) == 4  # header, separator, the two entries: the CR forged nothing
    assert all(len(re.findall(r"(?<!\\)\|", row)) == len(COLUMNS) + 1 for row in rows[2:])
    assert "\\\\x1b]52;c;WHl5eQ==\\\\x07" in rows[2]  # visible (the backslash itself escaped)
    assert "\\\\u202e" in rows[2] and "\\\\u200b" in rows[2]
    assert "<b>" not in rows[2] and "`y`" not in rows[2]
    assert "bad request" in rows[3] and "Edit reference: failed" in rows[3]


def test_json_report_is_ascii_and_keeps_the_data(tmp_path):
    _, data, _ = export_report(
        hostile_entries(tmp_path), EVERYTHING, directory=tmp_path, exported_at=WHEN
    )
    raw = data.read_bytes()
    assert all(byte < 0x80 for byte in raw)
    assert b"\x1b" not in raw and b"\r" not in raw and b"\x07" not in raw
    assert json.loads(raw)["entries"][0]["reference"] == HOSTILE


def test_report_cells_have_no_raw_control_characters(tmp_path):
    entries = hostile_entries(tmp_path)
    for entry in entries:
        cells = entry_cells(entry)
        assert [raw_controls(cell) for cell in cells] == [[] for _ in cells]
    assert "\\x1b[2J" in entry_cells(entries[1])[COLUMNS.index("Account")]


def test_a_typed_time_is_local_and_a_later_one_is_yesterdays():
    now = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
    local = now.astimezone()
    earlier = (local - timedelta(minutes=5)).strftime("%H:%M")
    later = (local + timedelta(minutes=5)).strftime("%H:%M")
    assert parse_since(earlier, now) == (now - timedelta(minutes=5)).replace(second=0)
    assert parse_since(later, now) == now + timedelta(minutes=5) - timedelta(days=1)
    assert parse_since(f"{local:%Y-%m-%d} {earlier}", now) == parse_since(earlier, now)
    assert parse_since("soon", now) is None
