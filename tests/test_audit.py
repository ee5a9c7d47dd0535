"""The action log file (one private JSON line per action) and its post-incident report."""

from __future__ import annotations

import json
import stat
from datetime import UTC, datetime

import pytest

from lswtui.core.actions import ACTIONS
from lswtui.core.audit import OUTCOMES, AuditLog
from lswtui.core.audit_report import Window, export_report, to_markdown
from lswtui.core.timeline import action_log_entry

TITLES = {action.id: action.title for action in ACTIONS}

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


def test_the_report_is_a_markdown_table_and_json_of_the_window(tmp_path):
    log = AuditLog(tmp_path / "actions.jsonl")
    log.append(
        profile="prod",
        vps_id="2",
        operation="edit_reference",
        outcome="failed",
        status=400,
        error="bad|\nrequest",
    )
    log.append(profile="prod", vps_id="1", operation="stop", outcome="unknown", error="timeout")
    entries = [action_log_entry(entry, TITLES) for entry in reversed(log.read())]
    when = datetime(2100, 11, 27, 9, 30, 5, tzinfo=UTC)
    window = Window(None, when, "everything kept", "only entries of kind action")
    markdown, data, count = export_report(entries, window, directory=tmp_path, exported_at=when)
    assert markdown.name == "incident-report-21001127T093005Z.md" and data.parent == tmp_path
    assert mode(markdown) == 0o600 and mode(data) == 0o600 and count == 2
    text = markdown.read_text()
    assert text == to_markdown(entries, window, exported_at=when)
    assert "Window: everything kept" in text and "(only entries of kind action)" in text
    assert "0 changes observed, 2 action steps, 0 API health changes" in text
    rows = [line for line in text.splitlines() if line.startswith("| ") and "Time" not in line]
    assert "| prod | 1 |  | action | Stop VPS: unknown: timeout | unknown |" in rows[0]
    assert "Edit reference: failed (HTTP 400): bad\\| request" in rows[1]
    document = json.loads(data.read_text())
    assert [e["vps"] for e in document["entries"]] == ["1", "2"]
    assert document["since"] is None and document["window"] == "everything kept"


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
    assert action_log_entry(pending, TITLES).text == "Start VPS: sent, no answer recorded"
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
