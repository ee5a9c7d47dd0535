"""What a refresh changed, as the VPS list shows it: marks on changed and new rows that stay
until seen (:mod:`lswtui.core.unseen`), VPSes gone from the account kept (marked) a while. No
Textual. (The changes in words are the session's ``ChangeObserved`` events.)"""

from __future__ import annotations

from collections.abc import Callable

from lswtui.core.fleet import FleetDiff, FleetRow
from lswtui.core.unseen import UnseenChanges

GONE_SECONDS = 60.0


class FleetChanges:
    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self.marks = UnseenChanges()
        self._gone: dict[str, tuple[FleetRow, float]] = {}

    @property
    def gone(self) -> dict[str, FleetRow]:
        return {vps_id: row for vps_id, (row, _) in self._gone.items()}

    def apply(
        self, old: dict[str, FleetRow], new: dict[str, FleetRow], diff: FleetDiff | None
    ) -> None:
        """Mark ``diff``, what changed from ``old`` to ``new`` (None on the first load, which
        marks nothing); keep the vanished a while."""
        if diff is not None:
            for vps_id in diff.changed_ids:
                self.marks.mark(vps_id, "changed")
            for vps_id in diff.added:
                self.marks.mark(vps_id, "new")
            self.marks.forget(diff.removed)
            until = self._clock() + GONE_SECONDS
            for vps_id in diff.removed:
                self._gone[vps_id] = (old[vps_id], until)
        for vps_id in new:
            self._gone.pop(vps_id, None)

    def expire(self) -> bool:
        """Drop the gone rows whose time is up; True if any was."""
        now = self._clock()
        gone = [vps_id for vps_id, (_, until) in self._gone.items() if until <= now]
        for vps_id in gone:
            self._gone.pop(vps_id)
        return bool(gone)
