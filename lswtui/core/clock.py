"""The session's one source of time, injected so that tests and the simulator can move it."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Clock:
    """``monotonic`` for intervals and ages; ``now`` for the dates shown, logged and queried."""

    monotonic: Callable[[], float] = time.monotonic
    now: Callable[[], datetime] = utc_now
