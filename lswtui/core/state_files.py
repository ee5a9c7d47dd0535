"""The names of the files lswtui keeps in its state directory, for real accounts and for the
demo. The demo's are apart (``-demo``), so that nothing done in it is ever mixed with, or
taken for, the record of real actions: its action log, its timeline, its incident reports and
its command history.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StateFiles:
    actions: str  # the write-ahead action log
    timeline: str  # what was seen and done, rotated into ``<stem>.1.jsonl``
    report: str  # the stem of an incident report: ``<report>-<time>.md`` and ``.json``
    history: str  # the lines run on the ``:`` command line


REAL_FILES = StateFiles("actions.jsonl", "timeline.jsonl", "incident-report", "command-history")
DEMO_FILES = StateFiles(
    "actions-demo.jsonl", "timeline-demo.jsonl", "incident-report-demo", "command-history-demo"
)
