"""Tolerant pydantic models of the Leaseweb Public Cloud VPS API responses.

The API is labelled BETA and its examples disagree with its schema, so every model:
- keeps enum-like fields as plain ``str`` (an unknown VPS state must still display),
- ignores unknown fields,
- defaults documented-but-missing fields,
- accepts both the reference text's and the spec's spelling where they differ,
- keeps every number finite and bounded (``Number``, ``Integer``), so sums never overflow and
  every integer prints.

Known values (``SETTLED_VPS_STATES``, ``CREDENTIAL_TYPES``) serve display and UI gating only.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Annotated, Any, Generic, Self, TypeVar

from pydantic import (
    AfterValidator,
    AliasChoices,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    field_validator,
)

#: The states a VPS rests in; any other, known or not, is a transition worth watching.
SETTLED_VPS_STATES = ("RUNNING", "STOPPED")
CREDENTIAL_TYPES = ("OPERATING_SYSTEM", "CONTROL_PANEL")
#: Leaseweb's spec gives a ``reference`` ``maxLength: 255`` (the VPS one states none of its own).
MAX_REFERENCE_LENGTH = 255

MAX_MAGNITUDE = 1e15
"""The largest magnitude a float field holds (1 PB of traffic a day): a million such values
still sum to a finite number."""


def _clamped(value: float) -> float:
    return max(-MAX_MAGNITUDE, min(MAX_MAGNITUDE, value))


Number = Annotated[float, AfterValidator(_clamped)]
"""A finite float (NaN and infinities refused), clamped to ``MAX_MAGNITUDE``."""

MAX_INTEGER = 2**53
"""The largest magnitude an int field holds (exact as a float too)."""


def _clamped_int(value: int) -> int:
    return max(-MAX_INTEGER, min(MAX_INTEGER, value))


Integer = Annotated[int, AfterValidator(_clamped_int)]
"""An int clamped to ``MAX_INTEGER``: a 5000-digit value would not even print."""


class ApiModel(BaseModel):
    """Base for every response model: extra fields ignored, camelCase aliases, snake_case names.

    A write's answer also carries the correlationId of the response that brought it (support
    asks for it), set by the client from the header, never from the body.
    """

    model_config = ConfigDict(
        extra="ignore", populate_by_name=True, frozen=True, allow_inf_nan=False
    )
    _answer_correlation_id: str | None = PrivateAttr(None)

    @property
    def correlation_id(self) -> str | None:
        """The correlationId of the write this object answers; None for what was read."""
        return self._answer_correlation_id

    def answering(self, correlation_id: str | None) -> Self:
        """This object, as the answer to a write whose response had ``correlation_id``."""
        self._answer_correlation_id = correlation_id
        return self


def _empty_to_none(value: Any) -> Any:
    return None if value == "" else value


class Metadata(ApiModel):
    total_count: Integer = Field(0, alias="totalCount")
    limit: Integer = 0
    offset: Integer = 0


class Ddos(ApiModel):
    detection_profile: str | None = Field(None, alias="detectionProfile")
    protection_type: str | None = Field(None, alias="protectionType")


class Ip(ApiModel):
    ip: str
    prefix_length: str | None = Field(None, alias="prefixLength")
    version: Integer = 4
    null_routed: bool = Field(False, alias="nullRouted")
    main_ip: bool = Field(False, alias="mainIp")
    network_type: str | None = Field(None, alias="networkType")
    reverse_lookup: str | None = Field(None, alias="reverseLookup")

    @field_validator("prefix_length", mode="before")
    @classmethod
    def _prefix_as_str(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value

    @field_validator("reverse_lookup", mode="before")
    @classmethod
    def _normalise_reverse_lookup(cls, value: Any) -> Any:
        return _empty_to_none(value)


class IpDetails(Ip):
    ddos: Ddos | None = None


class VpsImage(ApiModel):
    id: str
    name: str | None = None
    family: str | None = None
    flavour: str | None = None
    custom: bool = False


class IsoImage(ApiModel):
    id: str
    name: str | None = None


class ResourceValue(ApiModel):
    value: Number | None = None
    unit: str | None = None


class Resources(ApiModel):
    cpu: ResourceValue | None = None
    memory: ResourceValue | None = None
    public_network_speed: ResourceValue | None = Field(None, alias="publicNetworkSpeed")


class Contract(ApiModel):
    id: str | None = None
    billing_frequency: Integer | None = Field(None, alias="billingFrequency")
    term: Integer | None = None
    type: str | None = None
    state: str | None = None
    ends_at: datetime | None = Field(None, alias="endsAt")
    created_at: datetime | None = Field(None, alias="createdAt")
    sla: str | None = None
    control_panel: str | None = Field(None, alias="controlPanel")
    in_modification: bool = Field(False, alias="inModification")
    data_traffic: ResourceValue | None = Field(None, alias="dataTraffic")


class VpsSummary(ApiModel):
    """An item of ``GET /vps``."""

    id: str
    pack: str | None = None
    region: str | None = None
    datacenter: str | None = None
    reference: str | None = None
    image: VpsImage | None = None
    market_app_id: str | None = Field(None, alias="marketAppId")
    state: str = "UNKNOWN"
    has_public_ipv4: bool = Field(False, alias="hasPublicIpV4")
    root_disk_size: Integer | None = Field(None, alias="rootDiskSize")
    ips: list[Ip] = []
    started_at: datetime | None = Field(None, alias="startedAt")

    @field_validator("id", mode="before")
    @classmethod
    def _id_as_str(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value

    @field_validator("reference", "market_app_id", mode="before")
    @classmethod
    def _blank_to_none(cls, value: Any) -> Any:
        return _empty_to_none(value)

    @property
    def main_ip(self) -> Ip | None:
        """The IP flagged ``mainIp``, else the first public IPv4, else the first IP."""
        for ip in self.ips:
            if ip.main_ip:
                return ip
        for ip in self.ips:
            if ip.version == 4 and ip.network_type == "PUBLIC":
                return ip
        return self.ips[0] if self.ips else None


class VpsDetails(VpsSummary):
    """``GET /vps/{vpsId}`` and ``PUT /vps/{vpsId}``."""

    ips: list[IpDetails] = []  # type: ignore[assignment]  # pydantic: the details carry more per IP
    iso: IsoImage | None = None
    resources: Resources | None = None
    contract: Contract | None = None


class Console(ApiModel):
    url: str


class Credential(ApiModel):
    type: str
    username: str


class CredentialWithPassword(Credential):
    password: str = Field("", repr=False)


class StorageSize(ApiModel):
    size: Number | None = None
    unit: str | None = None


class Image(ApiModel):
    id: str
    name: str | None = None
    version: str | None = None
    family: str | None = None
    flavour: str | None = None
    architecture: str | None = None
    market_apps: list[str] = Field([], alias="marketApps")
    storage_types: list[str] = Field([], alias="storageTypes")
    storage_size: StorageSize | None = Field(None, alias="storageSize")
    state: str | None = None
    state_reason: str | None = Field(None, alias="stateReason")
    region: str | None = None
    created_at: datetime | None = Field(None, alias="createdAt")
    updated_at: datetime | None = Field(None, alias="updatedAt")
    custom: bool = False
    min_disk_size: Integer | None = Field(None, alias="minDiskSize")

    @field_validator("market_apps", "storage_types", mode="before")
    @classmethod
    def _null_list(cls, value: Any) -> Any:
        return [] if value is None else value


class Snapshot(ApiModel):
    id: str
    display_name: str | None = Field(None, alias="displayName")
    state: str = "UNKNOWN"
    created: datetime | None = None


class MarketApp(ApiModel):
    id: str
    name: str | None = None
    category: str | None = None
    version: str | None = None
    family: str | None = None
    image: VpsImage | None = None

    @field_validator("image", mode="before")
    @classmethod
    def _image_id_as_image(cls, value: Any) -> Any:
        """The spec sends an image object; accept a bare image id as well."""
        return {"id": value} if isinstance(value, str) else value


class Region(ApiModel):
    name: str
    location: str | None = None


class TrafficValue(ApiModel):
    value: Number = 0
    timestamp: datetime | None = None


class TrafficSeries(ApiModel):
    unit: str | None = None
    values: list[TrafficValue] = []


class TrafficSummary(ApiModel):
    """Per-direction summary. Older spec versions sent human strings such as ``"855.28 KB"``."""

    average: Number | str | None = None
    expected: Number | str | None = None
    total: Number | str | None = None
    peak: TrafficValue | None = None


def _both_spellings(camel: str, upper: str) -> AliasChoices:
    return AliasChoices(camel, upper)


class TrafficSummaries(ApiModel):
    down_public: TrafficSummary | None = Field(
        None, validation_alias=_both_spellings("downPublic", "DOWN_PUBLIC")
    )
    up_public: TrafficSummary | None = Field(
        None, validation_alias=_both_spellings("upPublic", "UP_PUBLIC")
    )


class TrafficMetadata(ApiModel):
    from_: datetime | None = Field(None, alias="from")
    to: datetime | None = None
    granularity: str | None = None
    aggregation: str | None = None
    unit: str | None = None
    summary: TrafficSummaries | None = None


class TrafficMetricSet(ApiModel):
    down_public: TrafficSeries = Field(
        TrafficSeries(), validation_alias=_both_spellings("downPublic", "DOWN_PUBLIC")
    )
    up_public: TrafficSeries = Field(
        TrafficSeries(), validation_alias=_both_spellings("upPublic", "UP_PUBLIC")
    )


class TrafficMetrics(ApiModel):
    """``GET /vps/{vpsId}/metrics/datatraffic``."""

    metadata: TrafficMetadata = Field(TrafficMetadata(), alias="_metadata")
    metrics: TrafficMetricSet = TrafficMetricSet()


class Accepted(ApiModel):
    """Outcome of an operation answered with 202 or 204 and no body."""

    status_code: int


T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of a list endpoint: its items, the server's ``_metadata``, and how many items
    were skipped as invalid (a null, a non-object, an item without its ``id``...)."""

    model_config = ConfigDict(frozen=True)

    items: list[T]
    metadata: Metadata
    skipped: int = 0


class ItemList(list[T]):
    """A whole list (a list the API does not page, or every page of one), with how many items
    were skipped as invalid. It is a plain ``list`` in every other respect."""

    def __init__(self, items: Iterable[T] = (), skipped: int = 0) -> None:
        super().__init__(items)
        self.skipped = skipped
