"""What the session tells its front ends (the TUI, the timeline, later a headless CLI).

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
class ChangeObserved(SessionEvent):
    """Something about one VPS differs from the copy read before (never on the first read):
    the list after a refresh, or a detail loaded again. ``kind`` is one of
    :data:`lswtui.core.fleet.CHANGE_KINDS`, ``subject`` the IP or snapshot it is about (""
    for the VPS itself), ``old``/``new`` the values ("" for none); ``text`` says it in words
    (``RUNNING → STOPPED``), without the VPS."""

    vps_id: str
    reference: str
    kind: str
    subject: str
    old: str
    new: str
    text: str


@dataclass(frozen=True, kw_only=True)
class ReadOnlyEntered(SessionEvent):
    """The session stopped offering and sending writes (e.g. after a 403 on one)."""

    reason: str


@dataclass(frozen=True, kw_only=True)
class ActionEvent(SessionEvent):
    """A step of one write, as the action log records it: a timeline shows these, a headless
    front end prints them. ``operation`` is the action's id (e.g. ``stop``), ``summary`` what
    it does (e.g. "Stop VPS 123"), ``outcome`` the action log's, ``error`` the API's message
    or why the outcome is unknown."""

    vps_id: str
    operation: str
    summary: str
    outcome: str
    correlation_id: str | None = None
    status: int | None = None
    error: str | None = None


@dataclass(frozen=True, kw_only=True)
class ActionSent(ActionEvent):
    """Logged, and its request is on its way (outcome ``sent``)."""


@dataclass(frozen=True, kw_only=True)
class ActionCompleted(ActionEvent):
    """Answered or settled: accepted, done, completed, unconfirmed, failed or refused."""


@dataclass(frozen=True, kw_only=True)
class ActionUnknown(ActionEvent):
    """No definite answer (the connection broke, a gateway timed out, or the app ended with the
    write in flight): it may have been applied."""


@dataclass(frozen=True, kw_only=True)
class HealthChanged(SessionEvent):
    """The API's health moved, e.g. ok -> errors (one of :data:`lswtui.core.health.CONDITIONS`)."""

    old: str
    new: str


Listener = Callable[[SessionEvent], object]


@dataclass(frozen=True, kw_only=True)
class ProbeResult(SessionEvent):
    """A reachability probe of one port of a VPS's main IP ended. ``outcome``: ``up`` (it
    answered), ``down`` (not within the probe's limits) or ``skipped`` (not probed: the IP is
    null-routed, ...); ``after_running`` the seconds from the VPS reaching RUNNING to the answer,
    when known; ``text`` the sentence to show ("SSH up 41s after RUNNING")."""

    vps_id: str
    ip: str
    port: int
    outcome: str
    text: str
    attempts: int = 0
    after_running: float | None = None
