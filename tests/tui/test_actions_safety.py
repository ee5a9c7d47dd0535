"""Safety of the actions: disabled ones say why, errors reach the user, a 403 turns the session
read-only, read-only sends nothing, a double press sends once, every action is in the palette.
(Cancelling every action is in test_actions_cancel.py.)"""

from __future__ import annotations

import pytest

from lswtui.api import LeasewebClient, ReadOnlyError
from lswtui.core.actions import ACTIONS, ACTIONS_BY_ID
from lswtui.core.runner import ActionRunner
from lswtui.sim import DEMO_BASE_URL, Simulator
from lswtui.sim.errors import error_response
from lswtui.tui.screens.fleet import FleetScreen
from lswtui.tui.widgets.fleet_table import FleetTable
from tests.conftest import requests_to
from tests.tui.actions_helpers import (
    MUTATING,
    answer,
    choose_ip_in_tab,
    mutations,
    one_request,
    open_palette,
    palette_find,
    pick,
    running,
    select,
)
from tests.tui.helpers import notifications, screen_text


def first(v) -> bool:  # the VPS selected at start: RUNNING, one credential, no ISO, no snapshot
    return v.reference == "db-primary"


async def test_disabled_actions_say_why_and_send_nothing(sim, make_client):
    with_iso = pick(sim, lambda v: v.iso is not None and not v.snapshots)
    with_snapshot = pick(sim, lambda v: v.snapshots and v.state == "RUNNING")
    stopped = pick(sim, lambda v: v.state == "STOPPED" and not v.snapshots)
    mail = pick(sim, lambda v: v.reference == "mail")  # main IPv4, IPv6, private IPv4
    nulled = pick(sim, lambda v: v.main_ip and v.main_ip.null_routed)
    internal = next(ip for ip in mail.ips if ip.network_type == "INTERNAL")
    cases = [  # (VPS, tab, IP to select in the IPs tab, action, reason)
        (
            with_iso,
            "iso",
            None,
            "attach_iso",
            f"ISO {with_iso.iso.id} is attached; detach it first",
        ),
        (mail, "iso", None, "detach_iso", "no ISO is attached"),
        (
            with_snapshot,
            "snapshots",
            None,
            "create_snapshot",
            "the VPS already has a snapshot (Leaseweb allows one)",
        ),
        (stopped, "snapshots", None, "create_snapshot", "a snapshot needs RUNNING"),
        (stopped, "snapshots", None, "restore_snapshot", "the VPS has no snapshot"),
        (stopped, "overview", None, "console", "the VPS is STOPPED; this needs RUNNING"),
        (mail, "ips", mail.ips[1].ip, "null_route", "null routing works for IPv4 only"),
        (mail, "ips", internal.ip, "null_route", f"{internal.ip} is an INTERNAL address"),
        (
            mail,
            "ips",
            mail.main_ip.ip,
            "remove_null_route",
            f"{mail.main_ip.ip} is not null-routed",
        ),
        (
            nulled,
            "ips",
            nulled.main_ip.ip,
            "null_route",
            f"{nulled.main_ip.ip} is already null-routed",
        ),
    ]
    async with running(make_client()) as pilot:
        app = pilot.app
        for vps, tab, ip, action_id, reason in cases:
            spec = ACTIONS_BY_ID[action_id]
            if ip:
                await choose_ip_in_tab(pilot, vps.id, ip)
            else:
                await select(pilot, vps.id, tab)
            assert reason in (app.screen.actions.unavailable(action_id) or ""), action_id
            assert app.screen.check_action("vps_action", (action_id,)) is None  # dimmed
            await answer(pilot, spec.key)
            assert isinstance(app.screen, FleetScreen), action_id
            said = notifications(app)[-1]
            assert said.startswith(f"{spec.title} is not available: ") and reason in said, said
        assert mutations(sim) == []
        assert (
            requests_to(sim, "GET", f"/vps/{stopped.id}/console") == []
        )  # a read, not sent either


