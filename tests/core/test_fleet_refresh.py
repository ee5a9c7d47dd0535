"""The refresh loop's reading and timing over the simulator, without a running App."""

from __future__ import annotations

from dataclasses import replace

from lswtui.core.audit import AuditLog
from lswtui.core.clock import Clock
from lswtui.core.fleet_refresh import FleetRefresh
from lswtui.core.runner import ActionRunner
from lswtui.core.session import Session
from tests.conftest import SIM_START


def refresher(make_client, tmp_path, now: list[float]) -> FleetRefresh:
    session = Session(
        make_client(),
        account="prod",
        audit=AuditLog(tmp_path / "actions.jsonl"),
        clock=Clock(monotonic=lambda: now[0], now=lambda: SIM_START),
    )
    return FleetRefresh(session, ActionRunner(session, None))  # type: ignore[arg-type]


async def test_the_first_load_streams_into_the_one_fleet_copy_and_later_ones_do_not(
    sim, make_client, tmp_path
):
    now = [100.0]
    refresh = refresher(make_client, tmp_path, now)
    refresh.session.client.page_size = 10  # 25 VPSes: three pages
    streamed: list[tuple[bool, int]] = []
    fresh = await refresh.read_all(lambda first: streamed.append((first, len(refresh.rows))))
    assert streamed == [(True, 10)]  # the next pages came within STREAM_EVERY of the clock
    refresh.apply(fresh)
    assert len(fresh) == 25 and refresh.changes.marks == {}  # nothing marked on the first load
    assert refresh.session.fleet is fresh

    now[0] += 30
    again = await refresh.read_all(lambda first: streamed.append((first, 0)))
    assert streamed == [(True, 10)]
    assert all(again[i] is fresh[i] for i in fresh)  # unchanged rows keep their objects
    assert refresh.times.full_done_at == 130.0


async def test_failures_report_the_first_of_a_streak_and_back_off(sim, make_client, tmp_path):
    refresh = refresher(make_client, tmp_path, [0.0])
    assert refresh.failed() and not refresh.failed()
    assert refresh.next().delay == refresh.session.refresh_interval * 2
    assert refresh.session.health.condition(stale_after=30) == "errors"
    refresh.succeeded()
    assert refresh.times.failures == 0


async def test_moving_vpses_are_watched_and_re_read_alone(sim, make_client, tmp_path):
    refresh = refresher(make_client, tmp_path, [0.0])
    refresh.apply(await refresh.read_all(lambda first: None))
    vps_id = next(iter(refresh.rows))
    refresh.session.set_fleet(
        {**refresh.rows, vps_id: replace(refresh.rows[vps_id], state="STARTING")}
    )
    assert vps_id in refresh.watched()
    sim.requests.clear()
    rows = await refresh.read_moving([vps_id])
    assert [r.path.rsplit("/", 1)[-1] for r in sim.requests] == [vps_id]
    assert rows[vps_id].state != "STARTING"  # the simulator's own state was read back
