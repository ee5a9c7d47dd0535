"""The demo's accounts (``lswtui --demo``): one simulator each, with its own world (seed), key
and injected faults, reached in-process.

The first account's simulator is built at once; the others when their account first calls
them, in a thread, so that the first rows on screen never wait for the other worlds (2,000
VPSes take a simulator about 0.15 s to build).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial

import httpx

from lswtui import sim
from lswtui.api import LeasewebClient
from lswtui.sim import DEMO_API_KEY, DEMO_BASE_URL, Simulator
from lswtui.sim.faults import Faults

DEMO_SEED = 42  # the first demo account's world; the next ones take the next seeds


class _BuiltOnFirstCall(httpx.AsyncBaseTransport):
    """The transport of a simulator built (in a thread) when the first request comes."""

    def __init__(self, build: Callable[[], Simulator]) -> None:
        self._build = build
        self._transport: httpx.AsyncBaseTransport | None = None
        self._building = asyncio.Lock()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self._transport is None:
            async with self._building:
                if self._transport is None:
                    self._transport = (await asyncio.to_thread(self._build)).transport()
        return await self._transport.handle_async_request(request)


def demo_clients(
    count: int,
    *,
    vps_count: int,
    faults: str | None,
    fault_seed: int,
    activity: str,
    on_simulator: Callable[[int, Simulator], object] | None = None,
) -> list[LeasewebClient]:
    """``count`` clients, each on a simulated account of ``vps_count`` VPSes of its own.
    ``faults`` (a spec, already checked) applies to each, with seed ``fault_seed`` + n;
    ``activity`` is how busy each account is by itself; ``on_simulator(n, simulator)`` is
    told of each simulator once built (the demo's probes ask it who would answer)."""

    def simulator(n: int) -> Simulator:
        layers = [Faults.parse(faults, seed=fault_seed + n).layer()] if faults else []
        made = sim.Simulator(  # looked up when called (tests record the simulators made)
            seed=DEMO_SEED + n,
            api_key=key(n),
            vps_count=vps_count,
            extra_layers=layers,
            activity=activity,
        )
        if on_simulator is not None:
            on_simulator(n, made)
        return made

    def key(n: int) -> str:
        return DEMO_API_KEY if count == 1 else f"{DEMO_API_KEY}-{n + 1}"

    clients = [
        LeasewebClient.create(key(0), base_url=DEMO_BASE_URL, transport=simulator(0).transport())
    ]
    for n in range(1, count):
        transport = _BuiltOnFirstCall(partial(simulator, n))
        clients.append(LeasewebClient.create(key(n), base_url=DEMO_BASE_URL, transport=transport))
    return clients
