"""Measurements inside one app process: ``python -m tests.bench.inproc SCENARIO N`` prints JSON.

The runner (``python -m tests.bench``) starts each scenario in a fresh interpreter. The app
runs headless at 140×40 with the garbage-collector policy of the ``lswtui`` command
(``gc_freeze.enable()``). Latencies run from a key event entering the app, as the terminal
driver sends it, to the end of the first frame painted with its effect.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from collections.abc import Callable
from typing import Any

import httpx
from textual.app import App
from textual.widgets import DataTable

from lswtui.api import LeasewebClient
from lswtui.api.base import RequestRecord
from lswtui.core import refresh
from lswtui.core.fleet import FleetRow
from lswtui.sim import DEMO_BASE_URL, Simulator
from lswtui.tui import gc_freeze
from lswtui.tui.app import LswApp
from lswtui.tui.widgets.fleet_table import FleetTable
from tests.bench.http_sim import API_KEY, http_simulator
from tests.bench.naive import NaiveFleetApp
from tests.bench.probes import LoopLag, Paints

SIZE = (140, 40)
CURSOR_MOVES = 20
FILTER_KEYS = (*"web-12", "backspace", "backspace", "backspace")
NAIVE_FILTER_KEYS = FILTER_KEYS[:2]  # each costs the DataTable seconds at 10,000 rows
REFRESHES = 3
MOVING_VPSES = 6
POLITENESS_WINDOW = 30.0


async def until(condition: Callable[[], bool], timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("condition never held")
        await asyncio.sleep(0.005)


async def workers_done(app: App[Any]) -> None:
    await asyncio.sleep(0.02)
    await until(lambda: not any(worker.is_running for worker in app.workers))


def count_requests(client: LeasewebClient) -> list[RequestRecord]:
    """Every HTTP attempt the app's client makes from now on (the app's own hook still runs)."""
    records: list[RequestRecord] = []
    hook = client.on_request

    def record(request: RequestRecord) -> None:
        records.append(request)
        if hook is not None:
            hook(request)

    client.on_request = record
    return records


async def cursor_latencies(paints: Paints, position: Callable[[], int]) -> list[float]:
    latencies = []
    for _ in range(CURSOR_MOVES):
        target = position() + 1
        latencies.append(await paints.latency("down", lambda: position() == target))
        await asyncio.sleep(0.05)
    return latencies


async def filter_latencies(
    paints: Paints, keys: tuple[str, ...], applied: Callable[[], int]
) -> list[float]:
    latencies = []
    for key in keys:
        before = applied()
        latencies.append(await paints.latency(key, lambda: applied() > before))
        await asyncio.sleep(0.05)
    return latencies


def count_calls(obj: object, method: str) -> Callable[[], int]:
    """Wrap ``obj.method`` to count its calls; returns the counter."""
    calls = [0]
    original = getattr(obj, method)

    def counted(*args: Any) -> Any:
        result = original(*args)
        calls[0] += 1
        return result

    setattr(obj, method, counted)
    return lambda: calls[0]


async def interact(count: int) -> dict[str, Any]:
    """The demo (simulator in-process): cursor, filter, and what a refresh costs."""
    simulator = Simulator(vps_count=count)
    client = LeasewebClient.create(
        simulator.api_key, base_url=DEMO_BASE_URL, transport=simulator.transport()
    )
    app = LswApp(client, profile="demo", api_url=DEMO_BASE_URL, auto_refresh=False)
    gc_freeze.enable()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await until(lambda: screen.cycle.loaded)
        await workers_done(app)
        table = screen.query_one(FleetTable)
        paints = Paints(app)
        cursor = await cursor_latencies(paints, lambda: table.cursor_row)
        await pilot.press("slash")
        await pilot.pause()
        typed = await filter_latencies(paints, FILTER_KEYS, count_calls(table, "set_filter"))
        await pilot.press("escape", "escape")
        await workers_done(app)
        records = count_requests(client)
        stalls, requests = [], []
        for _ in range(REFRESHES):
            records.clear()
            with LoopLag() as lag:
                screen.refresh_fleet()
                await workers_done(app)
            stalls.append(lag.longest)
            requests.append(len(records))
    return {
        "cursor": cursor,
        "filter": typed,
        "demo_refresh_stall": stalls,
        "requests_per_refresh": requests,
    }


async def over_http(count: int) -> dict[str, Any]:
    """Against ``lswtui sim`` in another process: the event loop carries only the app's work."""
    with http_simulator(count) as url:
        client = LeasewebClient.create(API_KEY, base_url=url)
        app = LswApp(client, profile="bench", api_url=url, auto_refresh=False)
        gc_freeze.enable()
        async with app.run_test(size=SIZE):
            screen = app.screen
            with LoopLag() as lag:
                await until(lambda: screen.cycle.loaded)
                await workers_done(app)
            first_load = lag.longest
            stalls = []
            for _ in range(REFRESHES):
                with LoopLag() as lag:
                    screen.refresh_fleet()
                    await workers_done(app)
                stalls.append(lag.longest)
    return {"first_load_stall": [first_load], "refresh_stall": stalls}


