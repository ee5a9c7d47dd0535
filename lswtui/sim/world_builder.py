"""Generation of a seeded, realistic demo account (``build_world``), and of the VPSes ordered
later (``order_vps``)."""

from __future__ import annotations

import ipaddress
import random
from collections.abc import Container, Iterator
from datetime import UTC, datetime, timedelta
from typing import TypeVar

from .catalog import CUSTOM_IMAGES, ISOS, MARKET_APPS, PACKS, REGIONS, STANDARD_IMAGES
from .ids import new_password, new_uuid
from .model import (
    CONTROL_PANEL,
    NULLED_BY_CUSTOMER,
    NULLED_BY_MITIGATION,
    OPERATING_SYSTEM,
    RUNNING,
    SNAPSHOT_READY,
    STOPPED,
    Contract,
    Credential,
    Ddos,
    Image,
    IpAddress,
    Pack,
    Region,
    Snapshot,
    Vps,
)
from .timings import Timings
from .world import World

NAMED_REFERENCES = (
    "web-01",
    "web-02",
    "db-primary",
    "mail",
    "",
    "db-replica",
    "vpn-gw",
    "ci-runner-1",
    "monitoring",
    "web-03",
    "",
    "staging-app",
    "api-gateway",
    "cache-01",
    "backup",
    "dns-1",
    "",
    "dns-2",
    "git",
    "wiki",
    "k3s-master",
    "k3s-node-1",
    "",
    "k3s-node-2",
    "shop",
)
ROLES = ("web", "app", "api", "db", "cache", "worker", "queue", "lb", "mail", "dns", "ci", "log")
DOMAINS = ("example.com", "example.net", "example.org")
SNAPSHOT_NAMES = ("before-upgrade", "pre-migration", "weekly", "snapshot 1", "before kernel 6.8")
REGION_WEIGHTS = (30, 25, 10, 7, 5, 10, 8, 5)  # in REGIONS order
PACK_WEIGHTS = (25, 30, 20, 12, 8, 5)  # in PACKS order
SLAS = (("Basic", 85), ("Bronze", 10), ("Silver", 5))
TERMS = ((1, 30), (3, 15), (6, 15), (12, 40))
_POPULAR = {
    "UBUNTU_24_04_64BIT": 20,
    "UBUNTU_22_04_64BIT": 18,
    "DEBIAN_12_64BIT": 12,
    "ALMALINUX_9_64BIT": 8,
    "UBUNTU_20_04_64BIT": 6,
    "ROCKYLINUX_9_64BIT": 5,
    "DEBIAN_11_64BIT": 4,
    "ALMALINUX_8_64BIT": 3,
    "WINDOWS_SERVER_2022_STANDARD_64BIT": 3,
}
IMAGE_WEIGHTS = tuple(_POPULAR.get(image.id, 1) for image in STANDARD_IMAGES)
NULL_ROUTES = (  # (by whom, comment, automatic un-null after hours)
    (NULLED_BY_CUSTOMER, "Outbound flood from a compromised CMS", 6),
    (NULLED_BY_MITIGATION, "DDoS mitigation: inbound UDP flood", 2),
)
DOCUMENTATION_NETS = ("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24")
OVERFLOW_NET = "198.18.0.0/15"  # RFC 2544 benchmarking space, for accounts beyond 762 IPv4s


def build_world(
    seed: int = 42,
    vps_count: int = 25,
    now: datetime | None = None,
    timings: Timings | None = None,
) -> World:
    """A deterministic account for ``seed`` and ``now``: the same inputs give the same world."""
    now = (now or datetime.now(UTC)).replace(microsecond=0)
    world = World(
        timings=timings or Timings(),
        regions=REGIONS,
        packs=PACKS,
        images=STANDARD_IMAGES + CUSTOM_IMAGES,
        isos=ISOS,
        market_apps=MARKET_APPS,
    )
    _Generator(random.Random(seed), world, now).populate(vps_count)
    return world


def order_vps(world: World, rng: random.Random, now: datetime) -> Vps:
    """A VPS ordered at ``now``, not yet added to ``world``: STOPPED and never started, with an
    id and addresses no VPS of the account has."""
    return _Generator(rng, world, now).order()


