"""The VPS table's incremental order (rows moved by bisection on refresh, filters without a
re-sort) always equals sorting and filtering everything from scratch."""

from __future__ import annotations

import dataclasses
import random

import pytest
from textual.app import App, ComposeResult

from lswtui.core.filtering import compile_filter
from lswtui.core.fleet import FleetRow
from lswtui.tui.widgets.fleet_table import COLUMNS_BY_KEY, SORTABLE, FleetTable, id_sort_key

STATES = ("RUNNING", "STOPPED", "STARTING", "STOPPING")
QUERIES = ("", "state:stopped", "1", "!running", "web", "ip:10.")


class TableApp(App[None]):
    def compose(self) -> ComposeResult:
        yield FleetTable()


def make_row(rng: random.Random, vps_id: str) -> FleetRow:
    return FleetRow(
        vps_id=vps_id,
        state=rng.choice(STATES),
        reference=rng.choice(("web", "db", "Web", "cache", "")) + f"-{rng.randrange(20)}",
        main_ip=f"10.0.{rng.randrange(4)}.{rng.randrange(256)}",
        main_ip_null_routed=False,
        region=rng.choice(("eu-west-3", "us-east-1")),
        datacenter="",
        pack=rng.choice(("Leaseweb VPS 1", "Leaseweb VPS 2")),
        image=rng.choice(("Ubuntu", "debian", "")),
        image_id="",
        all_ips=(),
    )


def expected_view(
    table: FleetTable, rows: dict[str, FleetRow], gone: dict[str, FleetRow], query: str
) -> list[str]:
    matches = compile_filter(query)
    column = COLUMNS_BY_KEY[table.sort_column]
    everything = [*rows.values(), *gone.values()]
    shown = [row for row in everything if matches(row)]
    shown.sort(
        key=lambda r: (column.sort_key(r), id_sort_key(r.vps_id)), reverse=table.sort_reverse
    )
    return [row.vps_id for row in shown]


def refreshed(
    rng: random.Random,
    rows: dict[str, FleetRow],
    gone: dict[str, FleetRow],
    changes: int,
    next_id: list[int],
):
    """A new fleet: ``changes`` rows edited, some removed (kept as gone, and some of those
    expire or come back), some added; every other row the very same object."""
    new = dict(rows)
    for vps_id in rng.sample(sorted(new), min(changes, len(new))):
        new[vps_id] = dataclasses.replace(
            make_row(rng, vps_id), reference=new[vps_id].reference if rng.random() < 0.5 else "x"
        )
    for vps_id in rng.sample(sorted(new), min(rng.randrange(4), len(new))):
        gone[vps_id] = new.pop(vps_id)
    for vps_id in rng.sample(sorted(gone), min(rng.randrange(3), len(gone))):
        if rng.random() < 0.5:
            new[vps_id] = gone.pop(vps_id)
        else:
            del gone[vps_id]
    for _ in range(rng.randrange(4)):
        next_id[0] += rng.randrange(1, 500)
        new[str(next_id[0])] = make_row(rng, str(next_id[0]))
    return new


@pytest.mark.parametrize("seed", range(4))
async def test_incremental_updates_match_a_full_sort(seed):
    rng = random.Random(seed)
    next_id = [100_000_000]
    rows: dict[str, FleetRow] = {}
    gone: dict[str, FleetRow] = {}
    for _ in range(300):
        next_id[0] += rng.randrange(1, 500)
        rows[str(next_id[0])] = make_row(rng, str(next_id[0]))
    # ids that only look numeric, or equal another numerically: each still a row of its own
    for odd in ("①", "9" * 5000, "0" + min(rows), "00" + min(rows), "web-1"):
        rows[odd] = make_row(rng, odd)
    query = ""
    async with TableApp().run_test(size=(120, 20)) as pilot:
        table = pilot.app.query_one(FleetTable)
        table.set_rows(rows)
        for step in range(60):
            op = rng.random()
            if op < 0.6:  # a refresh: mostly a few changes (moved by bisection), sometimes many
                rows = refreshed(rng, rows, gone, rng.choice((0, 1, 3, 10, 200)), next_id)
                table.set_rows(rows, gone)
            elif op < 0.8:
                query = rng.choice(QUERIES)
                table.set_filter(compile_filter(query))
                table.set_rows(rows, gone)
            else:
                table.sort_by(rng.choice(SORTABLE))
                table.set_rows(rows, gone)
            assert table.visible_ids == expected_view(table, rows, gone, query), f"step {step}"
            assert table.total_count == len(rows)
            assert table.selected_id in table.visible_ids or not table.visible_ids
            await pilot.pause(0)
