"""Attach and detach an ISO: searchable picker, confirm, pending until the ISO shows."""

from __future__ import annotations

from lswtui.tui.dialogs import ConfirmDialog, PickerDialog
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
)
from tests.tui.helpers import screen_text


async def test_attach_iso_from_the_searchable_picker_is_pending_until_it_shows(
    sim, clock, make_client
):
    vps = pick(sim, lambda v: v.iso is None and v.state == "RUNNING")
    async with running(make_client()) as pilot:
        app = pilot.app
        table = app.query_one(FleetTable)
        await select(pilot, vps.id, tab="iso")
        assert "No ISO attached." in screen_text(app)
        await answer(pilot, "I")
        assert isinstance(app.screen, PickerDialog)
        await fill(pilot, "#picker-list Input", "rescue")
        assert app.screen.filter_list.visible_ids == ["SYSTEMRESCUE"]
        await answer(pilot, "enter")
        assert isinstance(app.screen, ConfirmDialog)
        assert "Attaches SYSTEMRESCUE" in dialog_text(app)
        await answer(pilot, "y")
        one_request(sim, "POST", f"/vps/{vps.id}/attachIso")
        assert len(mutations(sim)) == 1
        assert sim.state.vps[vps.id].iso is None  # accepted, not attached yet
        assert table.row_text(vps.id).startswith("⟳")
        assert app.screen.actions.unavailable("attach_iso")  # the VPS is locked while pending

        await refresh_after(pilot, clock, sim.timings.iso + 1)
        assert sim.state.vps[vps.id].iso.id == "SYSTEMRESCUE"
        assert not table.row_text(vps.id).startswith("⟳")
        assert completed(app, f"Attach ISO on VPS {label(vps)}")
        assert "Attached: " in screen_text(app) and "SYSTEMRESCUE" in screen_text(app)
        assert len(mutations(sim)) == 1


async def test_detach_iso(sim, clock, make_client):
    vps = pick(sim, lambda v: v.iso is not None)
    async with running(make_client()) as pilot:
        app = pilot.app
        await select(pilot, vps.id, tab="iso")
        await answer(pilot, "D")
        assert isinstance(app.screen, ConfirmDialog)
        assert f"Detaches {vps.iso.id}" in dialog_text(app)
        await answer(pilot, "y")
        one_request(sim, "POST", f"/vps/{vps.id}/detachIso")
        assert len(mutations(sim)) == 1
        await refresh_after(pilot, clock, sim.timings.iso + 1)
        assert sim.state.vps[vps.id].iso is None
        assert "No ISO attached." in screen_text(app)
        assert completed(app, f"Detach ISO on VPS {label(vps)}")
