"""``lswtui sim --activity``: each event of the living account is one safe line on stdout."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from queue import Empty, Queue

import httpx
from sim_helpers import free_port

from lswtui.sim import FakeClock, server
from lswtui.sim.activity import ActivityEvent, printable

REPO = Path(__file__).resolve().parents[2]
LINE = re.compile(r'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \d{9} "(?:[^"\\]|\\.)*" [a-z-]+: \S.*')
HOSTILE = '\x1b]52;c;cHduZWQ=\x07\u202eweb\u200b\x85"\\'


def test_a_line_has_time_vps_reference_kind_and_what():
    event = ActivityEvent(
        datetime(2025, 3, 12, 9, 31, 2, 500, tzinfo=UTC), "123456789", "web-01", "reboot", "x y"
    )
    assert event.line() == '2025-03-12T09:31:02Z 123456789 "web-01" reboot: x y'


def test_a_hostile_reference_is_escaped():
    shown = printable(HOSTILE)
    assert shown == '"\\x1b]52;c;cHduZWQ=\\x07\\u202eweb\\u200b\\x85\\"\\\\"'
    assert shown.isprintable() and shown.isascii()
    assert printable("café-01") == '"café-01"'


def test_serve_prints_every_event_as_it_is_applied(runs, capsys):
    clock = FakeClock()
    server.serve(port=free_port(), vps_count=25, api_key="k", activity="busy", clock=clock)
    banner = capsys.readouterr().out
    assert "activity  busy: what happens by itself follows, one line each" in banner
    with runs.serving() as base:
        listed = httpx.get(f"{base}/vps", params={"limit": 100}, headers={"X-LSW-Auth": "k"})
        for vps in listed.json()["vps"]:
            renamed = httpx.put(
                f"{base}/vps/{vps['id']}", json={"reference": HOSTILE}, headers={"X-LSW-Auth": "k"}
            )
            assert renamed.status_code == 200
        clock.advance(300)
        assert httpx.get(f"{base}/vps", headers={"X-LSW-Auth": "k"}).status_code == 200
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) > 20
    for line in lines:
        assert LINE.fullmatch(line) and line.isprintable(), line
    assert any(printable(HOSTILE) in line for line in lines)


def test_serve_without_activity_prints_only_the_banner(runs, capsys):
    clock = FakeClock()
    server.serve(port=free_port(), vps_count=5, api_key="k", clock=clock)
    banner = capsys.readouterr().out
    with runs.serving() as base:
        clock.advance(3600)
        assert httpx.get(f"{base}/vps", headers={"X-LSW-Auth": "k"}).status_code == 200
    assert "activity" not in banner and capsys.readouterr().out == ""


def test_lswtui_sim_prints_events_without_waiting_for_a_request():
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(
        [sys.executable, "-m", "lswtui", "sim", "--port", str(free_port()), "--activity", "busy"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        cwd=REPO,
    )
    lines: Queue[str] = Queue()
    assert process.stdout is not None
    reader = threading.Thread(target=lambda: [lines.put(s) for s in process.stdout], daemon=True)
    reader.start()
    seen: list[str] = []
    try:
        deadline = time.monotonic() + 60
        while not any(LINE.fullmatch(s) for s in seen) and time.monotonic() < deadline:
            try:
                seen.append(lines.get(timeout=1).rstrip("\n"))
            except Empty:
                assert process.poll() is None, "\n".join(seen)
    finally:
        process.terminate()
        process.wait(10)
    assert "  activity  busy" in "\n".join(seen)
    assert any(LINE.fullmatch(s) for s in seen), "\n".join(seen)
