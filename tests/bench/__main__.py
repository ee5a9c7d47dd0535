"""``python -m tests.bench [--runs N]``: the figures of README.md's Performance section.

Drives the real app against the simulator and prints a table: each figure is the median of
``--runs`` runs (default 5) beside its target and a baseline. Start-up is measured the honest
way: ``lswtui --demo`` in a 140×40 pseudo-terminal, from process start until the app reports
(``LSWTUI_BENCH_READY_FILE``) that the first rows are on screen. Takes about 4 minutes on 2
cores; other work on the machine slows every figure, so the heading shows the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from importlib.metadata import version
from statistics import median

from lswtui.core.refresh import FAST_REFRESH, MAX_POLLED
from lswtui.core.timeline import MAX_BYTES
from tests.bench.inproc import ACCOUNTS, MOVING_VPSES, WATCHED_ENTRIES
from tests.bench.report import Figure, render
from tests.bench.terminal import TerminalRun, lswtui_argv

LARGE = 10_000
PAGES = LARGE // 50
INTERVAL = 10.0  # the default refresh interval
MEMORY_SETTLE = 5.0  # seconds of refreshing (every second) after the list loaded
PER_ACCOUNT = LARGE // ACCOUNTS  # several accounts: as many VPSes in all as the large one


def module_argv(module: str, *args: str) -> list[str]:
    return [sys.executable, "-m", module, *args]


def timed_starts(
    argv: Sequence[str], milestones: Sequence[str], runs: int
) -> dict[str, list[float]]:
    found: dict[str, list[float]] = defaultdict(list)
    for _ in range(runs):
        with TerminalRun(argv) as run:
            for name in milestones:
                found[name].append(run.wait_for(name))
    return found


def peak_memory(argv: Sequence[str], milestone: str, settle: float, runs: int) -> list[float]:
    peaks = []
    for _ in range(runs):
        with TerminalRun(argv) as run:
            run.wait_for(milestone)
            time.sleep(settle)
            peaks.append(run.peak_rss_mb())
    return peaks


def in_process(scenario: str, count: int, runs: int) -> dict[str, list[float]]:
    """Run ``tests.bench.inproc`` ``runs`` times, each in a fresh interpreter; pool the samples."""
    pooled: dict[str, list[float]] = defaultdict(list)
    for _ in range(runs):
        done = subprocess.run(
            module_argv("tests.bench.inproc", scenario, str(count)), capture_output=True, text=True
        )
        if done.returncode:
            raise RuntimeError(f"{scenario} failed:\n{done.stderr[-3000:]}")
        for key, values in json.loads(done.stdout.splitlines()[-1]).items():
            pooled[key] += values
    return pooled


def measure(runs: int) -> list[Figure]:
    demo = lswtui_argv("--demo", "--demo-accounts", "1", "--demo-vps-count")
    several = lswtui_argv("--demo", "--demo-accounts", str(ACCOUNTS), "--demo-vps-count")
    one_of_many = timed_starts([*demo, str(PER_ACCOUNT)], ["rows"], runs)
    many = timed_starts([*several, str(PER_ACCOUNT)], ["rows"], runs)
    accounts = in_process("accounts", PER_ACCOUNT, runs)
    accounts_http = in_process("accounts-http", PER_ACCOUNT, runs)
    small = timed_starts([*demo, "25"], ["rows"], runs)
    small_naive = timed_starts(module_argv("tests.bench.naive", "25"), ["rows"], runs)
    large = timed_starts([*demo, str(LARGE)], ["rows", "loaded"], runs)
    large_naive = timed_starts(module_argv("tests.bench.naive", str(LARGE)), ["rows"], runs)
    client_only = timed_starts(module_argv("tests.bench.client_only", str(LARGE)), ["loaded"], runs)
    interact = in_process("interact", LARGE, runs)
    naive = in_process("naive", LARGE, max(1, runs // 2))  # seconds per sample
    http = in_process("http", LARGE, runs)
    memory = peak_memory(
        [*demo, str(LARGE), "--refresh", "1"], "loaded", MEMORY_SETTLE, min(runs, 3)
    )
    memory_naive = peak_memory(
        module_argv("tests.bench.naive", str(LARGE)), "rows", 1.0, min(runs, 3)
    )
    watch = in_process("timeline", LARGE, min(runs, 3))
    kept = f"{WATCHED_ENTRIES:,} entries, {watch['timeline_entries'][0]:,.0f} kept"
    polite = in_process("politeness", LARGE, 1)
    storm = in_process("politeness-old", LARGE, 1)
    naive_table = "DataTable, clear + refill"
    return [
        Figure(
            "Start → first rows on screen, 25 VPSes",
            "s",
            small["rows"],
            1.0,
            small_naive["rows"],
            "minimal DataTable app, no API",
        ),
        Figure(
            "Start → first page on screen, 10,000 VPSes",
            "s",
            large["rows"],
            1.5,
            large_naive["rows"],
            "DataTable app, no API",
        ),
        Figure(
            "Start → whole 10,000-VPS list loaded",
            "s",
            large["loaded"],
            None,
            client_only["loaded"],
            "client alone, no UI",
        ),
        Figure(
            "Filter keystroke → table repainted",
            "ms",
            interact["filter"],
            0.1,
            naive["filter"],
            naive_table,
        ),
        Figure(
            "Cursor move → repainted", "ms", interact["cursor"], 0.03, naive["cursor"], "DataTable"
        ),
        Figure(
            "Longest loop stall in a refresh (sim over HTTP)",
            "ms",
            http["refresh_stall"],
            0.1,
            naive["refresh_stall"],
            naive_table,
        ),
        Figure(
            "Longest loop stall, first load (sim over HTTP)", "ms", http["first_load_stall"], 0.1
        ),
        Figure(
            "Longest loop stall in a refresh (demo, sim in-process)",
            "ms",
            interact["demo_refresh_stall"],
        ),
        Figure(
            "Peak memory (demo: app + simulator)",
            "MB",
            memory,
            250.0,
            memory_naive,
            "DataTable app, no API",
        ),
        Figure(
            f"API requests per refresh ({PAGES} pages + 1 detail)",
            "",
            interact["requests_per_refresh"],
            PAGES + 1,
        ),
        Figure(
            f"Requests/min, {MOVING_VPSES} VPSes kept in transition",
            "",
            polite["requests_per_minute"],
            60 / INTERVAL * (PAGES + 1) + 60 / FAST_REFRESH * MAX_POLLED,
            storm["requests_per_minute"],
            "every page every 2 s",
        ),
        Figure(
            f"Timeline memory, 24 h watch at busy ({kept})", "MB", watch["timeline_memory"], 50.0
        ),
        Figure(
            "Timeline files on disk (rotated by size)",
            "MB",
            watch["timeline_disk"],
            2 * MAX_BYTES / 1e6,
        ),
        Figure(
            "Timeline screen opened → drawn, 24 h watch",
            "ms",
            watch["timeline_open"],
            0.3,
            watch["action_log_open"],
            "Action log's DataTable, 10,000 entries",
        ),
        Figure("Timeline filter keystroke → repainted", "ms", watch["timeline_filter"], 0.1),
        Figure(
            f"Start → first rows, {ACCOUNTS} accounts × {PER_ACCOUNT:,} VPSes",
            "s",
            many["rows"],
            1.2 * median(one_of_many["rows"]),
            one_of_many["rows"],
            f"one account of {PER_ACCOUNT:,}",
        ),
        Figure(
            f"Filter keystroke → repainted, {ACCOUNTS} accounts × {PER_ACCOUNT:,}",
            "ms",
            accounts["filter"],
            median(interact["filter"]),
            interact["filter"],
            f"one account of {LARGE:,}",
        ),
        Figure(
            f"Longest loop stall while {ACCOUNTS} accounts refresh (sims over HTTP)",
            "ms",
            accounts_http["refresh_stall"],
            0.05,
            http["refresh_stall"],
            f"one account of {LARGE:,}",
        ),
        Figure(
            f"Longest loop stall while {ACCOUNTS} accounts refresh (sims in-process)",
            "ms",
            accounts["refresh_stall"],
            None,
            interact["demo_refresh_stall"],
            f"one account of {LARGE:,}",
        ),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.bench", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (the median is shown)")
    runs = parser.parse_args().runs
    load = os.getloadavg()[0]
    started = time.monotonic()
    figures = measure(runs)
    heading = (
        f"lswtui performance, 10,000 VPSes unless said; {os.cpu_count()} CPUs, load {load:.1f} at start, "
        f"Python {platform.python_version()}, Textual {version('textual')}; {runs} runs; "
        f"took {time.monotonic() - started:.0f} s"
    )
    print(render(figures, heading))
    missed = [figure.what for figure in figures if figure.met is False]
    print("\nAll targets met." if not missed else f"\nTargets missed: {'; '.join(missed)}")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
