"""The simulated platform's records. Plain dataclasses: ``views.py`` turns them into API JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

RUNNING, STARTING, STOPPED, STOPPING = "RUNNING", "STARTING", "STOPPED", "STOPPING"
TRANSITIONAL = (STARTING, STOPPING)
OPERATING_SYSTEM, CONTROL_PANEL = "OPERATING_SYSTEM", "CONTROL_PANEL"
CREDENTIAL_TYPES = (OPERATING_SYSTEM, CONTROL_PANEL)
SNAPSHOT_READY, SNAPSHOT_CREATING = "READY", "CREATING"
#: Who put a null route in place: the customer through the API, or Leaseweb's DDoS mitigation
#: (which the customer cannot lift; kb.leaseweb.com).
NULLED_BY_CUSTOMER, NULLED_BY_MITIGATION = "customer", "ddos-mitigation"


@dataclass(frozen=True, slots=True)
class Region:
    name: str
    location: str
    datacenter: str


@dataclass(frozen=True, slots=True)
class Pack:
    name: str
    cpu: int
    memory_gib: float
    disk_gb: int
    network_mbps: int
    traffic_tb: int


@dataclass(frozen=True, slots=True)
class Image:
    id: str
    name: str
    family: str
    flavour: str
    version: str | None = None
    architecture: str | None = "x86_64"
    market_apps: tuple[str, ...] = ()
    storage_types: tuple[str, ...] = ("LOCAL", "CENTRAL")
    storage_size_gb: float | None = None
    state: str = "READY"
    state_reason: str | None = None
    region: str | None = None  # custom images live in one region; standard ones everywhere
    created_at: datetime | None = None
    updated_at: datetime | None = None
    custom: bool = False
    min_disk_size: int | None = None
    default_user: str = "root"


@dataclass(frozen=True, slots=True)
class Iso:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class MarketApp:
    id: str
    name: str
    category: str
    version: str | None
    family: str
    image_id: str
    control_panel: str  # the contract's controlPanel text for a VPS running this app
    panel_user: str  # the CONTROL_PANEL credential's username


@dataclass(frozen=True, slots=True)
class Ddos:
    detection_profile: str = "STANDARD_DEFAULT"
    protection_type: str = "STANDARD"


@dataclass(slots=True)
class IpAddress:
    ip: str
    prefix_length: int
    version: int
    network_type: str = "PUBLIC"
    main: bool = False
    reverse_lookup: str | None = None
    ddos: Ddos | None = None
    null_routed: bool = False
    nulled_by: str | None = None
    null_comment: str | None = None
    #: Bumped at every null route, so a stale automatic un-null cannot lift a newer one.
    null_generation: int = 0


@dataclass(slots=True)
class Credential:
    type: str
    username: str
    password: str


@dataclass(slots=True)
class Snapshot:
    id: str
    display_name: str
    state: str
    created: datetime
    deleting: bool = False


@dataclass(slots=True)
class Contract:
    id: str
    type: str
    billing_frequency: int
    term: int
    state: str
    created_at: datetime
    ends_at: datetime | None
    sla: str
    control_panel: str | None
    traffic_value: float
    traffic_unit: str = "TB"
    in_modification: bool = False


@dataclass(slots=True)
class Vps:
    id: str
    reference: str
    pack: Pack
    region: Region
    image: Image
    market_app_id: str | None
    state: str
    started_at: datetime | None
    root_disk_size: int
    contract: Contract
    ips: list[IpAddress] = field(default_factory=list)
    iso: Iso | None = None
    #: The ISO once every accepted attach/detach has taken effect (rules check this one).
    iso_target: Iso | None = None
    snapshots: list[Snapshot] = field(default_factory=list)
    credentials: list[Credential] = field(default_factory=list)
    #: When it last became RUNNING (None while it is not): a boot ends, services come up.
    running_since: datetime | None = None

    @property
    def has_public_ipv4(self) -> bool:
        return any(ip.version == 4 and ip.network_type == "PUBLIC" for ip in self.ips)

    @property
    def main_ip(self) -> IpAddress | None:
        return next((ip for ip in self.ips if ip.main), None)

    def find_ip(self, address: str) -> IpAddress | None:
        return next((ip for ip in self.ips if ip.ip == address), None)

    def find_snapshot(self, snapshot_id: str) -> Snapshot | None:
        return next((s for s in self.snapshots if s.id == snapshot_id), None)

    def find_credential(self, type_: str, username: str) -> Credential | None:
        return next(
            (c for c in self.credentials if c.type == type_ and c.username == username), None
        )
