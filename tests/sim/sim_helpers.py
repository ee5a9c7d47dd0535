"""Helpers shared by the simulator tests."""

from __future__ import annotations

import socket
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest
import uvicorn
from sim_contract import validate_response

from lswtui.sim import DEMO_BASE_URL, Simulator
from lswtui.sim.http_limits import UVICORN_LIMITS
from lswtui.sim.model import Vps

#: What the Schemathesis run saw: ``cases``, and per check ``<check> failed`` / ``allowlisted``.
SCHEMATHESIS_COUNTS = pytest.StashKey[Counter[str]]()


def make_client(sim: Simulator, **headers: str) -> httpx.AsyncClient:
    """A client of ``sim`` that sends its key (unless overridden in ``headers``) and checks
    every response against the spec."""
    return httpx.AsyncClient(
        transport=sim.transport(),
        base_url=DEMO_BASE_URL,
        headers={"X-LSW-Auth": sim.api_key, **headers},
        event_hooks={"response": [validate_response]},
    )


def pick(sim: Simulator, predicate: Callable[[Vps], bool]) -> Vps:
    """The first VPS of the world that matches (fails the test if none does)."""
    vps = next((v for v in sim.state.vps_list if predicate(v)), None)
    assert vps is not None, "the demo world has no VPS like that"
    return vps


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(app, port: int, **config: Any) -> Iterator[str]:
    """``app`` served by uvicorn on a loopback ``port`` in a thread (``config``: more
    ``uvicorn.Config`` settings); yields the API base URL."""
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="critical", **config)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 5
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.01)
        yield f"http://127.0.0.1:{port}/publicCloud/v1"
    finally:
        server.should_exit = True
        thread.join(5)


class ServeRuns(list):
    """While alive, ``server.serve`` runs no server: ``uvicorn.Server.run`` records each run's
    ``uvicorn.Config`` and the address of the socket ``serve`` bound, then closes that socket.
    ``serving()`` gives uvicorn back and serves the last run's app, with the same limits, on
    that port in a thread."""

    def __init__(self) -> None:
        super().__init__()
        self._patch = pytest.MonkeyPatch()
        self._patch.setattr(
            uvicorn.Server, "run", lambda server, sockets=None: self._ran(server, sockets)
        )

    def _ran(self, server: uvicorn.Server, sockets: list[socket.socket] | None) -> None:
        [listening] = sockets or [None]
        assert listening is not None, "serve must hand uvicorn the socket it bound"
        self.append((server.config, listening.getsockname()[:2]))
        listening.close()

    def give_back(self) -> None:
        self._patch.undo()

    @contextmanager
    def serving(self) -> Iterator[str]:
        self.give_back()
        config, (_, port) = self[-1]
        with serving(
            config.app, port, **{name: getattr(config, name) for name in UVICORN_LIMITS}
        ) as base:
            yield base
