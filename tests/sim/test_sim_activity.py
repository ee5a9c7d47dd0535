"""A living account (``activity.py``): deterministic by seed, visible within minutes, and every
change made the way a client's would be, by the same rules, never over an action under way."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from sim_helpers import make_client

from lswtui.sim import FakeClock, Simulator, World
from lswtui.sim.activity import KINDS, LEVELS, ActivityEvent, mean_gap
from lswtui.sim.model import RUNNING, SNAPSHOT_READY, STOPPED, TRANSITIONAL
from lswtui.sim.traffic import daily_traffic
from lswtui.sim.views import snapshot_view, vps_details

ActivitySim = tuple[Simulator, FakeClock, list[ActivityEvent]]


def living(level: str = "normal", *, seed: int = 42, vps_count: int = 25, **kw: Any) -> ActivitySim:
    clock = FakeClock()
    events: list[ActivityEvent] = []
    sim = Simulator(
        clock=clock,
        seed=seed,
        vps_count=vps_count,
        activity=level,
        on_activity=events.append,
        **kw,
    )
    return sim, clock, events


def run(sim: Simulator, clock: FakeClock, seconds: float, step: float = 1.0) -> None:
    """Let ``seconds`` pass, applying what is due every ``step`` seconds."""
    end = clock.now() + timedelta(seconds=seconds)
    while clock.now() < end:
        clock.advance(min(step, (end - clock.now()).total_seconds()))
        sim.catch_up()


def render(world: World) -> list[dict[str, Any]]:
    return [
        {
            **vps_details(v),
            "snapshots": [snapshot_view(s) for s in v.snapshots],
            "credentials": [(c.type, c.username, c.password) for c in v.credentials],
        }
        for v in world.vps_list
    ]


def test_the_levels_are_what_the_cli_offers():
    from lswtui.cli import ACTIVITY_LEVELS

    assert tuple(LEVELS) == ACTIVITY_LEVELS
    assert mean_gap("busy", 25) < mean_gap("normal", 25) < mean_gap("calm", 25)  # type: ignore[operator]
    assert mean_gap("normal", 2500) == pytest.approx(mean_gap("normal", 25) / 10)  # type: ignore[operator]
    with pytest.raises(ValueError, match="one of: off, calm, normal, busy"):
        Simulator(activity="hectic")


def test_the_same_seed_tells_the_same_story():
    stories = []
    for seed in (7, 7, 8):
        sim, clock, events = living("busy", activity_seed=seed)
        run(sim, clock, 600, step=3)
        stories.append(([e.line() for e in events], render(sim.state)))
    assert stories[0] == stories[1]
    assert len(stories[0][0]) > 50
    assert stories[0][0] != stories[2][0]


def test_the_story_does_not_depend_on_when_requests_come():
    lines = []
    for step in (0.7, 13.0, 600.0):
        sim, clock, events = living("busy")
        run(sim, clock, 600, step=step)
        lines.append([e.line() for e in events])
    assert lines[0] == lines[1] == lines[2]


def test_off_changes_nothing():
    sim, clock, events = living("off")
    ids = [(v.id, v.reference, v.image.id) for v in sim.state.vps_list]
    run(sim, clock, 7 * 3600, step=600)  # the generated account's own movers settle
    settled = render(sim.state)
    assert sim.state.scheduler.pending() == []
    run(sim, clock, 17 * 3600, step=3600)
    assert events == [] and render(sim.state) == settled
    assert [(v.id, v.reference, v.image.id) for v in sim.state.vps_list] == ids


async def test_a_two_minute_watch_at_normal_sees_several_unsolicited_changes():
    """What the demo (seed 42, 25 VPSes, ``normal``) shows a user who only watches the list,
    polled every 10 s as lswtui refreshes."""
    sim, clock, events = living("normal")
    async with make_client(sim) as client:

        async def listed() -> dict[str, dict[str, Any]]:
            response = await client.get("/vps", params={"limit": 100})
            return {v["id"]: v for v in response.json()["vps"]}

        before = await listed()
        changes = set()
        for _ in range(12):
            clock.advance(10)
            now = await listed()
            for vps_id in before.keys() | now.keys():
                old, new = before.get(vps_id), now.get(vps_id)
                if old is None or new is None:
                    changes.add((vps_id, "appeared" if old is None else "vanished"))
                else:
                    changes |= {(vps_id, key) for key in old if old[key] != new[key]}
            before = now
    assert len(changes) >= 3, changes
    assert len({e.kind for e in events}) >= 3


@pytest.mark.parametrize("seed", range(8))
def test_any_two_minutes_at_normal_see_three_kinds_of_event(seed):
    sim, clock, events = living("normal", activity_seed=seed)
    run(sim, clock, 3600, step=5)
    for start in range(0, 3600 - 120, 30):
        begin = events[0].at.replace(microsecond=0) + timedelta(seconds=start)
        window = [e for e in events if begin <= e.at < begin + timedelta(seconds=120)]
        assert len({e.kind for e in window}) >= 3, [e.line() for e in window]


def checking(sim: Simulator, monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Every World method the activity calls checks, as it is called, the rule a client's
    request must meet and that nothing else is under way on the VPS; returns the call counts."""
    world = sim.state
    calls: Counter[str] = Counter()

    def guard(name: str, rule: Callable[..., bool]) -> None:
        original = getattr(World, name)

        def checked(self: World, vps: Any, *args: Any, **kwargs: Any) -> Any:
            assert rule(vps, *args), (name, vps.id, vps.state)
            calls[name] += 1
            return original(self, vps, *args, **kwargs)

        monkeypatch.setattr(World, name, checked)

    quiet = world.is_quiet
    guard("stop", lambda v, *_: v.state == RUNNING and quiet(v))
    guard("reboot", lambda v, *_: v.state == RUNNING and quiet(v))
    guard("start", lambda v, *_: v.state == STOPPED and quiet(v))
    guard("reinstall", lambda v, *_: not v.snapshots and quiet(v))
    guard("create_snapshot", lambda v, *_: v.state == RUNNING and not v.snapshots and quiet(v))
    guard(
        "delete_snapshot",
        lambda v, s, *_: s.state == SNAPSHOT_READY and not s.deleting and quiet(v),
    )
    guard(
        "null_route",
        lambda v, ip, *_: ip.version == 4 and ip.network_type == "PUBLIC" and not ip.null_routed,
    )
    return calls


