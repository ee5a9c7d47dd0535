"""Keys typed in one burst act in order: the action hits the VPS the cursor moved to."""

from __future__ import annotations

from textual import events

from lswtui.tui.dialogs import ConfirmDialog
from lswtui.tui.widgets.fleet_table import FleetTable
from tests.tui.actions_helpers import answer, one_request
from tests.tui.helpers import make_app, screen_text, settle


async def test_cursor_key_then_action_key_in_one_burst_targets_the_new_row(sim, make_client):
    app = make_app(make_client())
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        table = app.query_one(FleetTable)
        first, second = table.visible_ids[:2]
        assert table.selected_id == first
        # A terminal delivers "jX" as two events queued before either is handled.
        app.post_message(events.Key("j", "j"))
        app.post_message(events.Key("X", "X"))
        await settle(pilot)
        assert table.selected_id == second
        assert isinstance(app.screen, ConfirmDialog)
        assert f"VPS {second}" in screen_text(app)
        await answer(pilot, "y")
        one_request(sim, "POST", f"/vps/{second}/stop")
        assert not [r for r in sim.requests if r.path.endswith(f"/vps/{first}/stop")]
