"""Toasts never cover the list at 80x24 (issue 11 #7): there the newest replaces the others,
over the details pane; at 140 columns they stack beside the list."""

from __future__ import annotations

from textual.widgets._toast import Toast

from lswtui.tui.widgets.fleet_table import FleetTable
from tests.tui.helpers import make_app, settle


async def _toasts(pilot) -> list:
    await pilot.pause(0.2)
    return list(pilot.app.screen.query(Toast))


def _covers(toast, table) -> bool:
    return toast.region.intersection(table.region).area > 0


async def test_at_80x24_one_toast_shows_and_it_is_not_over_the_list(sim, make_client):
    app = make_app(make_client())
    watched = sorted(v.id for v in sim.state.vps.values() if v.state == "RUNNING")[:5]
    for vps_id in watched:
        app.session.watched.toggle(vps_id)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        table = app.query_one(FleetTable)
        app.notify("Reboot VPS 126855092 db-primary completed in 6s.")
        app.notify("Snapshots: HTTP 503 Service Unavailable, correlationId 1234", severity="error")
        for vps_id in watched:
            sim.state.vps[vps_id].state = "STOPPED"
        app.screen.refresh_fleet()
        await settle(pilot)
        toasts = await _toasts(pilot)
        assert len(toasts) == 1 and "Watched VPS changed" in toasts[0].render().plain
        assert not _covers(toasts[0], table), (toasts[0].region, table.region)


async def test_wide_toasts_stack_beside_the_list(sim, make_client):
    app = make_app(make_client())
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        await settle(pilot)
        for n in range(3):
            app.notify(f"Reboot VPS 12685509{n} completed in 6s.")
        toasts = await _toasts(pilot)
        table = app.query_one(FleetTable)
        assert len(toasts) == 3 and not any(_covers(t, table) for t in toasts)
