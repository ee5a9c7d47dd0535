"""Ids are strings: an id that looks numeric but is not (``①``), one too long for ``int()``, and
two that are numerically equal (``0100000001`` and ``100000001``) each show as exactly one row,
hide no other VPS, and keep refreshing."""

from __future__ import annotations

from lswtui.sim import Simulator
from lswtui.tui.widgets.fleet_table import FleetTable
from tests.tui.faults_helpers import app_on
from tests.tui.helpers import settle

ODD_IDS = ("①", "9" * 5000, "0100000001", "100000001")


def rename(sim: Simulator, ids: tuple[str, ...]) -> None:
    """Give the first VPSes of the account these ids."""
    world = sim.state
    for vps, new_id in zip(list(world.vps_list), ids, strict=False):
        del world.vps[vps.id]
        vps.id = new_id
        world.vps[new_id] = vps


async def test_odd_ids_each_show_once_and_keep_refreshing(clock):
    sim = Simulator(seed=42, vps_count=6, clock=clock)
    rename(sim, ODD_IDS)
    app, _ = app_on(sim)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        table = app.query_one(FleetTable)
        shown = table.visible_ids
        assert sorted(shown) == sorted(v.id for v in sim.state.vps_list)
        assert len(shown) == len(set(shown)) == 6
        assert table.total_count == 6

        sim.state.stop(sim.state.vps["0100000001"], clock.now())
        await pilot.press("r")
        await settle(pilot)
        assert "STOPPING" in table.row_text("0100000001")
        assert "STOPPING" not in table.row_text("100000001")
        assert sorted(table.visible_ids) == sorted(shown)
