"""The action log file (one private JSON line per action) and its post-incident report."""

from __future__ import annotations

import json
import stat
from datetime import UTC, datetime

from lswtui.core.audit import AuditLog
from lswtui.core.audit_report import export_report, to_markdown

FIELDS = {"time", "profile", "vps_id", "operation", "outcome", "status", "correlation_id", "parameters", "error",
          "seconds"}


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_entries_are_appended_as_json_lines_to_a_private_file(tmp_path):
    log = AuditLog(tmp_path / "state" / "actions.jsonl")
    log.append(profile="prod", vps_id="1", operation="stop", outcome="accepted", status=202, correlation_id="c-1")
    log.append(profile="prod", vps_id="2", operation="edit_reference", outcome="failed", status=400,
               parameters={"reference": "web|01"}, error="The API could not interpret your request correctly.")
    lines = log.path.read_text().splitlines()
    assert len(lines) == 2 and all(set(json.loads(line)) == FIELDS for line in lines)
    assert mode(log.path) == 0o600 and mode(log.path.parent) == 0o700
    assert [(e.vps_id, e.outcome) for e in log.read()] == [("1", "accepted"), ("2", "failed")]


def test_a_broken_line_is_skipped_not_fatal(tmp_path):
    log = AuditLog(tmp_path / "actions.jsonl")
    log.append(profile="p", vps_id="1", operation="stop", outcome="accepted")
    with log.path.open("a") as handle:
        handle.write('{"half a line\n')
    log.append(profile="p", vps_id="2", operation="start", outcome="accepted")
    assert [e.vps_id for e in log.read()] == ["1", "2"]


def test_the_report_is_a_markdown_table_and_json_next_to_the_log(tmp_path):
    log = AuditLog(tmp_path / "actions.jsonl")
    log.append(profile="prod", vps_id="2", operation="edit_reference", outcome="failed", status=400,
               parameters={"reference": "web|01"}, error="bad\nrequest")
    log.append(profile="prod", vps_id="1", operation="stop", outcome="unknown", error="timeout")
    entries = list(reversed(log.read()))
    when = datetime(2026, 11, 27, 9, 30, 5, tzinfo=UTC)
    markdown, data = export_report(entries, source=log.path, exported_at=when)
    assert markdown.name == "actions-report-20261127T093005Z.md" and data.parent == tmp_path
    assert mode(markdown) == 0o600 and mode(data) == 0o600
    text = markdown.read_text()
    assert text == to_markdown(entries, source=log.path, exported_at=when)
    rows = [line for line in text.splitlines() if line.startswith("| ") and "Time" not in line]
    assert "| 1 | stop | unknown |" in rows[0]
    assert "reference=web\\|01; error: bad request" in rows[1]
    assert [e["vps_id"] for e in json.loads(data.read_text())] == ["1", "2"]
