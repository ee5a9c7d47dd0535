"""Watched VPSes: w and the palette toggle them (★ on the row), watch: filters them, the list
survives a restart, and their changes ring the bell and notify; other changes stay silent."""

from __future__ import annotations

import pytest

from lswtui.tui.widgets.fleet_table import FleetTable
from tests.tui.actions_helpers import answer, palette_run, select
from tests.tui.helpers import make_app, notifications, settle


def _running(sim):
    return [
        v for v in sorted(sim.state.vps.values(), key=lambda v: int(v.id)) if v.state == "RUNNING"
    ]


@pytest.fixture
def terminal(monkeypatch):
    """A terminal that shows OSC 9 notifications, outside tmux."""
    monkeypatch.setenv("TERM_PROGRAM", "WezTerm")
    for var in ("TMUX", "STY", "VTE_VERSION"):
        monkeypatch.delenv(var, raising=False)


class Terminal:
    """What the app wrote to its terminal: bells and sequences."""

    def __init__(self, app) -> None:
        self.bells = 0
        self.writes: list[str] = []
        app.bell = self._bell
        app._driver.write = self.writes.append

    def _bell(self) -> None:
        self.bells += 1

    @property
    def notifications(self) -> list[str]:
        return [w for w in self.writes if w.startswith("\x1b]9;")]


async def _world_changes(pilot, sim, *vpses) -> None:
    for vps in vpses:
        sim.state.vps[vps.id].state = "STOPPED"
    pilot.app.screen.refresh_fleet()  # the refresh timer's call: no key pressed
    await settle(pilot)


async def test_a_watched_vps_change_rings_the_bell_and_notifies_once(sim, make_client, terminal):
    app = make_app(make_client())
    watched, other = _running(sim)[1], _running(sim)[2]
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        await settle(pilot)
        table = app.query_one(FleetTable)
        await select(pilot, watched.id)
        await answer(pilot, "w")
        assert table.row_text(watched.id)[:2] == " ★"
        out = Terminal(app)
        await _world_changes(pilot, sim, other)
        assert out.bells == 0 and out.writes == []  # not watched: marked, silent
        assert table.row_text(other.id)[0] == "Δ"
        await _world_changes(pilot, sim, watched)
        assert out.bells == 1
        label = f"{watched.id} {watched.reference}".rstrip()
        assert out.notifications == [f"\x1b]9;lswtui: {label}: RUNNING → STOPPED\x07"]
        assert f"{label}: RUNNING → STOPPED" in notifications(app)
        assert table.row_text(watched.id)[:2] == "Δ★"


async def test_changes_of_several_watched_vpses_make_one_toast_and_one_bell(
    sim, make_client, terminal
):
    app = make_app(make_client())
    vpses = _running(sim)[:5]
    for vps in vpses:
        app.session.watched.toggle(vps.id)
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        await settle(pilot)
        out = Terminal(app)
        before = len(notifications(app))
        await _world_changes(pilot, sim, *vpses)
        toasts = notifications(app)[before:]
        assert out.bells == 1 and len(out.notifications) == 1 and len(toasts) == 1
        assert toasts[0].count("→ STOPPED") == 3 and toasts[0].endswith("… and 2 more")
        assert "5 changes: " in out.notifications[0]


@pytest.mark.parametrize("plain", ["no_color", "notify_false"])
async def test_no_desktop_notification_in_plain_mode_or_when_disabled(
    sim, make_client, terminal, monkeypatch, plain
):
    if plain == "no_color":
        monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(make_client(), notify=plain != "notify_false")
    vps = _running(sim)[0]
    app.session.watched.toggle(vps.id)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        out = Terminal(app)
        await _world_changes(pilot, sim, vps)
        assert out.bells == 1 and out.writes == []


async def test_watch_filter_and_the_list_survive_a_restart(sim, make_client):
    vps = _running(sim)[3]
    async with make_app(make_client()).run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await select(pilot, vps.id)
        await palette_run(pilot, "Watch VPS")
        assert "Watching VPS" in notifications(pilot.app)[-1]
    app = make_app(make_client())
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        table = app.query_one(FleetTable)
        assert table.row_text(vps.id)[:2] == " ★"
        await pilot.press("slash", *"watch:")
        await pilot.pause()
        assert table.visible_ids == [vps.id]
        await pilot.press("enter")
        await answer(pilot, "w")  # unwatched: the filter lets it go at once
        assert table.visible_ids == [] and "★" not in table.row_text(vps.id)


async def test_a_watched_vps_snapshot_turning_ready_in_its_open_tab_rings_too(
    sim, clock, make_client, terminal
):
    app = make_app(make_client())
    vps = next(v for v in _running(sim) if not v.snapshots)
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        await settle(pilot)
        await select(pilot, vps.id, tab="snapshots")
        await answer(pilot, "w")
        sim.state.create_snapshot(vps, "snap-1", "nightly", clock.now())  # someone else
        app.screen.refresh_fleet()
        await settle(pilot)
        out = Terminal(app)
        clock.advance(sim.timings.snapshot + 1)
        app.screen.refresh_fleet()
        await settle(pilot)
        assert out.bells == 1, notifications(app)
        assert "snapshot snap-1 CREATING → READY" in out.notifications[0]
