"""Detail tabs follow the world without a key press: what someone else did (a snapshot turning
READY, an ISO attached, an IP null-routed) shows in the tab, within the refresh's budget of the
list pages plus one detail."""

from __future__ import annotations

from lswtui.tui.widgets.fleet_table import FleetTable
from tests.tui.actions_helpers import select
from tests.tui.helpers import make_app, screen_text, settle


def _quiet_running(sim):
    return [
        v
        for v in sorted(sim.state.vps.values(), key=lambda v: int(v.id))
        if v.state == "RUNNING" and not v.snapshots and v.iso is None
    ]


def _paths(sim, since: int) -> list[str]:
    return sorted(r.path.removeprefix("/publicCloud/v1/") for r in sim.requests[since:])


async def _refresh_untouched(pilot) -> None:
    pilot.app.screen.refresh_fleet()  # the refresh timer's call
    await settle(pilot)


async def test_a_snapshot_turning_ready_shows_in_the_open_tab_within_the_budget(
    sim, clock, make_client
):
    vps = _quiet_running(sim)[2]
    app = make_app(make_client(page_size=10))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await select(pilot, vps.id, tab="snapshots")
        sim.state.create_snapshot(vps, "snap-1", "nightly", clock.now())  # someone else
        await _refresh_untouched(pilot)
        assert "CREATING" in screen_text(app) and "nightly" in screen_text(app)
        clock.advance(sim.timings.snapshot + 1)
        before = len(sim.requests)
        await _refresh_untouched(pilot)
        assert "READY" in screen_text(app) and "CREATING" not in screen_text(app)
        assert _paths(sim, before) == sorted(["vps"] * 3 + [f"vps/{vps.id}/snapshots"])


async def test_an_iso_attached_elsewhere_shows_in_the_open_tab(sim, clock, make_client):
    vps = _quiet_running(sim)[1]
    iso = next(iter(sim.state.isos.values()))
    app = make_app(make_client())
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await select(pilot, vps.id, tab="iso")
        sim.state.attach_iso(vps, iso, clock.now())
        clock.advance(sim.timings.iso + 1)
        await _refresh_untouched(pilot)
        assert iso.name in screen_text(app)


async def test_a_tab_opened_after_its_vps_changed_reloads_instead_of_showing_the_old_copy(
    sim, clock, make_client
):
    vps = _quiet_running(sim)[3]
    app = make_app(make_client())
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await select(pilot, vps.id, tab="ips")
        assert "NULL-ROUTED" not in screen_text(app)
        app.screen.action_show_tab("overview")
        await settle(pilot)
        sim.state.null_route(vps, vps.main_ip, clock.now(), comment=None, unnull_after_hours=None)
        await _refresh_untouched(pilot)
        assert app.query_one(FleetTable).row_text(vps.id)[0] == "Δ"
        before = len(sim.requests)
        app.screen.action_show_tab("ips")
        await settle(pilot)
        assert "NULL-ROUTED" in screen_text(app)
        assert _paths(sim, before) == [f"vps/{vps.id}/ips"]
