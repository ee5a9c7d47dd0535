"""When to retry a GET, and how long to wait first.

Only GETs are ever retried (writes are not idempotent here: a 504 on ``stop`` may still have
stopped the VPS). Delays are deterministic, without jitter, so tests can assert them.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_RETRY_DELAY = 60.0
"""No wait is ever longer than this, whatever ``Retry-After`` asks for."""


def backoff_delay(attempt: int, base: float, cap: float) -> float:
    """Delay after failed attempt ``attempt`` (1-based): base, 2*base, 4*base, ... up to cap."""
    return min(cap, base * 2.0 ** (attempt - 1))


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Parse a ``Retry-After`` header (delta-seconds or HTTP-date) into seconds from now."""
    if not value:
        return None
    try:
        seconds = float(value.strip())
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - (now or datetime.now(UTC))).total_seconds()
    return max(0.0, seconds) if math.isfinite(seconds) else None


def retry_delay(attempt: int, base: float, cap: float, retry_after: float | None) -> float:
    """The wait before the next attempt: the backoff, or longer if the server asked."""
    delay = backoff_delay(attempt, base, cap)
    if retry_after is not None:
        delay = max(delay, retry_after)
    return min(delay, MAX_RETRY_DELAY)
