"""The refresh loop's reading and timing, without a UI: every list page into the session's one
fleet copy (streamed while the first load arrives), or only the VPSes in transition, and when
the next read is due. The main screen runs it in its workers and shows what it found.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence

from lswtui.api import ApiError
from lswtui.api.models import SETTLED_VPS_STATES, VpsSummary
from lswtui.core.fleet import PRESENT, Change, FleetRow, diff_fleet
from lswtui.core.fleet_changes import FleetChanges
from lswtui.core.refresh import NextRefresh, RefreshTimes
from lswtui.core.runner import ActionRunner
from lswtui.core.session import Session

STREAM_EVERY = 0.1  # seconds between updates shown while the first load streams in


class FleetRefresh:
    def __init__(self, session: Session, runner: ActionRunner) -> None:
        self.session = session
        self.runner = runner
        self.clock = session.clock.monotonic
        self.times = RefreshTimes(self.clock)
        self.changes = FleetChanges(self.clock)
        self.loaded = False  # a whole list has been read once
        self._streamed_at = 0.0

    @property
    def rows(self) -> dict[str, FleetRow]:
        return self.session.fleet

    async def read_all(self, stream: Callable[[bool], None]) -> dict[str, FleetRow]:
        """Every list page, as rows. Until the first load is complete, the rows so far go into
        the session's fleet at most every STREAM_EVERY s and ``stream`` is told (True: the
        first rows)."""
        started = self.clock()
        self.session.skips_told.clear()
        fresh: dict[str, FleetRow] = {}

        def take_page(items: list[VpsSummary]) -> None:
            for vps in items:
                self._take_row(fresh, FleetRow.from_vps(vps, self.session.account))
            now = self.clock()
            if self.loaded or (self.rows and now - self._streamed_at < STREAM_EVERY):
                return
            first = not self.rows
            self._streamed_at = now
            self.session.set_fleet({**self.rows, **fresh})  # a failed first load keeps these
            stream(first)

        try:
            await self.session.client.list_all_vps(on_page=take_page, keep=False)
        finally:
            self.times.full_done(started)
        return fresh

    async def read_moving(self, vps_ids: Sequence[str]) -> dict[str, FleetRow]:
        """The fleet with only ``vps_ids`` re-read. One that cannot be read is left to the next
        full refresh (the client has already retried, and that time delays the next poll)."""
        started = self.clock()
        try:
            found = await asyncio.gather(
                *(self.session.client.get_vps(i) for i in vps_ids), return_exceptions=True
            )
            rows = dict(self.rows)
            for vps in found:
                if isinstance(vps, BaseException) and not isinstance(vps, ApiError):
                    raise vps
                if isinstance(vps, VpsSummary) and vps.id in rows:
                    self._take_row(rows, FleetRow.from_vps(vps, self.session.account))
            return rows
        finally:
            self.times.poll_took = self.clock() - started

    def _take_row(self, rows: dict[str, FleetRow], row: FleetRow) -> None:
        """Keep the row object already shown when nothing changed: the table then skips it."""
        before = self.rows.get(row.vps_id)
        rows[row.vps_id] = before if before == row else row

    def apply(self, new: dict[str, FleetRow]) -> None:
        """Make ``new`` the fleet, its changes marked, and tell what changed (nothing on the
        first load): the session's listeners get a ``ChangeObserved`` per change."""
        old = self.rows
        diff = diff_fleet(old, new) if self.loaded else None
        self.changes.apply(old, new, diff)
        self.session.set_fleet(new)
        self.loaded = True
        if diff is not None:
            changes = [
                *diff.changes,
                *(Change(i, new[i].label, "vps", "", "", PRESENT) for i in diff.added),
                *(Change(i, old[i].label, "vps", "", PRESENT, "") for i in diff.removed),
            ]
            at, account = self.session.clock.now(), self.session.account
            for change in changes:
                row = new.get(change.vps_id) or old[change.vps_id]
                self.session.emit(change.event(account=account, at=at, reference=row.reference))

    def succeeded(self) -> None:
        self.times.failures = 0
        self.session.health.refresh_succeeded()

    def failed(self) -> bool:
        """Count a failed refresh; True for the first of a streak (the one to report)."""
        self.times.failures += 1
        self.session.health.refresh_failed()
        return self.times.failures == 1

    def next(self) -> NextRefresh:
        return self.times.next(
            interval=self.session.refresh_interval,
            watched=self.watched(),
            pages=-(-len(self.rows) // self.session.client.page_size),
        )

    def watched(self) -> list[str]:
        """VPSes worth re-reading soon: those with an action in flight, then those moving."""
        moving = (
            vps_id for vps_id, row in self.rows.items() if row.state not in SETTLED_VPS_STATES
        )
        return list(dict.fromkeys([*(vps_id for vps_id, _ in self.runner.pending), *moving]))
