"""``lswtui sim`` in its own process, so the app's event loop carries only the app's work."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

from lswtui.sim.middleware import API_BASE_PATH

API_KEY = "bench-key"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def http_simulator(vps_count: int) -> Iterator[str]:
    """Serve a fresh simulator of ``vps_count`` VPSes on loopback; yields its base URL."""
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "lswtui",
            "sim",
            "--port",
            str(port),
            "--vps-count",
            str(vps_count),
            "--api-key",
            API_KEY,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("lswtui sim did not start") from None
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}{API_BASE_PATH}"
    finally:
        process.terminate()
        process.wait(10)
