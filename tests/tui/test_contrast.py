"""Contrast in every theme, 16 colours and NO_COLOR (issue 11, item 15), read from the styles
of the segments the app renders."""

from __future__ import annotations

from rich.color import Color
from rich.segment import Segment
from rich.style import Style

from lswtui.tui.widgets.fleet_table import FleetTable
from tests.tui.actions_helpers import answer, pick, select
from tests.tui.helpers import make_app, settle

ANSI_RED, ANSI_WHITE, ANSI_BLUE, ANSI_BRIGHT_WHITE = 1, 7, 4, 15


def segments(app, y: int) -> list[Segment]:
    return [s for s in app.screen._compositor.render_strips()[y] if s.text.strip()]


def segment_with(app, y: int, text: str) -> Style:
    return next(s.style for s in segments(app, y) if text in s.text)


def luminance(color: Color) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = color.get_truecolor()
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast(style: Style) -> float:
    assert style.color is not None and style.bgcolor is not None
    fg, bg = luminance(style.color), luminance(style.bgcolor)
    return (max(fg, bg) + 0.05) / (min(fg, bg) + 0.05)


async def cursor_on_null_routed_main_ip(pilot, sim) -> tuple[int, str]:
    """Focus the list on a VPS whose main IP is null-routed: (its screen row, that IP)."""
    vps = pick(sim, lambda v: v.main_ip and v.main_ip.null_routed)
    await select(pilot, vps.id)
    table = pilot.app.query_one(FleetTable)
    table.focus()
    await pilot.pause()
    return table.region.y + 1 + table._view.index(vps.id) - int(
        table.scroll_offset.y
    ), vps.main_ip.ip


async def test_a_null_routed_main_ip_reads_on_the_cursor_row(sim, make_client) -> None:
    app = make_app(make_client())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        y, ip = await cursor_on_null_routed_main_ip(pilot, sim)
        style = segment_with(app, y, ip)
        cursor = segment_with(app, y, "RUNNING")
        assert contrast(style) >= 4.5
        assert style.bgcolor != cursor.bgcolor  # a badge, not red text on the cursor's blue


async def test_16_colours_null_routed_ip_dialog_title_enter_button_and_picker_cursor(
    sim, make_client
) -> None:
    app = make_app(make_client(), ansi=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == "ansi-dark"
        y, ip = await cursor_on_null_routed_main_ip(pilot, sim)
        badge = segment_with(app, y, ip)
        assert (badge.bgcolor.number, badge.color.number) == (ANSI_RED, ANSI_BRIGHT_WHITE)
        unavailable = segment_with(app, 23, "Start")  # Start on a RUNNING VPS: dimmed
        assert unavailable.italic and not unavailable.dim
        await answer(pilot, "I")  # the ISO picker
        box = app.screen.query_one("#dialog-box").region
        title = segment_with(app, box.y, "Attach ISO")
        assert title.color is None or title.color.is_default
        choose = segment_with(app, app.screen.query_one("#dialog-buttons").region.y, "Choose")
        assert choose.reverse and choose.bold
        options = app.screen.query_one(".filter-options")
        highlighted = segment_with(app, options.region.y + 1, "GRML")
        assert highlighted.bgcolor is not None and not highlighted.bgcolor.is_default


async def test_no_color_sets_the_cursor_row_apart_from_a_changed_row(
    sim, make_client, monkeypatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(make_client())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.no_color
        table = app.query_one(FleetTable)
        table.focus()
        first, second = table._view[:2]
        table.marks[second] = "changed"
        table.refresh()
        await pilot.pause()
        y = table.region.y + 1
        assert table.selected_id == first
        cursor, changed = segment_with(app, y, first), segment_with(app, y + 1, second)
        assert cursor.reverse and not changed.reverse
        await answer(pilot, "I")
        box = app.screen.query_one("#dialog-box").region
        assert contrast(segment_with(app, box.y, "Attach ISO")) >= 4.5
