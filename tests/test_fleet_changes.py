"""What a refresh changed, without a running App: marks that fade, gone rows kept a while."""

from __future__ import annotations

from dataclasses import replace

from lswtui.core.fleet import FleetRow, diff_fleet
from lswtui.core.fleet_changes import FLASH_SECONDS, GONE_SECONDS, FleetChanges


def row(vps_id: str, state: str = "RUNNING") -> FleetRow:
    return FleetRow(
        vps_id, state, f"web-{vps_id}", "", False, "eu", "AMS-01", "pack", "img", "img", ()
    )


def test_the_first_load_marks_and_tells_nothing():
    changes = FleetChanges(lambda: 0.0)
    assert changes.apply({}, {"1": row("1")}, None) == [] and changes.marks == {}


def test_changed_new_and_gone_rows_are_marked_told_and_fade():
    now = [0.0]
    changes = FleetChanges(lambda: now[0])
    old = {"1": row("1"), "2": row("2")}
    new = {"1": replace(old["1"], state="STOPPED"), "3": row("3")}
    toasts = changes.apply(old, new, diff_fleet(old, new))
    assert changes.marks == {"1": "changed", "3": "new"}
    assert "New VPS 3 web-3" in toasts and "VPS 2 web-2 is gone" in toasts and len(toasts) == 3
    assert list(changes.gone) == ["2"]
    now[0] = FLASH_SECONDS
    assert changes.expire() == (True, False) and changes.marks == {}
    now[0] = GONE_SECONDS
    assert changes.expire() == (False, True) and changes.gone == {}


def test_a_gone_vps_that_comes_back_is_no_longer_gone():
    changes = FleetChanges(lambda: 0.0)
    changes.apply({"1": row("1")}, {}, diff_fleet({"1": row("1")}, {}))
    changes.apply({}, {"1": row("1")}, diff_fleet({}, {"1": row("1")}))
    assert changes.gone == {} and changes.marks == {"1": "new"}


def test_the_diff_names_each_change_with_old_and_new():
    before = replace(row("1"), all_ips=("10.0.0.1", "10.0.0.2"), null_routed_ips=("10.0.0.2",))
    after = replace(
        before,
        state="STOPPED",
        reference="web-new",
        image="Debian 12",
        all_ips=("10.0.0.1", "10.0.0.3"),
        null_routed_ips=("10.0.0.1",),
    )
    diff = diff_fleet({"1": before}, {"1": after})
    assert [(c.kind, c.subject, c.before, c.after) for c in diff.changes] == [
        ("state", "", "RUNNING", "STOPPED"),
        ("reference", "", "web-1", "web-new"),
        ("image", "", "img", "Debian 12"),
        ("ip", "10.0.0.3", "", "present"),
        ("ip", "10.0.0.2", "present", ""),
        ("null-route", "10.0.0.1", "routed", "null-routed"),
    ]
    assert [c.describe() for c in diff.changes] == [
        "1 web-new: RUNNING → STOPPED",
        "1 web-new: reference web-1 → web-new",
        "1 web-new: image img → Debian 12",
        "1 web-new: IP 10.0.0.3 added",
        "1 web-new: IP 10.0.0.2 removed",
        "1 web-new: IP 10.0.0.1 routed → null-routed",
    ]


def test_an_unchanged_row_object_is_not_compared():
    same = row("1")
    assert diff_fleet({"1": same}, {"1": same}).changes == []
