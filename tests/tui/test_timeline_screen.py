"""The Timeline screen (it replaced the Action log): opened with ``a`` or the palette, newest
first, live, filtered, ``enter`` goes to the VPS, ``e`` exports an incident report."""

from __future__ import annotations

import asyncio
import json
import stat
from datetime import timedelta

from lswtui.api import LeasewebClient
from lswtui.core.state_files import DEMO_FILES
from lswtui.core.timeline import KINDS, TimelineEntry
from lswtui.sim import DEMO_BASE_URL, FakeClock, Simulator
from lswtui.tui.screens.fleet import FleetScreen
from lswtui.tui.screens.timeline import TimelineScreen
from lswtui.tui.widgets.fleet_table import FleetTable
from lswtui.tui.widgets.timeline_table import TimelineTable
from tests.conftest import SIM_START
from tests.tui.actions_helpers import answer, fill, pick, select
from tests.tui.faults_helpers import WRITES, FaultSwitch, app_on, switched_sim
from tests.tui.helpers import make_app, notifications, screen_text, settle

HOSTILE = "evil\x1b]52;c;WHl5eQ==\x07\u202eref"


def lines_of(app) -> list[str]:
    table = app.screen.query_one(TimelineTable)
    return [table.line_text(i) for i in range(table.row_count)]


