"""Deterministic data traffic: bytes per day as a pure function of (VPS id, date).

Each VPS gets a stable profile (its usual volume and up/down ratio); each day adds a weekly
rhythm, some noise and, now and then, a spike. Within a day the bytes flow by a daily rhythm
(least around 04:00 UTC, most in the evening), so today's count grows as the day goes on.
"""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from hashlib import blake2b

WEEKLY_RHYTHM = (1.0, 1.08, 1.1, 1.06, 0.98, 0.72, 0.66)  # Monday .. Sunday
#: The daily rhythm: the rate is 1 - DAILY_SWING * cos(2 pi (x - QUIETEST)), x the fraction
#: of the day, so the quietest moment is QUIETEST (04:00) and the busiest 12 hours later.
DAILY_SWING, QUIETEST = 0.6, 4 / 24


def _uniforms(key: str) -> list[float]:
    """Four numbers in [0, 1) derived from ``key``."""
    digest = blake2b(key.encode(), digest_size=16).digest()
    return [int.from_bytes(digest[i : i + 4], "big") / 2**32 for i in range(0, 16, 4)]


@lru_cache(maxsize=4096)
def _profile(vps_id: str) -> tuple[float, float, float]:
    """(usual bytes down per day, up/down ratio, chance of a spike on a given day)."""
    u0, u1, u2, _ = _uniforms(f"{vps_id}|profile")
    return 10 ** (8.3 + 2.2 * u0), 10 ** (-1 + 1.5 * u1), 0.02 + 0.04 * u2


def daily_traffic(vps_id: str, day: date) -> tuple[int, int]:
    """Public bytes (down, up) of ``vps_id`` on ``day``."""
    base_down, up_ratio, spike_chance = _profile(vps_id)
    u0, u1, u2, u3 = _uniforms(f"{vps_id}|{day.isoformat()}")
    rhythm = WEEKLY_RHYTHM[day.weekday()]
    spike = 3 + 12 * u2 if u1 < spike_chance else 1.0
    down = base_down * rhythm * (0.8 + 0.4 * u0) * spike
    up = base_down * up_ratio * rhythm * (0.8 + 0.4 * u3) * spike
    return int(down), int(up)


def days(first: date, last: date) -> list[date]:
    """Every date from ``first`` to ``last``, both included (empty when ``last < first``)."""
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def day_fraction_done(x: float) -> float:
    """The share of a day's bytes that has flowed by ``x`` (0 at midnight, 1 at the next)."""
    x = min(max(x, 0.0), 1.0)
    wave = math.sin(2 * math.pi * (x - QUIETEST)) + math.sin(2 * math.pi * QUIETEST)
    return x - DAILY_SWING / (2 * math.pi) * wave


def traffic_between(vps_id: str, day: date, since: datetime, until: datetime) -> tuple[int, int]:
    """Public bytes (down, up) of ``vps_id`` on ``day`` that flowed between ``since`` and
    ``until`` (a day that has ended and was whole gives ``daily_traffic``)."""
    midnight = datetime(day.year, day.month, day.day, tzinfo=UTC)

    def done(when: datetime) -> float:
        return day_fraction_done((when - midnight) / timedelta(days=1))

    share = max(0.0, done(until) - done(since))
    down, up = daily_traffic(vps_id, day)
    return int(down * share), int(up * share)
