"""A hook for the benchmark suite (``python -m tests.bench``): note when a milestone is on screen.

With ``LSWTUI_BENCH_READY_FILE`` set, each milestone appends ``<name> <unix time>`` to that
file. Unset (always, outside the benchmark), it does nothing.
"""

from __future__ import annotations

import os
import time

READY_FILE_ENV = "LSWTUI_BENCH_READY_FILE"


def reached(name: str) -> None:
    path = os.environ.get(READY_FILE_ENV)
    if path:
        with open(path, "a", encoding="utf-8") as file:
            file.write(f"{name} {time.time()}\n")