async def until_recorded(pilot, predicate, timeout: float = 10.0) -> TimelineEntry:
    """Wait for the timeline to record an entry (a refresh on its timer, not a key)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        found = [e for e in pilot.app.timeline.newest_first() if predicate(e)]
        if found:
            return found[0]
        assert loop.time() < deadline, "the timeline never recorded it"
        await asyncio.sleep(0.02)


async def export(pilot, window: str) -> tuple[str, dict]:
    """``e``, pick ``window``: the Markdown and JSON written."""
    await answer(pilot, "e")
    pilot.app.screen.filter_list.input.value = window
    await answer(pilot, "enter")
    directory = pilot.app.timeline.path.parent
    (markdown,) = directory.glob("incident-report-*.md")
    (data,) = directory.glob("incident-report-*.json")
    assert stat.S_IMODE(markdown.stat().st_mode) == stat.S_IMODE(data.stat().st_mode) == 0o600
    assert any(str(markdown) in n and str(data) in n for n in notifications(pilot.app))
    return markdown.read_text(), json.loads(data.read_text())


async def test_actions_and_their_outcomes_show_newest_first_and_export(clock):
    switch = FaultSwitch("5xx=1", seed=1, methods=WRITES, on=False)
    sim = switched_sim(clock, switch)
    app, _ = app_on(sim)
    first, second = [
        v for v in sorted(sim.state.vps.values(), key=lambda v: int(v.id)) if v.state == "RUNNING"
    ][:2]
    async with app.run_test(size=(180, 40)) as pilot:
        await settle(pilot)
        await select(pilot, first.id)
        await answer(pilot, "X")
        await answer(pilot, "y")
        switch.on = True
        await select(pilot, second.id)
        await answer(pilot, "B")
        await answer(pilot, "y")
        await answer(pilot, "a")
        assert isinstance(app.screen, TimelineScreen)
        lines = lines_of(app)
        stop = next(i for i, line in enumerate(lines) if first.id in line and "Stop" in line)
        reboot = next(i for i, line in enumerate(lines) if second.id in line and "Reboot" in line)
        assert reboot < stop
        sent = [r for r in sim.requests if r.method == "POST"]
        assert sent[0].correlation_id in lines[stop] and "accepted" in lines[stop]
        assert sent[1].correlation_id in lines[reboot] and "failed" in lines[reboot]
        assert first.reference in lines[stop]  # the VPS by id and reference

        markdown, data = await export(pilot, "Everything")
        actions = [e for e in data["entries"] if e["kind"] == "action"]
        assert [e["subject"] for e in actions][:2] == ["reboot", "reboot"]
        assert sent[1].correlation_id in markdown

        await answer(pilot, "escape")
        assert isinstance(app.screen, FleetScreen)


async def test_the_palette_opens_it_and_an_empty_timeline_says_so(sim, make_client):
    app = make_app(make_client())
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        titles = {command.title: command for command in app.get_system_commands(app.screen)}
        titles["Timeline"].callback()
        await settle(pilot)
        assert isinstance(app.screen, TimelineScreen)
        assert "Nothing recorded yet." in screen_text(app)
        await answer(pilot, "a")
        assert isinstance(app.screen, FleetScreen)


async def test_a_change_made_elsewhere_appears_live_with_old_and_new(sim, clock, make_client):
    app = make_app(make_client(), auto_refresh=True, refresh_interval=0.2)
    vps = pick(sim, lambda v: v.state == "RUNNING")
    async with app.run_test(size=(180, 40)) as pilot:
        await settle(pilot)
        await answer(pilot, "a")  # open before the change: it appears while open
        old_reference = vps.reference
        vps.reference = "renamed-elsewhere"
        sim.state.stop(vps, clock.now())
        await until_recorded(pilot, lambda e: e.kind == "state" and e.vps_id == vps.id)
        await until_recorded(pilot, lambda e: e.kind == "reference" and e.vps_id == vps.id)
        await settle(pilot)
        shown = screen_text(app)
        assert f"reference {old_reference} → renamed-elsewhere" in shown
        assert "RUNNING → STOPPING" in shown
        assert "renamed-elsewhere" in lines_of(app)[0]

        await answer(pilot, "t")  # kind: state
        assert all(" state " in line for line in lines_of(app)) and lines_of(app)
        await answer(pilot, "t")  # kind: null-route
        assert lines_of(app) == [] and "Nothing matches the filter." in screen_text(app)
        for _ in range(len(KINDS) - 1):  # round to every kind (None first, then each kind)
            await pilot.press("t")
        await answer(pilot, "slash")
        await pilot.press(*"renamed")
        await settle(pilot)
        assert lines_of(app) and all("renamed" in line for line in lines_of(app))


async def test_enter_on_an_entry_selects_its_vps_in_the_list(sim, clock, make_client):
    app = make_app(make_client())
    vps = [v for v in sim.state.vps_list if v.state == "RUNNING"][-1]
    async with app.run_test(size=(180, 40)) as pilot:
        await settle(pilot)
        assert app.query_one(FleetTable).selected_id != vps.id
        sim.state.stop(vps, clock.now())
        app.screen.refresh_fleet()  # what the refresh timer does
        await settle(pilot)
        await answer(pilot, "a")
        assert vps.id in lines_of(app)[0]
        await answer(pilot, "enter")
        assert isinstance(app.screen, FleetScreen)
        assert app.screen.query_one(FleetTable).selected_id == vps.id


async def test_the_timeline_survives_a_restart(sim, clock, make_client):
    vps = pick(sim, lambda v: v.state == "RUNNING")
    app = make_app(make_client())
    async with app.run_test(size=(180, 40)) as pilot:
        await settle(pilot)
        await select(pilot, vps.id)
        await answer(pilot, "X")
        await answer(pilot, "y")
        clock.advance(sim.timings.stop + 1)
        app.screen.refresh_fleet()
        await settle(pilot)
    before = [e.text for e in app.timeline.newest_first()]
    assert any("STOPPING → STOPPED" in text for text in before)

    again = make_app(make_client())
    async with again.run_test(size=(180, 40)) as pilot:
        await settle(pilot)
        assert [e.text for e in again.timeline.newest_first()] == before
        await answer(pilot, "a")
        assert "STOPPING → STOPPED" in screen_text(again)
        assert any("Stop VPS" in line and "accepted" in line for line in lines_of(again))


async def test_the_demos_reports_are_named_apart_from_real_ones(make_client):
    """QA: a report exported in ``--demo`` was named like a real one (``incident-report-…``)."""
    app = make_app(make_client(), files=DEMO_FILES)
    async with app.run_test(size=(180, 40)) as pilot:
        await settle(pilot)
        await answer(pilot, "a")
        await export(pilot, "Last hour")
        directory = app.timeline.path.parent
        assert app.timeline.path.name == "timeline-demo.jsonl"
        assert [p.name.split("-2")[0] for p in sorted(directory.glob("incident-report*"))] == [
            "incident-report-demo",
            "incident-report-demo",
        ]


async def test_the_export_holds_the_window_and_not_what_is_older(sim, clock, make_client):
    app = make_app(make_client())
    async with app.run_test(size=(180, 40)) as pilot:
        await settle(pilot)
        now = app.session.clock.now()
        for minutes, text in ((120, "two hours ago"), (30, "half an hour ago"), (1, "just now")):
            app.timeline.record(
                TimelineEntry(
                    at=now - timedelta(minutes=minutes),
                    account="test",
                    vps_id="1",
                    reference="web",
                    kind="state",
                    text=text,
                )
            )
        await answer(pilot, "a")
        markdown, data = await export(pilot, "Last hour")
        assert "just now" in markdown and "half an hour ago" in markdown
        assert "two hours ago" not in markdown
        assert [e["text"] for e in data["entries"]] == ["just now", "half an hour ago"]
        assert data["window"] == "last hour"

        for report in app.timeline.path.parent.glob("incident-report-*"):
            report.unlink()
        since = (now - timedelta(minutes=45)).astimezone().strftime("%H:%M")
        await answer(pilot, "e")
        app.screen.filter_list.input.value = "Since a time"
        await answer(pilot, "enter")
        await fill(pilot, "#prompt-input", since)
        await answer(pilot, "enter")
        (data,) = app.timeline.path.parent.glob("incident-report-*.json")
        document = json.loads(data.read_text())
        assert [e["text"] for e in document["entries"]] == ["just now", "half an hour ago"]
        assert document["window"] == f"since {since}"


async def test_hostile_text_in_a_reference_is_escaped_on_screen_and_in_the_export(
    sim, clock, make_client
):
    app = make_app(make_client())
    vps = pick(sim, lambda v: v.state == "RUNNING")
    async with app.run_test(size=(180, 40)) as pilot:
        await settle(pilot)
        vps.reference = HOSTILE  # through the API: escaped at its boundary
        app.screen.refresh_fleet()
        await settle(pilot)
        app.timeline.record(  # as from a file edited by hand: escaped when shown and written
            TimelineEntry(
                at=app.session.clock.now(),
                account="test",
                vps_id=vps.id,
                reference=HOSTILE,
                kind="reference",
                text=f"reference x → {HOSTILE}",
            )
        )
        await answer(pilot, "a")
        shown = screen_text(app)
        assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
        assert "\\x1b]52" in shown and "\\u202e" in shown
        markdown, data = await export(pilot, "Everything")
        assert "\x1b" not in markdown and "\x07" not in markdown and "\u202e" not in markdown
        assert data["entries"][0]["reference"] == HOSTILE  # the JSON keeps it


async def test_a_detail_changed_elsewhere_is_in_the_timeline_and_the_overview(
    sim, clock, make_client
):
    app = make_app(make_client())
    vps = pick(sim, lambda v: v.state == "RUNNING" and v.iso is None)
    iso = next(iter(sim.state.isos.values()))
    async with app.run_test(size=(180, 50)) as pilot:
        await settle(pilot)
        await select(pilot, vps.id)
        assert "none seen yet" in screen_text(app)
        sim.state.attach_iso(vps, iso, clock.now())
        sim.state.stop(vps, clock.now())
        clock.advance(sim.timings.iso + 1)
        app.screen.refresh_fleet()  # the list, then the open tab reloads (the Overview)
        await settle(pilot)
        await until_recorded(pilot, lambda e: e.kind == "iso" and e.vps_id == vps.id)
        app.screen.refresh_fleet()  # the Overview shows what the last refresh recorded
        await settle(pilot)
        shown = screen_text(app)
        assert f"iso: ISO {iso.name} attached" in shown
        assert "state: RUNNING → STOPPING" in shown

        await select(pilot, vps.id, tab="snapshots")
        sim.state.create_snapshot(vps, "snap-1", "nightly", clock.now())
        app.screen.refresh_fleet()
        await settle(pilot)
        await until_recorded(pilot, lambda e: e.kind == "snapshot" and e.subject == "snap-1")
        await answer(pilot, "a")
        assert "snapshot snap-1 appeared (CREATING)" in screen_text(app)


async def test_a_timeline_left_open_keeps_no_more_than_the_timeline_does(sim, make_client):
    app = make_app(make_client())
    async with app.run_test(size=(180, 40)) as pilot:
        await settle(pilot)
        app.timeline.max_entries = 20
        await answer(pilot, "a")
        table = app.screen.query_one(TimelineTable)
        for n in range(100):
            app.timeline.record(
                TimelineEntry(
                    at=app.session.clock.now(),
                    account="test",
                    vps_id=str(n),
                    reference="",
                    kind="state",
                    text=f"change {n}",
                )
            )
        await settle(pilot)
        assert 20 <= table.row_count <= 22 and 20 <= len(app.timeline) <= 22
        assert "change 99" in table.line_text(0)


async def test_two_minutes_of_a_living_account_fill_the_timeline_untouched():
    """The demo's account (seed 42, 25 VPSes, activity normal) watched for 2 minutes, refreshed
    every 10 s by the timer's own call, not a key: at least 3 changes nobody here made."""
    clock = FakeClock(SIM_START)
    sim = Simulator(seed=42, vps_count=25, clock=clock, activity="normal")
    client = LeasewebClient.create(sim.api_key, base_url=DEMO_BASE_URL, transport=sim.transport())
    app = make_app(client, wall_clock=clock.now)
    async with app.run_test(size=(180, 40)) as pilot:
        await settle(pilot)
        fleet = app.screen
        for _ in range(12):
            clock.advance(10)
            fleet.refresh_fleet()
            await settle(pilot)
        seen = [e for e in app.timeline.newest_first() if e.kind not in ("action", "health")]
        assert len({(e.vps_id, e.kind, e.subject, e.new) for e in seen}) >= 3, seen
        assert not [e for e in app.timeline.newest_first() if e.kind == "action"]
        await answer(pilot, "a")
        shown = screen_text(app)
        assert all(e.text in shown for e in seen[:5])
        assert seen[0].at - seen[-1].at <= timedelta(minutes=2)
