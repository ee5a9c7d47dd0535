"""The action log file (one private JSON line per action) and its post-incident report."""

from __future__ import annotations

import json
import stat
from datetime import UTC, datetime

import pytest

from lswtui.core.audit import OUTCOMES, AuditLog
from lswtui.core.audit_report import entry_cells, export_report, to_markdown

FIELDS = {
    "id",
    "time",
    "profile",
    "vps_id",
    "operation",
    "outcome",
    "status",
    "correlation_id",
    "parameters",
    "error",
    "seconds",
}


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_entries_are_appended_as_json_lines_to_a_private_file(tmp_path):
    log = AuditLog(tmp_path / "state" / "actions.jsonl")
    log.append(
        profile="prod",
        vps_id="1",
        operation="stop",
        outcome="accepted",
        status=202,
        correlation_id="c-1",
    )
    log.append(
        profile="prod",
        vps_id="2",
        operation="edit_reference",
        outcome="failed",
        status=400,
        parameters={"reference": "web|01"},
        error="The API could not interpret your request correctly.",
    )
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
    log.append(
        profile="prod",
        vps_id="2",
        operation="edit_reference",
        outcome="failed",
        status=400,
        parameters={"reference": "web|01"},
        error="bad\nrequest",
    )
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


def test_a_write_is_logged_as_sent_before_it_goes_out_and_completed_by_id(tmp_path):
    log = AuditLog(tmp_path / "actions.jsonl")
    sent = log.begin(profile="prod", vps_id="1", operation="stop", parameters={"reason": "maint"})
    [line] = [json.loads(line) for line in log.path.read_text().splitlines()]
    assert (
        line["outcome"] == "sent"
        and line["id"] == sent.id
        and line["parameters"] == {"reason": "maint"}
    )
    other = log.begin(profile="prod", vps_id="2", operation="start")
    log.complete(sent, "accepted", status=202, correlation_id="c-1")
    assert len(log.path.read_text().splitlines()) == 3
    merged, pending = log.read()
    assert (merged.id, merged.vps_id, merged.outcome, merged.status, merged.correlation_id) == (
        sent.id,
        "1",
        "accepted",
        202,
        "c-1",
    )
    assert merged.time == sent.time and merged.parameters == {"reason": "maint"}
    assert (pending.id, pending.outcome) == (other.id, "sent")
    assert entry_cells(pending)[4] == "sent, no answer recorded"
    assert sent.id != other.id


def test_the_latest_outcome_of_an_entry_wins(tmp_path):
    log = AuditLog(tmp_path / "actions.jsonl")
    sent = log.begin(profile="p", vps_id="1", operation="stop")
    log.complete(sent, "unknown", error="quit with the request in flight")
    assert [(e.outcome, e.error) for e in log.read()] == [
        ("unknown", "quit with the request in flight")
    ]


def test_a_log_written_before_entry_ids_still_reads(tmp_path):
    path = tmp_path / "actions.jsonl"
    old = {
        "time": "2026-11-01T10:00:00+00:00",
        "profile": "p",
        "vps_id": "1",
        "operation": "stop",
        "outcome": "accepted",
        "status": 202,
        "correlation_id": "c",
        "parameters": {},
        "error": None,
        "seconds": None,
    }
    path.write_text(
        json.dumps(old) + "\n" + json.dumps(old | {"outcome": "completed", "status": None}) + "\n"
    )
    assert [(e.id, e.outcome) for e in AuditLog(path).read()] == [
        (None, "accepted"),
        (None, "completed"),
    ]


def test_only_the_documented_outcomes_can_be_written(tmp_path):
    """The outcomes the README lists are the only ones the log holds (issue 11 #22)."""
    log = AuditLog(tmp_path / "actions.jsonl")
    with pytest.raises(ValueError, match="completd"):
        log.append(profile="p", vps_id="1", operation="stop", outcome="completd")
    sent = log.begin(profile="p", vps_id="1", operation="stop")
    with pytest.raises(ValueError, match="ok"):
        log.complete(sent, "ok")
    for outcome in OUTCOMES:
        log.append(profile="p", vps_id="1", operation="stop", outcome=outcome)
    assert [e.outcome for e in log.read()][1:] == list(OUTCOMES)
