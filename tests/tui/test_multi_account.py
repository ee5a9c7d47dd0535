"""Several accounts in one screen (issue 14), with two simulator worlds: each account has its
own simulator, key and client; the list merges them."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import httpx
from textual.pilot import Pilot

from lswtui.api import LeasewebClient
from lswtui.core.accounts import row_key
from lswtui.sim import DEMO_BASE_URL, Simulator
from lswtui.tui.app import AccountSetup, LswApp
from lswtui.tui.widgets.fleet_table import FleetTable
from lswtui.tui.widgets.status_bar import StatusBar
from tests.tui.actions_helpers import answer, dialog_text, mutations, one_request, pick
from tests.tui.faults_helpers import FaultSwitch, Sleeps
from tests.tui.helpers import SIM_URL, notifications, screen_text, settle


@dataclass
class Account:
    name: str
    sim: Simulator
    switch: FaultSwitch
    client: LeasewebClient


def account(clock, name: str, seed: int, faults: str = "5xx=1") -> Account:
    """An account on a simulator of its own, whose ``faults`` apply while ``switch.on``."""
    switch = FaultSwitch(faults, on=False)
    sim = Simulator(
        seed=seed, vps_count=12, clock=clock, api_key=f"key-{name}", extra_layers=[switch]
    )
    client = LeasewebClient.create(
        sim.api_key, base_url=DEMO_BASE_URL, transport=sim.transport(), sleep=Sleeps()
    )
    return Account(name, sim, switch, client)


async def all_loaded(pilot: Pilot, timeout: float = 10.0) -> None:
    """Every account's first load is done (they start one after another), and settled."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not pilot.app.screen.fleet_accounts.loaded:
        assert loop.time() < deadline, "an account never loaded"
        await asyncio.sleep(0.01)
    await settle(pilot)


async def refresh_all(pilot: Pilot, timeout: float = 10.0) -> None:
    """Press r and wait until every account has read its list again (they start staggered)."""
    cycles = list(pilot.app.screen.fleet_accounts.cycles.values())
    before = [cycle.refresher.times.full_done_at for cycle in cycles]
    await pilot.press("r")
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while any(c.refresher.times.full_done_at == t for c, t in zip(cycles, before, strict=True)):
        assert loop.time() < deadline, "an account never refreshed"
        await asyncio.sleep(0.01)
    await settle(pilot)


@asynccontextmanager
async def two_accounts(
    a: Account, b: Account, *, a_read_only: bool = False, size=(150, 40)
) -> AsyncIterator[Pilot]:
    app = LswApp(
        a.client,
        profile=a.name,
        api_url=SIM_URL,
        read_only=a_read_only,
        auto_refresh=False,
        more_accounts=[AccountSetup(b.name, b.client, SIM_URL)],
    )
    async with app.run_test(size=size) as pilot:
        await all_loaded(pilot)
        yield pilot


def palette_titles(pilot: Pilot) -> list[str]:
    return [command.title for command in pilot.app.get_system_commands(pilot.app.screen)]


def table(pilot: Pilot) -> FleetTable:
    return pilot.app.query_one(FleetTable)


async def select_row(pilot: Pilot, account: str, vps_id: str) -> None:
    pilot.app.screen.go_to(row_key(account, vps_id))
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 5
    screen = pilot.app.screen
    while not (
        screen.pane(screen.active_tab).shown_for == vps_id and pilot.app.session.account == account
    ):
        assert loop.time() < deadline, f"{account}/{vps_id} never showed"
        await asyncio.sleep(0.01)
    await settle(pilot)


