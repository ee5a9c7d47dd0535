"""lswtui run as a user runs it, in a pseudo-terminal of 120x40, every byte it writes kept.

``python -m lswtui ARGS`` with this checkout on ``PYTHONPATH`` (not the installed console
script, which may be another checkout's code), a config and state dir of its own, and a clean
environment. A reader thread drains the pty's master side into ``output``; ``screen()`` replays
those bytes through pyte (a terminal emulator) to give what a user sees, ``text()`` is the bytes
with their escape sequences removed (cheap, for waiting on a word).
"""

from __future__ import annotations

import fcntl
import os
import re
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pyte

REPO_ROOT = Path(__file__).resolve().parents[2]
COLUMNS, ROWS = 120, 40
_ESCAPES = re.compile(rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-_])")


def wait_for(
    what: str, condition: Callable[[], object], timeout: float, describe: Callable[[], str] = str
) -> object:
    """Poll ``condition`` until it holds; fail the test after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not (value := condition()):
        if time.monotonic() > deadline:
            raise AssertionError(
                f"timed out after {timeout:.0f} s waiting for {what}\n{describe()}"
            )
        time.sleep(0.05)
    return value


class PtyApp:
    """One lswtui process on a pty (a context manager: it is killed on the way out if alive).

    ``home`` is its HOME, holding its config file and its state dir (``state_dir``);
    ``env`` adds variables (e.g. ``LEASEWEB_API_KEY``).
    """

    def __init__(self, home: Path, *args: str, env: dict[str, str] | None = None) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        self.state_dir = home / "state"
        environ = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(home),
            "LANG": "C.UTF-8",
            "TERM": "xterm-256color",
            "PYTHONPATH": str(REPO_ROOT),
            "LSWTUI_CONFIG": str(home / "config.toml"),
            "LSWTUI_STATE_DIR": str(self.state_dir),
            **(env or {}),
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "lswtui", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=environ,
            cwd=home,
            start_new_session=True,
            close_fds=True,
        )
        os.close(slave)
        self.master = master
        self.quit_at = -1  # how many bytes had been written when ``quit`` pressed q
        self._output = bytearray()
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._drain, name="pty-reader", daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        while True:
            try:
                data = os.read(self.master, 65536)
            except OSError:  # EIO: the child closed its side
                return
            if not data:
                return
            with self._lock:
                self._output += data

    def __enter__(self) -> PtyApp:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Kill the app if it still runs and release the pty (again: a no-op)."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(10)
        self._reader.join(5)
        if self.master >= 0:
            os.close(self.master)
            self.master = -1

    # -- looking -----------------------------------------------------------------------------------
    @property
    def output(self) -> bytes:
        with self._lock:
            return bytes(self._output)

    def text(self, since: int = 0) -> str:
        """What was written from byte ``since`` on, escape sequences removed."""
        return _ESCAPES.sub(b"", self.output[since:]).decode(errors="replace")

    def wait_for_text(
        self, what: str, condition: Callable[[], object], timeout: float = 30.0
    ) -> None:
        """Poll ``condition`` (e.g. on ``text()``) until it holds; fail early if the app exits."""

        def probe() -> object:
            if condition():
                return True
            if self.process.poll() is not None:
                raise AssertionError(f"lswtui exited while waiting for {what}\n{self.describe()}")
            return False

        wait_for(what, probe, timeout, self.describe)

    def screen(self) -> str:
        """The screen as pyte draws it from every byte so far (one line per row)."""
        screen = pyte.Screen(COLUMNS, ROWS)
        pyte.ByteStream(screen).feed(self.output)
        return "\n".join(screen.display)

    def rss_mb(self) -> float:
        """The process's resident memory in MB (0 once it has exited)."""
        try:
            status = Path(f"/proc/{self.process.pid}/status").read_text()
        except OSError:
            return 0.0
        line = next(
            (line for line in status.splitlines() if line.startswith("VmRSS:")), "VmRSS: 0 kB"
        )
        return int(line.split()[1]) / 1024

    def wait_for_screen(
        self, what: str, condition: Callable[[str], object], timeout: float = 20.0
    ) -> None:
        """Poll the screen until ``condition(screen)`` holds; fail early if the app exits."""

        def probe() -> object:
            if self.process.poll() is not None:
                raise AssertionError(f"lswtui exited while waiting for {what}\n{self.describe()}")
            return condition(self.screen())

        wait_for(what, probe, timeout, self.describe)

    def describe(self) -> str:
        code = self.process.poll()
        state = "running" if code is None else f"exited with {code}"
        return f"lswtui is {state}; its screen:\n{self.screen()}"

    # -- acting ------------------------------------------------------------------------------------
    def write(self, data: bytes) -> None:
        os.write(self.master, data)

    def signal(self, number: int) -> None:
        self.process.send_signal(number)

    def wait_stopped(self, timeout: float = 15.0) -> None:
        """Wait until the app has stopped itself (after SIGTSTP)."""

        def stopped() -> bool:
            done, status = os.waitpid(self.process.pid, os.WNOHANG | os.WUNTRACED)
            return bool(done) and os.WIFSTOPPED(status)

        wait_for("the app to stop", stopped, timeout, self.describe)

    def finish(self, timeout: float = 15.0) -> int:
        """Wait until the app exits by itself; its exit code (a signal's is negative)."""
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(
                f"lswtui did not exit within {timeout:.0f} s\n{self.describe()}"
            ) from None
        finally:
            self._reader.join(5)

    def quit(self, timeout: float = 10.0) -> int:
        """Press ``q`` (after Escape, to close any dialog) and wait for the exit; fails the test
        if the app is still running after ``timeout`` seconds."""
        assert self.process.poll() is None, self.describe()
        self.quit_at = len(self.output)
        self.write(b"\x1b")
        time.sleep(0.3)  # Textual tells a lone Escape from a sequence's start by a pause
        self.write(b"q")
        return self.finish(timeout)
