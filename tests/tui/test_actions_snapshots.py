"""Create, restore and delete the snapshot of a VPS through the UI."""

from __future__ import annotations

from lswtui.tui.dialogs import PromptDialog, TypeToConfirmDialog
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
from tests.tui.helpers import notifications, screen_text


def snapshot_row(app) -> str:
    """The Snapshots tab's first row as text."""
    return " ".join(str(cell) for cell in app.screen.pane("snapshots").table.get_row_at(0))


async def test_create_snapshot_shows_creating_then_ready(sim, clock, make_client):
    vps = pick(sim, lambda v: v.state == "RUNNING" and not v.snapshots)
    async with running(make_client()) as pilot:
        app = pilot.app
        await select(pilot, vps.id, tab="snapshots")
        await answer(pilot, "N")
        assert isinstance(app.screen, PromptDialog)
        await fill(pilot, "#prompt-input", "")
        await answer(pilot, "enter")
        assert "A name is required." in dialog_text(app) and mutations(sim) == []
        await fill(pilot, "#prompt-input", "before-upgrade")
        await answer(pilot, "enter")
        one_request(sim, "POST", f"/vps/{vps.id}/snapshots")
        assert len(mutations(sim)) == 1
        assert [(s.display_name, s.state) for s in sim.state.vps[vps.id].snapshots] == [
            ("before-upgrade", "CREATING")
        ]
        assert "before-upgrade CREATING" in snapshot_row(app)

        await refresh_after(pilot, clock, sim.timings.snapshot + 1)
        assert "before-upgrade READY" in snapshot_row(app)
        assert completed(app, f'Create snapshot "before-upgrade" on VPS {label(vps)}')
        await answer(pilot, "N")  # Leaseweb keeps one snapshot per VPS
        assert any("already has a snapshot" in n for n in notifications(app))
        assert len(mutations(sim)) == 1


async def test_restore_snapshot_needs_the_typed_id_and_restarts_the_vps(sim, clock, make_client):
    vps = pick(
        sim, lambda v: v.state == "RUNNING" and v.snapshots and v.snapshots[0].state == "READY"
    )
    snapshot = vps.snapshots[0]
    async with running(make_client()) as pilot:
        app = pilot.app
        await select(pilot, vps.id, tab="snapshots")
        await answer(pilot, "T")
        assert isinstance(app.screen, TypeToConfirmDialog)
        assert f"snapshot {snapshot.display_name!r}" in dialog_text(app) and "LOST" in dialog_text(
            app
        )
        await type_to_confirm(pilot, vps.reference)
        assert isinstance(app.screen, TypeToConfirmDialog) and mutations(sim) == []
        await type_to_confirm(pilot, vps.id)
        one_request(sim, "PUT", f"/vps/{vps.id}/snapshots/{snapshot.id}")
        assert len(mutations(sim)) == 1
        table = app.query_one(FleetTable)
        assert table.row(vps.id).state == "STOPPING"
        await refresh_after(pilot, clock, sim.timings.stop + 1)
        assert table.row(vps.id).state == "STARTING"
        await refresh_after(pilot, clock, sim.timings.restore + 1)
        assert table.row(vps.id).state == "RUNNING"
        assert completed(app, f'Restore snapshot "{snapshot.display_name}" on VPS {label(vps)}')


async def test_delete_snapshot_needs_the_typed_id_and_the_item_vanishes(sim, clock, make_client):
    vps = pick(sim, lambda v: v.snapshots and v.snapshots[0].state == "READY")
    snapshot = vps.snapshots[0]
    async with running(make_client()) as pilot:
        app = pilot.app
        await select(pilot, vps.id, tab="snapshots")
        await answer(pilot, "K")
        assert isinstance(app.screen, TypeToConfirmDialog)
        assert snapshot.id in dialog_text(app)
        await type_to_confirm(pilot, "")
        assert isinstance(app.screen, TypeToConfirmDialog) and mutations(sim) == []
        await type_to_confirm(pilot, vps.id)
        one_request(sim, "DELETE", f"/vps/{vps.id}/snapshots/{snapshot.id}")
        assert len(mutations(sim)) == 1
        await refresh_after(pilot, clock, sim.timings.snapshot_delete + 1)
        assert sim.state.vps[vps.id].snapshots == []
        assert app.screen.pane("snapshots").table.row_count == 0
        assert "No snapshot." in screen_text(app)
        assert completed(app, f'Delete snapshot "{snapshot.display_name}" on VPS {label(vps)}')
