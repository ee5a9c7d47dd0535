"""One account's session, shared by every screen: the client, the one copy of the fleet, the
detail cache, the API's health, the action log, read-only mode and the clock.

No Textual here: the TUI renders the session and routes keys to it; it learns of changes
through ``subscribe`` (typed events from :mod:`lswtui.core.events`).
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import timedelta

from lswtui.api import LeasewebClient
from lswtui.api.models import IsoImage, TrafficMetrics
from lswtui.core.audit import AuditLog
from lswtui.core.clock import Clock
from lswtui.core.details import DetailCache
from lswtui.core.events import (
    DetailLoaded,
    FleetChanged,
    HealthChanged,
    Listener,
    ReadOnlyEntered,
    SessionEvent,
)
from lswtui.core.fleet import Change, FleetRow
from lswtui.core.health import ApiHealth
from lswtui.core.watch import WatchList

TRAFFIC_TTL = 600.0  # daily buckets: re-fetching more often shows nothing new
TRAFFIC_KEPT = 32  # (VPS, range) pairs kept; the oldest is evicted first


class Session:
    def __init__(
        self,
        client: LeasewebClient,
        *,
        account: str,
        audit: AuditLog,
        host: str = "api",
        clock: Clock | None = None,
        read_only: bool = False,
        refresh_interval: float = 10.0,
        live_refresh: bool = True,
        watched: WatchList | None = None,
    ) -> None:
        self.client = client
        self.account = account
        #: How the dialogs name the account: in capitals while several accounts are open, so
        #: that a confirmation leaves no doubt which account a write goes to.
        self.account_label = account
        self.host = host  # the API's host as the status bar names it
        self.audit = audit
        self.clock = clock or Clock()
        self.refresh_interval = refresh_interval
        self.live_refresh = live_refresh
        self.watched = (
            WatchList(None) if watched is None else watched
        )  # their changes ring the bell
        self.health = ApiHealth(clock=self.clock.monotonic, on_change=self._check_health)
        self.fleet: dict[str, FleetRow] = {}
        self.skips_told: set[str] = set()  # operations whose skipped items were told this refresh
        self.details = DetailCache(
            self.clock.monotonic, on_loaded=self._detail_loaded, on_changed=self._details_changed
        )
        self.iso_catalogue: list[IsoImage] | None = None
        self._traffic: OrderedDict[tuple[str, int], tuple[float, TrafficMetrics]] = OrderedDict()
        self._listeners: list[Listener] = []
        self._health = "ok"  # the condition last told
        self._read_only = read_only
        client.read_only = read_only
        client.on_request = lambda record: self.health.record_request(
            record.elapsed, record.status is not None and record.status < 400
        )
        client.on_retry = self.health.retry_waiting

    # -- events -----------------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def emit(self, event: SessionEvent) -> None:
        for listener in list(self._listeners):
            listener(event)

    def _detail_loaded(self, vps_id: str, kind: str) -> None:
        self.emit(DetailLoaded(account=self.account, at=self.clock.now(), vps_id=vps_id, kind=kind))

    def _details_changed(self, changes: list[Change]) -> None:
        at = self.clock.now()
        for change in changes:
            row = self.fleet.get(change.vps_id)
            reference = row.reference if row else ""
            self.emit(change.event(account=self.account, at=at, reference=reference))

    # -- state ------------------------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        return self._read_only

    def enter_read_only(self, reason: str) -> None:
        """Send no write from now on (the client refuses them too), and tell the listeners."""
        if self._read_only:
            return
        self._read_only = True
        self.client.read_only = True
        self.emit(ReadOnlyEntered(account=self.account, at=self.clock.now(), reason=reason))

    @property
    def _stale_after(self) -> float:
        return self.refresh_interval * 3

    def health_status(self) -> str:
        """The API's health for the status line (a change of condition is told, once)."""
        self._check_health()
        return self.health.status(self._stale_after)

    def _check_health(self) -> None:
        """Emit :class:`HealthChanged` if the condition moved since it was last told."""
        condition = self.health.condition(self._stale_after)
        if condition != self._health:
            old, self._health = self._health, condition
            self.emit(
                HealthChanged(account=self.account, at=self.clock.now(), old=old, new=condition)
            )

    def set_fleet(self, rows: dict[str, FleetRow]) -> None:
        self.fleet = rows
        self.emit(FleetChanged(account=self.account, at=self.clock.now(), count=len(rows)))

    # -- reads the API answers slowly or rarely changes -------------------------------------

    async def isos(self) -> list[IsoImage]:
        """The ISO catalogue, read once per session (it is the account's, not a VPS's)."""
        if not self.iso_catalogue:
            self.iso_catalogue = await self.client.list_all_isos()
        return self.iso_catalogue

    async def traffic(self, vps_id: str, days: int) -> TrafficMetrics:
        """Data traffic for the last ``days`` days, cached: the API has daily buckets only."""
        key = (vps_id, days)
        cached = self._traffic.get(key)
        now = self.clock.monotonic()
        if cached and now - cached[0] < TRAFFIC_TTL:
            return cached[1]
        today = self.clock.now().date()
        metrics = await self.client.get_data_traffic(
            vps_id, today - timedelta(days=days - 1), today + timedelta(days=1)
        )
        self._traffic[key] = (now, metrics)
        self._traffic.move_to_end(key)
        while len(self._traffic) > TRAFFIC_KEPT:
            self._traffic.popitem(last=False)
        return metrics
