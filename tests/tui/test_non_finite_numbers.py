"""NaN, ±inf and huge finite numbers (whose sum overflows) never crash a renderer: the Overview's
sparkline and the Traffic tab leave them out and show the plausible rest."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import pytest
from textual.widgets import Sparkline

from lswtui.api.models import (
    ResourceValue,
    TrafficMetadata,
    TrafficMetrics,
    TrafficMetricSet,
    TrafficSeries,
    TrafficSummaries,
    TrafficSummary,
    TrafficValue,
)
from lswtui.core.humanize import human_bytes, human_duration
from tests.tui.faults_helpers import FailedWorkers, app_on
from tests.tui.helpers import screen_text, settle

HOSTILE = (math.nan, math.inf, -math.inf, 1.5e308, 1.5e308, -5.0)
GOOD = 2e9
DAY = datetime(2026, 11, 1, tzinfo=UTC)


def _series(values) -> TrafficSeries:
    points = [
        TrafficValue.model_construct(value=v, timestamp=DAY + timedelta(days=i))
        for i, v in enumerate(values)
    ]
    return TrafficSeries.model_construct(unit="B", values=points)


def hostile_metrics() -> TrafficMetrics:
    """Built with ``model_construct``: what a renderer gets if validation ever lets these by."""
    bad = TrafficSummary.model_construct(
        total=math.nan,
        average=math.inf,
        expected=1.5e308,
        peak=TrafficValue.model_construct(value=-math.inf, timestamp=DAY),
    )
    return TrafficMetrics.model_construct(
        metadata=TrafficMetadata.model_construct(
            summary=TrafficSummaries.model_construct(down_public=bad, up_public=bad)
        ),
        metrics=TrafficMetricSet.model_construct(
            down_public=_series([*HOSTILE, GOOD]), up_public=_series([*reversed(HOSTILE), GOOD])
        ),
    )


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_humanize_shows_a_dash_for_non_finite(value):
    assert human_bytes(value) == "–"
    assert human_duration(value) == "–"


def test_human_bytes_shows_a_dash_for_an_absurd_size():
    assert human_bytes(1.5e308) == "–"  # not a 300-digit number of PB
    assert human_bytes(2.5e15) == "2.50 PB"


async def test_overview_and_traffic_tab_render_non_finite_traffic(sim):
    app, _ = app_on(sim)

    async def traffic(vps_id: str, days: int) -> TrafficMetrics:
        return hostile_metrics()

    app.session.traffic = traffic
    failed = FailedWorkers()
    async with app.run_test(size=(160, 50), message_hook=failed) as pilot:
        await settle(pilot)
        assert failed == []
        spark = app.screen.query_one("#overview-spark", Sparkline)
        assert spark.data and all(math.isfinite(v) for v in spark.data)
        assert max(spark.data) == 2 * GOOD  # the one plausible day, both directions
        assert "Traffic 30 d (4.00 GB)" in screen_text(app)
        await pilot.press("6")
        await settle(pilot)
        assert failed == []
        text = screen_text(app)
        assert "Public traffic per day" in text and "Per day" in text
        assert "nan" not in text.lower() and "inf" not in text.lower()
        assert "0000000000" not in text  # 1.5e308 is not written out


async def test_overview_renders_non_finite_resources(sim):
    app, _ = app_on(sim)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        pane = app.screen.query_one("#pane-overview")
        vps = pane.data.model_copy(
            update={
                "resources": pane.data.resources.model_copy(
                    update={
                        "cpu": ResourceValue.model_construct(value=math.inf, unit="vCPU"),
                        "memory": ResourceValue.model_construct(value=math.nan, unit="GB"),
                    }
                )
            }
        )
        pane.show(vps)
        await settle(pilot)
        text = screen_text(app)
        assert "inf vCPU" not in text and "nan GB" not in text