async def politeness(count: int) -> dict[str, Any]:
    """Requests per minute while some VPSes stay in transition (another client keeps rebooting
    them), with the default 10 s refresh interval."""
    return await _requests_while_moving(count)


async def politeness_old(count: int) -> dict[str, Any]:
    """The same with the old policy: every list page every 2 s while anything moves."""
    refresh.MAX_POLLED = 0  # never poll single VPSes: re-read the whole list, fast
    return await _requests_while_moving(count)


async def _requests_while_moving(count: int) -> dict[str, Any]:
    with http_simulator(count) as url:
        client = LeasewebClient.create(API_KEY, base_url=url)
        app = LswApp(client, profile="bench", api_url=url, refresh_interval=10.0)
        async with (
            app.run_test(size=SIZE),
            httpx.AsyncClient(base_url=url + "/", headers={"X-LSW-Auth": API_KEY}) as other,
        ):
            screen = app.screen
            await until(lambda: screen.cycle.loaded)
            moving = [row.vps_id for row in screen.rows.values() if row.state == "RUNNING"][
                :MOVING_VPSES
            ]

            async def keep_moving() -> None:
                while True:
                    for vps_id in moving:
                        state = (await other.get(f"vps/{vps_id}")).json()["state"]
                        if state == "RUNNING":
                            await other.post(f"vps/{vps_id}/reboot")
                    await asyncio.sleep(0.5)

            mover = asyncio.create_task(keep_moving())
            await asyncio.sleep(3)  # the next full refresh sees them moving
            records = count_requests(client)
            await asyncio.sleep(POLITENESS_WINDOW)
            mover.cancel()
            return {"requests_per_minute": [len(records) * 60 / POLITENESS_WINDOW]}


async def naive(count: int) -> dict[str, Any]:
    """The baseline DataTable app on the demo's rows: cursor, filter, and a clear-and-refill."""
    simulator = Simulator(vps_count=count)
    async with LeasewebClient.create(
        simulator.api_key, base_url=DEMO_BASE_URL, transport=simulator.transport()
    ) as client:
        rows = [FleetRow.from_vps(vps) for vps in await client.list_all_vps()]
    app = NaiveFleetApp(rows)
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(DataTable)

        def laid_out() -> bool:  # DataTable measures new rows when idle, before showing them
            return not table._require_update_dimensions

        await until(laid_out)
        table.focus()
        await pilot.pause()
        paints = Paints(app)
        cursor = await cursor_latencies(paints, lambda: table.cursor_row)
        app.query_one("#filter").focus()
        await pilot.pause()
        fills = count_calls(app, "fill")
        typed = await filter_latencies(
            paints, NAIVE_FILTER_KEYS, lambda: fills() if laid_out() else 0
        )
        with LoopLag() as lag:
            app.fill(rows)
            await until(laid_out)
            await pilot.pause()
    return {"cursor": cursor, "filter": typed, "refresh_stall": [lag.longest]}


SCENARIOS = {
    "interact": interact,
    "http": over_http,
    "politeness": politeness,
    "politeness-old": politeness_old,
    "naive": naive,
}

if __name__ == "__main__":
    result = asyncio.run(SCENARIOS[sys.argv[1]](int(sys.argv[2])))
    print(json.dumps(result))
