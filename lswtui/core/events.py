"""What the session tells its front ends (the TUI, later a timeline or a headless CLI).

Every event names the account (the config profile) it happened in, so that several sessions
can feed one consumer, and carries the wall-clock time it happened at.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, kw_only=True)
class SessionEvent:
    account: str
    at: datetime


@dataclass(frozen=True, kw_only=True)
class FleetChanged(SessionEvent):
    """A new copy of the VPS list was applied (``count`` VPSes)."""

    count: int


@dataclass(frozen=True, kw_only=True)
class DetailLoaded(SessionEvent):
    """A detail of one VPS (``kind``: details, ips, snapshots, credentials) was loaded."""

    vps_id: str
    kind: str


@dataclass(frozen=True, kw_only=True)
class ReadOnlyEntered(SessionEvent):
    """The session stopped offering and sending writes (e.g. after a 403 on one)."""

    reason: str


Listener = Callable[[SessionEvent], object]
