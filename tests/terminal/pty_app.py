"""Run ``python -m lswtui`` (this checkout's) in a pseudo-terminal and read every byte it writes."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
_ESCAPES = re.compile(rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-_])")


class PtyApp:
    """The app in a 120x40 pty; ``output`` is everything written so far."""

    def __init__(self, *args: str, state_dir: Path) -> None:
        env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TEXTUAL_THEME", "TEXTUAL_COLOR_SYSTEM")}
        env |= {"PYTHONPATH": str(REPO), "TERM": "xterm-256color", "LSWTUI_STATE_DIR": str(state_dir),
                "LSWTUI_CONFIG": str(state_dir / "config.toml")}
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: the app on the pty's other end
            os.execvpe(sys.executable, [sys.executable, "-m", "lswtui", *args], env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        self.output = b""
        self.status: int | None = None

    def read(self, seconds: float) -> bool:
        """Read for up to ``seconds``; False once the app has closed the terminal."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            ready, _, _ = select.select([self.fd], [], [], left)
            if not ready:
                continue
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:  # EIO: the child is gone
                return False
            if not chunk:
                return False
            self.output += chunk
        return True

    def text(self, since: int = 0) -> str:
        """What was written from byte ``since`` on, escape sequences removed."""
        return _ESCAPES.sub(b"", self.output[since:]).decode(errors="replace")

    def wait_for(self, what: str, check: Callable[[], bool], timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while not check():
            assert time.monotonic() < deadline, f"timed out waiting for {what}; screen: {self.text()[-2000:]!r}"
            if not self.read(0.1):
                assert check(), f"the app ended before {what}; screen: {self.text()[-2000:]!r}"

    def send(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def signal(self, number: int) -> None:
        os.kill(self.pid, number)

    def wait_stopped(self, timeout: float = 15.0) -> None:
        """Read until the app has stopped itself (after SIGTSTP)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            done, status = os.waitpid(self.pid, os.WNOHANG | os.WUNTRACED)
            if done and os.WIFSTOPPED(status):
                return
            self.read(0.1)
        raise AssertionError(f"the app did not stop within {timeout:.0f}s")

    def finish(self, timeout: float = 15.0) -> int:
        """Read until the app exits; its exit code."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                self.read(0.2)
                self.status = os.waitstatus_to_exitcode(status)
                return self.status
            self.read(0.1)
        raise AssertionError(f"the app did not exit within {timeout:.0f}s")

    def close(self) -> None:
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        os.close(self.fd)
