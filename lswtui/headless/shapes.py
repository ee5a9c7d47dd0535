"""The ``--json`` output of each command, and its JSON Schema (``lswtui vps schema NAME``).

Each shape is the API's own object as lswtui reads it (the reference's camelCase field names;
unknown fields dropped, missing ones defaulted, strings sanitised), so a script written against
the API reads it the same way. ``list`` adds the ``profile`` each VPS came from; ``result`` is
what a mutating command did. Output and schema come from the same models, so they cannot drift.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from lswtui.api.models import (
    Console,
    Credential,
    CredentialWithPassword,
    Image,
    IpDetails,
    IsoImage,
    MarketApp,
    Region,
    Snapshot,
    TrafficMetrics,
    VpsDetails,
    VpsSummary,
)


class ListedVps(VpsSummary):
    """An item of ``GET /vps``, with the config profile (account) it belongs to."""

    profile: str


class ActionResult(BaseModel):
    """What a mutating command did. ``outcome`` is the action log's (``accepted``, ``done``,
    ``completed``, ``failed``, ``unknown``, ``unconfirmed``, ``refused``), or null when nothing
    was sent (``exitCode`` says why)."""

    model_config = ConfigDict(populate_by_name=True, frozen=True)

    profile: str
    vps_id: str = Field(alias="vpsId")
    action: str  # the action's id, e.g. "stop"
    outcome: str | None
    status: int | None = None
    correlation_id: str | None = Field(None, alias="correlationId")
    error: str | None = None
    exit_code: int = Field(alias="exitCode")


SHAPES: dict[str, TypeAdapter[Any]] = {
    "list": TypeAdapter(list[ListedVps]),
    "show": TypeAdapter(VpsDetails),
    "ips": TypeAdapter(list[IpDetails]),
    "ip": TypeAdapter(IpDetails),
    "snapshots": TypeAdapter(list[Snapshot]),
    "snapshot": TypeAdapter(Snapshot),
    "credentials": TypeAdapter(list[Credential]),
    "password": TypeAdapter(CredentialWithPassword),
    "traffic": TypeAdapter(TrafficMetrics),
    "isos": TypeAdapter(list[IsoImage]),
    "images": TypeAdapter(list[Image]),
    "market-apps": TypeAdapter(list[MarketApp]),
    "regions": TypeAdapter(list[Region]),
    "console": TypeAdapter(Console),
    "result": TypeAdapter(ActionResult),
}


def to_json(shape: str, value: Any) -> str:
    return SHAPES[shape].dump_json(value, by_alias=True, indent=2).decode()


def schema(shape: str) -> dict[str, Any]:
    found: dict[str, Any] = SHAPES[shape].json_schema(by_alias=True, mode="serialization")
    found["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    found["$id"] = f"lswtui:vps:{shape}"
    return found
