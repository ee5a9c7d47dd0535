"""When the list refreshes next, and what it reads: every page, or only the VPSes in transition.

A full refresh of a 10,000-VPS account is 200 list pages. Repeating it every 2 s while a few
VPSes are starting would be a request storm, so a large fleet re-reads only the moving VPSes
(one small request each, at most ``MAX_POLLED``) between full refreshes at the normal interval.
A fleet whose list is no more pages than that keeps refreshing in full, fast, which costs the
same. A slow API stretches both delays so lswtui keeps it busy at most ``1/SLOW_FACTOR`` of the
time; failures back off exponentially.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

FAST_REFRESH = 2.0
MAX_BACKOFF = 120.0
MAX_POLLED = 8
SLOW_FACTOR = 4.0


@dataclass(frozen=True)
class NextRefresh:
    delay: float
    poll: tuple[str, ...] = ()  # empty: read the whole list; else: read only these VPSes


def next_refresh(
    *,
    interval: float,
    failures: int,
    watched: Sequence[str],
    pages: int,
    since_full: float,
    full_took: float,
    poll_took: float = 0.0,
) -> NextRefresh:
    """``watched``: VPSes in transition or with an action in flight, most wanted first;
    ``since_full``: seconds since the last full refresh ended; ``full_took`` / ``poll_took``:
    how long the last full refresh / the last poll waited for the API."""
    if failures:
        return NextRefresh(min(interval * 2 ** (failures - 1), MAX_BACKOFF))
    full_due = max(0.0, max(interval, SLOW_FACTOR * full_took) - since_full)
    if not watched:
        return NextRefresh(full_due)
    fast = min(interval, FAST_REFRESH)
    if pages <= min(len(watched), MAX_POLLED):
        return NextRefresh(min(full_due, max(fast, SLOW_FACTOR * full_took)))
    poll_due = max(fast, SLOW_FACTOR * poll_took)
    if full_due <= poll_due:
        return NextRefresh(full_due)
    return NextRefresh(poll_due, tuple(watched[:MAX_POLLED]))


class RefreshTimes:
    """The refresh loop's memory between cycles: failures in a row, how long the last full read
    and the last poll took, and when the last full read ended."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.failures = 0
        self.full_done_at = clock()
        self.full_took = 0.0
        self.poll_took = 0.0

    def full_done(self, started: float) -> None:
        self.full_done_at = self.clock()
        self.full_took = self.full_done_at - started

    def next(self, *, interval: float, watched: Sequence[str], pages: int) -> NextRefresh:
        return next_refresh(
            interval=interval,
            failures=self.failures,
            watched=watched,
            pages=pages,
            since_full=self.clock() - self.full_done_at,
            full_took=self.full_took,
            poll_took=self.poll_took,
        )
