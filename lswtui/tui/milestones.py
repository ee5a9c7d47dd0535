"""Start-up milestones (the first rows on screen, the whole first list): the one place that
tells the benchmark suite (``python -m tests.bench``) and freezes the long-lived objects
(:mod:`lswtui.tui.gc_freeze`).

With ``LSWTUI_BENCH_READY_FILE`` set, each milestone appends ``<name> <unix time>`` to that
file. Unset (always, outside the benchmark), only the freeze runs, and only if enabled.
"""

from __future__ import annotations

import os
import time

from lswtui.tui import gc_freeze

READY_FILE_ENV = "LSWTUI_BENCH_READY_FILE"


def reached(name: str) -> None:
    path = os.environ.get(READY_FILE_ENV)
    if path:
        with open(path, "a", encoding="utf-8") as file:
            file.write(f"{name} {time.time()}\n")
    gc_freeze.milestone()  # after the note: the freeze is not part of what is measured
