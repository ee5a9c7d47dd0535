"""Terminal replies written to the app's stdin in a real pty never act as keys (issue 10)."""

from __future__ import annotations

import base64

from lswtui.core.audit import DEMO_LOG_NAME
from tests.terminal.pty_app import PtyApp

REPLIES = (
    "\x1b[?1;2c",  # DA1: as keys, "?" opens the help screen and "1"/"2" switch tabs
    "\x1bP>|tmux 3.3a\x1b\\",  # XTVERSION
    "\x1b]52;c;" + base64.b64encode(b"?Xyyyy").decode() + "?\x07",  # OSC 52 clipboard reply
)


def test_replies_on_stdin_open_nothing_and_the_keys_after_them_still_work(tmp_path):
    app = PtyApp("--demo", "--demo-vps-count", "5", state_dir=tmp_path)
    try:
        app.wait_for("the VPS list", lambda: "Overview" in app.text() and "RUNNING" in app.text())
        before = len(app.output)
        for reply in REPLIES:
            app.send(reply)
        app.read(1.0)
        assert "lswtui keys" not in app.text(before)  # the help screen
        app.send("?")
        app.wait_for("the help screen, on a real key", lambda: "lswtui keys" in app.text(before), timeout=10)
        app.send("\x1b")
        app.read(0.5)
        app.send("q")
        assert app.finish() == 0
        assert not (tmp_path / DEMO_LOG_NAME).exists()
    finally:
        app.close()
