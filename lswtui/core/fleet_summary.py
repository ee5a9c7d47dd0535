"""The fleet in one line of numbers: VPSes per state, those in transition, null-routed IPs,
each with how much it moved since the last refresh. No Textual."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from lswtui.api.models import SETTLED_VPS_STATES
from lswtui.core.fleet import FleetRow

MOVING = "moving"  # the key of the VPSes in transition
NULL_ROUTED = "null-routed"  # the key of the null-routed IPs


@dataclass(frozen=True, slots=True)
class Count:
    key: str  # a state (``RUNNING``), ``MOVING`` or ``NULL_ROUTED``
    value: int
    delta: int  # since the last refresh (0 on the first)


def _counts(rows: Iterable[FleetRow]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for row in rows:
        counts[row.state] += 1
        counts[NULL_ROUTED] += len(row.null_routed_ips)
        if row.state not in SETTLED_VPS_STATES:
            counts[MOVING] += 1
    return counts


class FleetSummary:
    """Feed it each refresh's fleet; ``counts`` are then the line to show."""

    def __init__(self) -> None:
        self._last: Counter[str] | None = None
        self.counts: tuple[Count, ...] = ()

    def update(self, rows: Iterable[FleetRow]) -> tuple[Count, ...]:
        """The counts of ``rows`` against the last refresh's: the settled states, then the
        others present by name, then those in transition and the null-routed IPs. A state that
        just emptied is kept once, at 0 with its drop, so the change shows."""
        now, first, last = _counts(rows), self._last is None, self._last or Counter()
        others = {k for k in (*now, *last) if k not in (MOVING, NULL_ROUTED, *SETTLED_VPS_STATES)}
        keys = [*SETTLED_VPS_STATES, *sorted(others), MOVING, NULL_ROUTED]
        self.counts = tuple(Count(k, now[k], 0 if first else now[k] - last[k]) for k in keys)
        self._last = now
        return self.counts