async def test_both_fleets_are_listed_with_their_accounts(clock):
    prod, staging = account(clock, "prod", 42), account(clock, "staging", 42)  # equal ids
    async with two_accounts(prod, staging) as pilot:
        shown = table(pilot)
        assert shown.total_count == 24
        ids = list(prod.sim.state.vps)
        assert ids == list(staging.sim.state.vps)
        text = screen_text(pilot.app)
        assert "Account" in text.splitlines()[1] or "Account" in text
        for name in ("prod", "staging"):
            line = shown.row_text(row_key(name, ids[0]))
            assert line.split()[0] == name and ids[0] in line
        status = str(pilot.app.query_one(StatusBar).render())
        assert "2 accounts" in status and "24 VPS" in status
        assert "API prod ok · staging ok" in status
        for w in (prod, staging):  # one list page each, through its own key
            assert [(r.method, r.api_path) for r in w.sim.requests if r.api_path == "/vps"] == [
                ("GET", "/vps")
            ]


async def test_one_account_shows_no_account_column(clock):
    solo = account(clock, "solo", 42)
    app = LswApp(solo.client, profile="solo", api_url=SIM_URL, auto_refresh=False)
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot)
        assert "Account" not in screen_text(app)
        assert next(iter(table(pilot).visible_ids)) in solo.sim.state.vps  # keyed by bare id


async def test_an_ip_of_the_second_account_is_found_from_the_palette(clock):
    a, b = account(clock, "a", 1), account(clock, "b", 2)
    async with two_accounts(a, b) as pilot:
        vps = pick(b.sim, lambda v: len(v.ips) > 1)
        other_ip = vps.ips[-1].ip  # not the main IP: not shown in the list
        await pilot.app.screen.run_action("next_account")  # narrowed to a: b's rows not shown
        await settle(pilot)
        assert table(pilot).scope == "a"
        await pilot.press("ctrl+p")
        await pilot.pause()
        from textual.widgets import Input

        from tests.tui.actions_helpers import palette_find

        palette = pilot.app.screen
        palette.query_one(Input).value = other_ip
        title = f"Go to VPS {vps.id} {vps.reference} ({vps.main_ip.ip}) in b".replace("  ", " ")
        await palette_find(palette, title)
        await answer(pilot, "enter")
        assert table(pilot).selected_id == row_key("b", vps.id)
        assert table(pilot).scope is None  # shown again, with every account
        assert "Showing every account." in notifications(pilot.app)


async def test_a_reboot_on_a_row_of_b_reaches_only_b(clock):
    a, b = account(clock, "a", 1), account(clock, "b", 2)
    async with two_accounts(a, b) as pilot:
        vps = pick(b.sim, lambda v: v.state == "RUNNING")
        await select_row(pilot, "b", vps.id)
        a.sim.requests.clear()
        await answer(pilot, "B")
        assert "Profile B" in dialog_text(pilot.app)  # the account, in capitals
        await answer(pilot, "y")
        one_request(b.sim, "POST", f"/vps/{vps.id}/reboot")
        assert mutations(a.sim) == []
        entries = pilot.app.session.audit.read()
        assert [(e.profile, e.vps_id, e.operation) for e in entries][-1] == ("b", vps.id, "reboot")


async def test_a_read_only_account_offers_no_action_on_its_rows(clock):
    a, b = account(clock, "a", 1), account(clock, "b", 2)
    async with two_accounts(a, b, a_read_only=True) as pilot:
        screen = pilot.app.screen
        vps_a = pick(a.sim, lambda v: v.state == "RUNNING")
        await select_row(pilot, "a", vps_a.id)
        assert screen.check_action("vps_action", ("stop",)) is False
        assert "Stop VPS" not in palette_titles(pilot)
        await answer(pilot, "X")
        assert "Read-only mode: Stop VPS is not available." in notifications(pilot.app)
        assert mutations(a.sim) == []
        vps_b = pick(b.sim, lambda v: v.state == "RUNNING")
        await select_row(pilot, "b", vps_b.id)
        assert screen.check_action("vps_action", ("stop",)) is True
        assert "Stop VPS" in palette_titles(pilot)
        status = str(pilot.app.query_one(StatusBar).render())
        assert "READ-ONLY a" in status