def test_every_change_meets_the_rules_of_a_clients_request(monkeypatch):
    sim, clock, events = living("busy")
    calls = checking(sim, monkeypatch)
    run(sim, clock, 6 * 3600, step=30)
    assert set(calls) == {
        "stop",
        "reboot",
        "start",
        "reinstall",
        "create_snapshot",
        "delete_snapshot",
        "null_route",
    }
    assert {e.kind for e in events} == set(KINDS) | {"start", "snapshot-deleted", "unnull"}


async def test_an_action_under_way_is_not_trampled():
    sim, clock, events = living("busy")
    clock.advance(10)
    sim.catch_up()
    async with make_client(sim) as client:
        running = [v for v in sim.state.vps_list if v.state == RUNNING]
        for vps in running:
            assert (await client.post(f"/vps/{vps.id}/reboot")).status_code == 202
        events.clear()
        run(sim, clock, sim.timings.reboot - 0.5, step=0.5)
    rebooting = {v.id for v in running}
    assert events, "the activity went on meanwhile"
    touched = [e for e in events if e.vps_id in rebooting and e.kind not in ("rename", "traffic")]
    assert all(e.kind == "null-route" for e in touched), [e.line() for e in touched]
    assert all(v.state in TRANSITIONAL for v in running)


async def test_a_snapshot_under_way_is_not_trampled():
    """A RUNNING VPS whose snapshot is being made is not rebooted, stopped or cancelled."""
    sim, clock, events = living("busy")
    clock.advance(10)
    sim.catch_up()
    async with make_client(sim) as client:
        snapping = [v for v in sim.state.vps_list if v.state == RUNNING and not v.snapshots]
        for vps in snapping:
            made = await client.post(f"/vps/{vps.id}/snapshots", json={"name": "mine"})
            assert made.status_code == 202
        events.clear()
        run(sim, clock, sim.timings.snapshot - 0.5, step=0.5)
    ids = {v.id for v in snapping}
    assert events, "the activity went on meanwhile"
    touched = [e for e in events if e.vps_id in ids]
    assert {e.kind for e in touched} <= {"rename", "traffic", "null-route"}, touched


