"""The fleet as the list pane shows it, and what changed between two refreshes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from lswtui.api.models import VpsSummary
from lswtui.core.events import ChangeObserved


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
    null_routed_ips: tuple[str, ...] = ()
    account: str = ""  # the config profile it belongs to (rows are keyed by account and id)
    ipv6: str = ""  # the first IPv6 address
    started_at: datetime | None = None
    market_app: str = ""

    @classmethod
    def from_vps(cls, vps: VpsSummary, account: str = "") -> FleetRow:
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
            null_routed_ips=tuple(ip.ip for ip in vps.ips if ip.null_routed),
            account=account,
        )

    @property
    def label(self) -> str:
        """How notifications name the VPS: ``123581321 web-01``."""
        return f"{self.vps_id} {self.reference}".rstrip()


#: What an observed change is about (the Timeline's kinds, with ``action`` and ``health``).
CHANGE_KINDS = ("state", "null-route", "ip", "reference", "image", "iso", "snapshot", "vps")
NULL_ROUTED, ROUTED = "null-routed", "routed"
PRESENT = "present"  # a VPS, an IP or a snapshot that is there ("" when it is not)


def change_text(kind: str, subject: str, before: str, after: str) -> str:
    """One change in words, without the VPS: ``RUNNING → STOPPED``, ``IP 10.0.0.1 added``."""
    if kind == "vps":
        return "new VPS in the account" if after else "VPS gone from the account"
    if kind == "ip":
        return f"IP {subject} {'added' if after else 'removed'}"
    if kind == "null-route":
        return f"IP {subject} {before} → {after}"
    if kind == "iso":
        if not before:
            return f"ISO {after} attached"
        return f"ISO {before} detached" if not after else f"ISO {before} → {after}"
    if kind == "snapshot":
        if not before:
            return f"snapshot {subject} appeared ({after})"
        return (
            f"snapshot {subject} removed" if not after else f"snapshot {subject} {before} → {after}"
        )
    if kind == "state":
        return f"{before} → {after}"
    return f"{kind} {before or '(none)'} → {after or '(none)'}"


@dataclass(frozen=True, slots=True)
class Change:
    """One thing about one VPS that differs from the copy read before: ``kind`` is one of
    :data:`CHANGE_KINDS`, ``subject`` the IP or snapshot it is about ("" for the VPS itself),
    ``before``/``after`` the values ("" for none: a new IP has ``before`` "")."""

    vps_id: str
    label: str
    kind: str
    subject: str
    before: str
    after: str

    @property
    def text(self) -> str:
        return change_text(self.kind, self.subject, self.before, self.after)

    def event(self, *, account: str, at: datetime, reference: str) -> ChangeObserved:
        return ChangeObserved(
            account=account,
            at=at,
            vps_id=self.vps_id,
            reference=reference,
            kind=self.kind,
            subject=self.subject,
            old=self.before,
            new=self.after,
            text=self.text,
        )


@dataclass(frozen=True)
class FleetDiff:
    changes: list[Change]
    added: list[str]
    removed: list[str]

    @property
    def changed_ids(self) -> set[str]:
        return {change.vps_id for change in self.changes}


def _row_changes(before: FleetRow, row: FleetRow) -> list[Change]:
    vps_id, label = row.vps_id, row.label
    changes: list[Change] = []
    for kind, old, new in (
        ("state", before.state, row.state),
        ("reference", before.reference, row.reference),
        ("image", before.image, row.image),
    ):
        if old != new:
            changes.append(Change(vps_id, label, kind, "", old, new))
    if before.all_ips != row.all_ips:
        old_ips, new_ips = set(before.all_ips), set(row.all_ips)
        changes += [
            Change(vps_id, label, "ip", ip, "", PRESENT) for ip in row.all_ips if ip not in old_ips
        ]
        changes += [
            Change(vps_id, label, "ip", ip, PRESENT, "")
            for ip in before.all_ips
            if ip not in new_ips
        ]
    if before.null_routed_ips != row.null_routed_ips:
        old_nr, new_nr = set(before.null_routed_ips), set(row.null_routed_ips)
        for ip in row.all_ips:
            if ip in before.all_ips and (ip in old_nr) != (ip in new_nr):
                words = (ROUTED, NULL_ROUTED) if ip in new_nr else (NULL_ROUTED, ROUTED)
                changes.append(Change(vps_id, label, "null-route", ip, *words))
    return changes


def diff_fleet(old: dict[str, FleetRow], new: dict[str, FleetRow]) -> FleetDiff:
    """What differs per VPS (state, reference, image, IPs added or removed, null route per
    IP), plus the VPSes that appeared or vanished. A row that is the very object of ``old``
    costs nothing."""
    changes: list[Change] = []
    for vps_id, row in new.items():
        before = old.get(vps_id)
        if before is None or before is row:
            continue
        changes += _row_changes(before, row)
    added = [vps_id for vps_id in new if vps_id not in old]
    removed = [vps_id for vps_id in old if vps_id not in new]
    return FleetDiff(changes, added, removed)
