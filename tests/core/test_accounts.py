"""Several accounts over the core, without a running App: two simulator worlds, each with its
own key, one client each (issue 14)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import httpx
import pytest

from lswtui.api import LeasewebClient
from lswtui.core.accounts import STAGGER, Accounts, row_key
from lswtui.core.audit import AuditLog
from lswtui.core.clock import Clock
from lswtui.core.session import Session
from lswtui.sim import DEMO_BASE_URL, Simulator
from tests.conftest import SIM_START
from tests.core.test_flows import FakeHost, ScriptedDialogs
from tests.tui.faults_helpers import FaultSwitch, Sleeps


@dataclass
class World:
    sim: Simulator
    switch: FaultSwitch
    session: Session


class Held(httpx.AsyncBaseTransport):
    """A transport whose requests wait until ``release`` is set (an API that hangs)."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.release = asyncio.Event()
        self.waiting = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.waiting += 1
        await self.release.wait()
        return await self.inner.handle_async_request(request)


def world(tmp_path, clock, now, name: str, seed: int, *, transport=None, **sim_kwargs) -> World:
    switch = FaultSwitch("5xx=1", on=False)
    sim = Simulator(
        seed=seed, clock=clock, api_key=f"key-of-{name}", extra_layers=[switch], **sim_kwargs
    )
    client = LeasewebClient.create(
        sim.api_key,
        base_url=DEMO_BASE_URL,
        transport=transport(sim.transport()) if transport else sim.transport(),
        sleep=Sleeps(),
    )
    session = Session(
        client,
        account=name,
        audit=AuditLog(tmp_path / "actions.jsonl"),
        clock=Clock(monotonic=lambda: now[0], now=lambda: SIM_START),
    )
    return World(sim, switch, session)


def open_accounts(*worlds: World, made: dict[str, FakeHost] | None = None) -> Accounts:
    made = {} if made is None else made

    def host_for(session: Session) -> FakeHost:
        made[session.account] = FakeHost(ScriptedDialogs())
        return made[session.account]

    async def no_wait(seconds: float) -> None:
        pass

    return Accounts([w.session for w in worlds], host_for, sleep=no_wait)  # type: ignore[arg-type]


async def test_equal_ids_in_two_accounts_are_two_rows_each_read_through_its_own_key(
    tmp_path, clock
):
    now = [0.0]
    prod = world(tmp_path, clock, now, "prod", seed=42)
    staging = world(tmp_path, clock, now, "staging", seed=42)  # the same ids, another world
    accounts = open_accounts(prod, staging)
    outcomes = await accounts.refresh_all()
    assert [(o.account, o.error) for o in outcomes] == [("prod", None), ("staging", None)]
    fleet = accounts.fleet()
    ids = list(prod.session.fleet)
    assert ids == list(staging.session.fleet) and len(ids) == 25
    assert len(fleet) == 50
    for vps_id in ids:
        assert fleet[row_key("prod", vps_id)].account == "prod"
        assert fleet[row_key("staging", vps_id)].account == "staging"
    for w in (prod, staging):  # one list page each, nothing else, with the account's own key
        assert [(r.method, r.api_path) for r in w.sim.requests] == [("GET", "/vps")]


async def test_one_account_keeps_its_own_fleet_dict_keyed_by_id(tmp_path, clock):
    prod = world(tmp_path, clock, [0.0], "prod", seed=42)
    accounts = open_accounts(prod)
    await accounts.refresh_all()
    assert accounts.fleet() is prod.session.fleet and not accounts.several


async def test_who_has_this_ip_or_id_looks_across_every_account(tmp_path, clock):
    now = [0.0]
    a = world(tmp_path, clock, now, "a", seed=1)
    b = world(tmp_path, clock, now, "b", seed=2)
    accounts = open_accounts(a, b)
    await accounts.refresh_all()
    row_b = next(r for r in b.session.fleet.values() if len(r.all_ips) > 1)
    other_ip = row_b.all_ips[-1]
    assert [(r.account, r.vps_id) for r in accounts.find(other_ip)] == [("b", row_b.vps_id)]
    assert [(r.account, r.vps_id) for r in accounts.find(f" {row_b.vps_id} ")] == [
        ("b", row_b.vps_id)
    ]
    row_a = next(r for r in a.session.fleet.values() if r.reference)
    assert ("a", row_a.vps_id) in [
        (r.account, r.vps_id) for r in accounts.find(row_a.reference.upper())
    ]
    assert accounts.find("203.0.113.254") == [] and accounts.find("") == []


