"""Reading the list (issue 11, item 9): a cut cell says so with ``…``, never shows other data."""

from __future__ import annotations

from rich.cells import cell_len

from lswtui.tui.widgets.fleet_table import FleetTable
from tests.tui.helpers import make_app, screen_text, settle


def _line_of(app, needle: str) -> str:
    return next(line for line in screen_text(app).splitlines() if needle in line)


def _shown_whole_or_marked(line: str, value: str) -> bool:
    """The value is on the line whole, or a prefix of it followed by ``…``."""
    return value in line or any(value[:n] + "…" in line for n in range(len(value)))


async def test_a_cell_cut_by_the_scrollbar_is_marked_not_silently_shortened(sim, make_client):
    app = make_app(make_client())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one(FleetTable)
        shown = table.visible_ids[: table.scrollable_size.height - 1]
        for vps_id in shown:
            row = table.row(vps_id)
            line = _line_of(app, vps_id)
            where = f"{row.region} {row.datacenter}"
            assert _shown_whole_or_marked(line, where), (line, where)
            # never a shorter, different datacenter (SIN-01 shown as SIN-0)
            assert f"{where[:-1]} " not in line + " " or where in line, line


async def test_the_state_column_fits_the_longest_state_present(sim, make_client):
    vps = next(iter(sim.state.vps.values()))
    vps.state = "MAINTENANCE"
    app = make_app(make_client())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        line = _line_of(app, vps.id)
        assert "? MAINTENANCE " in line
        other = _line_of(app, next(i for i in sim.state.vps if i != vps.id))
        assert line.index(vps.id) == other.index(other.split()[2])


async def test_wide_characters_are_cut_by_cells_and_keep_the_columns_aligned(sim, make_client):
    vpses = sorted(sim.state.vps.values(), key=lambda v: int(v.id))
    vpses[0].reference = "数据库服务器主机一号二号三号"  # 28 cells, 14 characters
    app = make_app(make_client())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        wide, plain = _line_of(app, vpses[0].id), _line_of(app, vpses[1].id)
        assert "…" in wide

        def column_of(line: str, text: str) -> int:
            return cell_len(line[: line.index(text)])

        assert column_of(wide, vpses[0].main_ip.ip) == column_of(plain, vpses[1].main_ip.ip)