async def test_b_failing_leaves_a_fresh_and_b_stale(clock):
    a, b = account(clock, "a", 1), account(clock, "b", 2)
    async with two_accounts(a, b) as pilot:
        b.switch.on = True
        await refresh_all(pilot)
        shown = table(pilot)
        assert shown.stale_accounts == {"b"} and not shown.stale
        assert len(pilot.app.screen.rows) == 24  # b's last known rows stay
        status = str(pilot.app.query_one(StatusBar).render())
        assert "API a ok · b ERRORS" in status
        text = screen_text(pilot.app)
        assert "b: Refresh failed; showing the last known data." in text
        b.switch.on = False
        await refresh_all(pilot)
        assert shown.stale_accounts == set()
        assert "Refresh failed" not in screen_text(pilot.app)


async def test_filter_and_narrowing_by_account(clock):
    a, b = account(clock, "a", 1), account(clock, "b", 2)
    async with two_accounts(a, b) as pilot:
        await answer(pilot, "slash")
        from tests.tui.dialog_host import type_text

        await type_text(pilot, "account:b")
        shown = table(pilot)
        assert {shown.row(k).account for k in shown.visible_ids} == {"b"}
        assert shown.shown_count == 12
        await answer(pilot, "escape", "A")
        assert {shown.row(k).account for k in shown.visible_ids} == {"a"}
        assert "a only" in str(pilot.app.query_one(StatusBar).render())
        await answer(pilot, "A")
        assert shown.scope == "b"
        await answer(pilot, "A")
        assert shown.scope is None and shown.shown_count == 24


async def test_equal_ids_in_two_accounts_show_each_its_own_details(clock):
    a, b = account(clock, "a", 42), account(clock, "b", 42)  # the same world twice
    vps_id = next(iter(b.sim.state.vps))
    b.sim.state.vps[vps_id].reference = "only-in-b"
    async with two_accounts(a, b) as pilot:
        shown = table(pilot)
        assert "only-in-b" in shown.row_text(row_key("b", vps_id))
        assert "only-in-b" not in shown.row_text(row_key("a", vps_id))
        await select_row(pilot, "b", vps_id)
        overview = pilot.app.screen.pane("overview")
        assert overview.data.reference == "only-in-b"
        await select_row(pilot, "a", vps_id)  # the same id: the tab reloads from a
        assert overview.session.account == "a" and overview.data.reference != "only-in-b"
        await select_row(pilot, "b", vps_id)
        assert overview.data.reference == "only-in-b"


