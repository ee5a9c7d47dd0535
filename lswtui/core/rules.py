"""The platform rules the UI knows before sending anything, over what it knows of a VPS.

The rules mirror the preconditions the API answers with a 400, so an action the current state
breaks is shown disabled with its reason. The server's answer still wins when the UI's view
was stale. Nothing here talks to the API or to Textual.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lswtui.api.models import Credential, IpDetails, Snapshot, VpsDetails
from lswtui.core.fleet import FleetRow


@dataclass(frozen=True)
class ActionContext:
    """What the UI knows about the target right now. ``None`` means "not loaded yet"."""

    vps: FleetRow
    details: VpsDetails | None = None
    snapshots: list[Snapshot] | None = None
    ip: IpDetails | None = None  # the IP selected in the IPs tab
    ips: list[IpDetails] | None = None  # every IP, when none is selected
    snapshot: Snapshot | None = None
    credential: Credential | None = None
    credentials: list[Credential] | None = None


Rule = Callable[[ActionContext], str | None]


def needs_state(*states: str) -> Rule:
    def rule(ctx: ActionContext) -> str | None:
        if ctx.vps.state in states:
            return None
        return f"the VPS is {ctx.vps.state}; this needs {' or '.join(states)}"

    return rule


def no_snapshot_for_reinstall(ctx: ActionContext) -> str | None:
    if ctx.snapshots:
        return "Leaseweb refuses a reinstall while the VPS has a snapshot; delete it first"
    return None


def can_snapshot(ctx: ActionContext) -> str | None:
    if ctx.vps.state != "RUNNING":
        return f"the VPS is {ctx.vps.state}; a snapshot needs RUNNING"
    if ctx.snapshots:
        return "the VPS already has a snapshot (Leaseweb allows one); delete it first"
    return None


def has_ready_snapshot(ctx: ActionContext) -> str | None:
    if ctx.snapshots is not None and not any(s.state == "READY" for s in ctx.snapshots):
        return "the VPS has no READY snapshot" if ctx.snapshots else "the VPS has no snapshot"
    return None


def iso_attached(ctx: ActionContext) -> str | None:
    if ctx.details is not None and ctx.details.iso is None:
        return "no ISO is attached"
    return None


def no_iso(ctx: ActionContext) -> str | None:
    if ctx.details is not None and ctx.details.iso is not None:
        return f"ISO {ctx.details.iso.id} is attached; detach it first"
    return None


def can_rescue(ctx: ActionContext) -> str | None:
    """Rescue boot: no ISO attached yet (Leaseweb attaches one at a time), and a VPS that can
    be rebooted (RUNNING) or started (STOPPED) from it."""
    if ctx.details is not None and ctx.details.iso is not None:
        return f"ISO {ctx.details.iso.id} is attached; 'Leave rescue' detaches it"
    return needs_state("RUNNING", "STOPPED")(ctx)


def in_rescue(ctx: ActionContext) -> str | None:
    """Leave rescue: an ISO to detach, and a VPS that can be rebooted or started."""
    return iso_attached(ctx) or needs_state("RUNNING", "STOPPED")(ctx)


def null_route_refusal(ip: IpDetails) -> str | None:
    """Why ``ip`` cannot be null-routed, or None. A null route drops the internet's traffic to
    a public IPv4 address; an INTERNAL one is not reachable from the internet (the API refuses it)."""
    if ip.version != 4:
        return "null routing works for IPv4 only"
    if ip.network_type == "INTERNAL":
        return f"{ip.ip} is an INTERNAL address; only public IPv4 addresses can be null-routed"
    if ip.null_routed:
        return f"{ip.ip} is already null-routed"
    return None


def ipv4_not_nulled(ctx: ActionContext) -> str | None:
    if ctx.ip is not None:
        return null_route_refusal(ctx.ip)
    if ctx.ips is not None and all(null_route_refusal(ip) for ip in ctx.ips):
        return "the VPS has no public IPv4 address that is not null-routed already"
    return None


def ip_nulled(ctx: ActionContext) -> str | None:
    if ctx.ip is not None and not ctx.ip.null_routed:
        return f"{ctx.ip.ip} is not null-routed"
    if ctx.ip is None and ctx.ips is not None and not any(ip.null_routed for ip in ctx.ips):
        return "no IP of the VPS is null-routed"
    return None


def has_credentials(ctx: ActionContext) -> str | None:
    if ctx.credentials is not None and not ctx.credentials:
        return "the VPS has no stored credentials"
    return None


def always(ctx: ActionContext) -> str | None:
    return None
