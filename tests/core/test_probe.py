"""The reachability probe over the core, on injected clocks and a fake connect: when it says
a port is up, how long after RUNNING, and what it never connects to."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field, replace
from datetime import timedelta

import pytest

from lswtui.core.audit import AuditLog
from lswtui.core.clock import Clock
from lswtui.core.events import ProbeResult, SessionEvent
from lswtui.core.fleet import FleetRow
from lswtui.core.probe import ProbeLimits, Prober, tcp_connect
from lswtui.core.session import Session
from tests.conftest import SIM_START


@dataclass
class World:
    """The session on a fake clock; ``sleep`` moves it, ``connect`` answers from ``up_at``."""

    session: Session
    now: list[float]
    up_at: dict[tuple[str, int], float] = field(default_factory=dict)  # (ip, port) -> time
    calls: list[tuple[str, int, float]] = field(default_factory=list)
    events: list[SessionEvent] = field(default_factory=list)

    async def sleep(self, seconds: float) -> None:
        self.now[0] += seconds

    async def connect(self, ip: str, port: int, timeout: float) -> bool:
        self.calls.append((ip, port, self.now[0]))
        return self.now[0] >= self.up_at.get((ip, port), float("inf"))

    def prober(self, **kwargs) -> Prober:
        kwargs.setdefault("connect", self.connect)
        return Prober(self.session, sleep=self.sleep, **kwargs)

    def fleet(self, *rows: FleetRow) -> None:
        self.session.set_fleet({row.vps_id: row for row in rows})

    def probes(self) -> list[tuple[str, int, str, str]]:
        return [
            (e.vps_id, e.port, e.outcome, e.text) for e in self.events if isinstance(e, ProbeResult)
        ]


@pytest.fixture
def world(make_client, tmp_path) -> World:
    now = [1000.0]
    session = Session(
        make_client(),
        account="prod",
        audit=AuditLog(tmp_path / "actions.jsonl"),
        clock=Clock(monotonic=lambda: now[0], now=lambda: SIM_START + timedelta(seconds=now[0])),
    )
    world = World(session, now)
    session.subscribe(world.events.append)
    return world


def vps(state: str = "RUNNING", **changes) -> FleetRow:
    row = FleetRow(
        vps_id="126855092",
        state=state,
        reference="web-01",
        main_ip="192.0.2.10",
        main_ip_null_routed=False,
        region="eu-west-3",
        datacenter="AMS-01",
        pack="2",
        image="Ubuntu",
        image_id="UBUNTU",
        all_ips=("192.0.2.10",),
    )
    return replace(row, **changes)


async def test_ssh_up_is_timed_from_the_refresh_that_showed_running(world):
    prober = world.prober()
    world.fleet(vps("RUNNING"))
    world.fleet(vps("STOPPING"))
    world.now[0] += 10
    world.fleet(vps("RUNNING"))  # seen RUNNING at 1010
    world.up_at[("192.0.2.10", 22)] = 1021  # sshd answers 11 s later
    results = await prober.probe(vps())
    assert world.probes() == [("126855092", 22, "up", "SSH up 15s after RUNNING")]
    assert [r.attempts for r in results] == [4]  # 1010, 1015, 1020: no; 1025: yes
    assert [t for _, _, t in world.calls] == [1010, 1015, 1020, 1025]
    assert results[0].after_running == 15


async def test_without_a_state_change_seen_the_time_is_from_started_at(world, sim):
    target = next(v for v in sim.state.vps.values() if v.state == "RUNNING" and v.started_at)
    row = vps(vps_id=target.id, main_ip="198.51.100.7")
    world.fleet(row)
    world.up_at[("198.51.100.7", 22)] = 0
    prober = world.prober()
    [result] = await prober.probe(row)
    expected = (SIM_START + timedelta(seconds=1000) - target.started_at).total_seconds()
    assert result.after_running == pytest.approx(expected)
    assert result.text.startswith("SSH up ") and result.text.endswith(" after RUNNING")
    assert prober.latest[row.vps_id] == result.text


async def test_every_port_is_waited_for_and_one_that_never_answers_is_given_up_on(world):
    world.fleet(vps())
    world.up_at[("192.0.2.10", 22)] = 1000
    limits = ProbeLimits(interval=5, give_up_after=30, max_attempts=100)
    prober = world.prober(ports=(22, 443), limits=limits)
    await prober.probe(vps())
    assert [(port, outcome) for _, port, outcome, _ in world.probes()] == [
        (22, "up"),
        (443, "down"),
    ]
    assert world.probes()[1][3] == "Port 443 not answering after 30s (6 tries)"
    assert [port for _, port, _ in world.calls].count(22) == 1  # not probed again once up
    assert len(world.calls) == 1 + 6  # 443 at 1000, 1005, ..., 1025; at 1030 it gives up
    assert "Port 443 not answering" in prober.latest["126855092"]


async def test_the_attempts_are_bounded_too(world):
    world.fleet(vps())
    await world.prober(limits=ProbeLimits(max_attempts=3, give_up_after=1e9)).probe(vps())
    assert len(world.calls) == 3
    assert world.probes()[0][2:] == ("down", "SSH not answering after 10s (3 tries)")


async def test_a_null_routed_ip_is_never_connected_to(world):
    nulled = vps(main_ip_null_routed=True)
    world.fleet(nulled)
    prober = world.prober()
    assert prober.refusal(nulled) == "the main IP 192.0.2.10 is null-routed"
    await prober.probe(nulled)
    assert world.calls == []
    assert world.probes()[0][2] == "skipped"


async def test_a_probe_stops_when_the_ip_gets_null_routed(world):
    world.fleet(vps())

    async def sleep(seconds: float) -> None:
        world.now[0] += seconds
        world.fleet(vps(main_ip_null_routed=True))  # the next refresh shows the null route

    prober = Prober(world.session, connect=world.connect, sleep=sleep)
    await prober.probe(vps())
    assert len(world.calls) == 1
    assert world.probes()[0][2] == "skipped"


async def test_read_only_probes_nothing_unless_enabled(world):
    world.session.enter_read_only("watching")
    world.fleet(vps())
    world.up_at[("192.0.2.10", 22)] = 0
    assert "read-only" in (world.prober().refusal(vps()) or "")
    await world.prober().probe(vps())
    assert world.calls == []
    await world.prober(in_read_only=True).probe(vps())
    assert len(world.calls) == 1


async def test_a_stopped_vps_and_a_second_probe_of_the_same_vps_are_refused(world):
    prober = world.prober()
    assert prober.refusal(vps("STOPPED")) == "the VPS is STOPPED; a probe needs RUNNING"
    world.fleet(vps())
    gate = asyncio.Event()

    async def slow(ip: str, port: int, timeout: float) -> bool:
        await gate.wait()
        return True

    slow_prober = world.prober(connect=slow)
    task = asyncio.create_task(slow_prober.probe(vps()))
    await asyncio.sleep(0)
    while not slow_prober.probing:
        await asyncio.sleep(0)
    assert slow_prober.refusal(vps()) == "VPS 126855092 web-01 is being probed already"
    assert slow_prober.latest["126855092"] == "probing port 22…"
    gate.set()
    await task
    assert slow_prober.probing == frozenset()


async def test_connections_at_once_are_bounded(world):
    rows = [
        vps(vps_id=str(n), main_ip=f"192.0.2.{n}", all_ips=(f"192.0.2.{n}",)) for n in range(12)
    ]
    world.fleet(*rows)
    open_now, most = [0], [0]
    gate = asyncio.Event()

    async def connect(ip: str, port: int, timeout: float) -> bool:
        open_now[0] += 1
        most[0] = max(most[0], open_now[0])
        await gate.wait()
        open_now[0] -= 1
        return True

    prober = world.prober(connect=connect, limits=ProbeLimits(concurrency=3))
    probes = asyncio.gather(*(prober.probe(row) for row in rows))
    while open_now[0] < 3:
        await asyncio.sleep(0.001)
    gate.set()
    await probes
    assert most[0] == 3
    assert sum(1 for p in world.probes() if p[2] == "up") == 12


async def test_a_connect_that_overstays_its_timeout_counts_as_no_answer(world):
    world.fleet(vps())

    async def hangs(ip: str, port: int, timeout: float) -> bool:
        await asyncio.sleep(3600)
        return True

    limits = ProbeLimits(attempt_timeout=0.01, max_attempts=1)
    [result] = await world.prober(connect=hangs, limits=limits).probe(vps())
    assert result.outcome == "down"


async def test_tcp_connect_opens_and_closes_a_real_connection():
    accepted: list[bool] = []

    async def on_client(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        accepted.append(True)
        writer.close()

    server = await asyncio.start_server(on_client, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        assert await tcp_connect("127.0.0.1", port, 2.0)
    assert accepted == [True]
    assert not await tcp_connect("127.0.0.1", port, 2.0)  # closed now: refused


async def test_a_vps_is_probed_once_an_action_that_boots_it_completed(sim, make_client, tmp_path):
    from tests.core.test_flows import first, make_core

    core = make_core(sim, make_client(), tmp_path)
    spawned: list = []
    answered: list[float] = []

    async def connect(ip: str, port: int, timeout: float) -> bool:
        answered.append(core.now[0])
        return True

    Prober(core.session, connect=connect).probe_after_boots(spawned.append)
    row = await core.select(first)
    await core.run("stop", True)
    await core.runner.poll_pending({row.vps_id: replace(row, state="STOPPED")})
    assert spawned == []  # a stop boots nothing
    sim.clock.advance(10)  # the simulated VPS is STOPPED now
    stopped = replace(row, state="STOPPED")
    core.session.set_fleet({row.vps_id: stopped})
    core.host.selected = stopped
    await core.run("start", True)
    core.now[0] += 9
    core.session.set_fleet({row.vps_id: row})  # the refresh that shows it RUNNING
    await core.runner.poll_pending(core.session.fleet)
    assert len(spawned) == 1
    [result] = await spawned[0]
    assert (result.vps_id, result.outcome, result.text) == (
        row.vps_id,
        "up",
        "SSH up 0s after RUNNING",
    )
    assert any(isinstance(e, ProbeResult) for e in core.events)


async def test_the_demo_connect_asks_the_simulated_world(sim):
    from lswtui.core.probe import connect_to

    asked: list[tuple[str, int]] = []
    connect = connect_to(lambda ip, port: asked.append((ip, port)) is None and port == 22)
    assert await connect("192.0.2.1", 22, 1.0) and not await connect("192.0.2.1", 80, 1.0)
    assert asked == [("192.0.2.1", 22), ("192.0.2.1", 80)]


def test_a_probe_result_is_a_timeline_entry_of_its_own_kind():
    from lswtui.core.timeline import KINDS, entry_of

    up = ProbeResult(
        account="prod",
        at=SIM_START,
        vps_id="7",
        ip="192.0.2.7",
        port=22,
        outcome="up",
        text="SSH up 41s after RUNNING",
        after_running=41.0,
    )
    entry = entry_of(up, "web-07")
    assert entry is not None and "probe" in KINDS
    assert (entry.kind, entry.vps_id, entry.reference, entry.text, entry.subject) == (
        "probe",
        "7",
        "web-07",
        "SSH up 41s after RUNNING",
        "192.0.2.7 port 22",
    )
    skipped = entry_of(replace(up, outcome="skipped", text="the main IP is null-routed"), "")
    assert skipped is not None and skipped.text == "not probed: the main IP is null-routed"