class Held(httpx.AsyncBaseTransport):
    """A transport whose requests wait until ``release`` is set: an API that hangs."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.release = asyncio.Event()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await self.release.wait()
        return await self.inner.handle_async_request(request)


async def test_an_account_that_hangs_never_holds_up_the_others_rows(clock):
    a, b = account(clock, "a", 1), account(clock, "b", 2)
    held = Held(b.sim.transport())
    b.client = LeasewebClient.create(
        b.sim.api_key, base_url=DEMO_BASE_URL, transport=held, sleep=Sleeps()
    )
    app = LswApp(
        a.client,
        profile="a",
        api_url=SIM_URL,
        auto_refresh=False,
        more_accounts=[AccountSetup("b", b.client, SIM_URL)],
    )
    async with app.run_test(size=(150, 40)) as pilot:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 10
        while not app.screen.fleet_accounts.cycles["a"].loaded:
            assert loop.time() < deadline
            await asyncio.sleep(0.01)
        await pilot.pause()
        shown = table(pilot)
        assert shown.total_count == 12 and {shown.row(k).account for k in shown.visible_ids} == {
            "a"
        }
        assert not app.screen.fleet_accounts.cycles["b"].loaded
        held.release.set()
        await all_loaded(pilot)
        assert shown.total_count == 24


async def test_a_filter_match_in_an_account_narrowed_away_is_named(clock):
    a, b = account(clock, "a", 1), account(clock, "b", 2)
    async with two_accounts(a, b) as pilot:
        ips_a = [ip.ip for v in a.sim.state.vps.values() for ip in v.ips]
        vps = pick(b.sim, lambda v: not any(v.main_ip.ip in ip for ip in ips_a))
        await answer(pilot, "A")  # only a
        await answer(pilot, "slash")
        from tests.tui.dialog_host import type_text

        await type_text(pilot, f"ip:{vps.main_ip.ip}")
        shown = table(pilot)
        assert shown.shown_count == 0
        assert "Also matches 1 in b (not shown: only a is listed)" in screen_text(pilot.app)


async def test_a_cursor_key_and_an_action_key_in_one_burst_act_in_the_new_rows_account(clock):
    a, b = account(clock, "a", 1), account(clock, "b", 2)
    async with two_accounts(a, b) as pilot:
        shown = table(pilot)
        keys = shown.visible_ids
        at = next(
            i
            for i in range(len(keys) - 1)
            if shown.row(keys[i]).account == "a"
            and shown.row(keys[i + 1]).account == "b"
            and shown.row(keys[i + 1]).state == "RUNNING"
        )
        await select_row(pilot, "a", shown.row(keys[at]).vps_id)
        target = shown.row(keys[at + 1])
        from textual import events

        pilot.app.post_message(events.Key("j", "j"))  # "jB" as one read of the terminal
        pilot.app.post_message(events.Key("B", "B"))
        await settle(pilot)
        assert f"VPS {target.vps_id}" in dialog_text(pilot.app)
        await answer(pilot, "y")
        one_request(b.sim, "POST", f"/vps/{target.vps_id}/reboot")
        assert mutations(a.sim) == []


async def test_a_refresh_costs_each_account_its_pages_and_only_the_shown_one_a_detail(clock):
    a, b = account(clock, "a", 1), account(clock, "b", 2)
    async with two_accounts(a, b) as pilot:
        vps = pick(b.sim, lambda v: True)
        await select_row(pilot, "b", vps.id)
        a.sim.requests.clear()
        b.sim.requests.clear()
        await refresh_all(pilot)
        assert [(r.method, r.api_path) for r in a.sim.requests] == [("GET", "/vps")]
        assert [(r.method, r.api_path) for r in b.sim.requests] == [
            ("GET", "/vps"),
            ("GET", f"/vps/{vps.id}"),
        ]


async def test_a_key_that_may_only_read_turns_its_own_account_read_only(clock):
    a, b = account(clock, "a", 1), account(clock, "b", 2, faults="readonly")
    async with two_accounts(a, b) as pilot:
        vps_b = pick(b.sim, lambda v: v.state == "RUNNING")
        await select_row(pilot, "b", vps_b.id)
        b.switch.on = True
        await answer(pilot, "B")
        await answer(pilot, "y")
        assert [r.status for r in mutations(b.sim)] == [403]
        sessions = {s.account: s.read_only for s in pilot.app.sessions}
        assert sessions == {"a": False, "b": True}
        assert "b: Read-only until restart" in " ".join(notifications(pilot.app))
        assert "READ-ONLY b" in str(pilot.app.query_one(StatusBar).render())
        vps_a = pick(a.sim, lambda v: v.state == "RUNNING")
        await select_row(pilot, "a", vps_a.id)
        assert pilot.app.screen.check_action("vps_action", ("stop",)) is True


async def test_a_change_in_one_account_is_told_with_its_account(clock):
    a, b = account(clock, "a", 1), account(clock, "b", 2)
    async with two_accounts(a, b) as pilot:
        vps = pick(b.sim, lambda v: v.state == "RUNNING")
        pilot.app.sessions[1].watched.toggle(vps.id)  # b watches it: its change is told
        async with b.sim.client() as other:  # someone else stops it, through b's API
            (await other.post(f"/vps/{vps.id}/stop")).raise_for_status()
        clock.advance(b.sim.timings.stop + 1)
        await refresh_all(pilot)
        told = [(n.title, str(n.message)) for n in pilot.app._notifications]
        assert any(
            title == "Watched VPS changed"
            and message.startswith(f"b {vps.id}")
            and message.endswith("RUNNING → STOPPED")
            for title, message in told
        )
        assert table(pilot).marks.get(row_key("b", vps.id)) == "changed"
        assert "★" in table(pilot).row_text(row_key("b", vps.id))
        assert table(pilot).marks.get(row_key("a", vps.id)) is None
