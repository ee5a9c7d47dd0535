"""The simulated account (``World``) and its time-driven transitions.

Route handlers check the platform's rules, then call the methods here. Each method changes
what is visible at once and schedules the rest on the ``Scheduler``, which ``advance_to`` runs
lazily at every request, so a ``FakeClock`` makes every transition deterministic.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from .ids import new_password
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
        self.ip_index: dict[str, Vps] = {}
        self.scheduler = Scheduler()

    # ----------------------------------------------------------------- records

    def add_vps(self, vps: Vps) -> None:
        self.vps[vps.id] = vps
        self.vps_list.append(vps)
        for ip in vps.ips:
            self.ip_index[ip.ip] = vps

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
        vps.state = STOPPING
        self._after(
            now, self.timings.stop, vps, "STOPPED", lambda at: self._settle(vps, STOPPED, at)
        )

    def start(self, vps: Vps, now: datetime) -> None:
        self._boot(vps, now, self.timings.start)

    def reboot(self, vps: Vps, now: datetime) -> None:
        vps.state = STOPPING
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
            vps.state = STOPPING
            self._after(now, self.timings.stop, vps, f"{what}: disk", rewrite_and_boot)
        else:
            rewrite_and_boot(now)

    def _boot(self, vps: Vps, now: datetime, seconds: float) -> None:
        vps.state = STARTING
        self._after(now, seconds, vps, "RUNNING", lambda at: self._settle(vps, RUNNING, at))

    @staticmethod
    def _settle(vps: Vps, state: str, at: datetime) -> None:
        vps.state = state
        if state == RUNNING and vps.started_at is None:
            vps.started_at = at  # the first start after launch; later boots keep it

    def _after(
        self,
        now: datetime,
        seconds: float,
        vps: Vps,
        label: str,
        action: Callable[[datetime], None],
    ) -> None:
        self.scheduler.after(now, seconds, action, f"{vps.id}: {label}")

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

    def reinstall(self, vps: Vps, image: Image, app: MarketApp | None, now: datetime) -> None:
        def rewrite() -> None:
            vps.image = image
            vps.market_app_id = app.id if app else None
            vps.contract.control_panel = app.control_panel if app else None
            vps.credentials = [Credential(OPERATING_SYSTEM, image.default_user, new_password())]
            if app:
                vps.credentials.append(Credential(CONTROL_PANEL, app.panel_user, new_password()))

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
    ) -> None:
        ip.null_routed = True
        ip.nulled_by = by
        ip.null_comment = comment
        ip.null_generation += 1
        if unnull_after_hours is not None:
            generation = ip.null_generation

            def lift(at: datetime) -> None:
                if ip.null_routed and ip.null_generation == generation:
                    self.unnull(ip)

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


def _set_iso(vps: Vps, iso: Iso | None) -> None:
    vps.iso = iso
