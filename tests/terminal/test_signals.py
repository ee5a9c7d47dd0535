"""SIGTERM, SIGHUP and SIGTSTP in a real pseudo-terminal (issue 10)."""

from __future__ import annotations

import json
import signal
import time

import pytest

from lswtui.core.state_files import DEMO_FILES
from tests.terminal.pty_app import PtyApp

LEAVE_ALT_SCREEN, SHOW_CURSOR = b"\x1b[?1049l", b"\x1b[?25h"
MOUSE_OFF = (b"\x1b[?1000l", b"\x1b[?1003l", b"\x1b[?1006l")


@pytest.fixture
def launch(tmp_path):
    apps: list[PtyApp] = []

    def start(*args: str) -> PtyApp:
        # No background activity: the VPS a test acts on stays as the test expects it.
        app = PtyApp(tmp_path, "--demo", "--demo-vps-count", "5", "--activity", "off", *args)
        apps.append(app)
        return app

    yield start
    for app in apps:
        app.close()


def first_screen(app: PtyApp) -> None:
    app.wait_for_text("the VPS list", lambda: "Overview" in app.text() and "RUNNING" in app.text())


@pytest.mark.parametrize(
    ("number", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129)], ids=["SIGTERM", "SIGHUP"]
)
def test_an_ending_signal_restores_the_terminal_and_exits_with_its_code(launch, number, code):
    app = launch()
    first_screen(app)
    before = len(app.output)
    app.signal(number)
    assert app.finish() == code
    tail = app.output[before:]
    assert LEAVE_ALT_SCREEN in tail and SHOW_CURSOR in tail
    assert all(off in tail for off in MOUSE_OFF)


def test_a_write_in_flight_at_sigterm_is_logged_as_unknown(launch):
    app = launch("--demo-faults", "latency=3s")
    first_screen(app)
    log = app.state_dir / DEMO_FILES.actions  # the demo logs apart from real actions
    app.write(b"B")
    app.wait_for_text("the Reboot dialog", lambda: "Reboot VPS" in app.text())
    time.sleep(0.5)  # past the dialog's key guard
    app.write(b"y")
    app.wait_for_text(
        "the write to be logged as sent", lambda: log.exists() and '"sent"' in log.read_text()
    )
    app.signal(signal.SIGTERM)
    assert app.finish() == 143
    lines = [json.loads(line) for line in log.read_text().splitlines()]
    assert [(line["operation"], line["outcome"]) for line in lines] == [
        ("reboot", "sent"),
        ("reboot", "unknown"),
    ]
    assert lines[0]["id"] == lines[1]["id"] and "SIGTERM" in lines[1]["error"]


def test_suspend_and_resume_repaints_the_whole_screen(launch):
    app = launch()
    first_screen(app)
    app.signal(signal.SIGTSTP)
    app.wait_stopped()
    resumed = len(app.output)
    app.signal(signal.SIGCONT)
    app.wait_for_text(
        "the repaint after resume",
        lambda: "Overview" in app.text(resumed) and "RUNNING" in app.text(resumed),
        timeout=10,
    )
    app.write(b"q")
    assert app.finish() == 0
