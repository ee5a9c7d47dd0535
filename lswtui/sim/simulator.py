"""The facade the rest of lswtui uses: ``Simulator`` = a seeded world + its ASGI app."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import httpx

from .activity import Activity, OnActivity
from .app import Layer, build_app
from .clock import Clock, SystemClock
from .middleware import API_BASE_PATH, REQUEST_HISTORY, RequestHistory, RequestRecord
from .reachability import reachable
from .timings import Timings
from .world import World
from .world_builder import build_world

#: Base URL for in-process use through ``Simulator.transport()`` (the host is never resolved).
DEMO_BASE_URL = f"http://lswtui-sim{API_BASE_PATH}"
DEMO_API_KEY = "lswtui-demo-key"


class Simulator:
    """A simulated Leaseweb Public Cloud VPS API.

    ``state`` is the world behind the API (read it in tests to check what really happened);
    ``requests`` records the latest ``request_history`` requests received (a ring buffer).
    Time-driven changes are applied lazily at each request; call ``catch_up()`` to apply them
    without one.

    ``activity`` makes the account live by itself (``activity.py``: ``off``, ``calm``,
    ``normal`` or ``busy``), seeded by ``activity_seed`` (default: ``seed``); ``on_activity`` is
    told of each such event as it is applied. ``off`` by default: nothing changes unless a
    client acts.
    """

    def __init__(
        self,
        *,
        seed: int = 42,
        vps_count: int = 25,
        clock: Clock | None = None,
        timings: Timings | None = None,
        api_key: str = DEMO_API_KEY,
        extra_layers: Sequence[Layer] = (),
        request_history: int = REQUEST_HISTORY,
        activity: str = "off",
        activity_seed: int | None = None,
        on_activity: OnActivity | None = None,
    ) -> None:
        self.clock: Clock = clock or SystemClock()
        self.timings = timings or Timings()
        self.api_key = api_key
        self.state: World = build_world(
            seed=seed, vps_count=vps_count, now=self.clock.now(), timings=self.timings
        )
        self.activity = Activity(
            self.state,
            level=activity,
            seed=seed if activity_seed is None else activity_seed,
            start=self.clock.now(),
            on_event=on_activity,
        )
        self.requests = RequestHistory(maxlen=request_history)
        self.app = build_app(self.state, self.clock, api_key, self.requests, extra_layers)

    def transport(self) -> httpx.ASGITransport:
        return httpx.ASGITransport(app=self.app)

    def client(self, **kwargs: Any) -> httpx.AsyncClient:
        """An ``AsyncClient`` wired to this simulator, with the API key set."""
        headers = {"X-LSW-Auth": self.api_key, **kwargs.pop("headers", {})}
        return httpx.AsyncClient(
            transport=self.transport(), base_url=DEMO_BASE_URL, headers=headers, **kwargs
        )

    def calls(self, method: str | None = None, path: str | None = None) -> list[RequestRecord]:
        """Recorded requests, filtered by method and by path relative to the API base
        (``sim.calls("POST", "/vps/123/reboot")``)."""
        return [
            r
            for r in self.requests
            if (method is None or r.method == method.upper())
            and (path is None or r.api_path == path)
        ]

    def reachable(self, ip: str, port: int) -> bool:
        """Would TCP port ``port`` of ``ip`` accept a connection now? (``reachability.py``)"""
        now = self.clock.now()
        self.state.advance_to(now)
        return reachable(self.state, ip, port, now)

    def catch_up(self) -> int:
        """Apply every change due by ``clock.now()``; returns how many were applied."""
        return self.state.advance_to(self.clock.now())
