"""Every detail tab shows the simulator's data for the selected VPS, loaded in a worker."""

from __future__ import annotations

from textual.widgets import DataTable

from lswtui.tui.panes.credentials import MASK
from lswtui.tui.widgets.fleet_table import FleetTable
from tests.conftest import requests_to
from tests.tui.actions_helpers import pick, select
from tests.tui.helpers import make_app, notifications, screen_text, settle


async def test_overview_shows_details_contract_and_sparkline(sim, make_client):
    app = make_app(make_client())
    vps = pick(sim, lambda v: v.contract.control_panel)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await select(pilot, vps.id)
        text = screen_text(app)
        assert vps.pack.name in text
        assert f"{vps.pack.cpu} vCPU" in text
        assert vps.contract.type in text
        assert vps.contract.sla in text
        assert vps.contract.control_panel in text
        assert f"{vps.root_disk_size} GB" in text
        assert "Traffic 30 d (" in text
        assert requests_to(sim, "GET", f"/vps/{vps.id}/metrics/datatraffic")


async def test_overview_shows_startedat_as_the_first_start_not_an_uptime(sim, make_client):
    """startedAt is the first start after launch (the OpenAPI spec): it says nothing of the last
    boot, so the overview must not turn it into "up 766d19h" (issue 11 #26)."""
    app = make_app(make_client())
    vps = pick(sim, lambda v: v.state == "RUNNING" and v.started_at is not None)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await select(pilot, vps.id)
        row = next(
            line
            for line in screen_text(app).splitlines()
            if vps.started_at.strftime("%Y-%m-%d %H:%M") in line
        )
        assert "First started" in row and "(up " not in row


async def test_ips_tab_lists_every_ip_with_null_route_state(sim, make_client):
    app = make_app(make_client())
    vps = pick(sim, lambda v: any(ip.null_routed for ip in v.ips))
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await select(pilot, vps.id)
        await pilot.press("2")
        await settle(pilot)
        table = app.screen.query_one("#pane-ips DataTable", DataTable)
        assert set(table.rows) == {ip.ip for ip in vps.ips}
        text = screen_text(app)
        assert "NULL-ROUTED" in text
        ipv6 = next(ip for ip in vps.ips if ip.version == 6)
        assert f"{ipv6.ip}/{ipv6.prefix_length}" in text  # the version is plain from the address


async def test_credentials_masked_until_revealed_then_hidden_again(sim, make_client):
    app = make_app(make_client())
    vps = pick(sim, lambda v: v.credentials)
    secret = vps.credentials[0].password
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await select(pilot, vps.id)
        await pilot.press("3")
        await settle(pilot)
        text = screen_text(app)
        assert vps.credentials[0].username in text
        assert MASK in text and secret not in text
        assert not requests_to(
            sim, "GET", f"/credentials/{vps.credentials[0].type}/{vps.credentials[0].username}"
        )
        app.screen.pane("credentials").table.focus()
        await pilot.press("v")
        await settle(pilot)
        assert secret in screen_text(app)
        assert (
            len(
                requests_to(
                    sim,
                    "GET",
                    f"/credentials/{vps.credentials[0].type}/{vps.credentials[0].username}",
                )
            )
            == 1
        )
        await pilot.press("v")
        await pilot.pause()
        assert secret not in screen_text(app)
        await pilot.press("c")
        await settle(pilot)
        assert app.clipboard == secret
        assert not any(secret in n for n in notifications(app))


async def test_snapshots_tab_shows_name_state_created(sim, make_client):
    app = make_app(make_client())
    vps = pick(sim, lambda v: v.snapshots)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await select(pilot, vps.id)
        await pilot.press("4")
        await settle(pilot)
        text = screen_text(app)
        snap = vps.snapshots[0]
        assert snap.display_name in text
        assert snap.state in text
        assert snap.created.strftime("%Y-%m-%d") in text


async def test_iso_tab_shows_attached_iso_and_searchable_catalogue(sim, make_client):
    app = make_app(make_client())
    vps = pick(sim, lambda v: v.iso)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await select(pilot, vps.id)
        await pilot.press("5")
        await settle(pilot)
        assert f"Attached: {vps.iso.name}" in screen_text(app)
        catalogue = app.screen.query_one("#iso-catalogue", DataTable)
        assert catalogue.row_count == len(sim.state.isos)
        app.screen.query_one("#iso-search").value = "grml"
        await pilot.pause()
        assert list(catalogue.rows) == ["GRML"]


async def test_traffic_tab_plots_and_summarises_and_switches_range(sim, make_client):
    app = make_app(make_client())
    vps = pick(sim, lambda v: v.state == "RUNNING")
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await select(pilot, vps.id)
        await pilot.press("6")
        await settle(pilot)
        text = screen_text(app)
        assert "last 30 days" in text
        assert "Total" in text and "Peak" in text and "Per day" in text
        assert "GB" in text or "MB" in text
        await pilot.press("d")
        await settle(pilot)
        assert "last 90 days" in screen_text(app)


async def test_tab_data_is_loaded_only_for_the_visible_tab(sim, make_client):
    app = make_app(make_client())
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        assert not [r for r in sim.requests if "/snapshots" in r.path or "/credentials" in r.path]
        selected = app.query_one(FleetTable).selected_id
        assert requests_to(sim, "GET", f"/vps/{selected}")
