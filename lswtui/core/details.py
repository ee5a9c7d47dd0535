"""The per-VPS detail cache: what was last loaded of each VPS, how old it is, what is stale.

The panes render from it and the action flows read their context from it, so no widget is the
store of what another needs. It keeps the most recently loaded VPSes only (``max_vps``).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

from lswtui.api.models import Credential, IpDetails, Snapshot, VpsDetails

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


@dataclass(frozen=True)
class _Entry:
    value: Any
    loaded_at: float


class DetailCache:
    def __init__(
        self,
        clock: Callable[[], float],
        *,
        max_vps: int = 64,
        on_loaded: Callable[[str, str], None] | None = None,
    ) -> None:
        self._clock = clock
        self._max_vps = max_vps
        self._on_loaded = on_loaded
        self._by_vps: OrderedDict[str, dict[str, _Entry]] = OrderedDict()

    def get(self, vps_id: str, kind: DetailKind[T]) -> T | None:
        entry = self._by_vps.get(vps_id, {}).get(kind.name)
        return None if entry is None else cast(T, entry.value)

    def age(self, vps_id: str, kind: DetailKind[Any]) -> float | None:
        """Seconds since ``kind`` was loaded for ``vps_id``; None if it is not cached."""
        entry = self._by_vps.get(vps_id, {}).get(kind.name)
        return None if entry is None else self._clock() - entry.loaded_at

    def put(self, vps_id: str, kind: DetailKind[T], value: T) -> None:
        self._by_vps.setdefault(vps_id, {})[kind.name] = _Entry(value, self._clock())
        self._by_vps.move_to_end(vps_id)
        while len(self._by_vps) > self._max_vps:
            self._by_vps.popitem(last=False)
        if self._on_loaded is not None:
            self._on_loaded(vps_id, kind.name)

    def invalidate(self, vps_id: str, *kinds: DetailKind[Any]) -> None:
        """Forget ``kinds`` of ``vps_id`` (every kind when none is given): the next read loads."""
        if not kinds:
            self._by_vps.pop(vps_id, None)
            return
        entries = self._by_vps.get(vps_id, {})
        for kind in kinds:
            entries.pop(kind.name, None)
