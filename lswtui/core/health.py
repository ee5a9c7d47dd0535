"""The API's health as the status line reports it: ok, slow, errors or stale."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from statistics import median

SLOW_SECONDS = 2.0


@dataclass
class ApiHealth:
    """Fed by the client's per-request hook and by the fleet refresh outcome."""

    clock: Callable[[], float]
    window: int = 20
    latencies: deque[float] = field(default_factory=deque)
    last_success: float | None = None
    consecutive_failures: int = 0
    requests_sent: int = 0

    def record_request(self, elapsed: float, ok: bool) -> None:
        self.requests_sent += 1
        if ok:
            self.latencies.append(elapsed)
            while len(self.latencies) > self.window:
                self.latencies.popleft()

    def refresh_succeeded(self) -> None:
        self.last_success = self.clock()
        self.consecutive_failures = 0

    def refresh_failed(self) -> None:
        self.consecutive_failures += 1

    def age(self) -> float | None:
        return None if self.last_success is None else self.clock() - self.last_success

    def status(self, stale_after: float) -> str:
        if self.consecutive_failures:
            age = self.age()
            return "stale" if age is not None and age > stale_after else "errors"
        if self.latencies and median(self.latencies) > SLOW_SECONDS:
            return "slow"
        return "ok"
