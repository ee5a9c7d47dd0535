"""Traffic tab: the API's summary first, then public in/out bytes per day as a plotext chart.

The summary (a row per direction) sits above the chart, so it is on screen at 80x24 too; the
chart takes the height left. Its y axis starts at 0 (a floor at the smallest day would make a
small swing look like a cliff), its unit follows the largest day, and its date ticks are a whole
number of days apart. Leaseweb's ``expected`` (the day average times the days of the window) is
shown, as "Projected", only when it differs from the total: for a window already over they are
the same number.
"""

from __future__ import annotations

import math
from datetime import date

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static
from textual_plotext import PlotextPlot

from lswtui.api.models import TrafficMetrics, TrafficSeries, TrafficSummary
from lswtui.core.humanize import human_bytes, plausible_bytes
from lswtui.tui.panes.base import DetailPane

RANGES = (7, 30, 90)
#: Days between two date ticks, the fewest first; the first that fits the chart's width is used.
TICK_STEPS = (1, 2, 7, 14, 30)
#: Cells a date tick (``12-01``) takes with its spacing.
TICK_CELLS = 8
#: Rows from which the pane has room for the range line above the summary.
TALL = 14
UNITS = ((1e12, "TB"), (1e9, "GB"), (1e6, "MB"), (1e3, "KB"), (1.0, "B"))
PROJECTED_NOTE = "Projected: the average per day × the days of the window"


def _peak(summary: TrafficSummary) -> str:
    if summary.peak is None:
        return "–"
    when = summary.peak.timestamp.strftime(" (%m-%d)") if summary.peak.timestamp else ""
    return human_bytes(summary.peak.value) + when


def _days(series: TrafficSeries) -> dict[date, float]:
    """Bytes by day, of the days with a timestamp and a plausible value (no NaN reaches plotext)."""
    return {
        v.timestamp.date(): float(v.value)
        for v in series.values
        if v.timestamp and plausible_bytes(v.value)
    }


def unit_for(largest: float) -> tuple[float, str]:
    """The decimal unit the largest value reads best in (at least 1 of it)."""
    return next(((size, name) for size, name in UNITS if largest >= size), UNITS[-1])


def nice_top(value: float) -> float:
    """The smallest 1, 2, 2.5 or 5 times a power of ten at or above ``value`` (1 for 0)."""
    if value <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    return next(m * power for m in (1.0, 2.0, 2.5, 5.0, 10.0) if m * power >= value)


def tick_step(days: int, width: int) -> int:
    """Days between date ticks so that they fit ``width`` cells."""
    fits = max(2, width // TICK_CELLS)
    return next((step for step in TICK_STEPS if days // step + 1 <= fits), TICK_STEPS[-1])


class TrafficPane(DetailPane):
    DEFAULT_CSS = """
    TrafficPane > #traffic-range { height: 1; color: $text-muted; }
    TrafficPane.-short > #traffic-range { display: none; }
    TrafficPane > #traffic-summary { height: auto; }
    TrafficPane > #traffic-note { height: auto; color: $text-muted; }
    TrafficPane > PlotextPlot { height: 1fr; min-height: 5; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.days = 30

    def compose(self) -> ComposeResult:
        yield self.compose_error()
        yield Static("", id="traffic-range")
        yield Static("", id="traffic-summary")
        yield Static("", id="traffic-note")
        yield PlotextPlot(id="traffic-plot")

    def cycle_range(self) -> None:
        self.days = RANGES[(RANGES.index(self.days) + 1) % len(RANGES)]
        if self.vps_id:
            self.show_vps(self.vps_id, force=True)

    async def fetch(self, vps_id: str) -> TrafficMetrics:
        return await self.session.traffic(vps_id, self.days)

    def on_resize(self) -> None:
        # The range line gives way to the chart on a short pane; the summary's header says it.
        self.set_class(self.size.height < TALL, "-short")
        if self.data is not None and self.shown_for is not None:
            self._plot(self.data)  # the date ticks fit the new width

    def show(self, metrics: TrafficMetrics) -> None:
        others = " / ".join(f"{d}" for d in RANGES if d != self.days)
        self.query_one("#traffic-range", Static).update(
            f"Public traffic per day, last {self.days} days (d: {others} days)"
        )
        summary, projected = self._summary(metrics)
        self.query_one("#traffic-summary", Static).update(summary)
        note = self.query_one("#traffic-note", Static)
        note.display = projected
        note.update(PROJECTED_NOTE)
        self._plot(metrics)

    def _plot(self, metrics: TrafficMetrics) -> None:
        plot = self.query_one(PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        series = [
            (_days(metrics.metrics.down_public), "in"),
            (_days(metrics.metrics.up_public), "out"),
        ]
        every_day = sorted({day for days, _ in series for day in days})
        start = metrics.metadata.from_
        if every_day:
            first = min(start.date(), every_day[0]) if start else every_day[0]
            last = every_day[-1]
            largest = max((value for days, _ in series for value in days.values()), default=0.0)
            size, unit = unit_for(largest)
            for days, direction in series:
                if days:
                    x = [(day - first).days for day in sorted(days)]
                    y = [days[day] / size for day in sorted(days)]
                    plt.plot(x, y, label=f"{direction} ({unit})", marker="braille")
            span = (last - first).days
            step = tick_step(span, plot.size.width - 8)
            ticks = [float(t) for t in range(0, span + 1, step)]
            plt.xticks(
                ticks,
                [date.fromordinal(first.toordinal() + int(t)).strftime("%m-%d") for t in ticks],
            )
            plt.xlim(0, max(span, 1))
            top = nice_top(largest / size)
            plt.ylim(0, top)
            plt.yticks([0, top / 2, top], ["0", f"{top / 2:g}", f"{top:g}"])
            plt.xaxes(True, False)  # no frame above or right: a row more for the data
            plt.yaxes(True, False)
        plot.refresh()

    def _summary(self, metrics: TrafficMetrics) -> tuple[Table | Text, bool]:
        """A row per direction and a column per measure; and whether it has "Projected"."""
        summary = metrics.metadata.summary
        if not summary:
            return Text("No summary in the API's answer."), False
        directions = [
            (name, item)
            for name, item in (("In", summary.down_public), ("Out", summary.up_public))
            if item is not None
        ]
        projected = any(
            human_bytes(item.expected) != human_bytes(item.total) for _, item in directions
        )
        table = Table(box=None, padding=(0, 2, 0, 0), show_edge=False, pad_edge=False)
        table.add_column(f"{self.days} days", style="bold", no_wrap=True)
        for header in ("Total", "Per day", "Peak", *(("Projected",) if projected else ())):
            table.add_column(header, no_wrap=True)
        for name, item in directions:
            cells = [human_bytes(item.total), human_bytes(item.average), _peak(item)]
            table.add_row(name, *cells, *((human_bytes(item.expected),) if projected else ()))
        return table, projected
