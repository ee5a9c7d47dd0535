"""The timeline without a running App: observed changes become events and entries, the store
is private, bounded in memory and on disk, and read back after a restart."""

from __future__ import annotations

import stat
from datetime import UTC, datetime, timedelta

from lswtui.api.models import IpDetails, IsoImage, Snapshot, VpsDetails
from lswtui.core.audit import AuditLog
from lswtui.core.clock import Clock
from lswtui.core.details import DETAILS, IPS, SNAPSHOTS, DetailCache
from lswtui.core.events import ActionCompleted, ChangeObserved, HealthChanged
from lswtui.core.fleet import Change
from lswtui.core.fleet_refresh import FleetRefresh
from lswtui.core.runner import ActionRunner
from lswtui.core.session import Session
from lswtui.core.timeline import Timeline, TimelineEntry, entry_of
from tests.conftest import SIM_START


def refresher(make_client, tmp_path) -> FleetRefresh:
    session = Session(
        make_client(),
        account="prod",
        audit=AuditLog(tmp_path / "actions.jsonl"),
        clock=Clock(monotonic=lambda: 0.0, now=lambda: SIM_START),
    )
    return FleetRefresh(session, ActionRunner(session, None))  # type: ignore[arg-type]


def entry(n: int, **fields) -> TimelineEntry:
    values = {
        "at": SIM_START + timedelta(seconds=n),
        "account": "prod",
        "vps_id": str(100 + n % 7),
        "reference": f"web-{n % 7}",
        "kind": "state",
        "text": "RUNNING → STOPPED",
    } | fields
    return TimelineEntry(**values)


async def test_a_refresh_tells_each_change_with_old_and_new_but_not_the_first_load(
    sim, make_client, tmp_path
):
    refresh = refresher(make_client, tmp_path)
    events: list[object] = []
    refresh.session.subscribe(events.append)
    refresh.apply(await refresh.read_all(lambda first: None))
    assert not [e for e in events if isinstance(e, ChangeObserved)]  # no "all appeared" flood

    vps = next(v for v in sim.state.vps.values() if v.state == "RUNNING" and len(v.ips) > 1)
    old_reference = vps.reference
    vps.reference = "renamed"
    vps.ips[1].null_routed = True
    gone = next(v for v in sim.state.vps.values() if v.id != vps.id)
    del sim.state.vps[gone.id]
    sim.state.vps_list.remove(gone)
    refresh.apply(await refresh.read_all(lambda first: None))
    seen = {
        (e.vps_id, e.kind, e.subject, e.old, e.new, e.reference)
        for e in events
        if isinstance(e, ChangeObserved)
    }
    assert seen == {
        (vps.id, "reference", "", old_reference, "renamed", "renamed"),
        (vps.id, "null-route", vps.ips[1].ip, "routed", "null-routed", "renamed"),
        (gone.id, "vps", "", "present", "", gone.reference),
    }


def test_a_detail_loaded_again_is_compared_with_the_copy_before_even_an_invalidated_one():
    changes: list[Change] = []
    cache = DetailCache(lambda: 0.0, on_changed=changes.extend)
    vps = VpsDetails(id="1", state="RUNNING")
    cache.put("1", DETAILS, vps)
    cache.put("1", SNAPSHOTS, [Snapshot(id="s1", state="CREATING")])
    cache.put("1", IPS, [IpDetails(ip="10.0.0.1"), IpDetails(ip="10.0.0.2")])
    assert changes == []  # first loads compare with nothing
    cache.invalidate("1", DETAILS)  # as an action does
    cache.put("1", DETAILS, vps.model_copy(update={"iso": IsoImage(id="GRML", name="GRML 2024")}))
    cache.put("1", SNAPSHOTS, [Snapshot(id="s1", state="ACTIVE"), Snapshot(id="s2")])
    cache.put("1", SNAPSHOTS, [Snapshot(id="s2")])
    cache.put("1", IPS, [IpDetails(ip="10.0.0.1", nullRouted=True), IpDetails(ip="10.0.0.2")])
    assert [change.text for change in changes] == [
        "ISO GRML 2024 attached",
        "snapshot s1 CREATING → ACTIVE",
        "snapshot s2 appeared (UNKNOWN)",
        "snapshot s1 removed",
        "IP 10.0.0.1 routed → null-routed",
    ]


