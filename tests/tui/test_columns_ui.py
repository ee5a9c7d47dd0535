"""The list's columns and the split, chosen in the app, survive a restart (two runs of the
CLI on one config file)."""

from __future__ import annotations

import os
from pathlib import Path

from lswtui import cli
from lswtui.config import load_config
from lswtui.tui.dialogs.column_picker import ColumnPickerDialog
from lswtui.tui.widgets.fleet_table import FleetTable
from tests.tui.actions_helpers import answer
from tests.tui.helpers import make_app, settle
from tests.tui.test_command_line_ui import command


def config_file() -> Path:
    return Path(os.environ["LSWTUI_CONFIG"])


def header(app) -> str:
    table = app.screen.query_one(FleetTable)
    return table.render_line(0).text


async def test_the_column_choice_survives_a_restart(started):
    assert cli.main(["--demo"]) == 0
    async with started[0].run_test(size=(200, 40)) as pilot:
        await settle(pilot)
        await command(pilot, "columns")
        picker = pilot.app.screen
        assert isinstance(picker, ColumnPickerDialog)
        order = list(picker._order)
        await answer(pilot, *(["down"] * order.index("pack")), "space")  # hide Pack
        await answer(pilot, "home", *(["down"] * order.index("datacenter")), "space")
        await answer(pilot, "shift+up", "shift+up", "enter")  # Datacenter moves up two
        await settle(pilot)
        first = header(pilot.app)
    saved = load_config(config_file()).columns
    assert saved is not None and "pack" not in saved and "datacenter" in saved
    assert " DC " in first and "Pack" not in first

    assert cli.main(["--demo"]) == 0
    async with started[1].run_test(size=(200, 40)) as pilot:
        await settle(pilot)
        assert pilot.app.screen.query_one(FleetTable).columns == tuple(saved)
        assert header(pilot.app).split() == first.split()


async def test_the_split_survives_a_restart(started):
    assert cli.main(["--demo"]) == 0
    async with started[0].run_test(size=(200, 40)) as pilot:
        await settle(pilot)
        before = pilot.app.screen.query_one("#list-pane").size.width
        await pilot.press("minus")
        await settle(pilot)
        narrower = pilot.app.screen.query_one("#list-pane").size.width
        assert narrower < before
    split = load_config(config_file()).split
    assert split is not None

    assert cli.main(["--demo"]) == 0
    async with started[1].run_test(size=(200, 40)) as pilot:
        await settle(pilot)
        assert pilot.app.screen.query_one("#list-pane").size.width == narrower


async def test_iso_and_contract_end_are_read_for_the_rows_on_screen_only(sim, make_client):
    vpses = sorted(sim.state.vps.values(), key=lambda v: int(v.id))
    with_iso = next(v for v in vpses if v.iso)
    app = make_app(make_client(), columns=("id", "iso", "contract_end", "reference"))
    async with app.run_test(size=(200, 12)) as pilot:  # a list of 8 rows on screen
        await settle(pilot)
        table = app.screen.query_one(FleetTable)
        assert table.columns == ("id", "iso", "contract_end", "reference")
        assert "ISO" in header(app) and "Contract end" in header(app)
        read = {r.path.rsplit("/", 1)[-1] for r in sim.requests if r.method == "GET"}
        assert 0 < len(read & set(sim.state.vps)) <= 10  # the rows on screen, not all 25
        table.select(with_iso.id)  # further down: read when it comes on screen
        await settle(pilot)
        line = table.row_text(with_iso.id)
        assert (with_iso.iso.name or with_iso.iso.id)[:10] in line and "·" not in line


async def test_an_unknown_column_in_the_config_is_told_and_the_rest_shown(sim, make_client):
    from tests.tui.helpers import notifications

    app = make_app(make_client(), columns=("id", "nosuch", "state"))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        assert app.screen.query_one(FleetTable).columns == ("id", "state")
        assert any("Columns: no column nosuch" in n for n in notifications(app))
