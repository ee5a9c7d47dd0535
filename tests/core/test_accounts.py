"""Several accounts over the core, without a running App: two simulator worlds, each with its
own key, one client each (issue 14)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import pytest

from lswtui.api import ApiError, LeasewebClient
from lswtui.core.accounts import STAGGER, Account, Accounts, row_key
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


def world(tmp_path, clock, now, name: str, seed: int) -> World:
    switch = FaultSwitch("5xx=1", on=False)
    sim = Simulator(seed=seed, clock=clock, api_key=f"key-of-{name}", extra_layers=[switch])
    client = LeasewebClient.create(
        sim.api_key,
        base_url=DEMO_BASE_URL,
        transport=sim.transport(),
        sleep=Sleeps(),
    )
    session = Session(
        client,
        account=name,
        audit=AuditLog(tmp_path / "actions.jsonl"),
        clock=Clock(monotonic=lambda: now[0], now=lambda: SIM_START),
    )
    return World(sim, switch, session)


async def refresh(accounts: Accounts) -> None:
    """Every account's full read, concurrently, as the TUI's refresh cycles do."""

    async def one(account: Account) -> None:
        try:
            rows = await account.refresh.read_all(lambda first: None)
        except ApiError:
            account.refresh.failed()
            return
        account.refresh.apply(rows)
        account.refresh.succeeded()

    await asyncio.gather(*(one(account) for account in accounts))


def open_accounts(*worlds: World, made: dict[str, FakeHost] | None = None) -> Accounts:
    made = {} if made is None else made

    def host_for(session: Session) -> FakeHost:
        made[session.account] = FakeHost(ScriptedDialogs())
        return made[session.account]

    return Accounts([w.session for w in worlds], host_for)  # type: ignore[arg-type]


async def test_equal_ids_in_two_accounts_are_two_rows_each_read_through_its_own_key(
    tmp_path, clock
):
    now = [0.0]
    prod = world(tmp_path, clock, now, "prod", seed=42)
    staging = world(tmp_path, clock, now, "staging", seed=42)  # the same ids, another world
    accounts = open_accounts(prod, staging)
    await refresh(accounts)
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
    await refresh(accounts)
    assert accounts.fleet() is prod.session.fleet and not accounts.several


async def test_who_has_this_ip_or_id_looks_across_every_account(tmp_path, clock):
    now = [0.0]
    a = world(tmp_path, clock, now, "a", seed=1)
    b = world(tmp_path, clock, now, "b", seed=2)
    accounts = open_accounts(a, b)
    await refresh(accounts)
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


async def test_each_account_has_its_own_health(tmp_path, clock):
    now = [100.0]
    prod = world(tmp_path, clock, now, "prod", seed=1)
    staging = world(tmp_path, clock, now, "staging", seed=2)
    accounts = open_accounts(prod, staging)
    await refresh(accounts)
    assert [(h.account, h.label) for h in accounts.health()] == [("prod", "ok"), ("staging", "ok")]
    staging.switch.on = True
    now[0] += 10
    await refresh(accounts)
    assert [h.label for h in accounts.health()] == ["ok", "ERRORS"]
    assert len(staging.session.fleet) == 25  # the last known rows stay
    now[0] += 120  # prod refreshes; staging's data is now 2 min 10 s old
    await refresh(accounts)
    assert [(h.condition, h.label) for h in accounts.health()] == [
        ("ok", "ok"),
        ("stale", "STALE 2m10s"),
    ]


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
    await refresh(accounts)
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
    await refresh(accounts)
    vps_b = next(iter(b.session.fleet))
    gone_a = a.sim.state.vps_list.pop()  # a VPS leaves account a
    del a.sim.state.vps[gone_a.id]
    vps = b.sim.state.vps[vps_b]
    vps.state = "STOPPED" if vps.state == "RUNNING" else "RUNNING"
    await refresh(accounts)
    assert dict(accounts.marks()) == {row_key("b", vps_b): "changed"}
    assert accounts.marks().get(row_key("a", vps_b)) is None
    assert list(accounts.gone()) == [row_key("a", gone_a.id)]
    assert accounts.key("b", vps_b) == row_key("b", vps_b)
    single = open_accounts(world(tmp_path, clock, now, "solo", seed=3))
    assert single.key("solo", "123") == "123"
