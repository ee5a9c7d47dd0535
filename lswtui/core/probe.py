"""Is it back? A TCP reachability probe of a VPS's main IP, after a power action or on demand.

Every ``interval`` seconds each configured port (default 22) is connected to, until it answers
or a limit passes (time, attempts); at most ``concurrency`` connections are open at once, one
probe runs per VPS, and a null-routed IP is never connected to (checked before every attempt).
In read-only mode nothing is probed unless the config enables it. The result says how long
after the VPS reached RUNNING the port answered ("SSH up 41s after RUNNING"): from the fleet's
state changes this session saw, else from the API's ``startedAt``. Each port's result is a
:class:`~lswtui.core.events.ProbeResult` event of the session.

``connect`` is injectable: the demo wires it to the simulated world, tests to a fake.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from lswtui.api import ApiError
from lswtui.core.events import ActionCompleted, FleetChanged, ProbeResult, SessionEvent
from lswtui.core.fleet import FleetRow
from lswtui.core.humanize import human_duration
from lswtui.core.session import Session

#: ``(ip, port, timeout) -> answered``: one connection attempt, bounded by ``timeout`` seconds.
Connect = Callable[[str, int, float], Awaitable[bool]]

RUNNING = "RUNNING"
PROBED_STATES = ("RUNNING", "STARTING")  # a VPS in another state has nothing to answer
#: The actions that boot the VPS: when one of them has completed, the VPS is probed.
BOOTING_ACTIONS = frozenset({"start", "reboot", "reinstall", "restore_snapshot"})

#: Runs a probe in the background (the TUI: a worker); the probe is bounded by itself.
Spawn = Callable[[Coroutine[Any, Any, object]], object]


async def tcp_connect(ip: str, port: int, timeout: float) -> bool:
    """Whether a TCP connection to ``ip``:``port`` opens within ``timeout`` (then closed)."""
    try:
        async with asyncio.timeout(timeout):
            _, writer = await asyncio.open_connection(ip, port)
    except (OSError, TimeoutError):
        return False
    writer.close()
    with contextlib.suppress(OSError, TimeoutError):
        async with asyncio.timeout(timeout):
            await writer.wait_closed()
    return True


def connect_to(reachable: Callable[[str, int], bool]) -> Connect:
    """A ``connect`` that asks ``reachable(ip, port)`` (the demo's simulated world) instead."""

    async def connect(ip: str, port: int, timeout: float) -> bool:
        return reachable(ip, port)

    return connect


@dataclass(frozen=True)
class ProbeLimits:
    interval: float = 5.0  # seconds between two attempts
    give_up_after: float = 300.0  # seconds of trying in all
    max_attempts: int = 60
    attempt_timeout: float = 3.0  # seconds one connection may take to open
    concurrency: int = 8  # connections open at once, over every probe


def port_name(port: int) -> str:
    return "SSH" if port == 22 else f"Port {port}"


class RunningSince:
    """When this session saw each VPS reach RUNNING (the session clock's monotonic time), from
    the fleet's state changes; a VPS RUNNING at the first refresh has no entry."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._states: dict[str, str] = {}
        self._since: dict[str, float] = {}
        session.subscribe(self._on_event)

    def _on_event(self, event: SessionEvent) -> None:
        if not isinstance(event, FleetChanged) or event.account != self._session.account:
            return
        now = self._session.clock.monotonic()
        states = {vps_id: row.state for vps_id, row in self._session.fleet.items()}
        for vps_id, state in states.items():
            before = self._states.get(vps_id)
            if state != RUNNING:
                self._since.pop(vps_id, None)
            elif before is not None and before != RUNNING:
                self._since[vps_id] = now
        self._states = states

    def seconds(self, vps_id: str) -> float | None:
        since = self._since.get(vps_id)
        return None if since is None else self._session.clock.monotonic() - since


class Prober:
    """Probes the VPSes of one session; ``latest`` says, for each VPS probed, how its last
    probe went (or that one is under way)."""

    def __init__(
        self,
        session: Session,
        *,
        ports: Sequence[int] = (22,),
        connect: Connect = tcp_connect,
        limits: ProbeLimits | None = None,
        in_read_only: bool = False,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.session = session
        self.ports = tuple(ports)
        self.limits = limits or ProbeLimits()
        self.in_read_only = in_read_only
        self.running_since = RunningSince(session)
        self.latest: dict[str, str] = {}
        self._connect = connect
        self._sleep = sleep
        self._slots = asyncio.Semaphore(self.limits.concurrency)
        self._active: set[str] = set()

    def refusal(self, row: FleetRow) -> str | None:
        """Why ``row`` is not probed now, or None."""
        if self.session.read_only and not self.in_read_only:
            return "probing is off in read-only mode (probe_in_read_only = true turns it on)"
        if not self.ports:
            return "no probe_ports are configured"
        if row.vps_id in self._active:
            return f"VPS {row.label} is being probed already"
        if not row.main_ip:
            return f"VPS {row.label} has no main IP"
        if row.main_ip_null_routed:
            return f"the main IP {row.main_ip} is null-routed"
        if row.state not in PROBED_STATES:
            return f"the VPS is {row.state}; a probe needs RUNNING"
        return None

    def probe_after_boots(self, spawn: Spawn) -> None:
        """From now on, probe a VPS each time an action that boots it has completed."""

        def on_event(event: SessionEvent) -> None:
            if (
                isinstance(event, ActionCompleted)
                and event.outcome == "completed"
                and event.operation in BOOTING_ACTIONS
                and event.account == self.session.account
                and event.vps_id not in self._active
                and (row := self.session.fleet.get(event.vps_id)) is not None
            ):
                spawn(self.probe(row))

        self.session.subscribe(on_event)

    @property
    def probing(self) -> frozenset[str]:
        """The VPSes being probed now."""
        return frozenset(self._active)

    async def probe(self, row: FleetRow) -> list[ProbeResult]:
        """Probe until every port answered or a limit passed; a refused probe is one
        ``skipped`` result. Call :meth:`refusal` first to tell the user why not."""
        reason = self.refusal(row)
        if reason is not None:
            return [self._result(row, self.ports[0] if self.ports else 0, "skipped", reason)]
        self._active.add(row.vps_id)
        self.latest[row.vps_id] = f"probing port {', '.join(map(str, self.ports))}…"
        try:
            results = await self._probe(row)
        except BaseException:
            self.latest.pop(row.vps_id, None)
            raise
        finally:
            self._active.discard(row.vps_id)
        self.latest[row.vps_id] = "; ".join(result.text for result in results)
        return results

    async def _probe(self, row: FleetRow) -> list[ProbeResult]:
        started_at = await self._started_at(row)
        clock, limits = self.session.clock, self.limits
        began = clock.monotonic()
        waiting = list(self.ports)
        results: list[ProbeResult] = []
        attempts = 0
        while waiting and attempts < limits.max_attempts:
            if attempts and clock.monotonic() - began >= limits.give_up_after:
                break
            current = self.session.fleet.get(row.vps_id, row)
            if current.main_ip_null_routed or current.main_ip != row.main_ip:
                why = f"the main IP {row.main_ip} is null-routed or changed; probe stopped"
                results += [self._result(row, port, "skipped", why, attempts) for port in waiting]
                return results
            attempts += 1
            for port in list(waiting):
                if await self._attempt(row.main_ip, port):
                    waiting.remove(port)
                    after = self._after_running(row.vps_id, started_at)
                    text = f"{port_name(port)} up" + (
                        f" {human_duration(after)} after RUNNING" if after is not None else ""
                    )
                    results.append(self._result(row, port, "up", text, attempts, after))
            if waiting and attempts < limits.max_attempts:
                await self._sleep(limits.interval)
        for port in waiting:
            waited = human_duration(clock.monotonic() - began)
            text = f"{port_name(port)} not answering after {waited} ({attempts} tries)"
            results.append(self._result(row, port, "down", text, attempts))
        return results

    async def _attempt(self, ip: str, port: int) -> bool:
        timeout = self.limits.attempt_timeout
        async with self._slots:
            try:
                async with asyncio.timeout(timeout + 1):  # also when ``connect`` overstays
                    return await self._connect(ip, port, timeout)
            except (OSError, TimeoutError):
                return False

    async def _started_at(self, row: FleetRow) -> datetime | None:
        """The API's ``startedAt``, for when this session did not see the VPS start."""
        if self.running_since.seconds(row.vps_id) is not None:
            return None
        try:
            return (await self.session.client.get_vps(row.vps_id)).started_at
        except ApiError:
            return None

    def _after_running(self, vps_id: str, started_at: datetime | None) -> float | None:
        seen = self.running_since.seconds(vps_id)
        if seen is not None:
            return seen
        if started_at is None or started_at.tzinfo is None:
            return None
        return max(0.0, (self.session.clock.now() - started_at).total_seconds())

    def _result(
        self,
        row: FleetRow,
        port: int,
        outcome: str,
        text: str,
        attempts: int = 0,
        after_running: float | None = None,
    ) -> ProbeResult:
        result = ProbeResult(
            account=self.session.account,
            at=self.session.clock.now(),
            vps_id=row.vps_id,
            ip=row.main_ip,
            port=port,
            outcome=outcome,
            text=text,
            attempts=attempts,
            after_running=after_running,
        )
        self.session.emit(result)
        return result
