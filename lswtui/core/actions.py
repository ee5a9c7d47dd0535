"""The catalogue of VPS actions and the platform rules the UI knows before sending anything.

The rules mirror the preconditions the API answers with a 400, so an action the current state
breaks is shown disabled with its reason. The server's answer still wins when the UI's view
was stale. Nothing here talks to the API or to Textual.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from lswtui.api.models import Credential, IpDetails, Snapshot, VpsDetails
from lswtui.core.fleet import FleetRow


class Guard(Enum):
    """How a mutating action is confirmed."""

    CONFIRM = "confirm"  # y / n dialog
    TYPE = "type"  # type the VPS id
    FORM = "form"  # the form dialog shows the target and its submit confirms


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


def _needs_state(*states: str) -> Rule:
    def rule(ctx: ActionContext) -> str | None:
        if ctx.vps.state in states:
            return None
        return f"the VPS is {ctx.vps.state}; this needs {' or '.join(states)}"

    return rule


def _no_snapshot_for_reinstall(ctx: ActionContext) -> str | None:
    if ctx.snapshots:
        return "Leaseweb refuses a reinstall while the VPS has a snapshot; delete it first"
    return None


def _can_snapshot(ctx: ActionContext) -> str | None:
    if ctx.vps.state != "RUNNING":
        return f"the VPS is {ctx.vps.state}; a snapshot needs RUNNING"
    if ctx.snapshots:
        return "the VPS already has a snapshot (Leaseweb allows one); delete it first"
    return None


def _has_ready_snapshot(ctx: ActionContext) -> str | None:
    if ctx.snapshots is not None and not any(s.state == "READY" for s in ctx.snapshots):
        return "the VPS has no READY snapshot" if ctx.snapshots else "the VPS has no snapshot"
    return None


def _iso_attached(ctx: ActionContext) -> str | None:
    if ctx.details is not None and ctx.details.iso is None:
        return "no ISO is attached"
    return None


def _no_iso(ctx: ActionContext) -> str | None:
    if ctx.details is not None and ctx.details.iso is not None:
        return f"ISO {ctx.details.iso.id} is attached; detach it first"
    return None


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


def _ipv4_not_nulled(ctx: ActionContext) -> str | None:
    if ctx.ip is not None:
        return null_route_refusal(ctx.ip)
    if ctx.ips is not None and all(null_route_refusal(ip) for ip in ctx.ips):
        return "the VPS has no public IPv4 address that is not null-routed already"
    return None


def _ip_nulled(ctx: ActionContext) -> str | None:
    if ctx.ip is not None and not ctx.ip.null_routed:
        return f"{ctx.ip.ip} is not null-routed"
    if ctx.ip is None and ctx.ips is not None and not any(ip.null_routed for ip in ctx.ips):
        return "no IP of the VPS is null-routed"
    return None


def _has_credentials(ctx: ActionContext) -> str | None:
    if ctx.credentials is not None and not ctx.credentials:
        return "the VPS has no stored credentials"
    return None


def _always(ctx: ActionContext) -> str | None:
    return None


@dataclass(frozen=True)
class ActionSpec:
    id: str
    title: str  # palette title; begins with the words users search for
    key: str | None
    help: str
    guard: Guard | None  # None: reads only (console)
    rule: Rule = _always
    family: str = ""  # actions on the same thing; one of a family is tracked at a time

    @property
    def mutating(self) -> bool:
        return self.guard is not None

    def reason(self, ctx: ActionContext) -> str | None:
        """Why the action is unavailable for this target, or None."""
        return self.rule(ctx)


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec(
        "start",
        "Start VPS",
        "S",
        "Power on a STOPPED VPS",
        Guard.CONFIRM,
        _needs_state("STOPPED"),
        family="power",
    ),
    ActionSpec(
        "stop",
        "Stop VPS",
        "X",
        "Power off a RUNNING VPS",
        Guard.CONFIRM,
        _needs_state("RUNNING"),
        family="power",
    ),
    ActionSpec(
        "reboot",
        "Reboot VPS",
        "B",
        "Restart a RUNNING VPS",
        Guard.CONFIRM,
        _needs_state("RUNNING"),
        family="power",
    ),
    ActionSpec(
        "reinstall",
        "Reinstall VPS",
        "R",
        "Wipe the disk and install an image",
        Guard.TYPE,
        _no_snapshot_for_reinstall,
        family="power",
    ),
    ActionSpec(
        "edit_reference",
        "Edit reference",
        "E",
        "Rename the VPS (its reference)",
        Guard.FORM,
        family="reference",
    ),
    ActionSpec(
        "console",
        "Open console",
        "O",
        "Get the web console URL of a RUNNING VPS (copied over OSC 52)",
        None,
        _needs_state("RUNNING"),  # the API answers 400 otherwise: a stopped VPS has no screen
        family="console",
    ),
    ActionSpec(
        "reset_password",
        "Reset password",
        "P",
        "Have Leaseweb set a new OS password",
        Guard.CONFIRM,
        family="credentials",
    ),
    ActionSpec(
        "store_credential",
        "Store credential",
        "C",
        "Store a username and password with Leaseweb",
        Guard.FORM,
        family="credentials",
    ),
    ActionSpec(
        "update_credential",
        "Update credential",
        "W",
        "Change a stored password",
        Guard.FORM,
        _has_credentials,
        family="credentials",
    ),
    ActionSpec(
        "delete_credential",
        "Delete credential",
        None,
        "Remove one stored credential",
        Guard.CONFIRM,
        _has_credentials,
        family="credentials",
    ),
    ActionSpec(
        "delete_all_credentials",
        "Delete all credentials",
        None,
        "Remove every stored credential",
        Guard.TYPE,
        _has_credentials,
        family="credentials",
    ),
    ActionSpec(
        "attach_iso",
        "Attach ISO",
        "I",
        "Boot media from the ISO catalogue",
        Guard.CONFIRM,
        _no_iso,
        family="iso",
    ),
    ActionSpec(
        "detach_iso",
        "Detach ISO",
        "D",
        "Remove the attached ISO",
        Guard.CONFIRM,
        _iso_attached,
        family="iso",
    ),
    ActionSpec(
        "create_snapshot",
        "Create snapshot",
        "N",
        "Snapshot a RUNNING VPS (one per VPS)",
        Guard.FORM,
        _can_snapshot,
        family="snapshot",
    ),
    ActionSpec(
        "restore_snapshot",
        "Restore snapshot",
        "T",
        "Roll the disk back to the snapshot",
        Guard.TYPE,
        _has_ready_snapshot,
        family="power",
    ),
    ActionSpec(
        "delete_snapshot",
        "Delete snapshot",
        "K",
        "Delete the snapshot",
        Guard.TYPE,
        _has_ready_snapshot,
        family="snapshot",
    ),
    ActionSpec(
        "set_reverse_dns",
        "Set reverse DNS",
        "L",
        "Set the PTR record of an IP",
        Guard.FORM,
        family="ips",
    ),
    ActionSpec(
        "null_route",
        "Null route IP",
        "Z",
        "Drop all traffic to an IPv4 address",
        Guard.FORM,
        _ipv4_not_nulled,
        family="ips",
    ),
    ActionSpec(
        "remove_null_route",
        "Remove null route",
        "U",
        "Route a null-routed IP again",
        Guard.CONFIRM,
        _ip_nulled,
        family="ips",
    ),
)
ACTIONS_BY_ID = {action.id: action for action in ACTIONS}
