"""Terminal replies written to the app's stdin in a real pty never act as keys (issue 10)."""

from __future__ import annotations

import base64
import time

from lswtui.core.state_files import DEMO_FILES
from tests.terminal.pty_app import PtyApp

REPLIES = (
    "\x1b[?1;2c",  # DA1: as keys, "?" opens the help screen and "1"/"2" switch tabs
    "\x1bP>|tmux 3.3a\x1b\\",  # XTVERSION
    "\x1b]52;c;" + base64.b64encode(b"?Xyyyy").decode() + "?\x07",  # OSC 52 clipboard reply
)


def test_replies_on_stdin_open_nothing_and_the_keys_after_them_still_work(tmp_path):
    app = PtyApp(tmp_path, "--demo", "--demo-vps-count", "5")
    try:
        app.wait_for_text(
            "the VPS list", lambda: "Overview" in app.text() and "RUNNING" in app.text()
        )
        before = len(app.output)
        for reply in REPLIES:
            app.write(reply.encode())
        time.sleep(1.0)
        assert "lswtui keys" not in app.text(before)  # the help screen
        app.write(b"?")
        app.wait_for_text(
            "the help screen, on a real key", lambda: "lswtui keys" in app.text(before), timeout=10
        )
        app.write(b"\x1b")
        time.sleep(0.5)
        app.write(b"q")
        assert app.finish() == 0
        assert not (app.state_dir / DEMO_FILES.actions).exists()
    finally:
        app.close()
