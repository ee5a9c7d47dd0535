"""Helpers shared by the simulator tests."""

from __future__ import annotations

from collections.abc import Callable

import httpx
from sim_contract import validate_response

from lswtui.sim import DEMO_BASE_URL, Simulator
from lswtui.sim.model import Vps


def make_client(sim: Simulator, **headers: str) -> httpx.AsyncClient:
    """A client of ``sim`` that sends its key (unless overridden in ``headers``) and checks
    every response against the spec."""
    return httpx.AsyncClient(
        transport=sim.transport(), base_url=DEMO_BASE_URL,
        headers={"X-LSW-Auth": sim.api_key, **headers},
        event_hooks={"response": [validate_response]},
    )


def pick(sim: Simulator, predicate: Callable[[Vps], bool]) -> Vps:
    """The first VPS of the world that matches (fails the test if none does)."""
    vps = next((v for v in sim.state.vps_list if predicate(v)), None)
    assert vps is not None, "the demo world has no VPS like that"
    return vps
