"""A living account: what colleagues, Leaseweb and the Internet do to it while nobody watches.

At a rate chosen by ``LEVELS``, one event happens at a time: another user reboots a VPS, or
stops it (and starts it again some minutes later); DDoS mitigation null-routes a main IP (the
automatic un-null lifts it 1 to 3 hours later); a backup snapshot is taken (CREATING, then
READY) and deleted 10 to 30 minutes later; someone reinstalls a VPS with its own image, or renames
one; a VPS is ordered (it boots for the first time) or its contract ends (it is gone); a burst
of traffic adds to today's bytes, which grow through the day (``World.traffic_flows``).

Each event goes through the ``World`` methods a client's request uses, after the same rules
(``rules.py``): a stop needs a RUNNING VPS, a snapshot a RUNNING one without a snapshot. It
only picks a VPS that is quiet (``World.is_quiet``: RUNNING or STOPPED, nothing of its own
under way), so it never tramples an action in progress; an event that finds no such VPS gives
way to another kind.

Like every other change, the events are steps on the world's ``Scheduler``, applied lazily up
to "now" at each request or ``Simulator.catch_up()``. Their times and choices come from one
``random.Random(seed)``, in time order, so a seed (and the same requests at the same moments)
gives the same story. Everything stays bounded over days: one pending tick, follow-ups per
VPS, one snapshot per VPS at most, the account within ``MARGIN`` of its first size, traffic
bursts kept ``BURST_DAYS``.
"""

from __future__ import annotations

import math
import random
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .errors import ApiError
from .ids import new_uuid
from .model import NULLED_BY_MITIGATION, RUNNING, STOPPED, Snapshot, Vps
from .rules import (
    require_no_snapshot,
    require_null_routable,
    require_ready,
    require_reference,
    require_settled,
    require_snapshot_allowed,
    require_state,
)
from .traffic import daily_traffic
from .world import World
from .world_builder import ROLES, order_vps

#: Mean seconds between two events for an account of ``REFERENCE_SIZE`` VPSes (``None``: no
#: activity). A larger account is busier by the square root of its size.
LEVELS: dict[str, float | None] = {"off": None, "calm": 90.0, "normal": 15.0, "busy": 6.0}
REFERENCE_SIZE = 25
#: Each gap is the mean times a factor in this range; the first event comes sooner.
GAP_RANGE, FIRST_GAP_RANGE = (0.5, 1.5), (0.1, 0.5)
#: How far the number of VPSes may move from the first one (orders and cancellations).
MARGIN = 0.1
#: The least a margin is, in VPSes, for a small account.
MIN_MARGIN = 2
#: At most this share of the VPSes are null-routed by the activity at any time.
NULL_ROUTE_SHARE = 0.1
#: At most this share of the VPSes have a backup snapshot taken by the activity at any time.
BACKUP_SHARE = 0.2
BURST_DAYS = 100
#: How many VPSes an event looks at to find one it may act on (a big account is sampled).
PICK_TRIES = 64
DDOS_COMMENT = "DDoS mitigation: inbound UDP flood"
RENAME_SUFFIXES = ("-old", "-new", "-legacy", "-tmp")


@dataclass(frozen=True, slots=True)
class ActivityEvent:
    """One thing that happened to the account by itself."""

    at: datetime
    vps_id: str
    reference: str
    kind: str
    what: str

    def line(self) -> str:
        """One line, safe to print: UTC time, VPS id, reference (quoted; a control or format
        character a client may have put in it is escaped), kind and what happened."""
        return (
            f"{self.at:%Y-%m-%dT%H:%M:%SZ} {self.vps_id} {printable(self.reference)} "
            f"{self.kind}: {self.what}"
        )


OnActivity = Callable[[ActivityEvent], None]


def printable(text: str) -> str:
    """``text`` in double quotes, every character that is not printable (C0, C1, bidi and
    zero-width format characters, separators) as a Python escape, quotes and backslashes too."""
    return '"' + "".join(_escape(c) for c in text) + '"'


def _escape(c: str) -> str:
    if c in '"\\':
        return "\\" + c
    return c if c.isprintable() else c.encode("unicode_escape").decode("ascii")


def mean_gap(level: str, vps_count: int) -> float | None:
    """Mean seconds between two events at ``level`` for an account of ``vps_count`` VPSes."""
    if level not in LEVELS:
        raise ValueError(f"unknown activity level {level!r} (one of: {', '.join(LEVELS)})")
    mean = LEVELS[level]
    if mean is None:
        return None
    return mean / math.sqrt(max(vps_count, REFERENCE_SIZE) / REFERENCE_SIZE)


def _null_routable_main_ip(vps: Vps) -> bool:
    ip = vps.main_ip
    return ip is not None and _allowed(lambda: require_null_routable(ip))


def _allowed(check: Callable[[], None]) -> bool:
    try:
        check()
    except ApiError:
        return False
    return True


