"""Clocks and timings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from lswtui.sim import Clock, FakeClock, SystemClock, Timings


def test_system_clock_is_aware_utc():
    now = SystemClock().now()
    assert now.tzinfo is not None and now.utcoffset() == timedelta(0)
    assert isinstance(SystemClock(), Clock) and isinstance(FakeClock(), Clock)


def test_fake_clock_moves_only_forward_when_told():
    start = datetime(2025, 1, 1, tzinfo=UTC)
    clock = FakeClock(start)
    assert clock.now() == start
    assert clock.advance(4.5) == start + timedelta(seconds=4.5)
    clock.set(start + timedelta(hours=1))
    assert clock.now() == start + timedelta(hours=1)
    with pytest.raises(ValueError):
        clock.advance(-1)
    with pytest.raises(ValueError):
        clock.set(start)
    with pytest.raises(ValueError):
        FakeClock(datetime(2025, 1, 1))  # naive


def test_timings_defaults_scaling_and_validation():
    timings = Timings()
    assert (timings.stop, timings.start, timings.reboot, timings.snapshot) == (4, 5, 8, 10)
    assert (timings.reinstall, timings.iso, timings.password_reset) == (20, 2, 3)
    fast = timings.scaled(0.1)
    assert fast.reinstall == pytest.approx(2.0) and fast.reboot == pytest.approx(0.8)
    assert Timings(stop=1).stop == 1
    with pytest.raises(ValueError):
        Timings(iso=-1)
