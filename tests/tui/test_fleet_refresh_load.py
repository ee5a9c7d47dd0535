"""The refresh loop's cost: a refresh reads the list pages plus the visible tab, and a fleet of
several pages in transition re-reads only the moving VPSes between full refreshes."""

from __future__ import annotations

from lswtui.core import refresh
from lswtui.tui.widgets.fleet_table import FleetTable
from tests.tui.helpers import make_app, notifications, settle


async def test_a_refresh_reads_the_list_pages_and_the_visible_tab_only(sim, make_client):
    app = make_app(make_client(page_size=10))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        table = app.query_one(FleetTable)
        before = len(sim.requests)
        await pilot.press("r")
        await settle(pilot)
        paths = sorted(r.path.removeprefix("/publicCloud/v1/") for r in sim.requests[before:])
        assert paths == sorted(["vps"] * 3 + [f"vps/{table.selected_id}"])


async def test_a_fleet_of_many_pages_polls_only_the_moving_vpses(
    sim, clock, make_client, monkeypatch
):
    monkeypatch.setattr(refresh, "FAST_REFRESH", 0.2)
    app = make_app(make_client(page_size=5), auto_refresh=True, refresh_interval=60)
    for vps in sim.state.vps.values():  # settle the demo world's own transitions
        vps.state = "RUNNING" if vps.state in ("STARTING", "RUNNING") else "STOPPED"
    victim = sorted(
        (v for v in sim.state.vps.values() if v.state == "RUNNING"), key=lambda v: int(v.id)
    )[3]
    app.session.watched.toggle(victim.id)  # its changes are told in a toast
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        sim.state.stop(victim, clock.now())
        await pilot.press("r")
        await settle(pilot)
        table = app.query_one(FleetTable)
        assert "STOPPING" in table.row_text(victim.id) and table.selected_id != victim.id
        clock.advance(sim.timings.stop + 1)
        before = len(sim.requests)
        await pilot.pause(0.5)
        await settle(pilot)
        paths = {r.path.removeprefix("/publicCloud/v1/") for r in sim.requests[before:]}
        assert paths == {f"vps/{victim.id}"}
        assert "○ STOPPED" in table.row_text(victim.id)
        label = table.row(victim.id).label
        assert f"{label}: STOPPING → STOPPED" in notifications(app)


async def test_the_api_health_indicator_sees_every_request(sim, make_client):
    app = make_app(make_client())
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert app.session.health.requests_sent == len(sim.requests) > 0