class Activity:
    """The background activity of ``world`` from ``start`` on (see the module docstring)."""

    def __init__(
        self,
        world: World,
        *,
        level: str,
        seed: int,
        start: datetime,
        on_event: OnActivity | None = None,
    ) -> None:
        self.world = world
        self.level = level
        self.on_event = on_event
        self.rng = random.Random(f"lswtui-activity|{seed}")
        size = len(world.vps_list)
        margin = max(MIN_MARGIN, round(size * MARGIN))
        self.size_range = (max(0, size - margin), size + margin)
        self.max_null_routes = max(1, round(size * NULL_ROUTE_SHARE))
        self.max_backups = max(1, round(size * BACKUP_SHARE))
        self._null_routed: set[str] = set()
        self._backups: set[str] = set()  # snapshot ids
        self._recent: deque[str] = deque(maxlen=2)
        self._pruned_on: date | None = None
        self._gap = mean_gap(level, size)
        world.traffic_flows = self._gap is not None
        if self._gap is not None:
            self._next(start, FIRST_GAP_RANGE)

    # ----------------------------------------------------------------- the clockwork

    def _next(self, now: datetime, gap_range: tuple[float, float]) -> None:
        assert self._gap is not None
        seconds = self._gap * self.rng.uniform(*gap_range)
        self.world.scheduler.after(now, seconds, self._tick, "activity")

    def _tick(self, at: datetime) -> None:
        self._happen(at)
        self._next(at, GAP_RANGE)

    def _happen(self, at: datetime) -> None:
        """One event, of a kind drawn by weight; the last two kinds come only if nothing else
        can happen, so a short watch sees several kinds."""
        kinds = {kind: weight for kind, (weight, _) in KINDS.items() if kind not in self._recent}
        order: list[str] = []
        while kinds:
            [kind] = self.rng.choices(list(kinds), weights=list(kinds.values()))
            order.append(kind)
            del kinds[kind]
        order += self._recent
        for kind in order:
            if KINDS[kind][1](self, at):
                self._recent.append(kind)
                return

    def _emit(self, at: datetime, vps: Vps, kind: str, what: str) -> None:
        if self.on_event is not None:
            self.on_event(ActivityEvent(at, vps.id, vps.reference, kind, what))

    def _pick(self, allowed: Callable[[Vps], bool], *, quiet: bool = True) -> Vps | None:
        """A VPS (a quiet one unless ``quiet`` is false) for which ``allowed`` holds, among
        ``PICK_TRIES`` drawn at random (all of a small account), or None."""
        world = self.world
        drawn = self.rng.sample(world.vps_list, min(len(world.vps_list), PICK_TRIES))
        return next((v for v in drawn if (not quiet or world.is_quiet(v)) and allowed(v)), None)

    def _still(self, vps: Vps) -> bool:
        """The VPS is still in the account and quiet."""
        return self.world.vps.get(vps.id) is vps and self.world.is_quiet(vps)

    def _later(
        self, at: datetime, seconds: float, vps: Vps, what: str, step: Callable[[datetime], None]
    ) -> None:
        self.world.scheduler.after(at, seconds, step, f"{vps.id}: activity: {what}")

    # ----------------------------------------------------------------- the events

    def _reboot(self, at: datetime) -> bool:
        vps = self._pick(lambda v: _allowed(lambda: require_state(v, RUNNING)))
        if vps is None:
            return False
        self.world.reboot(vps, at)
        self._emit(at, vps, "reboot", "rebooted by another user (STOPPING, STARTING, RUNNING)")
        return True

    def _stop(self, at: datetime) -> bool:
        vps = self._pick(lambda v: _allowed(lambda: require_state(v, RUNNING)))
        if vps is None:
            return False
        self.world.stop(vps, at)
        back = self.rng.uniform(60, 300)
        self._emit(at, vps, "stop", "stopped by another user")

        def start_again(when: datetime) -> None:
            if self._still(vps) and _allowed(lambda: require_state(vps, STOPPED)):
                self.world.start(vps, when)
                self._emit(when, vps, "start", "started again by another user")

        self._later(at, back, vps, "start again", start_again)
        return True

    def _null_route(self, at: datetime) -> bool:
        if len(self._null_routed) >= self.max_null_routes:
            return False
        vps = self._pick(_null_routable_main_ip, quiet=False)
        ip = vps.main_ip if vps is not None else None
        if vps is None or ip is None:
            return False
        hours = self.rng.randint(1, 3)
        self._null_routed.add(ip.ip)

        def lifted(when: datetime) -> None:
            self._null_routed.discard(ip.ip)
            if self.world.vps.get(vps.id) is vps:
                self._emit(when, vps, "unnull", f"null route of {ip.ip} lifted (automatic un-null)")

        self.world.null_route(
            vps,
            ip,
            at,
            comment=DDOS_COMMENT,
            unnull_after_hours=hours,
            by=NULLED_BY_MITIGATION,
            on_lift=lifted,
        )
        self._emit(at, vps, "null-route", f"{ip.ip} null-routed by DDoS mitigation for {hours} h")
        return True

    def _backup(self, at: datetime) -> bool:
        if len(self._backups) >= self.max_backups:
            return False
        vps = self._pick(lambda v: _allowed(lambda: require_snapshot_allowed(v)))
        if vps is None:
            return False
        name = f"nightly-backup-{at:%Y-%m-%d}"
        snapshot = self.world.create_snapshot(vps, new_uuid(self.rng), name, at)
        self._backups.add(snapshot.id)
        self._emit(at, vps, "snapshot", f"backup snapshot {name} created")
        delete = self._unbackup(snapshot, vps)
        self._later(at, self.rng.uniform(600, 1800), vps, "delete backup", delete)
        return True

    def _unbackup(self, snapshot: Snapshot, vps: Vps) -> Callable[[datetime], None]:
        def delete(when: datetime) -> None:
            if snapshot not in vps.snapshots or self.world.vps.get(vps.id) is not vps:
                self._backups.discard(snapshot.id)
                return  # someone deleted it, or the VPS is gone
            if not self._still(vps) or not _allowed(lambda: require_ready(snapshot)):
                self._later(when, 300, vps, "delete backup", delete)  # not in mid-restore
                return
            self.world.delete_snapshot(vps, snapshot, when)
            self._backups.discard(snapshot.id)
            name = snapshot.display_name
            self._emit(when, vps, "snapshot-deleted", f"backup snapshot {name} deleted")

        return delete

    def _reinstall(self, at: datetime) -> bool:
        def allowed(v: Vps) -> bool:
            return (
                _allowed(lambda: require_no_snapshot(v))
                and _allowed(lambda: require_settled(v, "a reinstall"))
                and v.image in self.world.reinstall_images(v)
            )

        vps = self._pick(allowed)
        if vps is None:
            return False
        image = vps.image
        app = self.world.market_apps.get(vps.market_app_id or "")
        if app is not None and app.id not in image.market_apps:
            app = None
        self.world.reinstall(vps, image, app, at, rng=self.rng)
        self._emit(at, vps, "reinstall", f"reinstalled with {image.id} by another user")
        return True

    def _rename(self, at: datetime) -> bool:
        vps = self._pick(lambda v: True, quiet=False)
        if vps is None:
            return False
        old = vps.reference
        new = self._renamed(old)
        if not _allowed(lambda: require_reference(new)):
            return False
        vps.reference = new
        self._emit(at, vps, "rename", f"reference changed from {printable(old)} by another user")
        return True

    def _renamed(self, old: str) -> str:
        base = old
        for suffix in RENAME_SUFFIXES:
            base = base.removesuffix(suffix)
        if not base:
            base = f"{self.rng.choice(ROLES)}-{self.rng.randrange(100):02d}"
        return self.rng.choice([base + s for s in ("", *RENAME_SUFFIXES) if base + s != old])

    def _order(self, at: datetime) -> bool:
        world = self.world
        if len(world.vps_list) >= self.size_range[1]:
            return False
        vps = order_vps(world, self.rng, at)
        world.add_vps(vps)
        world.start(vps, at)  # STOPPED and never started: it boots like any start
        self._emit(at, vps, "order", f"new VPS ordered ({vps.pack.name}, {vps.region.name})")
        return True

    def _cancel(self, at: datetime) -> bool:
        world = self.world
        if len(world.vps_list) <= self.size_range[0]:
            return False
        vps = self._pick(lambda v: v.contract.state == "DELETE_SCHEDULED") or self._pick(
            lambda v: True
        )  # a contract that was to end, else any
        if vps is None:
            return False
        world.remove_vps(vps)
        self._emit(at, vps, "cancel", "contract ended: the VPS is gone")
        return True

    def _burst(self, at: datetime) -> bool:
        vps = self._pick(lambda v: v.state == RUNNING, quiet=False)
        if vps is None:
            return False
        day = at.date()
        down, up = daily_traffic(vps.id, day)
        factor = self.rng.uniform(0.2, 1.5)
        bursts = self.world.traffic_bursts
        old_down, old_up = bursts.get((vps.id, day), (0, 0))
        bursts[(vps.id, day)] = (old_down + int(down * factor), old_up + int(up * factor))
        if day != self._pruned_on:
            self._pruned_on = day
            oldest = day - timedelta(days=BURST_DAYS)
            for key in [k for k in bursts if k[1] < oldest]:
                del bursts[key]
        self._emit(at, vps, "traffic", f"traffic burst: {down * factor / 1e9:.1f} GB more in")
        return True


#: Every kind of event: its weight, and what does it (True when it happened).
KINDS: dict[str, tuple[float, Callable[[Activity, datetime], bool]]] = {
    "reboot": (6, Activity._reboot),
    "stop": (4, Activity._stop),
    "null-route": (3, Activity._null_route),
    "snapshot": (3, Activity._backup),
    "reinstall": (2, Activity._reinstall),
    "rename": (4, Activity._rename),
    "traffic": (2, Activity._burst),
    "order": (0.25, Activity._order),
    "cancel": (0.25, Activity._cancel),
}
