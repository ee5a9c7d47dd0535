"""Fixtures for the simulator tests: a FakeClock-driven Simulator and an httpx client whose
every response is checked against the (patched, tightened) OpenAPI spec."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from sim_helpers import SCHEMATHESIS_COUNTS, ServeRuns, make_client

from lswtui.sim import FakeClock, Simulator


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def sim(clock: FakeClock) -> Simulator:
    return Simulator(clock=clock)


@pytest.fixture
async def client(sim: Simulator) -> AsyncIterator[httpx.AsyncClient]:
    async with make_client(sim) as client:
        yield client


@pytest.fixture
def runs() -> Iterator[ServeRuns]:
    """``server.serve`` without a server: see ``ServeRuns``."""
    faked = ServeRuns()
    yield faked
    faked.give_back()


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    counts = config.stash.get(SCHEMATHESIS_COUNTS, None)
    if counts:
        terminalreporter.write_line(
            "Schemathesis: " + ", ".join(f"{n} {k}" for k, n in sorted(counts.items()))
        )
