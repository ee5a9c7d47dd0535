"""Traffic tab: public in/out bytes per day as a plotext chart, with the API's summary."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static
from textual_plotext import PlotextPlot

from lswtui.api.models import TrafficMetrics, TrafficSeries, TrafficSummary
from lswtui.core.humanize import human_bytes, plausible_bytes
from lswtui.tui.panes.base import DetailPane

RANGES = (7, 30, 90)


def _peak(summary: TrafficSummary | None) -> str:
    if summary is None or summary.peak is None:
        return "–"
    when = summary.peak.timestamp.strftime(" on %m-%d") if summary.peak.timestamp else ""
    return human_bytes(summary.peak.value) + when


def _points(series: TrafficSeries) -> tuple[list[str], list[float]]:
    """Dates and GB of the days with a timestamp and a plausible value (no NaN reaches plotext)."""
    days = [
        (v.timestamp, v.value) for v in series.values if v.timestamp and plausible_bytes(v.value)
    ]
    return [when.strftime("%Y-%m-%d") for when, _ in days], [value / 1e9 for _, value in days]


class TrafficPane(DetailPane):
    DEFAULT_CSS = """
    TrafficPane > #traffic-range { height: 1; color: $text-muted; }
    TrafficPane > PlotextPlot { height: 1fr; min-height: 8; }
    TrafficPane > #traffic-summary { height: auto; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.days = 30

    def compose(self) -> ComposeResult:
        yield self.compose_error()
        yield Static("", id="traffic-range")
        yield PlotextPlot(id="traffic-plot")
        yield Static("", id="traffic-summary")

    def cycle_range(self) -> None:
        self.days = RANGES[(RANGES.index(self.days) + 1) % len(RANGES)]
        if self.vps_id:
            self.show_vps(self.vps_id, force=True)

    async def fetch(self, vps_id: str) -> TrafficMetrics:
        return await self.session.traffic(vps_id, self.days)

    def show(self, metrics: TrafficMetrics) -> None:
        others = " / ".join(f"{d}" for d in RANGES if d != self.days)
        self.query_one("#traffic-range", Static).update(
            f"Public traffic per day, last {self.days} days (d: {others} days)"
        )
        plot = self.query_one(PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        plt.date_form("Y-m-d", "m-d")
        for series, label in (
            (metrics.metrics.down_public, "in (GB)"),
            (metrics.metrics.up_public, "out (GB)"),
        ):
            dates, gigabytes = _points(series)
            if dates:
                plt.plot(dates, gigabytes, label=label, marker="braille")
        plt.ylabel("GB/day")
        plot.refresh()
        self.query_one("#traffic-summary", Static).update(self._summary(metrics))

    def _summary(self, metrics: TrafficMetrics) -> Table | Text:
        """One row per measure and a column per direction: fits a narrow pane without wrapping."""
        summary = metrics.metadata.summary
        if not summary:
            return Text("No summary in the API's answer.")
        directions = (summary.down_public, summary.up_public)
        table = Table(box=None, padding=(0, 2), show_edge=False)
        table.add_column("", style="bold", no_wrap=True)
        table.add_column("In (down)")
        table.add_column("Out (up)")
        for name, cell in (
            ("Total", lambda item: human_bytes(item.total)),
            ("Average/day", lambda item: human_bytes(item.average)),
            ("Peak", _peak),
            ("Expected", lambda item: human_bytes(item.expected)),
        ):
            table.add_row(name, *(cell(item) if item is not None else "–" for item in directions))
        return table
