"""Second-monitor watching, end to end: ``lswtui --demo`` left alone in tmux for two minutes.

Nobody touches the keyboard; the simulated account lives (``--activity normal``, the demo's
default), and the Timeline must show what changed by itself. Its own file (the slowest e2e
test, two minutes of wall time) so that a second test worker runs the others meanwhile.
"""

from __future__ import annotations

import json
import shlex
import time
from pathlib import Path

import pytest

from lswtui.core.fleet import CHANGE_KINDS
from tests.e2e.test_tmux import EXIT_MARK, LSWTUI, Terminal

pytestmark = pytest.mark.e2e

WATCH_SECONDS = 120


def test_two_untouched_minutes_of_the_demo_fill_the_timeline(tmp_path: Path) -> None:
    term = Terminal((140, 40), tmp_path)
    try:
        term.type(f"{shlex.quote(str(LSWTUI))} --demo --demo-accounts 1; echo {EXIT_MARK}$?")
        term.keys("Enter")
        term.wait_for("the VPS list", lambda s: "25 VPS" in s, timeout=30)
        time.sleep(WATCH_SECONDS)  # hands off: only the simulated account acts

        timeline = tmp_path / "state" / "timeline-demo.jsonl"
        entries = [json.loads(line) for line in timeline.read_text().splitlines()]
        changes = [e for e in entries if e["kind"] in CHANGE_KINDS]
        assert len(changes) >= 3, entries
        assert not [e for e in entries if e["kind"] == "action"]  # nothing was sent from here

        term.keys("a")  # what the user sees: the Timeline, newest first
        screen = term.wait_for("the Timeline", lambda s: "Timeline:" in s)
        newest = changes[-1]
        assert newest["vps"] in screen and newest["kind"] in screen, screen
        term.keys("Escape")
        time.sleep(0.5)
        term.keys("q")
        term.wait_for("lswtui to quit", lambda s: f"{EXIT_MARK}0" in s)
    finally:
        term.kill()
