"""The per-VPS detail cache: what was last loaded of each VPS, how old it is, what is stale.

The panes render from it and the action flows read their context from it, so no widget is the
store of what another needs. It keeps the most recently loaded VPSes only (``max_vps``).

A load that replaces an earlier copy (even one invalidated since) is compared with it: an ISO
attached or detached, a snapshot that appeared, changed state or went, an IP null-routed or
routed again: each a :class:`~lswtui.core.fleet.Change`, told to ``on_changed``.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, Generic, TypeVar, cast

from lswtui.api.models import Credential, IpDetails, Snapshot, VpsDetails
from lswtui.core.fleet import NULL_ROUTED, ROUTED, Change

T = TypeVar("T")


@dataclass(frozen=True)
class DetailKind(Generic[T]):
    """A typed key: ``cache.get(vps_id, DETAILS)`` is a ``VpsDetails | None``."""

    name: str


DETAILS: DetailKind[VpsDetails] = DetailKind("details")
IPS: DetailKind[list[IpDetails]] = DetailKind("ips")
SNAPSHOTS: DetailKind[list[Snapshot]] = DetailKind("snapshots")
CREDENTIALS: DetailKind[list[Credential]] = DetailKind("credentials")


def credential_key(credential: Credential) -> str:
    """A stored credential's identity (a VPS has one per type and username)."""
    return f"{credential.type}/{credential.username}"


def _iso_changes(vps_id: str, old: VpsDetails, new: VpsDetails) -> list[Change]:
    def name(vps: VpsDetails) -> str:
        return (vps.iso.name or vps.iso.id) if vps.iso else ""

    before, after = name(old), name(new)
    return [] if before == after else [Change(vps_id, vps_id, "iso", "", before, after)]


def _null_route_changes(vps_id: str, old: list[IpDetails], new: list[IpDetails]) -> list[Change]:
    before = {ip.ip: ip.null_routed for ip in old}
    return [
        Change(
            vps_id,
            vps_id,
            "null-route",
            ip.ip,
            *((ROUTED, NULL_ROUTED) if ip.null_routed else (NULL_ROUTED, ROUTED)),
        )
        for ip in new
        if ip.ip in before and before[ip.ip] != ip.null_routed
    ]


def _snapshot_changes(vps_id: str, old: list[Snapshot], new: list[Snapshot]) -> list[Change]:
    before = {snapshot.id: snapshot.state for snapshot in old}
    after = {snapshot.id: snapshot.state for snapshot in new}
    return [
        Change(vps_id, vps_id, "snapshot", snapshot_id, before.get(snapshot_id, ""), state)
        for snapshot_id, state in after.items()
        if before.get(snapshot_id) != state
    ] + [
        Change(vps_id, vps_id, "snapshot", snapshot_id, state, "")
        for snapshot_id, state in before.items()
        if snapshot_id not in after
    ]


_DIFFS: dict[str, Callable[[str, Any, Any], list[Change]]] = {
    DETAILS.name: _iso_changes,
    IPS.name: _null_route_changes,
    SNAPSHOTS.name: _snapshot_changes,
}


@dataclass(frozen=True)
class _Entry:
    value: Any
    loaded_at: float
    valid: bool = True  # False once invalidated: kept only to compare the next load with


class DetailCache:
    def __init__(
        self,
        clock: Callable[[], float],
        *,
        max_vps: int = 64,
        on_loaded: Callable[[str, str], None] | None = None,
        on_changed: Callable[[list[Change]], None] | None = None,
    ) -> None:
        self._clock = clock
        self._max_vps = max_vps
        self._on_loaded = on_loaded
        self._on_changed = on_changed
        self._by_vps: OrderedDict[str, dict[str, _Entry]] = OrderedDict()

    def _valid(self, vps_id: str, kind: DetailKind[Any]) -> _Entry | None:
        entry = self._by_vps.get(vps_id, {}).get(kind.name)
        return entry if entry is not None and entry.valid else None

    def get(self, vps_id: str, kind: DetailKind[T]) -> T | None:
        entry = self._valid(vps_id, kind)
        return None if entry is None else cast(T, entry.value)

    def age(self, vps_id: str, kind: DetailKind[Any]) -> float | None:
        """Seconds since ``kind`` was loaded for ``vps_id``; None if it is not cached."""
        entry = self._valid(vps_id, kind)
        return None if entry is None else self._clock() - entry.loaded_at

    def put(self, vps_id: str, kind: DetailKind[T], value: T) -> None:
        entries = self._by_vps.setdefault(vps_id, {})
        before = entries.get(kind.name)
        entries[kind.name] = _Entry(value, self._clock())
        self._by_vps.move_to_end(vps_id)
        while len(self._by_vps) > self._max_vps:
            self._by_vps.popitem(last=False)
        if self._on_loaded is not None:
            self._on_loaded(vps_id, kind.name)
        diff = _DIFFS.get(kind.name)
        if before is None or diff is None or self._on_changed is None:
            return
        if changes := diff(vps_id, before.value, value):
            self._on_changed(changes)

    def invalidate(self, vps_id: str, *kinds: DetailKind[Any]) -> None:
        """Forget ``kinds`` of ``vps_id`` (every kind when none is given): the next read loads
        (and is compared with what was forgotten)."""
        entries = self._by_vps.get(vps_id, {})
        for name in [kind.name for kind in kinds] or list(entries):
            if (entry := entries.get(name)) is not None:
                entries[name] = replace(entry, valid=False)
