"""lswtui run as a user runs it, in a pseudo-terminal of 120x40, every byte it writes kept.

``python -m lswtui --api-url ...`` with this checkout on ``PYTHONPATH`` (not the installed
console script, which may be another checkout's code), a key in the environment and a config
and state dir of its own. A reader thread drains the pty's master side into ``output``;
``screen()`` replays those bytes through pyte (a terminal emulator) to give what a user sees.
"""

from __future__ import annotations

import fcntl
import os
import signal
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


def wait_for(what: str, condition: Callable[[], object], timeout: float, describe: Callable[[], str] = str) -> object:
    """Poll ``condition`` until it holds; fail the test after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not (value := condition()):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}\n{describe()}")
        time.sleep(0.05)
    return value


class PtyApp:
    """One lswtui process on a pty (a context manager: it is killed on the way out if alive)."""

    def __init__(self, api_url: str, api_key: str, home: Path, *args: str) -> None:
        self.api_key = api_key
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "LANG": "C.UTF-8",
            "TERM": "xterm-256color", "PYTHONPATH": str(REPO_ROOT), "LEASEWEB_API_KEY": api_key,
            "LSWTUI_CONFIG": str(home / "config.toml"), "LSWTUI_STATE_DIR": str(home / "state"),
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "lswtui", "--api-url", api_url, *args],
            stdin=slave, stdout=slave, stderr=slave, env=env, cwd=home, start_new_session=True, close_fds=True,
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
        line = next((line for line in status.splitlines() if line.startswith("VmRSS:")), "VmRSS: 0 kB")
        return int(line.split()[1]) / 1024

    def wait_for_screen(self, what: str, condition: Callable[[str], object], timeout: float = 20.0) -> None:
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

    def quit(self, timeout: float = 10.0) -> int:
        """Press ``q`` (after Escape, to close any dialog) and wait for the exit; fails the test
        if the app is still running after ``timeout`` seconds."""
        assert self.process.poll() is None, self.describe()
        self.quit_at = len(self.output)
        self.write(b"\x1b")
        time.sleep(0.3)  # Textual tells a lone Escape from a sequence's start by a pause
        self.write(b"q")
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.send_signal(signal.SIGKILL)
            raise AssertionError(f"lswtui did not quit on q within {timeout:.0f} s\n{self.describe()}") from None
        finally:
            self._reader.join(5)
