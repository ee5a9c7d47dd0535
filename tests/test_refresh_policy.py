"""When the list refreshes, and what it reads: no request storm on a large fleet in transition."""

from __future__ import annotations

from lswtui.core.refresh import FAST_REFRESH, MAX_BACKOFF, MAX_POLLED, NextRefresh, next_refresh


def plan(**kw) -> NextRefresh:
    args = {
        "interval": 10.0,
        "failures": 0,
        "watched": [],
        "pages": 1,
        "since_full": 0.0,
        "full_took": 0.1,
    }
    return next_refresh(**{**args, **kw})


def test_a_quiet_fleet_refreshes_in_full_at_the_interval():
    assert plan() == NextRefresh(10.0)
    assert plan(since_full=4.0) == NextRefresh(6.0)


def test_a_small_fleet_in_transition_refreshes_in_full_fast():
    assert plan(watched=["1"], pages=1) == NextRefresh(FAST_REFRESH)
    assert plan(watched=["1"], pages=1, interval=1.0) == NextRefresh(1.0)


def test_a_large_fleet_in_transition_polls_only_the_moving_vpses():
    moving = [str(n) for n in range(20)]
    assert plan(watched=moving, pages=200) == NextRefresh(FAST_REFRESH, tuple(moving[:MAX_POLLED]))
    assert plan(watched=["7"], pages=2) == NextRefresh(FAST_REFRESH, ("7",))


def test_polls_give_way_to_the_full_refresh_when_it_is_due():
    assert plan(watched=["7"], pages=200, since_full=9.0) == NextRefresh(1.0)


def test_a_slow_api_stretches_both_delays():
    assert plan(full_took=5.0) == NextRefresh(20.0)
    assert plan(watched=["7"], pages=200, full_took=5.0, poll_took=1.0) == NextRefresh(4.0, ("7",))


def test_failures_back_off_exponentially_up_to_a_cap():
    assert [plan(failures=n, watched=["7"]).delay for n in (1, 2, 3)] == [10.0, 20.0, 40.0]
    assert plan(failures=10).delay == MAX_BACKOFF
