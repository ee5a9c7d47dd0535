"""The platform's preconditions, one function each, raising the API's 400 when not met.

Route handlers check them for a client's request, and the simulated account's own background
activity (``activity.py``) checks the same ones before it acts, so neither can do what the
other may not.
"""

from __future__ import annotations

from .errors import bad_request, invalid_field
from .model import RUNNING, SNAPSHOT_READY, TRANSITIONAL, IpAddress, Snapshot, Vps

MAX_REFERENCE = 255


def require_reference(reference: str) -> None:
    """A reference has at most ``MAX_REFERENCE`` characters."""
    if len(reference) > MAX_REFERENCE:
        raise invalid_field(
            "reference",
            f"This value is too long. It should have {MAX_REFERENCE} characters or less.",
        )


def require_state(vps: Vps, needs: str) -> None:
    """Start needs STOPPED; stop, reboot and snapshot create need RUNNING."""
    if vps.state != needs:
        raise bad_request(
            f"The VPS must be {needs.lower()} before the execution (it is {vps.state})."
        )


def require_settled(vps: Vps, action: str) -> None:
    """Disk-rewriting actions wait until the VPS is RUNNING or STOPPED."""
    if vps.state in TRANSITIONAL:
        raise bad_request(
            f"The VPS is {vps.state}; {action} is possible once it is RUNNING or STOPPED."
        )


def require_no_snapshot(vps: Vps) -> None:
    """A reinstall is refused while the VPS has a snapshot."""
    if vps.snapshots:
        raise bad_request(
            "The VPS cannot be reinstalled while it has a snapshot; delete the snapshot first."
        )


def require_snapshot_allowed(vps: Vps) -> None:
    """A snapshot is taken of a RUNNING VPS, and a VPS has one at most."""
    require_state(vps, RUNNING)
    if vps.snapshots:
        raise bad_request(
            "Only one snapshot per VPS is allowed; delete the existing snapshot first."
        )


def require_ready(snapshot: Snapshot) -> None:
    """Restore and delete only a READY snapshot that is not being deleted."""
    if snapshot.deleting:
        raise bad_request("The snapshot is being deleted.")
    if snapshot.state != SNAPSHOT_READY:
        raise bad_request(f"The snapshot is {snapshot.state}; it must be READY.")


def require_null_routable(ip: IpAddress) -> None:
    """Only a public IPv4 address that is not null-routed yet can be null-routed."""
    if ip.version != 4:
        raise bad_request("Only IPv4 addresses can be null routed.")
    if ip.network_type == "INTERNAL":
        raise bad_request(
            f"IP {ip.ip} is an INTERNAL address; only public IPv4 addresses can be null routed."
        )
    if ip.null_routed:
        raise bad_request(f"IP {ip.ip} is already null routed.")
