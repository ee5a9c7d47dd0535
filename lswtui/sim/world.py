"""The simulated account (``World``) and its time-driven transitions.

Route handlers check the platform's rules, then call the methods here. Each method changes
what is visible at once and schedules the rest on the ``Scheduler``, which ``advance_to`` runs
lazily at every request, so a ``FakeClock`` makes every transition deterministic.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta

from .ids import SYSTEM_RANDOM, new_password
from .model import (
    CONTROL_PANEL,
    NULLED_BY_CUSTOMER,
    OPERATING_SYSTEM,
    RUNNING,
    SNAPSHOT_CREATING,
    SNAPSHOT_READY,
    STARTING,
    STOPPED,
    STOPPING,
    Credential,
    Image,
    IpAddress,
    Iso,
    MarketApp,
    Pack,
    Region,
    Snapshot,
    Vps,
)
from .scheduler import Scheduler
from .timings import Timings


class World:
    """Everything the simulated API knows: the catalogue, the VPSes and the pending changes."""

    def __init__(
        self,
        *,
        timings: Timings,
        regions: Iterable[Region],
        packs: Iterable[Pack],
        images: Iterable[Image],
        isos: Iterable[Iso],
        market_apps: Iterable[MarketApp],
    ) -> None:
        self.timings = timings
        self.regions = {r.name: r for r in regions}
        self.packs = {p.name: p for p in packs}
        self.images = {i.id: i for i in images}
        self.isos = {i.id: i for i in isos}
        self.market_apps = {a.id: a for a in market_apps}
        self.vps: dict[str, Vps] = {}
        self.vps_list: list[Vps] = []  # listing order
        self.launched = 0  # VPSes ever added: numbers each one (its IPv6 net, its name)
        self.ip_index: dict[str, Vps] = {}
        self.scheduler = Scheduler()
        #: Steps still to come per VPS id (a transition, a snapshot, an ISO, a password reset).
        self._pending: Counter[str] = Counter()
        #: Whether today's traffic grows as the day goes on (a living account, ``activity.py``)
        #: or each day's is fixed, whole, so nothing changes unless a client acts.
        self.traffic_flows = False
        #: Extra public bytes (down, up) per VPS and day, from bursts of traffic.
        self.traffic_bursts: dict[tuple[str, date], tuple[int, int]] = {}

    # ----------------------------------------------------------------- records

    def add_vps(self, vps: Vps) -> None:
        self.vps[vps.id] = vps
        self.vps_list.append(vps)
        self.launched += 1
        for ip in vps.ips:
            self.ip_index[ip.ip] = vps

    def remove_vps(self, vps: Vps) -> None:
        """The contract ended: the VPS, its IPs and its traffic leave the account."""
        del self.vps[vps.id]
        # By identity: ``list.remove`` would compare every field of every VPS before it.
        del self.vps_list[next(i for i, v in enumerate(self.vps_list) if v is vps)]
        for ip in vps.ips:
            self.ip_index.pop(ip.ip, None)
        for key in [k for k in self.traffic_bursts if k[0] == vps.id]:
            del self.traffic_bursts[key]

    def is_quiet(self, vps: Vps) -> bool:
        """RUNNING or STOPPED with nothing of its own under way: no transition, snapshot, ISO
        change or password reset still to come."""
        return vps.state in (RUNNING, STOPPED) and not self._pending[vps.id]

    def advance_to(self, now: datetime) -> int:
        """Apply every scheduled change due by ``now``."""
        return self.scheduler.run_until(now)

    def reinstall_images(self, vps: Vps) -> list[Image]:
        """Images a VPS may be reinstalled with: READY standard images, and READY custom ones of
        its region, whose minimum disk size fits the VPS."""
        return [
            image
            for image in self.images.values()
            if image.state == "READY"
            and (not image.custom or image.region == vps.region.name)
            and (image.min_disk_size or 0) <= vps.root_disk_size
        ]

    # ----------------------------------------------------------------- power

    def stop(self, vps: Vps, now: datetime) -> None:
        _set_state(vps, STOPPING)
        self._after(
            now, self.timings.stop, vps, "STOPPED", lambda at: self._settle(vps, STOPPED, at)
        )

    def start(self, vps: Vps, now: datetime) -> None:
        self._boot(vps, now, self.timings.start)

    def reboot(self, vps: Vps, now: datetime) -> None:
        _set_state(vps, STOPPING)
        self._after(
            now,
            self.timings.reboot_down,
            vps,
            "STARTING (reboot)",
            lambda at: self._boot(vps, at, self.timings.start),
        )

    def rebuild(
        self, vps: Vps, now: datetime, seconds: float, rewrite: Callable[[], None], what: str
    ) -> None:
        """Reinstall or restore: stop if running, rewrite the disk, then boot for ``seconds``."""

        def rewrite_and_boot(at: datetime) -> None:
            rewrite()
            self._boot(vps, at, seconds)

        if vps.state == RUNNING:
            _set_state(vps, STOPPING)
            self._after(now, self.timings.stop, vps, f"{what}: disk", rewrite_and_boot)
        else:
            rewrite_and_boot(now)

    def _boot(self, vps: Vps, now: datetime, seconds: float) -> None:
        _set_state(vps, STARTING)
        self._after(now, seconds, vps, "RUNNING", lambda at: self._settle(vps, RUNNING, at))

    @staticmethod
    def _settle(vps: Vps, state: str, at: datetime) -> None:
        _set_state(vps, state)
        if state == RUNNING:
            vps.running_since = at
            if vps.started_at is None:
                vps.started_at = at  # the first start after launch; later boots keep it

    def _after(
        self,
        now: datetime,
        seconds: float,
        vps: Vps,
        label: str,
        action: Callable[[datetime], None],
    ) -> None:
        self._pending[vps.id] += 1

        def step(at: datetime) -> None:
            self._pending[vps.id] -= 1
            if not self._pending[vps.id]:
                del self._pending[vps.id]
            action(at)

        self.scheduler.after(now, seconds, step, f"{vps.id}: {label}")

    # ----------------------------------------------------------------- ISO

    def attach_iso(self, vps: Vps, iso: Iso, now: datetime) -> None:
        vps.iso_target = iso
        self._after(now, self.timings.iso, vps, f"attach {iso.id}", lambda at: _set_iso(vps, iso))

    def detach_iso(self, vps: Vps, now: datetime) -> None:
        vps.iso_target = None
        self._after(now, self.timings.iso, vps, "detach ISO", lambda at: _set_iso(vps, None))

    # ----------------------------------------------------------------- snapshots

    def create_snapshot(self, vps: Vps, snapshot_id: str, name: str, now: datetime) -> Snapshot:
        snapshot = Snapshot(snapshot_id, name, SNAPSHOT_CREATING, now)
        vps.snapshots.append(snapshot)

        def ready(at: datetime) -> None:
            snapshot.state = SNAPSHOT_READY

        self._after(now, self.timings.snapshot, vps, f"snapshot {snapshot_id} READY", ready)
        return snapshot

    def delete_snapshot(self, vps: Vps, snapshot: Snapshot, now: datetime) -> None:
        snapshot.deleting = True

        def vanish(at: datetime) -> None:
            if snapshot in vps.snapshots:
                vps.snapshots.remove(snapshot)

        self._after(now, self.timings.snapshot_delete, vps, f"snapshot {snapshot.id} gone", vanish)

    def restore_snapshot(self, vps: Vps, snapshot: Snapshot, now: datetime) -> None:
        # The snapshot holds the disk as it was; reinstall is refused while a snapshot exists,
        # so image and market app cannot have changed since: nothing else to roll back.
        self.rebuild(vps, now, self.timings.restore, lambda: None, f"restore {snapshot.id}")

    # ----------------------------------------------------------------- reinstall & passwords

    def reinstall(
        self,
        vps: Vps,
        image: Image,
        app: MarketApp | None,
        now: datetime,
        rng: random.Random = SYSTEM_RANDOM,
    ) -> None:
        """``rng`` makes the new passwords (seeded for the simulated account's own activity)."""

        def rewrite() -> None:
            vps.image = image
            vps.market_app_id = app.id if app else None
            vps.contract.control_panel = app.control_panel if app else None
            vps.credentials = [Credential(OPERATING_SYSTEM, image.default_user, new_password(rng))]
            if app:
                vps.credentials.append(Credential(CONTROL_PANEL, app.panel_user, new_password(rng)))

        self.rebuild(vps, now, self.timings.reinstall, rewrite, f"reinstall {image.id}")

    def reset_password(self, vps: Vps, now: datetime) -> None:
        def apply(at: datetime) -> None:
            main = vps.main_ip
            if main is not None and main.null_routed:
                # kb.leaseweb.com: the reset needs the VPS to get its IP by DHCP; it silently
                # does nothing while the main IP is null-routed.
                return
            os_credentials = [c for c in vps.credentials if c.type == OPERATING_SYSTEM]
            target = next(
                (c for c in os_credentials if c.username == vps.image.default_user),
                os_credentials[0] if os_credentials else None,
            )
            if target is None:
                target = Credential(OPERATING_SYSTEM, vps.image.default_user, "")
                vps.credentials.append(target)
            target.password = new_password()

        self._after(now, self.timings.password_reset, vps, "password reset", apply)

    # ----------------------------------------------------------------- null routes

    def null_route(
        self,
        vps: Vps,
        ip: IpAddress,
        now: datetime,
        *,
        comment: str | None,
        unnull_after_hours: int | None,
        by: str = NULLED_BY_CUSTOMER,
        on_lift: Callable[[datetime], None] | None = None,
    ) -> None:
        """``on_lift`` is told when the automatic un-null lifts this null route."""
        ip.null_routed = True
        ip.nulled_by = by
        ip.null_comment = comment
        ip.null_generation += 1
        if unnull_after_hours is not None:
            generation = ip.null_generation

            def lift(at: datetime) -> None:
                if ip.null_routed and ip.null_generation == generation:
                    self.unnull(ip)
                    if on_lift is not None:
                        on_lift(at)

            self.scheduler.at(
                now + timedelta(hours=unnull_after_hours),
                lift,
                f"{vps.id}: automatic unnull of {ip.ip}",
            )

    @staticmethod
    def unnull(ip: IpAddress) -> None:
        ip.null_routed = False
        ip.nulled_by = None
        ip.null_comment = None


def _set_state(vps: Vps, state: str) -> None:
    vps.state = state
    if state != RUNNING:
        vps.running_since = None


def _set_iso(vps: Vps, iso: Iso | None) -> None:
    vps.iso = iso
