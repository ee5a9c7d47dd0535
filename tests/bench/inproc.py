"""Measurements inside one app process: ``python -m tests.bench.inproc SCENARIO N`` prints JSON.

The runner (``python -m tests.bench``) starts each scenario in a fresh interpreter. The app
runs headless at 140×40 with the garbage-collector policy of the ``lswtui`` command
(``gc_freeze.enable()``). Latencies run from a key event entering the app, as the terminal
driver sends it, to the end of the first frame painted with its effect.
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import random
import shutil
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from textual.app import App
from textual.widgets import DataTable

from lswtui.api import LeasewebClient
from lswtui.api.base import RequestRecord
from lswtui.core import refresh
from lswtui.core.fleet import FleetRow, change_text
from lswtui.core.timeline import Timeline, TimelineEntry
from lswtui.sim import DEMO_BASE_URL, Simulator
from lswtui.tui import gc_freeze
from lswtui.tui.app import AccountSetup, LswApp
from lswtui.tui.screens.timeline import TimelineScreen
from lswtui.tui.widgets.fleet_table import FleetTable
from lswtui.tui.widgets.timeline_table import TimelineTable
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
WATCHED_ENTRIES = 200_000  # a 24-hour watch of 10,000 VPSes at a busy rate: 2.3 entries/s
TIMELINE_FILTER_KEYS = (*"web-12", "backspace", "backspace")
ACCOUNTS = 5  # several accounts in one screen (issue 14): each of ``count`` VPSes


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
        await until(lambda: screen.fleet_accounts.loaded)
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
                await until(lambda: screen.fleet_accounts.loaded)
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
            await until(lambda: screen.fleet_accounts.loaded)
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


def watched_entries(vps_count: int, total: int) -> Iterator[TimelineEntry]:
    """A day of what a busy account shows: power cycles, null routes, snapshots, renames and
    the actions sent, spread evenly over 24 hours."""
    rng = random.Random(13)
    start = datetime(2026, 11, 27, tzinfo=UTC)
    step = 86_400 / total
    states = ("RUNNING", "STOPPING", "STOPPED", "STARTING")
    for n in range(total):
        vps = rng.randrange(vps_count)
        at = start + timedelta(seconds=n * step)
        common = {"at": at, "account": "prod", "vps_id": str(100_000_000 + vps * 7919)}
        common["reference"] = f"web-{vps:04d}"
        roll = rng.random()
        if roll < 0.6:
            old, new = rng.sample(states, 2)
            fields = {"kind": "state", "subject": "", "old": old, "new": new}
        elif roll < 0.75:
            ip = f"10.{vps // 65536}.{vps // 256 % 256}.{vps % 256}"
            old, new = rng.choice((("routed", "null-routed"), ("null-routed", "routed")))
            fields = {"kind": "null-route", "subject": ip, "old": old, "new": new}
        elif roll < 0.85:
            snapshot = str(rng.randrange(10**9))
            fields = {"kind": "snapshot", "subject": snapshot, "old": "", "new": "CREATING"}
        elif roll < 0.9:
            fields = {"kind": "reference", "subject": "", "old": "web", "new": f"web-{n}"}
        else:
            yield TimelineEntry(
                **common,
                kind="action",
                text=f"Reboot VPS {common['vps_id']}: accepted (HTTP 202, "
                f"correlationId {rng.getrandbits(128):032x})",
                subject="reboot",
                outcome="accepted",
            )
            continue
        kind, subject, old, new = fields["kind"], fields["subject"], fields["old"], fields["new"]
        yield TimelineEntry(**common, **fields, text=change_text(kind, subject, old, new))


async def timeline(count: int) -> dict[str, Any]:
    """The timeline after a 24-hour watch: its memory, the screen opening, a filter keystroke;
    beside them today's Action log screen (a DataTable) opening on 10,000 entries."""
    directory = Path(tempfile.mkdtemp(prefix="lswtui-bench-"))
    gc.collect()
    tracemalloc.start()
    store = Timeline(directory / "timeline.jsonl")
    for entry in watched_entries(count, WATCHED_ENTRIES):  # one by one, as a watch records
        store.record(entry)
    gc.collect()
    memory = tracemalloc.get_traced_memory()[0] / 1e6
    tracemalloc.stop()
    on_disk = sum(path.stat().st_size for path in directory.iterdir()) / 1e6

    simulator = Simulator(vps_count=25)
    client = LeasewebClient.create(
        simulator.api_key, base_url=DEMO_BASE_URL, transport=simulator.transport()
    )
    app = LswApp(client, profile="prod", api_url=DEMO_BASE_URL, auto_refresh=False)
    app.timeline = store
    gc_freeze.enable()
    opened: list[float] = []
    paint = TimelineScreen._compositor_refresh

    def painted(screen: TimelineScreen) -> None:
        paint(screen)
        opened.append(time.perf_counter())

    TimelineScreen._compositor_refresh = painted  # type: ignore[method-assign]
    opens, typed = [], []
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: app.screen.fleet_accounts.loaded)
        await workers_done(app)
        for _ in range(3):
            opened.clear()
            started = time.perf_counter()
            await pilot.press("a")
            await until(lambda: bool(opened))
            opens.append(opened[0] - started)
            await pilot.pause()
            table = app.screen.query_one(TimelineTable)
            await pilot.press("slash")
            await pilot.pause()
            paints = Paints(app)
            typed += await filter_latencies(
                paints, TIMELINE_FILTER_KEYS, count_calls(table, "set_entries")
            )
            await pilot.press("escape", "escape")
            await workers_done(app)
    baseline = await _datatable_open(store.oldest_first()[-10_000:])
    shutil.rmtree(directory)
    return {
        "timeline_entries": [len(store)],
        "timeline_memory": [memory],
        "timeline_disk": [on_disk],
        "timeline_open": opens,
        "timeline_filter": typed,
        "action_log_open": [baseline],
    }


