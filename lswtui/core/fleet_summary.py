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


def _counts(rows: Iterable[FleetRow]) -> dict[str, int]:
    states: Counter[str] = Counter()
    null_routed = 0
    for row in rows:
        states[row.state] += 1
        null_routed += len(row.null_routed_ips)
    order = [*SETTLED_VPS_STATES, *sorted(set(states) - set(SETTLED_VPS_STATES))]
    counts = {state: states[state] for state in order}
    counts[MOVING] = sum(n for state, n in states.items() if state not in SETTLED_VPS_STATES)
    counts[NULL_ROUTED] = null_routed
    return counts


class FleetSummary:
    """Feed it each refresh's fleet; ``counts`` are then the line to show."""

    def __init__(self) -> None:
        self._last: dict[str, int] | None = None
        self.counts: tuple[Count, ...] = ()

    def update(self, rows: Iterable[FleetRow]) -> tuple[Count, ...]:
        """The counts of ``rows`` against the last refresh's. A state that just emptied is
        kept once, at 0 with its drop, so the change shows."""
        now, first, last = _counts(rows), self._last is None, self._last or {}
        keys = [*now, *(k for k in last if k not in now and last[k])]
        self.counts = tuple(
            Count(k, now.get(k, 0), 0 if first else now.get(k, 0) - last.get(k, 0)) for k in keys
        )
        self._last = now
        return self.counts