class _Generator:
    def __init__(self, rng: random.Random, world: World, now: datetime) -> None:
        self.rng = rng
        self.world = world
        self.now = now
        self.ipv4 = _ipv4_addresses(rng)
        self.internal = _internal_addresses()
        self.custom_by_region = {
            image.region: image for image in CUSTOM_IMAGES if image.state == "READY"
        }

    def populate(self, count: int) -> None:
        rng = self.rng
        ids = rng.sample(range(100_000_000, 1_000_000_000), count)
        regions = _spread(rng, REGIONS, REGION_WEIGHTS, count)
        packs = _spread(rng, PACKS, PACK_WEIGHTS, count)
        for n, (vps_id, region, pack) in enumerate(zip(ids, regions, packs, strict=True)):
            self.world.add_vps(self._vps(n, str(vps_id), region, pack))
        self._add_specials()

    # ----------------------------------------------------------------- one VPS

    def order(self) -> Vps:
        rng, world = self.rng, self.world
        taken = world.ip_index
        self.ipv4 = _free_ipv4_addresses(rng, taken)
        self.internal = (a for a in _internal_addresses() if a not in taken)
        vps_id = str(rng.randrange(100_000_000, 1_000_000_000))
        while vps_id in world.vps:
            vps_id = str(rng.randrange(100_000_000, 1_000_000_000))
        region = rng.choices(REGIONS, weights=REGION_WEIGHTS)[0]
        pack = rng.choices(PACKS, weights=PACK_WEIGHTS)[0]
        vps = self._vps(world.launched, vps_id, region, pack, created=self.now)
        vps.state, vps.started_at, vps.running_since = STOPPED, None, None
        vps.iso = vps.iso_target = None
        vps.snapshots.clear()
        return vps

    def _vps(
        self, n: int, vps_id: str, region: Region, pack: Pack, created: datetime | None = None
    ) -> Vps:
        rng = self.rng
        if created is None:
            created = self.now - timedelta(days=rng.uniform(2, 3 * 365))
        created = created.replace(microsecond=0)
        image = self._image(region, pack)
        app_id = None
        if image.market_apps and rng.random() < 0.35:
            app_id = rng.choice(image.market_apps)
        reference = _reference(n, rng)
        vps = Vps(
            id=vps_id,
            reference=reference,
            pack=pack,
            region=region,
            image=image,
            market_app_id=app_id,
            state=STOPPED if rng.random() < 0.15 else RUNNING,
            started_at=created + timedelta(seconds=rng.randint(60, 400)),
            root_disk_size=pack.disk_gb,
            contract=self._contract(created, pack, app_id),
        )
        if vps.state == RUNNING:
            vps.running_since = vps.started_at
        vps.ips = self._ips(n, region, reference)
        vps.credentials = self._credentials(image, app_id)
        if rng.random() < 0.08:
            vps.iso = vps.iso_target = rng.choice(tuple(self.world.isos.values()))
        if rng.random() < 0.2:
            taken = self.now - timedelta(days=rng.uniform(1, 60), seconds=rng.randint(0, 86399))
            vps.snapshots.append(
                Snapshot(
                    new_uuid(rng),
                    rng.choice(SNAPSHOT_NAMES),
                    SNAPSHOT_READY,
                    max(taken, created).replace(microsecond=0),
                )
            )
        return vps

    def _image(self, region: Region, pack: Pack) -> Image:
        rng = self.rng
        custom = self.custom_by_region.get(region.name)
        if custom is not None and rng.random() < 0.3:
            return custom
        while True:
            image = rng.choices(STANDARD_IMAGES, weights=IMAGE_WEIGHTS)[0]
            if (image.min_disk_size or 0) <= pack.disk_gb:
                return image

    def _contract(self, created: datetime, pack: Pack, app_id: str | None) -> Contract:
        rng = self.rng
        panel = self.world.market_apps[app_id].control_panel if app_id else None
        contract_id = str(rng.randrange(10**13, 10**14))
        sla = rng.choices([s for s, _ in SLAS], weights=[w for _, w in SLAS])[0]
        if rng.random() < 0.35:
            return Contract(
                contract_id, "HOURLY", 1, 0, "ACTIVE", created, None, sla, panel, pack.traffic_tb
            )
        term = rng.choices([t for t, _ in TERMS], weights=[w for _, w in TERMS])[0]
        billing = rng.choice([b for b in (1, 3, 6, 12) if b <= term])
        if rng.random() < 0.05:
            ends = (self.now + timedelta(days=rng.randint(2, 20))).replace(
                hour=0, minute=0, second=0
            )
            return Contract(
                contract_id,
                "MONTHLY",
                billing,
                term,
                "DELETE_SCHEDULED",
                created,
                ends,
                sla,
                panel,
                pack.traffic_tb,
            )
        ends = created
        while ends <= self.now:
            ends = _add_months(ends, term)
        return Contract(
            contract_id,
            "MONTHLY",
            billing,
            term,
            "ACTIVE",
            created,
            ends,
            sla,
            panel,
            pack.traffic_tb,
        )

    def _ips(self, n: int, region: Region, reference: str) -> list[IpAddress]:
        rng = self.rng
        ips = []
        ipv6_only = rng.random() < 0.04
        ddos = Ddos("ADVANCED_DEFAULT", "ADVANCED") if rng.random() < 0.1 else Ddos()
        if not ipv6_only:
            rdns = (
                f"{reference}.{rng.choice(DOMAINS)}" if reference and rng.random() < 0.6 else None
            )
            ips.append(IpAddress(next(self.ipv4), 24, 4, main=True, reverse_lookup=rdns, ddos=ddos))
        region_index = list(self.world.regions).index(region.name)
        v6 = str(ipaddress.IPv6Address(f"2001:db8:{0x100 + region_index:x}:{n:x}::1"))
        rdns6 = f"{reference}.{DOMAINS[0]}" if reference and rng.random() < 0.2 else None
        ips.append(IpAddress(v6, 64, 6, main=ipv6_only, reverse_lookup=rdns6, ddos=ddos))
        if rng.random() < 0.2:
            ips.append(IpAddress(next(self.internal), 16, 4, network_type="INTERNAL"))
        return ips

    def _credentials(self, image: Image, app_id: str | None) -> list[Credential]:
        rng = self.rng
        credentials = []
        if rng.random() < 0.92:
            credentials.append(Credential(OPERATING_SYSTEM, image.default_user, new_password(rng)))
        if image.family == "linux" and rng.random() < 0.1:
            credentials.append(Credential(OPERATING_SYSTEM, "deploy", new_password(rng)))
        if app_id:
            user = self.world.market_apps[app_id].panel_user
            credentials.append(Credential(CONTROL_PANEL, user, new_password(rng)))
        return credentials

    # ----------------------------------------------------------------- things in motion

    def _add_specials(self) -> None:
        """A few VPSes in motion or in trouble, so that a demo shows every kind of state."""
        world, now, rng = self.world, self.now, self.rng
        running = [v for v in world.vps_list if v.state == RUNNING]
        if len(running) < 7:
            return
        stopping, starting, fresh, snapshotting = movers = rng.sample(running, 4)
        world.stop(stopping, now - timedelta(seconds=1))
        world.start(starting, now - timedelta(seconds=2))
        # Launched minutes ago and still booting for the first time: no startedAt yet.
        fresh.contract.created_at = now - timedelta(minutes=3)
        if fresh.contract.ends_at is not None and fresh.contract.state == "ACTIVE":
            fresh.contract.ends_at = _add_months(fresh.contract.created_at, fresh.contract.term)
        fresh.started_at = None
        fresh.snapshots.clear()
        world.start(fresh, now - timedelta(seconds=1))
        snapshotting.snapshots.clear()
        world.create_snapshot(
            snapshotting, new_uuid(rng), "before-upgrade", now - timedelta(seconds=4)
        )
        moving = {v.id for v in movers}
        with_ipv4 = [
            (v, v.main_ip)
            for v in running
            if v.id not in moving and v.main_ip and v.main_ip.version == 4
        ]
        picked = rng.sample(with_ipv4, min(3, len(with_ipv4)))
        troubled = [vps for vps, _ in picked]
        for (vps, ip), (by, comment, hours) in zip(picked, NULL_ROUTES, strict=False):
            world.null_route(
                vps,
                ip,
                now - timedelta(minutes=20),
                comment=comment,
                unnull_after_hours=hours,
                by=by,
            )
        if len(troubled) == 3:
            cancelled = troubled[2].contract
            cancelled.state = "DELETE_SCHEDULED"
            cancelled.ends_at = (now + timedelta(days=9)).replace(hour=0, minute=0, second=0)


