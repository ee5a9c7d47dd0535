"""Marks, bulk actions and the command line across two open accounts (issues 14, 15)."""

from __future__ import annotations

from lswtui.core.accounts import row_key
from lswtui.tui.dialogs.bulk_confirm import BulkConfirmDialog
from lswtui.tui.widgets.fleet_table import FleetTable
from tests.tui.actions_helpers import answer, dialog_text, fill, mutations
from tests.tui.helpers import settle
from tests.tui.test_command_line_ui import command
from tests.tui.test_multi_account import account, all_loaded, two_accounts


def first_running(sim) -> str:
    return next(
        v.id
        for v in sorted(sim.state.vps.values(), key=lambda v: int(v.id))
        if v.state == "RUNNING"
    )


async def test_one_reboot_confirmation_for_marked_vpses_of_two_accounts(clock):
    a, b = account(clock, "prod", 1), account(clock, "lab", 2)
    in_a, in_b = first_running(a.sim), first_running(b.sim)
    async with two_accounts(a, b) as pilot:
        await all_loaded(pilot)
        table = pilot.app.screen.query_one(FleetTable)
        for key in (row_key("prod", in_a), row_key("lab", in_b)):
            table.select(key)
            await pilot.press("space")
        await settle(pilot)
        await answer(pilot, "B")
        assert isinstance(pilot.app.screen, BulkConfirmDialog)
        text = dialog_text(pilot.app)
        assert f"{in_a}" in text and "(PROD)" in text and f"{in_b}" in text and "(LAB)" in text
        await fill(pilot, "#bulk-count", "2")
        await answer(pilot, "enter")
        await settle(pilot)
        assert [r.path.split("/")[-2] for r in mutations(a.sim)] == [in_a]  # each through its own
        assert [r.path.split("/")[-2] for r in mutations(b.sim)] == [in_b]


async def test_ip_finds_the_owner_in_the_other_account(clock):
    a, b = account(clock, "prod", 1), account(clock, "lab", 2)
    owner = sorted(b.sim.state.vps.values(), key=lambda v: int(v.id))[-1]
    async with two_accounts(a, b) as pilot:
        await all_loaded(pilot)
        await command(pilot, f"ip {owner.ips[0].ip}")
        assert pilot.app.screen.query_one(FleetTable).selected_id == row_key("lab", owner.id)
        await command(pilot, "account lab")
        assert pilot.app.screen.query_one(FleetTable).scope == "lab"
        await command(pilot, "account all")
        assert pilot.app.screen.query_one(FleetTable).scope is None
