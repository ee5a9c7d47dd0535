"""The API's health as the status line reports it: ok, slow, errors, stale, or retrying.

The data's age decides "stale" on its own: a refresh hanging on a trickling body fails nothing,
yet what is shown grows old. While the client waits to retry, the line says so and for how long.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from statistics import median
from typing import Protocol

SLOW_SECONDS = 2.0
CONDITIONS = ("ok", "slow", "errors", "stale", "retrying", "rate limited")


class RetryWaitLike(Protocol):
    """What the client's ``on_retry`` hook passes (``lswtui.api``'s ``RetryWait``)."""

    @property
    def delay(self) -> float: ...

    @property
    def status(self) -> int | None: ...


@dataclass
class ApiHealth:
    """Fed by the client's per-request and retry hooks and by the fleet refresh outcome;
    ``on_change`` is called after each, so the owner can tell a change of condition as it
    happens (the data ageing into "stale" and a retry wait running out are noticed by time: at
    the next feed or look)."""

    clock: Callable[[], float]
    on_change: Callable[[], object] = lambda: None
    window: int = 20
    latencies: deque[float] = field(default_factory=deque)
    last_success: float | None = None
    consecutive_failures: int = 0
    requests_sent: int = 0
    retry_until: float | None = None
    rate_limited: bool = False

    def record_request(self, elapsed: float, ok: bool) -> None:
        self.requests_sent += 1
        self.retry_until = None  # a request ended: any wait before it is over
        if ok:
            self.latencies.append(elapsed)
            while len(self.latencies) > self.window:
                self.latencies.popleft()
        self.on_change()

    def retry_waiting(self, wait: RetryWaitLike) -> None:
        """The client sleeps ``wait.delay`` seconds before retrying (429: rate limited)."""
        self.retry_until = self.clock() + wait.delay
        self.rate_limited = wait.status == 429
        self.on_change()

    def refresh_succeeded(self) -> None:
        self.last_success = self.clock()
        self.consecutive_failures = 0
        self.on_change()

    def refresh_failed(self) -> None:
        self.consecutive_failures += 1
        self.on_change()

    def age(self) -> float | None:
        return None if self.last_success is None else self.clock() - self.last_success

    def status(self, stale_after: float) -> str:
        """One of ok, slow, errors, stale, or "[rate limited, ]retrying in N s"."""
        condition = self.condition(stale_after)
        if condition in ("retrying", "rate limited"):
            assert self.retry_until is not None
            wait = f"retrying in {math.ceil(self.retry_until - self.clock())} s"
            return f"rate limited, {wait}" if self.rate_limited else wait
        return condition

    def condition(self, stale_after: float) -> str:
        """The status without its countdown: one of :data:`CONDITIONS`."""
        if self.retry_until is not None and self.clock() < self.retry_until:
            return "rate limited" if self.rate_limited else "retrying"
        age = self.age()
        if age is not None and age > stale_after:
            return "stale"
        if self.consecutive_failures:
            return "errors"
        if self.latencies and median(self.latencies) > SLOW_SECONDS:
            return "slow"
        return "ok"
