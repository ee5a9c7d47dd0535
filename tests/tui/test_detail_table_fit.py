"""Detail tables fit their pane (issue 11, item 10): every header whole, columns as wide as
their content, a long value cut with … at its end, and nothing behind horizontal scrolling."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from lswtui.tui.panes.table_pane import Column, column_widths
from tests.tui.actions_helpers import pick, select
from tests.tui.helpers import make_app, screen_text, settle

LONG_RDNS = "a-rather-long-reverse-name.customer-domain.example.com"
COLUMNS = (
    Column("a", "A"),
    Column("b", "Bbbb", flex=True, min_width=6),
    Column("c", "C", min_width=3),
)


def test_the_flex_column_takes_the_room_left() -> None:
    assert column_widths(COLUMNS, [10, 8, 5], 40) == [10, 25, 5]


def test_the_flex_column_gives_way_first_then_those_with_a_minimum() -> None:
    assert column_widths(COLUMNS, [10, 20, 9], 30) == [10, 11, 9]
    assert column_widths(COLUMNS, [10, 20, 9], 17) == [10, 6, 3]
    assert column_widths(COLUMNS, [10, 20, 9], 5) == [10, 6, 3]  # a column without one never


def test_unknown_room_means_content_widths() -> None:
    assert column_widths(COLUMNS, [10, 20, 9], None) == [10, 20, 9]


def headers(table: DataTable) -> list[str]:
    return [str(column.label) for column in table.columns.values()]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_ips_fit_with_whole_headers_and_types(sim, make_client, size) -> None:
    vps = pick(sim, lambda v: any(ip.network_type == "INTERNAL" for ip in v.ips))
    vps.ips[0].reverse_lookup = LONG_RDNS
    app = make_app(make_client())
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await select(pilot, vps.id, tab="ips")
        table = app.screen.pane("ips").table
        text = screen_text(app)
        header = next(line for line in text.splitlines() if " IP " in line and "Type" in line)
        assert " ".join(headers(table)) == "IP Type Main Reverse DNS"
        for label in headers(table):
            assert label in header
        for ip in vps.ips:
            assert f"{ip.ip}/{ip.prefix_length}" in text
        assert "PUBLIC" in text and "INTERNAL" in text
        assert "DDoS protection: STANDARD (every IP with one)" in text
        assert LONG_RDNS[:12] in text
        assert LONG_RDNS in text or "…" in text
        assert table.max_scroll_x == 0  # nothing behind horizontal scrolling


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_snapshot_ids_are_on_screen(sim, make_client, size) -> None:
    vps = pick(sim, lambda v: v.snapshots)
    snapshot = vps.snapshots[0]
    app = make_app(make_client())
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await select(pilot, vps.id, tab="snapshots")
        table = app.screen.pane("snapshots").table
        text = screen_text(app)
        assert headers(table) == ["Name", "State", "Created (UTC)", "ID"]
        assert snapshot.id in text or (f"{snapshot.id[:8]}" in text and "…" in text)
        assert snapshot.display_name in text
        assert table.max_scroll_x == 0


async def test_a_wider_terminal_shows_the_whole_value(sim, make_client) -> None:
    vps = pick(sim, lambda v: v.snapshots)
    snapshot = vps.snapshots[0]
    app = make_app(make_client())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await select(pilot, vps.id, tab="snapshots")
        assert snapshot.id not in screen_text(app)  # cut to the pane
        await pilot.resize_terminal(200, 50)
        await settle(pilot)
        assert snapshot.id in screen_text(app)
        assert app.screen.pane("snapshots").table.max_scroll_x == 0
