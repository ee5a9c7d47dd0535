"""The exported report and the in-app action log never carry raw control characters: a bare CR
cannot forge a Markdown table row, ESC/BEL/C1 and bidi/zero-width characters are shown as
visible escapes, table syntax is escaped, and the JSON file is pure ASCII."""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import UTC, datetime

from lswtui.core.audit import AuditLog
from lswtui.core.audit_report import COLUMNS, entry_cells, export_report

HOSTILE = (
    "web-01\r| 2026 | prod | 100000009 | stop | done |"
    "\x1b]52;c;WHl5eQ==\x07\x9b2J\u202etxt.exe\u200b<b>x</b>`y`"
)
WHEN = datetime(2026, 11, 27, 9, 30, 5, tzinfo=UTC)


def raw_controls(text: str) -> list[str]:
    """Characters that act on a terminal or hide/reorder text (newlines between lines allowed)."""
    return [c for c in text if c != "\n" and (unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp"))]


def hostile_log(tmp_path) -> AuditLog:
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
    return log


def test_markdown_report_escapes_controls_and_table_syntax(tmp_path):
    log = hostile_log(tmp_path)
    markdown, _ = export_report(log.read(), source=log.path, exported_at=WHEN)
    text = markdown.read_text(encoding="utf-8")
    assert raw_controls(text) == []
    rows = [line for line in text.splitlines() if line.startswith("|")]
    assert len(rows) == 3  # header, separator, the one entry: the CR forged nothing
    assert len(re.findall(r"(?<!\\)\|", rows[2])) == len(COLUMNS) + 1
    assert "\\\\x1b]52;c;WHl5eQ==\\\\x07" in rows[2]  # visible (the backslash itself escaped)
    assert "\\\\u202e" in rows[2] and "\\\\u200b" in rows[2]
    assert "<b>" not in rows[2] and "`y`" not in rows[2]
    assert "bad request" in rows[2]


def test_json_report_is_ascii_and_keeps_the_data(tmp_path):
    log = hostile_log(tmp_path)
    _, data = export_report(log.read(), source=log.path, exported_at=WHEN)
    raw = data.read_bytes()
    assert all(byte < 0x80 for byte in raw)
    assert b"\x1b" not in raw and b"\r" not in raw and b"\x07" not in raw
    assert json.loads(raw)[0]["parameters"]["reference"] == HOSTILE


def test_action_log_cells_have_no_raw_control_characters(tmp_path):
    (entry,) = hostile_log(tmp_path).read()
    cells = entry_cells(entry)
    assert [raw_controls(cell) for cell in cells] == [[] for _ in cells]
    assert "\\x1b[2J" in cells[COLUMNS.index("Profile")]
