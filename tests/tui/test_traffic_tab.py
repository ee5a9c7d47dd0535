"""The Traffic tab at 80x24 and up (issue 11, item 14): the summary and a readable chart fit,
the footer keeps ? Help and q Quit, the y axis starts at 0, date ticks are evenly spaced, the
peak reads on one line, and "Projected" is shown only when it says something."""

from __future__ import annotations

import itertools
import re
from datetime import date

import pytest

from lswtui.api.models import TrafficMetrics
from lswtui.tui.panes.traffic import PROJECTED_NOTE, nice_top, tick_step
from tests.tui.actions_helpers import pick, select
from tests.tui.helpers import make_app, screen_text, settle, until_shown

DAY = 86_400


def metrics(days: int, *, expected_factor: float = 1.0) -> TrafficMetrics:
    """``days`` days of 1, 2, 3, … GB in and half that out, from 2026-11-01."""

    def series(scale: float) -> dict:
        return {
            "unit": "B",
            "values": [
                {"value": (n + 1) * scale * 1e9, "timestamp": f"2026-11-{n + 1:02d}T00:00:00+00:00"}
                for n in range(days)
            ],
        }

    def summary(scale: float) -> dict:
        total = sum((n + 1) * scale * 1e9 for n in range(days))
        return {
            "total": total,
            "average": total / days,
            "expected": total * expected_factor,
            "peak": {
                "value": days * scale * 1e9,
                "timestamp": f"2026-11-{days:02d}T00:00:00+00:00",
            },
        }

    return TrafficMetrics.model_validate(
        {
            "_metadata": {
                "from": "2026-11-01T00:00:00+00:00",
                "summary": {"downPublic": summary(1.0), "upPublic": summary(0.5)},
            },
            "metrics": {"downPublic": series(1.0), "upPublic": series(0.5)},
        }
    )


def test_nice_top_and_tick_steps() -> None:
    assert [nice_top(v) for v in (0, 0.33, 0.95, 1.0, 3.4, 9.96, 42)] == [1, 0.5, 1, 1, 5, 10, 50]
    assert tick_step(6, 70) == 1 and tick_step(29, 70) == 7 and tick_step(89, 70) == 14


async def open_traffic(pilot, sim, answer: TrafficMetrics | None = None) -> None:
    if answer is not None:

        async def traffic(vps_id: str, days: int) -> TrafficMetrics:
            return answer

        pilot.app.session.traffic = traffic
    await select(pilot, pick(sim, lambda v: v.state == "RUNNING").id, tab="traffic")
    await settle(pilot)


def pane_text(app) -> str:
    """The Traffic pane's lines, as on screen."""
    region = app.screen.pane("traffic").region
    lines = screen_text(app).splitlines()[region.y : region.bottom]
    return "\n".join(line[region.x : region.right] for line in lines)


def chart_lines(text: str) -> list[str]:
    """The chart's lines: its y ticks (``10┤``) and the rows between them (``│``)."""
    return [line for line in text.splitlines() if re.match(r"^\s*[\d.]*[┤│]", line)]


async def test_at_80x24_the_summary_the_chart_and_the_app_keys_fit(sim, make_client) -> None:
    app = make_app(make_client())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_traffic(pilot, sim, metrics(30))
        text = pane_text(app)
        lines = screen_text(app).splitlines()
        assert re.search(r"^\s*In\s+465\.00 GB\s+15\.50 GB\s+30\.00 GB \(11-30\)\s*$", text, re.M)
        assert re.search(r"^\s*Out\s+232\.50 GB", text, re.M)
        assert len(chart_lines(text)) >= 3  # rows of data, not 1
        assert lines[-1].startswith("? Help q Quit")


@pytest.mark.parametrize("days", [7, 30])
async def test_the_y_axis_starts_at_0_and_the_dates_are_evenly_spaced(
    sim, make_client, days
) -> None:
    app = make_app(make_client())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_traffic(pilot, sim, metrics(days))
        text = pane_text(app)
        ticks = [line.split("┤")[0].strip() for line in chart_lines(text) if "┤" in line]
        assert ticks[-1] == "0" and ticks[0] == f"{nice_top(days):g}"
        labels = next(line for line in text.splitlines() if "11-01" in line)
        dates = [date.fromisoformat(f"2026-{md}") for md in re.findall(r"\d\d-\d\d", labels)]
        gaps = {(b - a).days for a, b in itertools.pairwise(dates)}
        assert len(dates) >= 3 and len(gaps) == 1, labels


async def test_projected_is_shown_and_explained_only_when_it_differs(sim, make_client) -> None:
    app = make_app(make_client())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_traffic(pilot, sim, metrics(30))  # a window over: expected == total
        await until_shown(pilot, "Per day")
        text = pane_text(app)
        assert "Projected" not in text and "Expected" not in text
        pane = app.screen.pane("traffic")
        pane.show(metrics(10, expected_factor=3.0))  # 10 days measured of a longer window
        await until_shown(pilot, "Projected")
        await settle(pilot)
        assert "165.00 GB" in screen_text(app)  # 55 GB in over 10 days, projected over 30
        assert PROJECTED_NOTE in screen_text(app)
