"""What a refresh changed, as the VPS list shows it: marks on changed and new rows that fade,
VPSes gone from the account kept (marked) a while, and the toasts to raise. No Textual."""

from __future__ import annotations

from collections.abc import Callable

from lswtui.core.fleet import FleetDiff, FleetRow

FLASH_SECONDS = 6.0
GONE_SECONDS = 60.0


class FleetChanges:
    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self.marks: dict[str, str] = {}  # vps id -> "changed" | "new"
        self._mark_until: dict[str, float] = {}
        self._gone: dict[str, tuple[FleetRow, float]] = {}

    @property
    def gone(self) -> dict[str, FleetRow]:
        return {vps_id: row for vps_id, (row, _) in self._gone.items()}

    def apply(
        self, old: dict[str, FleetRow], new: dict[str, FleetRow], diff: FleetDiff | None
    ) -> list[str]:
        """Note ``diff``, what changed from ``old`` to ``new`` (None on the first load, which
        marks nothing); the toasts."""
        toasts: list[str] = []
        if diff is not None:
            now = self._clock()
            toasts = [change.describe() for change in diff.changes]
            for vps_id in diff.changed_ids:
                self._mark(vps_id, "changed", now)
            for vps_id in diff.added:
                self._mark(vps_id, "new", now)
                toasts.append(f"New VPS {new[vps_id].label}")
            for vps_id in diff.removed:
                self._gone[vps_id] = (old[vps_id], now + GONE_SECONDS)
                toasts.append(f"VPS {old[vps_id].label} is gone")
        for vps_id in new:
            self._gone.pop(vps_id, None)
        return toasts

    def _mark(self, vps_id: str, kind: str, now: float) -> None:
        self.marks[vps_id] = kind
        self._mark_until[vps_id] = now + FLASH_SECONDS

    def expire(self) -> tuple[bool, bool]:
        """Drop the marks and gone rows whose time is up: (any mark expired, any row gone)."""
        now = self._clock()
        expired = [vps_id for vps_id, until in self._mark_until.items() if until <= now]
        for vps_id in expired:
            self._mark_until.pop(vps_id)
            self.marks.pop(vps_id, None)
        gone = [vps_id for vps_id, (_, until) in self._gone.items() if until <= now]
        for vps_id in gone:
            self._gone.pop(vps_id)
        return bool(expired), bool(gone)