async def test_a_failing_account_is_stale_alone_and_the_health_line_says_which(tmp_path, clock):
    now = [100.0]
    prod = world(tmp_path, clock, now, "prod", seed=1)
    staging = world(tmp_path, clock, now, "staging", seed=2)
    accounts = open_accounts(prod, staging)
    await accounts.refresh_all()
    assert accounts.health_line() == "prod ok · staging ok"

    staging.switch.on = True
    now[0] += 10
    prod_outcome, staging_outcome = await accounts.refresh_all()
    assert prod_outcome.error is None
    assert staging_outcome.error is not None and staging_outcome.error.status == 500
    assert staging_outcome.first
    assert accounts.stale_accounts() == {"staging"}
    assert len(staging.session.fleet) == 25  # the last known rows stay
    assert accounts.health_line() == "prod ok · staging ERRORS"

    now[0] += 120  # prod refreshes; staging's data is now 2 min old
    staging_again = (await accounts.refresh_all())[1]
    assert not staging_again.first  # the streak was reported once
    assert accounts.health_line() == "prod ok · staging STALE 2m10s"
    assert [h.condition for h in accounts.health()] == ["ok", "stale"]

    staging.switch.on = False
    await accounts.refresh_all()
    assert accounts.stale_accounts() == set()


async def test_an_account_that_hangs_never_delays_the_others_rows(tmp_path, clock):
    now = [0.0]
    held: list[Held] = []

    def hanging(inner: httpx.AsyncBaseTransport) -> Held:
        held.append(Held(inner))
        return held[0]

    prod = world(tmp_path, clock, now, "prod", seed=1)
    staging = world(tmp_path, clock, now, "staging", seed=2, transport=hanging)
    accounts = open_accounts(prod, staging)
    everything = asyncio.ensure_future(accounts.refresh_all())
    for _ in range(200):
        if prod.session.fleet and held[0].waiting:
            break
        await asyncio.sleep(0.01)
    assert len(prod.session.fleet) == 25 and accounts["prod"].refresh.loaded
    assert staging.session.fleet == {} and not everything.done()
    held[0].release.set()
    await everything
    assert len(staging.session.fleet) == 25


def test_refreshes_are_planned_apart_so_accounts_never_burst_together(tmp_path, clock):
    now = [50.0]
    worlds = [world(tmp_path, clock, now, f"acct{n}", seed=n) for n in range(5)]
    accounts = open_accounts(*worlds)
    first = [accounts.plan_start(w.session.account, 0.0) for w in worlds]
    assert first == [n * STAGGER for n in range(5)]  # the first loads, one after another
    now[0] = 51.0  # acct0 and acct1 have started; each plans its next refresh
    assert accounts.plan_start("acct0", 10.0) == 10.0  # at 61: far from every other
    assert accounts.plan_start("acct1", 9.6) == pytest.approx(10.5)  # not at 60.6: 61.5
    assert accounts.plan_start("acct2", 10.2) == pytest.approx(11.0)  # past both: 62
    assert accounts.plan_start("acct3", 30.0) == 30.0  # far from every other: as asked


async def test_a_write_goes_to_its_rows_account_only(tmp_path, clock):
    now = [0.0]
    a = world(tmp_path, clock, now, "a", seed=1)
    b = world(tmp_path, clock, now, "b", seed=2)
    made: dict[str, FakeHost] = {}
    accounts = open_accounts(a, b, made=made)
    await accounts.refresh_all()
    row = next(r for r in b.session.fleet.values() if r.state == "RUNNING")
    made["b"].selected = row
    made["b"].dialogs.answers = [True]
    a.sim.requests.clear()
    b.sim.requests.clear()
    accounts["b"].runner.start("reboot")
    while made["b"].workers:
        await made["b"].workers.pop(0)()
    assert [(r.method, r.api_path) for r in b.sim.requests if r.method != "GET"] == [
        ("POST", f"/vps/{row.vps_id}/reboot")
    ]
    assert list(a.sim.requests) == []


def test_accounts_are_named_once(tmp_path, clock):
    one = world(tmp_path, clock, [0.0], "prod", seed=1)
    two = world(tmp_path, clock, [0.0], "prod", seed=2)
    with pytest.raises(ValueError, match="twice"):
        open_accounts(one, two)
    with pytest.raises(ValueError, match="no account"):
        open_accounts()


async def test_marks_and_gone_rows_are_merged_by_row_key(tmp_path, clock):
    now = [0.0]
    a = world(tmp_path, clock, now, "a", seed=1)
    b = world(tmp_path, clock, now, "b", seed=2)
    accounts = open_accounts(a, b)
    await accounts.refresh_all()
    vps_b = next(iter(b.session.fleet))
    gone_a = a.sim.state.vps_list.pop()  # a VPS leaves account a
    del a.sim.state.vps[gone_a.id]
    vps = b.sim.state.vps[vps_b]
    vps.state = "STOPPED" if vps.state == "RUNNING" else "RUNNING"
    await accounts.refresh_all()
    assert dict(accounts.marks()) == {row_key("b", vps_b): "changed"}
    assert accounts.marks().get(row_key("a", vps_b)) is None
    assert list(accounts.gone()) == [row_key("a", gone_a.id)]
    assert accounts.key("b", vps_b) == row_key("b", vps_b)
    single = open_accounts(world(tmp_path, clock, now, "solo", seed=3))
    assert single.key("solo", "123") == "123"
