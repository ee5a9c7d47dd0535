"""Stale data (issue 11, item 8): after a failed refresh the rows are visibly dimmer, never brighter,
in a truecolour theme, the ANSI theme and under NO_COLOR: checked on what reaches the terminal."""

from __future__ import annotations

import pytest
from rich.color import Color
from rich.segment import Segment
from rich.style import Style

from lswtui.tui.widgets.fleet_table import FleetTable
from tests.tui.helpers import make_app, settle


def _sent(app, table: FleetTable, y: int) -> list[Segment]:
    """Line ``y`` of the table after the app's filters (ANSI mapping, NO_COLOR), as sent."""
    segments = list(table.render_line(y))
    background = table.background_colors[1]
    for line_filter in app.get_line_filters():
        segments = line_filter.apply(segments, background)
    return segments


def _cell(segments: list[Segment], text: str) -> Style:
    return next(s.style for s in segments if text in s.text and s.style is not None)


def _luma(color: Color) -> float:
    red, green, blue = color.get_truecolor()
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _contrast(style: Style) -> float:
    assert style.color is not None and style.bgcolor is not None
    return abs(_luma(style.color) - _luma(style.bgcolor))


def _dimmer(stale: Style, fresh: Style) -> bool:
    if stale.dim and not fresh.dim:  # the terminal dims it (ANSI colours cannot be blended)
        return True
    both_coloured = None not in (stale.color, stale.bgcolor, fresh.color, fresh.bgcolor)
    return both_coloured and _contrast(stale) < 0.8 * _contrast(fresh)


@pytest.mark.parametrize(
    ("theme", "no_color"),
    [("textual-dark", False), ("ansi-dark", False), ("textual-dark", True)],
)
async def test_stale_rows_are_dimmed_in_every_theme(sim, make_client, monkeypatch, theme, no_color):
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(make_client(), theme=theme)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.query_one(FleetTable)
        vps_id = table.visible_ids[2]  # not the cursor row
        fresh = _cell(_sent(app, table, 3), vps_id)
        table.stale = True
        stale = _cell(_sent(app, table, 3), vps_id)
        assert _dimmer(stale, fresh), (fresh, stale)