_T = TypeVar("_T")


def _spread(
    rng: random.Random, items: tuple[_T, ...], weights: tuple[int, ...], count: int
) -> list[_T]:
    """Every item at least once (when count allows), the rest by weight, in shuffled order."""
    first = list(items[:count])
    rng.shuffle(first)
    return first + rng.choices(items, weights=weights, k=max(0, count - len(items)))


def _reference(n: int, rng: random.Random) -> str:
    if n < len(NAMED_REFERENCES):
        return NAMED_REFERENCES[n]
    if rng.random() < 0.12:
        return ""
    return f"{rng.choice(ROLES)}-{n:04d}"


def _ipv4_addresses(rng: random.Random) -> Iterator[str]:
    documentation = [
        str(host) for net in DOCUMENTATION_NETS for host in ipaddress.ip_network(net).hosts()
    ]
    rng.shuffle(documentation)
    yield from documentation
    for host in ipaddress.ip_network(OVERFLOW_NET).hosts():
        if host.packed[-1] not in (0, 255):
            yield str(host)


def _free_ipv4_addresses(rng: random.Random, taken: Container[str]) -> Iterator[str]:
    """Public IPv4 addresses nobody in ``taken`` has: a few drawn at random from the
    documentation networks, then from the overflow network, then every address in order."""
    for nets in (DOCUMENTATION_NETS, (OVERFLOW_NET,)):
        for _ in range(32):
            net = ipaddress.ip_network(rng.choice(nets))
            address = str(net[rng.randrange(1, net.num_addresses - 1)])
            if address not in taken and not address.endswith((".0", ".255")):
                yield address
    yield from (a for a in _ipv4_addresses(rng) if a not in taken)


def _internal_addresses() -> Iterator[str]:
    for host in ipaddress.ip_network("10.32.0.0/16").hosts():
        if host.packed[-1] not in (0, 255):
            yield str(host)


def _add_months(when: datetime, months: int) -> datetime:
    month = when.month - 1 + months
    year, month = when.year + month // 12, month % 12 + 1
    day = min(when.day, 28)
    return when.replace(year=year, month=month, day=day)
