"""Reinstall through the UI: image, market app, type-to-confirm, tracking; blocked by a snapshot."""

from __future__ import annotations

from lswtui.tui.dialogs import ReinstallDialog, TypeToConfirmDialog
from lswtui.tui.widgets.fleet_table import FleetTable
from tests.tui.actions_helpers import (
    answer,
    completed,
    dialog_text,
    fill,
    label,
    mutations,
    one_request,
    pick,
    refresh_after,
    running,
    select,
    type_to_confirm,
)
from tests.tui.helpers import screen_text


async def test_reinstall_with_image_and_market_app_after_typing_the_id(sim, clock, make_client):
    vps = pick(
        sim,
        lambda v: v.state == "RUNNING" and not v.snapshots and v.image.id != "ALMALINUX_9_64BIT",
    )
    async with running(make_client()) as pilot:
        app = pilot.app
        await select(pilot, vps.id)
        await answer(pilot, "R")
        assert isinstance(app.screen, ReinstallDialog)
        assert "WIPES ITS DISK" in dialog_text(app)
        await fill(pilot, "#reinstall-images Input", "almalinux 9")
        await answer(pilot, "enter")
        assert "Market app (optional)" in dialog_text(app)
        await answer(pilot, "down", "enter")  # the first app after "none (plain image)"
        assert isinstance(app.screen, TypeToConfirmDialog)
        assert "with CPANEL_30. THE DISK IS WIPED" in dialog_text(app)

        await type_to_confirm(pilot, vps.id[:-1])
        assert isinstance(app.screen, TypeToConfirmDialog)
        assert f"type {vps.id} exactly" in dialog_text(app)
        assert mutations(sim) == []

        await type_to_confirm(pilot, vps.id)
        one_request(sim, "PUT", f"/vps/{vps.id}/reinstall")
        assert len(mutations(sim)) == 1
        table = app.query_one(FleetTable)
        assert table.row_text(vps.id).startswith("⟳  ◑ STOPPING")

        await refresh_after(pilot, clock, sim.timings.stop + 1)
        assert table.row(vps.id).state == "STARTING"
        await refresh_after(pilot, clock, sim.timings.reinstall)
        record = sim.state.vps[vps.id]
        assert (record.state, record.image.id, record.market_app_id) == (
            "RUNNING",
            "ALMALINUX_9_64BIT",
            "CPANEL_30",
        )
        assert not table.row_text(vps.id).startswith("⟳")
        assert "ALMALINUX_9_64BIT" in screen_text(app)  # the overview tab was reloaded
        assert completed(app, f"Reinstall VPS {label(vps)}")
        assert [(e.operation, e.outcome, e.parameters) for e in app.session.audit.read()] == [
            ("reinstall", "accepted", {"imageId": "ALMALINUX_9_64BIT", "marketAppId": "CPANEL_30"}),
            (
                "reinstall",
                "completed",
                {"imageId": "ALMALINUX_9_64BIT", "marketAppId": "CPANEL_30"},
            ),
        ]
        assert len(mutations(sim)) == 1


async def test_reinstall_is_blocked_by_a_snapshot_and_offers_the_snapshots_tab(sim, make_client):
    vps = pick(sim, lambda v: v.snapshots and v.state == "RUNNING")
    async with running(make_client()) as pilot:
        app = pilot.app
        await select(pilot, vps.id)
        await answer(pilot, "R")
        assert isinstance(app.screen, ReinstallDialog)
        text = dialog_text(app)
        assert "BLOCKED" in text and "Go to snapshots" in text
        await answer(pilot, "g")
        assert not isinstance(app.screen, ReinstallDialog)
        assert app.screen.active_tab == "snapshots"
        assert mutations(sim) == []
