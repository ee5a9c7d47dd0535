"""What a confirmed action will do: one request, how to record it, how to see it finish."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from lswtui.api import LeasewebClient
from lswtui.core.details import DetailKind
from lswtui.core.fleet import FleetRow

#: Given the VPS's latest list row (None if unknown) and the client, is the action finished?
DoneCheck = Callable[[FleetRow | None, LeasewebClient], Awaitable[bool]]


@dataclass
class Plan:
    """A confirmed action, ready to send exactly once."""

    operation: str  # e.g. "Stop VPS 123581321"
    send: Callable[[], Awaitable[Any]]
    parameters: dict[str, Any] = field(default_factory=dict)  # for the action log; no secrets
    done: DoneCheck | None = None  # None: complete when the API answers
    success: str = ""  # what to say when the API accepted it
    stale: DetailKind[Any] | None = None  # the detail of the VPS the action changes
    give_up_after: float = 600.0  # seconds of tracking before saying "not confirmed yet"
    #: Keep the VPS locked until ``done`` (power, reinstall, restore: nothing else may overlap).
    exclusive: bool = False


def state_reached(target: str, *, via_transition: bool = False) -> DoneCheck:
    """Done when the list shows ``target`` (after leaving it first, for reboot-like actions)."""
    seen = {"left": not via_transition}

    async def check(row: FleetRow | None, client: LeasewebClient) -> bool:
        if row is None:
            return False
        if row.state != target:
            seen["left"] = True
            return False
        return seen["left"]

    return check
