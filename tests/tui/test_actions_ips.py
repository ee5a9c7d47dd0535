"""Reverse DNS, null route and its removal, from the IPs tab and through the IP picker."""

from __future__ import annotations

from lswtui.tui.dialogs import (
    ConfirmDialog,
    NullRouteDialog,
    PickerDialog,
    PromptDialog,
    TypeToConfirmDialog,
)
from lswtui.tui.widgets.fleet_table import FleetTable
from tests.conftest import requests_to
from tests.tui.actions_helpers import (
    answer,
    choose_ip_in_tab,
    dialog_text,
    fill,
    mutations,
    one_request,
    pick,
    running,
    select,
    type_to_confirm,
)
from tests.tui.helpers import notifications, screen_text, until_shown


async def test_reverse_dns_of_the_ip_selected_in_the_tab(sim, make_client):
    vps = pick(sim, lambda v: v.reference == "mail")
    ipv6 = vps.ips[1].ip
    async with running(make_client()) as pilot:
        app = pilot.app
        await choose_ip_in_tab(pilot, vps.id, ipv6)
        await answer(pilot, "L")
        assert isinstance(app.screen, PromptDialog)
        assert f"Set reverse DNS of {ipv6}" in dialog_text(app)
        await fill(pilot, "#prompt-input", "mail6.example.org")
        tab_reads = len(requests_to(sim, "GET", f"/vps/{vps.id}/ips"))
        await answer(pilot, "enter")
        one_request(sim, "PUT", f"/vps/{vps.id}/ips/{ipv6}")
        assert len(mutations(sim)) == 1
        assert sim.state.vps[vps.id].find_ip(ipv6).reverse_lookup == "mail6.example.org"
        await until_shown(pilot, "mail6.example.org")  # the IPs tab was reloaded
        assert (
            len(requests_to(sim, "GET", f"/vps/{vps.id}/ips")) == tab_reads + 1
        )  # once, not twice


async def test_reverse_dns_through_the_picker_when_the_tab_shows_no_ip(sim, make_client):
    vps = pick(sim, lambda v: v.reference == "mail")
    main = vps.main_ip.ip
    async with running(make_client()) as pilot:
        app = pilot.app
        await select(pilot, vps.id)  # Overview tab: no IP selected
        await answer(pilot, "L")
        assert isinstance(app.screen, PickerDialog)
        assert app.screen.filter_list.visible_ids == [ip.ip for ip in vps.ips]
        await fill(pilot, "#picker-list Input", main)
        await answer(pilot, "enter")
        assert isinstance(app.screen, PromptDialog)
        await fill(pilot, "#prompt-input", "not a host!")
        await answer(pilot, "enter")
        assert "Not a valid host name" in dialog_text(app) and mutations(sim) == []
        await fill(pilot, "#prompt-input", "mx.example.org")
        await answer(pilot, "enter")
        one_request(sim, "PUT", f"/vps/{vps.id}/ips/{main}")
        assert sim.state.vps[vps.id].main_ip.reverse_lookup == "mx.example.org"


async def test_null_route_with_comment_and_automatic_removal(sim, clock, make_client):
    vps = pick(sim, lambda v: v.reference == "mail")
    main = vps.main_ip.ip  # its only public IPv4 (an INTERNAL one cannot be null-routed)
    async with running(make_client()) as pilot:
        app = pilot.app
        await choose_ip_in_tab(pilot, vps.id, main)
        await answer(pilot, "Z")
        assert isinstance(app.screen, NullRouteDialog)
        await fill(pilot, "#null-comment", "abuse ticket 42")
        await fill(pilot, "#null-hours", "17521")
        await answer(pilot, "enter")
        assert "1 to 17520" in dialog_text(app) and mutations(sim) == []
        await fill(pilot, "#null-hours", "2")
        await answer(pilot, "enter")
        await type_to_confirm(pilot, vps.id)  # the main IP: the typed id confirms
        one_request(sim, "POST", f"/vps/{vps.id}/ips/{main}/null")
        assert len(mutations(sim)) == 1
        ip = sim.state.vps[vps.id].find_ip(main)
        assert (ip.null_routed, ip.null_comment) == (True, "abuse ticket 42")
        assert "NULL-ROUTED" in screen_text(app)
        assert [e.parameters for e in app.session.audit.read()] == [
            {"ip": main, "comment": "abuse ticket 42", "automatedUnnulingAt": 2}
        ]
        clock.advance(2 * 3600 + 1)
        sim.catch_up()
        assert not ip.null_routed


async def test_null_route_of_the_main_ip_needs_the_typed_id_and_ipv6_is_not_offered(
    sim, make_client
):
    vps = pick(sim, lambda v: v.reference == "mail")
    main = vps.main_ip.ip
    async with running(make_client()) as pilot:
        app = pilot.app
        await select(pilot, vps.id)
        await answer(pilot, "Z")
        assert isinstance(app.screen, PickerDialog)
        items = {item.id: item.disabled_reason for item in app.screen.filter_list.items}
        internal = next(ip.ip for ip in vps.ips if ip.network_type == "INTERNAL")
        assert items[vps.ips[1].ip] == "null routing works for IPv4 only" and items[main] is None
        assert (
            items[internal]
            == f"{internal} is an INTERNAL address; only public IPv4 addresses can be null-routed"
        )
        await fill(pilot, "#picker-list Input", vps.ips[1].ip)
        await answer(pilot, "enter")
        assert isinstance(app.screen, PickerDialog) and "Nothing selectable" in dialog_text(app)
        await fill(pilot, "#picker-list Input", main)
        await answer(pilot, "enter")
        assert isinstance(app.screen, NullRouteDialog)
        assert f"{main} is the MAIN IP" in dialog_text(app)
        await answer(pilot, "enter", "enter")  # through the comment and the hours field
        assert isinstance(app.screen, TypeToConfirmDialog)
        await type_to_confirm(pilot, main)
        assert isinstance(app.screen, TypeToConfirmDialog) and mutations(sim) == []
        await type_to_confirm(pilot, vps.id)
        one_request(sim, "POST", f"/vps/{vps.id}/ips/{main}/null")
        assert sim.state.vps[vps.id].main_ip.null_routed
        assert "⊘" in app.query_one(FleetTable).row_text(vps.id)


async def test_remove_null_route(sim, make_client):
    vps = pick(sim, lambda v: v.main_ip and v.main_ip.nulled_by == "customer")
    main = vps.main_ip.ip
    async with running(make_client()) as pilot:
        app = pilot.app
        table = app.query_one(FleetTable)
        assert "⊘" in table.row_text(vps.id)
        await choose_ip_in_tab(pilot, vps.id, main)
        await answer(pilot, "U")
        assert isinstance(app.screen, ConfirmDialog)
        assert f"Routes traffic to {main} again" in dialog_text(app)
        await answer(pilot, "y")
        one_request(sim, "POST", f"/vps/{vps.id}/ips/{main}/unnull")
        assert len(mutations(sim)) == 1
        assert not sim.state.vps[vps.id].main_ip.null_routed
        assert "⊘" not in table.row_text(vps.id)
        assert any(f"Null route of {main} removed" in n for n in notifications(app))
