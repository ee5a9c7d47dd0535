"""Run a command in a pseudo-terminal, as a user's shell would, and watch its milestones."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from lswtui.tui.milestones import READY_FILE_ENV

SIZE = (140, 40)


class TerminalRun:
    """One process in a 140×40 pty, with its output drained and its milestones readable.

    ``started`` is the wall-clock time just before the process was spawned; milestone times are
    wall-clock too (written by the app), so ``wait_for(name)`` is process start → milestone.
    """

    def __init__(self, argv: Sequence[str]) -> None:
        self._dir = tempfile.TemporaryDirectory(prefix="lswtui-bench-")
        self.ready_file = Path(self._dir.name) / "ready"
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in ("NO_COLOR", "TEXTUAL_THEME", "TEXTUAL_COLOR_SYSTEM")
        }
        env.update(
            TERM="xterm-256color",
            COLORTERM="truecolor",
            LSWTUI_CONFIG=str(Path(self._dir.name) / "config.toml"),
            LSWTUI_STATE_DIR=str(Path(self._dir.name) / "state"),
            **{READY_FILE_ENV: str(self.ready_file)},
        )
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
        self.started = time.time()
        self.process = subprocess.Popen(
            list(argv), stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self._master = master
        self.output = b""  # the last bytes written to the terminal, for error messages
        self._drain = threading.Thread(target=self._read, daemon=True)
        self._drain.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self._master, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output = (self.output + chunk)[-8192:]

    def milestones(self) -> dict[str, float]:
        if not self.ready_file.exists():
            return {}
        found = {}
        for line in self.ready_file.read_text().splitlines():
            name, _, stamp = line.partition(" ")
            found.setdefault(name, float(stamp))
        return found

    def wait_for(self, name: str, timeout: float = 60.0) -> float:
        """Seconds from process start until the app reported ``name``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if name in (found := self.milestones()):
                return found[name] - self.started
            if self.process.poll() is not None:
                break
            time.sleep(0.005)
        tail = self.output[-2000:].decode(errors="replace")
        raise RuntimeError(
            f"{name!r} never reached (exit {self.process.poll()}); output tail:\n{tail}"
        )

    def peak_rss_mb(self) -> float:
        """The process's peak resident memory so far (Linux: VmHWM)."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("VmHWM not found")

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        os.close(self._master)
        self._drain.join(1)
        self._dir.cleanup()

    def __enter__(self) -> TerminalRun:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def lswtui_argv(*args: str) -> list[str]:
    return [sys.executable, "-m", "lswtui", *args]
