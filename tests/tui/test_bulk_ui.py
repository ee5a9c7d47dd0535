"""Marks and bulk actions in the app: space marks, the status line counts, a reboot of the
marked VPSes sends exactly one POST per RUNNING one, skips the STOPPED one with its reason,
and needs their number typed."""

from __future__ import annotations

from lswtui.tui.dialogs.bulk_confirm import BulkConfirmDialog
from lswtui.tui.widgets.fleet_table import FleetTable
from tests.tui.actions_helpers import answer, dialog_text, fill, mutations, running
from tests.tui.helpers import notifications, screen_text, settle


def ids(sim, state: str, count: int) -> list[str]:
    return [
        v.id for v in sorted(sim.state.vps.values(), key=lambda v: int(v.id)) if v.state == state
    ][:count]


async def mark(pilot, vps_ids: list[str]) -> None:
    table = pilot.app.screen.query_one(FleetTable)
    for vps_id in vps_ids:
        table.select(vps_id)
        await pilot.press("space")
    await settle(pilot)


async def test_marking_and_rebooting_sends_one_post_per_running_vps(sim, make_client):
    running_ids = ids(sim, "RUNNING", 3)
    stopped = ids(sim, "STOPPED", 1)
    async with running(make_client()) as pilot:
        app = pilot.app
        await mark(pilot, [*running_ids, *stopped])
        assert "4 marked" in screen_text(app)
        await answer(pilot, "B")
        assert isinstance(app.screen, BulkConfirmDialog)
        text = dialog_text(app)
        assert "Reboot VPS on 3 VPSes" in text
        assert all(vps_id in text for vps_id in running_ids)
        assert f"{stopped[0]}" in text and "the VPS is STOPPED; this needs RUNNING" in text
        await answer(pilot, "enter")  # nothing typed: refused
        await fill(pilot, "#bulk-count", "4")
        await answer(pilot, "enter")  # the wrong number: refused
        assert isinstance(app.screen, BulkConfirmDialog) and mutations(sim) == []
        await fill(pilot, "#bulk-count", "3")
        await answer(pilot, "enter")
        await settle(pilot)
        posts = [r.path for r in mutations(sim)]
        assert sorted(posts) == sorted(f"/publicCloud/v1/vps/{i}/reboot" for i in running_ids)
        assert any("3/3 sent · 3 accepted · 1 skipped" in n for n in notifications(app))
        log = [(e.vps_id, e.operation, e.outcome) for e in app.session.audit.read()]
        assert sorted(log) == sorted((i, "reboot", "accepted") for i in running_ids)


async def test_ctrl_a_marks_what_the_filter_shows_and_esc_clears(sim, make_client):
    async with running(make_client()) as pilot:
        app = pilot.app
        table = app.screen.query_one(FleetTable)
        await pilot.press("slash")
        await pilot.pause()
        app.focused.insert_text_at_cursor("state:stopped")
        await pilot.press("enter")
        await settle(pilot)
        shown = len(table.visible_ids)
        await pilot.press("ctrl+a")
        await settle(pilot)
        assert f"{shown} marked" in screen_text(app)
        assert set(app.screen.power.marks) == set(table.visible_ids)
        await pilot.press("escape")
        await settle(pilot)
        assert len(app.screen.power.marks) == 0 and "marked" not in screen_text(app)


async def test_a_destructive_action_on_marks_is_refused(sim, make_client):
    async with running(make_client()) as pilot:
        await mark(pilot, ids(sim, "RUNNING", 2))
        await answer(pilot, "R")
        assert not isinstance(pilot.app.screen, BulkConfirmDialog)
        assert any("runs on one VPS at a time" in n for n in notifications(pilot.app))
        assert mutations(sim) == []


async def test_marked_rows_have_a_colour_of_their_own_in_the_ansi_theme(sim, make_client):
    from tests.tui.helpers import make_app

    app = make_app(make_client(), theme="ansi-dark")
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(FleetTable)
        style = {
            role: table.get_component_rich_style(f"fleet-table--{role}", partial=True).bgcolor
            for role in ("marked", "new", "changed", "cursor")
        }
        assert style["marked"] not in (style["new"], style["changed"], style["cursor"])


async def test_marks_survive_a_refresh_and_a_vanished_vps_is_dropped(sim, make_client):
    kept, vanishing = ids(sim, "RUNNING", 2)
    async with running(make_client()) as pilot:
        app = pilot.app
        await mark(pilot, [kept, vanishing])
        sim.state.remove_vps(sim.state.vps[vanishing])  # its contract ended
        await answer(pilot, "r")
        await settle(pilot)
        assert list(app.screen.power.marks) == [kept]
        assert "1 marked" in screen_text(app)
