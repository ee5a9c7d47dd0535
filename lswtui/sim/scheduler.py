"""A time-ordered queue of pending platform changes, run lazily up to "now" at every request."""

from __future__ import annotations

import heapq
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import count

#: An action receives the moment it was due, so chained steps are timed from that moment
#: (not from whenever the next request happened to arrive).
Action = Callable[[datetime], None]


@dataclass(order=True, slots=True)
class _Event:
    due: datetime
    seq: int
    action: Action = field(compare=False)
    label: str = field(compare=False)


class Scheduler:
    def __init__(self) -> None:
        self._heap: list[_Event] = []
        self._seq = count()

    def at(self, due: datetime, action: Action, label: str) -> None:
        heapq.heappush(self._heap, _Event(due, next(self._seq), action, label))

    def after(self, start: datetime, seconds: float, action: Action, label: str) -> None:
        self.at(start + timedelta(seconds=seconds), action, label)

    def run_until(self, now: datetime) -> int:
        """Apply every change due at or before ``now``, oldest first; return how many ran."""
        ran = 0
        while self._heap and self._heap[0].due <= now:
            event = heapq.heappop(self._heap)
            event.action(event.due)
            ran += 1
        return ran

    def pending(self) -> list[tuple[datetime, str]]:
        """The changes still to come, in order (for tests and debugging)."""
        return [(e.due, e.label) for e in sorted(self._heap)]
