"""Data-traffic metrics: reference-text shape, deterministic, internally consistent."""

from __future__ import annotations

import statistics
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sim_helpers import pick

from lswtui.sim.model import RUNNING
from lswtui.sim.traffic import daily_traffic


@pytest.fixture
def vps(sim):
    return pick(sim, lambda v: v.state == RUNNING and v.contract.created_at.year < 2024)


async def _traffic(client, vps, **params):
    response = await client.get(f"/vps/{vps.id}/metrics/datatraffic", params=params)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize(
    ("start", "end", "buckets"),
    [
        ("2025-02-01", "2025-03-01", 28),
        ("2025-01-01", "2025-01-02", 1),
        ("2024-12-20", "2025-01-10", 21),
        ("2025-03-01", "2025-04-01", 12),  # the clock is at 2025-03-12: no future buckets
    ],
)
async def test_summary_is_consistent_with_the_values(client, vps, start, end, buckets):
    body = await _traffic(
        client, vps, **{"from": start, "to": end}, granularity="DAY", aggregation="SUM"
    )
    meta = body["_metadata"]
    assert (meta["from"], meta["to"]) == (f"{start}T00:00:00+00:00", f"{end}T00:00:00+00:00")
    assert (meta["granularity"], meta["aggregation"], meta["unit"]) == ("DAY", "SUM", "B")
    period = (date.fromisoformat(end) - date.fromisoformat(start)).days
    for name in ("downPublic", "upPublic"):
        series = body["metrics"][name]
        values = [point["value"] for point in series["values"]]
        assert series["unit"] == "B" and len(values) == buckets
        assert series["values"][0]["timestamp"] == f"{start}T00:00:00+00:00"
        summary = meta["summary"][name]
        assert summary["total"] == sum(values)
        assert summary["peak"]["value"] == max(values)
        peak_at = series["values"][values.index(max(values))]["timestamp"]
        assert summary["peak"]["timestamp"] == peak_at
        assert summary["average"] == pytest.approx(sum(values) / len(values), abs=0.01)
        assert summary["expected"] == pytest.approx(summary["average"] * period, rel=1e-9, abs=0.01)


async def test_values_are_a_pure_function_of_vps_and_day(client, vps, sim):
    month = await _traffic(client, vps, **{"from": "2025-02-01", "to": "2025-03-01"})
    again = await _traffic(client, vps, **{"from": "2025-02-01", "to": "2025-03-01"})
    days = await _traffic(client, vps, **{"from": "2025-02-10", "to": "2025-02-13"})
    assert month == again
    assert days["metrics"]["downPublic"]["values"] == month["metrics"]["downPublic"]["values"][9:12]
    other = pick(sim, lambda v: v is not vps and v.contract.created_at.year < 2024)
    theirs = await _traffic(client, other, **{"from": "2025-02-01", "to": "2025-03-01"})
    assert theirs["metrics"] != month["metrics"]


async def test_default_range_is_the_last_30_days(client, vps, clock):
    body = await _traffic(client, vps)
    today = clock.now().date()
    assert body["_metadata"]["from"] == f"{today - timedelta(days=29)}T00:00:00+00:00"
    assert body["_metadata"]["to"] == f"{today + timedelta(days=1)}T00:00:00+00:00"
    assert len(body["metrics"]["upPublic"]["values"]) == 30


async def test_no_traffic_before_the_vps_existed(client, sim, clock):
    fresh = pick(sim, lambda v: v.started_at is None)
    body = await _traffic(client, fresh, **{"from": "2025-01-01", "to": "2025-04-01"})
    assert [p["timestamp"][:10] for p in body["metrics"]["downPublic"]["values"]] == [
        str(clock.now().date())
    ]
    empty = await _traffic(client, fresh, **{"from": "2020-01-01", "to": "2020-02-01"})
    summary = empty["_metadata"]["summary"]["downPublic"]
    assert (summary["total"], summary["average"], summary["peak"]["value"]) == (0, 0, 0)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": "2025-02-10", "to": "2025-02-10"}, "to"),
        ({"from": "2025-02-10", "to": "2025-02-01"}, "to"),
        ({"from": "2025-13-01"}, "from"),
        ({"from": "yesterday"}, "from"),
        ({"to": "2025-02-01T00:00:00"}, "to"),
        ({"granularity": "HOUR"}, "granularity"),
        ({"aggregation": "AVG"}, "aggregation"),
    ],
)
async def test_bad_parameters_are_400(client, vps, params, field):
    response = await client.get(f"/vps/{vps.id}/metrics/datatraffic", params=params)
    assert response.status_code == 400
    assert list(response.json()["errorDetails"]) == [field]


def test_traffic_has_a_weekly_rhythm_and_the_odd_spike():
    year = [date(2024, 1, 1) + timedelta(days=n) for n in range(364)]
    for vps_id in ("123581321", "786579303", "219540831"):
        down = [daily_traffic(vps_id, day)[0] for day in year]
        weekdays = statistics.mean(v for v, d in zip(down, year, strict=True) if d.weekday() < 5)
        weekends = statistics.mean(v for v, d in zip(down, year, strict=True) if d.weekday() >= 5)
        assert weekdays > 1.25 * weekends
        assert max(down) > 2.5 * statistics.median(down)


@settings(max_examples=200, deadline=None)
@given(
    vps_id=st.from_regex(r"[1-9][0-9]{8}", fullmatch=True),
    day=st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31)),
)
def test_daily_traffic_is_deterministic_and_plausible(vps_id, day):
    down, up = daily_traffic(vps_id, day)
    assert (down, up) == daily_traffic(vps_id, day)
    assert 0 < down < 10**12 and 0 < up < 10**12