def test_it_follows_a_session_and_names_the_vps_of_an_action(make_client, tmp_path):
    session = Session(make_client(), account="prod", audit=AuditLog(tmp_path / "actions.jsonl"))
    timeline = Timeline(tmp_path / "timeline.jsonl")
    timeline.follow(session)
    at = datetime(2026, 3, 1, 12, tzinfo=UTC)
    session.emit(
        ActionCompleted(
            account="prod",
            at=at,
            vps_id="7",
            operation="stop",
            summary="Stop VPS 7",
            outcome="failed",
            status=409,
            correlation_id="c-1",
            error="busy",
        )
    )
    session.emit(HealthChanged(account="prod", at=at, old="ok", new="rate-limited"))
    action, health = timeline.oldest_first()
    assert (action.kind, action.text, action.correlation_id, action.outcome) == (
        "action",
        "Stop VPS: failed (HTTP 409, correlationId c-1): busy",
        "c-1",
        "failed",
    )
    assert (health.kind, health.text, health.vps_id) == ("health", "API ok → rate-limited", "")


def test_a_null_route_seen_by_the_list_and_then_the_ips_tab_is_one_entry(tmp_path):
    timeline = Timeline(tmp_path / "timeline.jsonl")
    seen = entry(1, kind="null-route", subject="10.0.0.1", old="routed", new="null-routed")
    assert timeline.record(seen) and not timeline.record(seen)
    assert timeline.record(entry(2, kind="null-route", subject="10.0.0.1", new="routed"))
    assert len(timeline) == 2


def test_entries_are_private_and_read_back_after_a_restart_newest_first(tmp_path):
    path = tmp_path / "state" / "timeline.jsonl"
    timeline = Timeline(path)
    for n in range(3):
        timeline.record(entry(n, reference=f"hostile\x1b[2J{n}"))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    path.open("a").write("not json\n")  # a torn line is skipped
    again = Timeline(path)
    again.record(entry(9))  # recorded before the history is read back (it loads in a thread)
    history = again.read_history()
    again.adopt(history)
    assert len(history) == 3
    assert [e.at.second for e in again.newest_first()] == [9, 2, 1, 0]
    assert again.oldest_first()[0] == timeline.oldest_first()[0]


def test_memory_and_files_are_bounded(tmp_path):
    path = tmp_path / "timeline.jsonl"
    timeline = Timeline(path, max_entries=100, max_bytes=4000)
    for n in range(1000):
        timeline.record(entry(n))
    assert 100 <= len(timeline) <= 110
    assert next(timeline.newest_first()).at.second == entry(999).at.second
    assert sorted(p.name for p in tmp_path.iterdir()) == ["timeline.1.jsonl", "timeline.jsonl"]
    assert all(p.stat().st_size <= 4000 for p in tmp_path.iterdir())
    on_disk = sum(len(p.read_text().splitlines()) for p in tmp_path.iterdir())
    assert 30 < on_disk < 100 and len(Timeline(path, max_entries=100).read_history()) == on_disk


def test_the_history_of_one_vps_is_its_newest_entries(tmp_path):
    timeline = Timeline(tmp_path / "timeline.jsonl")
    for n in range(50):
        timeline.record(entry(n))
    assert [e.at.second for e in timeline.of_vps("prod", "101", 3)] == [43, 36, 29]
    assert timeline.of_vps("other", "101", 3) == []


def test_a_full_disk_is_told_once_and_the_watching_goes_on(tmp_path, caplog):
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("")
    timeline = Timeline(blocked / "timeline.jsonl")
    for n in range(3):
        assert timeline.record(entry(n))
    assert len(timeline) == 3
    told = [r.getMessage() for r in caplog.records]
    assert len(told) == 1 and told[0].startswith(
        f"cannot write the timeline to {blocked / 'timeline.jsonl'}: "
    )


def test_a_retry_wait_is_not_an_entry_but_errors_and_rate_limits_are():
    at = datetime(2026, 12, 1, 12, tzinfo=UTC)
    told = [
        entry_of(HealthChanged(account="prod", at=at, old=old, new=new), "")
        for old, new in [("ok", "retrying"), ("retrying", "ok"), ("ok", "errors")]
    ]
    assert [e.text if e else None for e in told] == [None, None, "API ok → errors"]
    limited = entry_of(HealthChanged(account="prod", at=at, old="ok", new="rate limited"), "")
    assert limited is not None and limited.kind == "health"
