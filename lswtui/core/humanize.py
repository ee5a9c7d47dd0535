"""Human units for bytes, durations and ages. A non-finite or absurd number reads "–"."""

from __future__ import annotations

import math

_BYTE_UNITS = ("B", "KB", "MB", "GB", "TB", "PB")
MAX_PLAUSIBLE_BYTES = 1e21  # a zettabyte: far above any VPS's traffic, and 90 of them sum finitely


def plausible_bytes(value: float) -> bool:
    """A byte count worth drawing or adding up: finite, not negative, not absurd."""
    return 0 <= value <= MAX_PLAUSIBLE_BYTES


def human_bytes(value: float | str | None) -> str:
    """Decimal units, as Leaseweb's portal shows traffic. Strings (older API shapes) pass through."""
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    size = float(value)
    if not abs(size) <= MAX_PLAUSIBLE_BYTES:  # also NaN
        return "–"
    for unit in _BYTE_UNITS:
        if abs(size) < 1000 or unit == _BYTE_UNITS[-1]:
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.2f} {unit}"
        size /= 1000
    raise AssertionError("unreachable")


def human_duration(seconds: float) -> str:
    if not math.isfinite(seconds):
        return "–"
    seconds = max(0, int(seconds))
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m{seconds:02d}s" if seconds else f"{minutes}m"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours}h{minutes:02d}m"
    days, hours = divmod(hours, 24)
    return f"{days}d{hours}h"
