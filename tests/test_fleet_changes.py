"""What a refresh changed, without a running App: marks kept until seen, gone rows kept a while."""

from __future__ import annotations

from dataclasses import replace

from lswtui.core.fleet import FleetRow, diff_fleet
from lswtui.core.fleet_changes import GONE_SECONDS, FleetChanges


def row(vps_id: str, state: str = "RUNNING") -> FleetRow:
    return FleetRow(
        vps_id, state, f"web-{vps_id}", "", False, "eu", "AMS-01", "pack", "img", "img", ()
    )


def test_the_first_load_marks_nothing():
    changes = FleetChanges(lambda: 0.0)
    changes.apply({}, {"1": row("1")}, None)
    assert changes.marks == {}


def test_changed_new_and_gone_rows_are_marked_and_only_gone_ones_leave():
    now = [0.0]
    changes = FleetChanges(lambda: now[0])
    old = {"1": row("1"), "2": row("2")}
    new = {"1": replace(old["1"], state="STOPPED"), "3": row("3")}
    changes.apply(old, new, diff_fleet(old, new))
    assert changes.marks == {"1": "changed", "3": "new"}
    assert list(changes.gone) == ["2"]
    now[0] = GONE_SECONDS
    assert changes.expire() and changes.gone == {}
    assert changes.marks == {"1": "changed", "3": "new"}  # until seen, however long


def test_marks_go_when_seen_and_a_new_vps_stays_new_until_then():
    changes = FleetChanges(lambda: 0.0)
    old = {"1": row("1"), "2": row("2")}
    grown = {**old, "3": row("3")}
    changes.apply(old, grown, diff_fleet(old, grown))
    new = {"1": replace(old["1"], state="STOPPED"), "2": old["2"], "3": row("3", "STOPPED")}
    changes.apply(grown, new, diff_fleet(grown, new))
    assert changes.marks == {"1": "changed", "3": "new"}
    assert changes.marks.seen(None, "2") is False and changes.marks.seen("3", "1") is True
    assert changes.marks == {}


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
    assert [c.text for c in diff.changes] == [
        "RUNNING → STOPPED",
        "reference web-1 → web-new",
        "image img → Debian 12",
        "IP 10.0.0.3 added",
        "IP 10.0.0.2 removed",
        "IP 10.0.0.1 routed → null-routed",
    ]


def test_an_unchanged_row_object_is_not_compared():
    same = row("1")
    assert diff_fleet({"1": same}, {"1": same}).changes == []
