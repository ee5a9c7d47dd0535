"""Clocks for the simulator: every time-driven change is computed from one of these."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol, runtime_checkable

#: Where a ``FakeClock`` starts when no start is given (a fixed, realistic moment).
DEFAULT_FAKE_START = datetime(2025, 3, 12, 9, 30, tzinfo=UTC)


@runtime_checkable
class Clock(Protocol):
    """A source of the current time: ``now()`` returns a timezone-aware UTC datetime."""

    def now(self) -> datetime: ...


class SystemClock:
    """The real wall clock, in UTC."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class FakeClock:
    """A clock that only moves when told to, for deterministic tests."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = _aware(start or DEFAULT_FAKE_START)

    def now(self) -> datetime:
        return self._now

    def advance(self, seconds: float) -> datetime:
        """Move forward by ``seconds`` (never backwards) and return the new time."""
        if seconds < 0:
            raise ValueError("a FakeClock cannot go backwards")
        self._now += timedelta(seconds=seconds)
        return self._now

    def set(self, when: datetime) -> None:
        """Jump to ``when``; it may not be earlier than the current time."""
        when = _aware(when)
        if when < self._now:
            raise ValueError("a FakeClock cannot go backwards")
        self._now = when


def _aware(when: datetime) -> datetime:
    if when.tzinfo is None:
        raise ValueError("clock times must be timezone-aware (UTC)")
    return when.astimezone(UTC)