async def _datatable_open(entries: list[TimelineEntry]) -> float:
    """Today's Action log screen: a DataTable filled with every entry, until its first frame."""

    class Log(App[None]):
        def compose(self) -> Any:
            yield DataTable()

    app = Log()
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(DataTable)
        table.add_columns("Time", "Account", "VPS", "Reference", "Kind", "What")
        await pilot.pause()
        started = time.perf_counter()
        for e in reversed(entries):
            table.add_row(str(e.at), e.account, e.vps_id, e.reference, e.kind, e.text)
        await until(lambda: not table._require_update_dimensions)
        await pilot.pause()
        return time.perf_counter() - started


async def accounts(count: int) -> dict[str, Any]:
    """ACCOUNTS simulated accounts of ``count`` VPSes each (in-process, separate worlds and
    keys) in one list: a filter keystroke over all their rows, and the longest loop stall
    while every account refreshes (the simulators' work included)."""
    clients = []
    for n in range(ACCOUNTS):
        simulator = Simulator(seed=42 + n, vps_count=count, api_key=f"bench-key-{n}")
        clients.append(
            LeasewebClient.create(
                simulator.api_key, base_url=DEMO_BASE_URL, transport=simulator.transport()
            )
        )
    return await _accounts_in_one_list(clients, DEMO_BASE_URL, count)


async def accounts_over_http(count: int) -> dict[str, Any]:
    """The same against ACCOUNTS ``lswtui sim`` processes: the loop carries only the app's work."""
    with ExitStack() as stack:
        urls = [stack.enter_context(http_simulator(count)) for _ in range(ACCOUNTS)]
        clients = [LeasewebClient.create(API_KEY, base_url=url) for url in urls]
        return await _accounts_in_one_list(clients, urls[0], count)


async def _accounts_in_one_list(
    clients: list[LeasewebClient], url: str, count: int
) -> dict[str, Any]:
    app = LswApp(
        clients[0],
        profile="acct-1",
        api_url=url,
        auto_refresh=False,
        more_accounts=[
            AccountSetup(f"acct-{n}", client, url) for n, client in enumerate(clients[1:], start=2)
        ],
    )
    gc_freeze.enable()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        with LoopLag() as lag:
            await until(lambda: screen.fleet_accounts.loaded)
            await workers_done(app)
        first_load = lag.longest
        table = screen.query_one(FleetTable)
        assert table.total_count == ACCOUNTS * count
        paints = Paints(app)
        await pilot.press("slash")
        await pilot.pause()
        typed = await filter_latencies(paints, FILTER_KEYS, count_calls(table, "set_filter"))
        await pilot.press("escape", "escape")
        await workers_done(app)
        stalls = []
        cycles = list(screen.fleet_accounts.cycles.values())
        for _ in range(REFRESHES):
            before = [cycle.refresher.times.full_done_at for cycle in cycles]
            with LoopLag() as lag:
                screen.refresh_fleet()  # as r does: the accounts one after another
                await until(
                    lambda before=before: all(
                        c.refresher.times.full_done_at != t
                        for c, t in zip(cycles, before, strict=True)
                    )
                )
                await workers_done(app)
            stalls.append(lag.longest)
    return {"filter": typed, "refresh_stall": stalls, "first_load_stall": [first_load]}


SCENARIOS = {
    "timeline": timeline,
    "interact": interact,
    "http": over_http,
    "politeness": politeness,
    "politeness-old": politeness_old,
    "naive": naive,
    "accounts": accounts,
    "accounts-http": accounts_over_http,
}

if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="lswtui-bench-state-") as state:
        os.environ["LSWTUI_STATE_DIR"] = state  # the app's action log and timeline: not yours
        result = asyncio.run(SCENARIOS[sys.argv[1]](int(sys.argv[2])))
    print(json.dumps(result))