async def test_an_api_error_shows_its_message_and_correlation_id(sim, make_client):
    vps = pick(sim, first)
    async with running(make_client()) as pilot:
        app = pilot.app
        await select(pilot, vps.id)
        await answer(pilot, "X")
        async with sim.client() as someone_else:  # the VPS changes behind the open dialog
            assert (await someone_else.post(f"/vps/{vps.id}/stop")).status_code == 202
        await answer(pilot, "y")
        mine = requests_to(sim, "POST", f"/vps/{vps.id}/stop")[-1]
        assert mine.status == 400 and len(mutations(sim)) == 2
        [error] = [n for n in notifications(app) if n.startswith("Stop VPS") and "failed" in n]
        assert "The VPS must be running before the execution (it is STOPPING)." in error
        assert f"correlationId: {mine.correlation_id}" in error
        [entry] = app.session.audit.read()
        assert (entry.outcome, entry.status, entry.correlation_id) == (
            "failed",
            400,
            mine.correlation_id,
        )
        assert vps.id not in app.screen.actions.busy
        assert not app.query_one(FleetTable).row_text(vps.id).startswith("⟳")
        await answer(pilot, "r")  # the app keeps running
        assert app.query_one(FleetTable).row(vps.id).state == "STOPPING"


def forbid_writes(app):
    """A sim layer answering every write like a read-only Leaseweb API key: 403."""

    async def layer(scope, receive, send):
        if scope["type"] == "http" and scope["method"] in MUTATING:
            correlation = scope.get("state", {}).get("correlation_id", "")
            await error_response(
                403, "Access to the requested resource is forbidden.", correlation
            )(scope, receive, send)
        else:
            await app(scope, receive, send)

    return layer


async def test_403_says_the_key_may_not_and_switches_to_read_only(clock):
    sim = Simulator(seed=42, vps_count=25, clock=clock, extra_layers=[forbid_writes])
    client = LeasewebClient.create(sim.api_key, base_url=DEMO_BASE_URL, transport=sim.transport())
    vps = pick(sim, first)
    async with running(client) as pilot:
        app = pilot.app
        assert "READ-ONLY" not in screen_text(app)
        await answer(pilot, "X", "y")
        [sent] = mutations(sim)
        assert sent.status == 403
        texts = notifications(app)
        assert any(
            "may not perform that action (403)" in n
            and f"correlationId: {sent.correlation_id}" in n
            for n in texts
        )
        assert any(
            "Read-only until restart: the API key may not perform Stop VPS" in n for n in texts
        )
        assert app.session.read_only and client.read_only
        assert "READ-ONLY" in screen_text(app)
        await answer(pilot, "B")
        assert isinstance(app.screen, FleetScreen)
        assert notifications(app)[-1] == "Read-only mode: Reboot VPS is not available."
        assert mutations(sim) == [sent]
        assert sim.state.vps[vps.id].state == "RUNNING"


async def test_read_only_sends_nothing_for_any_action_key_or_palette_action(sim, make_client):
    client = make_client()
    vps = pick(sim, lambda v: v.iso is not None and v.snapshots)
    writes = [a for a in ACTIONS if a.mutating]
    async with running(client, read_only=True) as pilot:
        app = pilot.app
        screen = app.screen
        await select(pilot, vps.id)
        footer = screen_text(app).splitlines()[-1]
        assert "Stop" not in footer and "Reboot" not in footer
        for spec in writes:
            if spec.key:
                await answer(pilot, spec.key)
            else:
                screen.action_vps_action(spec.id)  # what its palette command would call
                await answer(pilot)
            assert isinstance(app.screen, FleetScreen), spec.id
            assert notifications(app)[-1] == f"Read-only mode: {spec.title} is not available.", (
                spec.id
            )
        palette = {command.title for command in app.get_system_commands(screen)}
        assert palette.isdisjoint(a.title for a in writes)
        assert "Open console" in palette  # reading stays possible
        with pytest.raises(ReadOnlyError):
            await client.stop_vps(vps.id)
        assert mutations(sim) == [] and app.session.audit.read() == []


async def test_double_key_press_sends_one_request(sim, clock, make_client):
    vps = pick(sim, lambda v: v.iso is not None)
    async with running(make_client()) as pilot:
        app = pilot.app
        await select(pilot, vps.id)
        await pilot.press("D", "D")
        await answer(pilot, "y", "D", "y")
        one_request(sim, "POST", f"/vps/{vps.id}/detachIso")
        assert len(mutations(sim)) == 1
        assert any("Detach ISO is still in progress" in n for n in notifications(app))


async def test_every_action_is_in_the_palette_and_its_command_starts_it(make_client, monkeypatch):
    """Typing each title finds it; its command starts that action. (Running one from the palette
    end to end: the credential tests and the cancel cases.)"""
    started: list[str] = []
    monkeypatch.setattr(ActionRunner, "start", lambda runner, action_id: started.append(action_id))
    async with running(make_client()) as pilot:
        palette = await open_palette(pilot)
        for spec in ACTIONS:
            _, hit = await palette_find(palette, spec.title)
            assert spec.help in str(hit.help)
            hit.command()
        assert started == [spec.id for spec in ACTIONS]
