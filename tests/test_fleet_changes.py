"""What a refresh changed, without a running App: marks kept until seen, gone rows kept a while."""

from __future__ import annotations

from dataclasses import replace

from lswtui.core.fleet import FleetRow
from lswtui.core.fleet_changes import GONE_SECONDS, FleetChanges


def row(vps_id: str, state: str = "RUNNING") -> FleetRow:
    return FleetRow(
        vps_id, state, f"web-{vps_id}", "", False, "eu", "AMS-01", "pack", "img", "img", ()
    )


def test_the_first_load_marks_and_tells_nothing():
    changes = FleetChanges(lambda: 0.0)
    assert changes.apply({}, {"1": row("1")}, first=True) == [] and changes.marks == {}


def test_changed_new_and_gone_rows_are_marked_and_told_and_only_gone_ones_leave():
    now = [0.0]
    changes = FleetChanges(lambda: now[0])
    old = {"1": row("1"), "2": row("2")}
    new = {"1": replace(old["1"], state="STOPPED"), "3": row("3")}
    toasts = changes.apply(old, new, first=False)
    assert changes.marks == {"1": "changed", "3": "new"}
    assert "New VPS 3 web-3" in toasts and "VPS 2 web-2 is gone" in toasts and len(toasts) == 3
    assert list(changes.gone) == ["2"]
    now[0] = GONE_SECONDS
    assert changes.expire() and changes.gone == {}
    assert changes.marks == {"1": "changed", "3": "new"}  # until seen, however long


def test_marks_go_when_seen_and_a_new_vps_stays_new_until_then():
    changes = FleetChanges(lambda: 0.0)
    old = {"1": row("1"), "2": row("2")}
    changes.apply(old, {**old, "3": row("3")}, first=False)
    new = {"1": replace(old["1"], state="STOPPED"), "2": old["2"], "3": row("3", "STOPPED")}
    changes.apply({**old, "3": row("3")}, new, first=False)
    assert changes.marks == {"1": "changed", "3": "new"}
    assert changes.marks.seen(None, "2") is False and changes.marks.seen("3", "1") is True
    assert changes.marks == {}


def test_a_gone_vps_that_comes_back_is_no_longer_gone():
    changes = FleetChanges(lambda: 0.0)
    changes.apply({"1": row("1")}, {}, first=False)
    changes.apply({}, {"1": row("1")}, first=False)
    assert changes.gone == {} and changes.marks == {"1": "new"}
