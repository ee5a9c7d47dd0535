"""Changes you cannot miss: a changed row keeps its mark until the user has seen it (the cursor
passed over it, or ``m``), and the status line counts what is still unseen."""

from __future__ import annotations

from lswtui.tui.widgets.fleet_table import FleetTable
from lswtui.tui.widgets.status_bar import StatusBar
from tests.tui.helpers import make_app, notifications, screen_text, settle


def _by_id(sim):
    return sorted(sim.state.vps.values(), key=lambda v: int(v.id))


def _status(app) -> str:
    return str(app.screen.query_one(StatusBar).render())


async def _refresh_untouched(pilot) -> None:
    """What the refresh timer does: no key pressed."""
    pilot.app.screen.refresh_fleet()
    await settle(pilot)


async def test_a_change_stays_marked_until_the_cursor_passes_over_it(sim, make_client):
    now = [1000.0]
    app = make_app(make_client(), clock=lambda: now[0])
    victims = [v for v in _by_id(sim) if v.state == "RUNNING"][2:4]
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        await settle(pilot)
        table = app.query_one(FleetTable)
        for vps in victims:
            sim.state.vps[vps.id].state = "STOPPED"
        await _refresh_untouched(pilot)
        assert [table.row_text(v.id)[0] for v in victims] == ["Δ", "Δ"]
        assert "Δ 2 unseen" in _status(app)
        assert not any("STOPPED" in n for n in notifications(app))  # no toast: marks say it
        now[0] += 600  # ten minutes later, two refreshes on: still there
        app.screen.fleet_accounts.tick()
        await _refresh_untouched(pilot)
        await _refresh_untouched(pilot)
        assert table.row_text(victims[0].id)[0] == "Δ" and "Δ 2 unseen" in _status(app)
        while table.selected_id != victims[0].id:
            await pilot.press("down")
        await pilot.press("down")  # on, then off: seen
        await pilot.pause()
        assert table.row_text(victims[0].id)[0] == " "
        assert "Δ 1 unseen" in _status(app)


async def test_m_marks_every_change_seen(sim, make_client):
    app = make_app(make_client())
    victims = [v for v in _by_id(sim) if v.state == "RUNNING"][3:6]
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        table = app.query_one(FleetTable)
        for vps in victims:
            sim.state.vps[vps.id].state = "STOPPED"
        await _refresh_untouched(pilot)
        assert "Δ 3 unseen" in _status(app)
        await pilot.press("m")
        await pilot.pause()
        assert [table.row_text(v.id)[0] for v in victims] == [" "] * 3
        assert "unseen" not in _status(app)


def _summary(app) -> str:
    from lswtui.tui.widgets.fleet_summary import FleetSummaryLine

    return app.screen.query_one(FleetSummaryLine).render().plain


async def test_the_summary_counts_states_and_highlights_what_moved(sim, make_client):
    app = make_app(make_client())
    running = [v for v in _by_id(sim) if v.state == "RUNNING"]
    stopped = sum(1 for v in sim.state.vps.values() if v.state == "STOPPED")
    null_routed = sum(1 for v in sim.state.vps.values() for ip in v.ips if ip.null_routed)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        assert f"● {len(running)} running  ○ {stopped} stopped" in _summary(app)
        assert f"⊘ {null_routed} null-routed IPs" in _summary(app)
        assert "▲" not in _summary(app) and "▼" not in _summary(app)
        sim.state.vps[running[0].id].state = "STOPPED"
        await _refresh_untouched(pilot)
        text = _summary(app)
        assert f"● {len(running) - 1} ▼1 running" in text
        assert f"○ {stopped + 1} ▲1 stopped" in text
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        line = screen_text(app).splitlines()[1]  # under the status bar, whole at 80 columns
        assert f"● {len(running) - 1} ▼1  ○ {stopped + 1} ▲1" in line
        assert line.rstrip().endswith(f"⊘ {null_routed} null-routed")
        await _refresh_untouched(pilot)  # nothing moved since: no highlight
        assert "▲" not in _summary(app) and "▼" not in _summary(app)
