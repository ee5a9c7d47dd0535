"""Sorting from the keyboard (issue 11, item 11): ``o`` only through the columns shown, ``i``
inverts, and the header always shows the sort, even by a column the width hides."""

from __future__ import annotations

from lswtui.tui.widgets.fleet_table import FleetTable
from tests.tui.helpers import make_app, settle


def _header(table: FleetTable) -> str:
    return table.render_line(0).text


async def test_o_cycles_only_through_the_columns_shown_and_the_header_shows_each(sim, make_client):
    app = make_app(make_client())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.query_one(FleetTable)
        shown = [
            key
            for key in ("state", "id", "reference", "main_ip", "region", "pack", "image")
            if key in table.shown_columns
        ]
        assert "pack" not in shown  # the width hides some
        seen = []
        for _ in range(len(shown)):
            await pilot.press("o")
            seen.append(table.sort_column)
            header = _header(table)
            assert header.count("▲") + header.count("▼") == 1, header
        assert sorted(seen) == sorted(shown)
        assert seen[-1] == "id"  # round again to where it started


async def test_i_inverts_the_order(sim, make_client):
    app = make_app(make_client())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.query_one(FleetTable)
        await pilot.press("i")
        assert table.visible_ids == sorted(table.visible_ids, key=int, reverse=True)
        assert "ID▼" in _header(table)
        await pilot.press("i")
        assert table.visible_ids == sorted(table.visible_ids, key=int)


async def test_a_sort_by_a_hidden_column_is_still_shown(sim, make_client):
    app = make_app(make_client())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.query_one(FleetTable)
        app.screen.sort_by("pack")
        await pilot.pause()
        assert "pack" not in table.shown_columns
        assert "Pack▲" in _header(table)


async def test_sorting_by_reference_puts_blank_references_last(sim, make_client):
    app = make_app(make_client())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.query_one(FleetTable)
        app.screen.sort_by("reference")
        refs = [table.row(i).reference for i in table.visible_ids]
        assert "" in refs
        blank = refs.index("")
        assert set(refs[blank:]) == {""}
        assert refs[:blank] == sorted(refs[:blank], key=str.lower)