async def test_a_stop_passes_through_stopping_and_the_vps_starts_again():
    sim, clock, events = living("busy")
    seen: dict[str, list[str]] = {}
    for _ in range(900):
        clock.advance(1)
        sim.catch_up()
        for vps in sim.state.vps_list:
            states = seen.setdefault(vps.id, [])
            if not states or states[-1] != vps.state:
                states.append(vps.state)
    stops = [e for e in events if e.kind == "stop"]
    restarted = {e.vps_id for e in events if e.kind == "start"}
    assert stops and restarted
    for vps_id in restarted:
        assert " STOPPING STOPPED STARTING RUNNING" in " " + " ".join(seen[vps_id])


async def test_a_vps_a_user_started_again_is_not_started_twice(monkeypatch):
    monkeypatch.delitem(KINDS, "cancel")  # it must stay in the account all along
    sim, clock, events = living("busy")
    async with make_client(sim) as client:
        while not any(e.kind == "stop" for e in events):
            run(sim, clock, 1)
        [stop] = [e for e in events if e.kind == "stop"]
        run(sim, clock, sim.timings.stop)
        assert (await client.post(f"/vps/{stop.vps_id}/start")).status_code == 202
        events.clear()
        run(sim, clock, sim.timings.start)
        assert (await client.get(f"/vps/{stop.vps_id}")).json()["state"] == RUNNING
        run(sim, clock, 600)
    after = [e.kind for e in events if e.vps_id == stop.vps_id]
    assert "start" not in after[: after.index("stop") if "stop" in after else None], after


async def test_a_ddos_null_route_lifts_by_itself_and_only_then(monkeypatch):
    monkeypatch.delitem(KINDS, "cancel")  # it must stay in the account all along
    sim, clock, events = living("busy")
    while not any(e.kind == "null-route" for e in events):
        run(sim, clock, 1)
    [nulled] = [e for e in events if e.kind == "null-route"]
    vps = sim.state.vps[nulled.vps_id]
    ip = vps.main_ip
    assert ip is not None and ip.null_routed
    hours = int(nulled.what.split(" for ")[1].split()[0])
    async with make_client(sim) as client:
        refused = await client.post(f"/vps/{vps.id}/ips/{ip.ip}/unnull")
        assert refused.status_code == 400 and "DDoS mitigation" in refused.json()["errorMessage"]
        run(sim, clock, hours * 3600 - 60, step=600)
        assert (await client.get(f"/vps/{vps.id}/ips/{ip.ip}")).json()["nullRouted"] is True
        run(sim, clock, 120)
        assert (await client.get(f"/vps/{vps.id}/ips/{ip.ip}")).json()["nullRouted"] is False
    assert [e.vps_id for e in events if e.kind == "unnull"][:1] == [vps.id]


async def test_a_backup_snapshot_becomes_ready_then_goes_away():
    sim, clock, events = living("busy")
    while not any(e.kind == "snapshot" for e in events):
        run(sim, clock, 1)
    [taken] = [e for e in events if e.kind == "snapshot"]
    async with make_client(sim) as client:
        path = f"/vps/{taken.vps_id}/snapshots"
        [creating] = (await client.get(path)).json()["snapshots"]
        assert creating["state"] == "CREATING" and creating["displayName"].startswith("nightly")
        run(sim, clock, sim.timings.snapshot)
        [ready] = (await client.get(path)).json()["snapshots"]
        assert ready == {**creating, "state": "READY"}
        while not any(e.kind == "snapshot-deleted" and e.vps_id == taken.vps_id for e in events):
            run(sim, clock, 60, step=5)
        run(sim, clock, sim.timings.snapshot_delete)
        assert (await client.get(path)).json()["snapshots"] == []


async def test_orders_boot_for_the_first_time_and_cancellations_vanish():
    sim, clock, events = living("busy", activity_seed=3)
    async with make_client(sim) as client:
        while not {"order", "cancel"} <= {e.kind for e in events}:
            run(sim, clock, 30, step=2)
        order = next(e for e in events if e.kind == "order")
        cancel = next(e for e in events if e.kind == "cancel")
        assert (await client.get(f"/vps/{cancel.vps_id}")).status_code == 404
        listed = (await client.get("/vps", params={"limit": 100})).json()["vps"]
        assert cancel.vps_id not in {v["id"] for v in listed}
    assert order.vps_id in {v["id"] for v in listed} or any(
        e.kind == "cancel" and e.vps_id == order.vps_id for e in events
    )
    addresses = [ip.ip for v in sim.state.vps_list for ip in v.ips]
    assert len(addresses) == len(set(addresses))


