"""The fleet as the list pane shows it, and what changed between two refreshes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from lswtui.api.models import VpsSummary


@dataclass(frozen=True, slots=True)
class FleetRow:
    """One VPS reduced to the strings the list shows."""

    vps_id: str
    state: str
    reference: str
    main_ip: str
    main_ip_null_routed: bool
    region: str
    datacenter: str
    pack: str
    image: str
    image_id: str
    all_ips: tuple[str, ...]
    ipv6: str = ""  # the first IPv6 address
    started_at: datetime | None = None
    market_app: str = ""

    @classmethod
    def from_vps(cls, vps: VpsSummary) -> FleetRow:
        main = vps.main_ip
        return cls(
            vps_id=vps.id,
            state=vps.state,
            reference=vps.reference or "",
            main_ip=main.ip if main else "",
            main_ip_null_routed=bool(main and main.null_routed),
            region=vps.region or "",
            datacenter=vps.datacenter or "",
            pack=vps.pack or "",
            image=(vps.image.name or vps.image.id) if vps.image else "",
            image_id=vps.image.id if vps.image else "",
            all_ips=tuple(ip.ip for ip in vps.ips),
            ipv6=next((ip.ip for ip in vps.ips if ip.version == 6), ""),
            started_at=vps.started_at,
            market_app=vps.market_app_id or "",
        )

    @property
    def label(self) -> str:
        """How notifications name the VPS: ``123581321 web-01``."""
        return f"{self.vps_id} {self.reference}".rstrip()


@dataclass(frozen=True, slots=True)
class Change:
    vps_id: str
    label: str
    what: str
    before: str
    after: str

    def describe(self) -> str:
        if self.what == "state":
            return f"{self.label}: {self.before} → {self.after}"
        return f"{self.label}: {self.what} {self.before} → {self.after}"


@dataclass(frozen=True)
class FleetDiff:
    changes: list[Change]
    added: list[str]
    removed: list[str]

    @property
    def changed_ids(self) -> set[str]:
        return {change.vps_id for change in self.changes}


def _null_route_word(row: FleetRow) -> str:
    return "null-routed" if row.main_ip_null_routed else "routed"


def diff_fleet(old: dict[str, FleetRow], new: dict[str, FleetRow]) -> FleetDiff:
    """State and main-IP null-route changes, plus VPSes that appeared or vanished."""
    changes: list[Change] = []
    for vps_id, row in new.items():
        before = old.get(vps_id)
        if before is None:
            continue
        if before.state != row.state:
            changes.append(Change(vps_id, row.label, "state", before.state, row.state))
        if before.main_ip_null_routed != row.main_ip_null_routed:
            changes.append(
                Change(
                    vps_id,
                    row.label,
                    f"main IP {row.main_ip}",
                    _null_route_word(before),
                    _null_route_word(row),
                )
            )
    added = [vps_id for vps_id in new if vps_id not in old]
    removed = [vps_id for vps_id in old if vps_id not in new]
    return FleetDiff(changes, added, removed)