async def test_a_new_order_has_no_started_at_until_it_runs():
    sim, clock, events = living("busy", activity_seed=3)
    while not any(e.kind == "order" for e in events):
        run(sim, clock, 1)
    order = next(e for e in events if e.kind == "order")
    vps = sim.state.vps[order.vps_id]
    assert (vps.state, vps.started_at, vps.snapshots) == ("STARTING", None, [])
    assert vps.contract.created_at == order.at.replace(microsecond=0)
    run(sim, clock, sim.timings.start)
    assert vps.state == RUNNING and vps.started_at is not None


def test_a_day_at_busy_stays_bounded():
    sim, clock, events = living("busy")
    world = sim.state
    size = len(world.vps_list)
    own_snapshots = sum(len(v.snapshots) for v in world.vps_list)
    peaks: Counter[str] = Counter()
    for _ in range(24 * 6):
        run(sim, clock, 600, step=600)
        now = {
            "snapshots": sum(len(v.snapshots) for v in world.vps_list),
            "pending": len(world.scheduler.pending()),
            "bursts": len(world.traffic_bursts),
            "null routed": sum(1 for v in world.vps_list for ip in v.ips if ip.null_routed),
        }
        peaks = Counter({k: max(peaks[k], n) for k, n in now.items()})
        assert size - 3 <= len(world.vps_list) <= size + 3
        assert all(len(v.snapshots) <= 1 for v in world.vps_list)
        assert all(len(v.reference) <= 30 for v in world.vps_list)
    assert len(events) > 10_000
    assert peaks["snapshots"] <= own_snapshots + sim.activity.max_backups
    assert peaks["null routed"] <= 3 + 3
    assert peaks["pending"] <= 3 * size
    assert peaks["bursts"] <= 3 * size  # one day's bursts: a few per VPS


@pytest.mark.parametrize("level", ["off", "calm"])
async def test_today_traffic_grows_through_the_day_and_bursts_add_to_it(level, monkeypatch):
    monkeypatch.delitem(KINDS, "traffic")  # only the burst this test adds
    monkeypatch.delitem(KINDS, "cancel")  # the VPS stays all day
    sim, clock, _ = living(level)
    vps = next(v for v in sim.state.vps_list if v.contract.created_at.year < 2025)
    clock.set(clock.now().replace(hour=0, minute=0, second=0) + timedelta(days=1))
    day = clock.now().date()
    path = f"/vps/{vps.id}/metrics/datatraffic"
    async with make_client(sim) as client:

        async def today() -> tuple[int, int]:
            body = (await client.get(path, params={"from": str(day)})).json()
            down, up = (
                body["metrics"][k]["values"][0]["value"] for k in ("downPublic", "upPublic")
            )
            return down, up

        readings = []
        for hour in (1, 4, 8, 12, 18, 23):
            clock.set(clock.now().replace(hour=hour))
            readings.append(await today())
        sim.state.traffic_bursts[(vps.id, day)] = (10**9, 10**8)
        burst = await today()
    if level == "off":  # each day's traffic is fixed: nothing changes by itself
        assert readings == [daily_traffic(vps.id, day)] * 6
        assert burst == readings[-1]
        return
    downs = [down for down, _ in readings]
    assert downs == sorted(downs) and downs[0] < downs[-1] / 20
    night, evening = downs[2] - downs[1], downs[5] - downs[4]
    assert evening > 2 * night  # 18:00 to 23:00 carries more than 04:00 to 08:00
    assert burst == (readings[-1][0] + 10**9, readings[-1][1] + 10**8)


def test_bursts_show_in_the_metrics():
    sim, clock, events = living("busy")
    while not any(e.kind == "traffic" for e in events):
        run(sim, clock, 1)
    burst = next(e for e in events if e.kind == "traffic")
    assert sim.state.traffic_bursts[(burst.vps_id, burst.at.date())][0] > 0


async def test_a_living_account_still_matches_the_spec():
    """Every body the activity touched, read as a client does, validates against the spec
    (``make_client`` checks each response)."""
    sim, clock, events = living("busy", activity_seed=5)
    async with make_client(sim) as client:
        for _ in range(12):
            events.clear()
            run(sim, clock, 1800, step=60)
            assert (await client.get("/vps", params={"limit": 50})).status_code == 200
            touched = {e.vps_id for e in events[-6:] if e.vps_id in sim.state.vps}
            for vps_id in touched:
                for path in ("", "/ips", "/snapshots", "/credentials", "/metrics/datatraffic"):
                    assert (await client.get(f"/vps/{vps_id}{path}")).status_code == 200
