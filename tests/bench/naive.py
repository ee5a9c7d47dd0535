"""The baseline: what a first version would do with a stock DataTable.

Every row is added at once (DataTable measures every cell before the first render), and a
refresh or a filter keystroke clears the table and adds every matching row again. Run as
``python -m tests.bench.naive N`` it starts with N synthetic rows and no API at all, the
fastest a DataTable app can show them, and reports when they are on screen.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Input

from lswtui.core.filtering import compile_filter
from lswtui.core.fleet import FleetRow
from lswtui.tui import milestones
from lswtui.tui.widgets.fleet_table import COLUMNS


def synthetic_rows(count: int) -> list[FleetRow]:
    return [
        FleetRow(
            vps_id=str(100_000_000 + n * 7919),
            state=("RUNNING", "STOPPED")[n % 7 == 0],
            reference=f"web-{n:04d}",
            main_ip=f"10.{n // 65536}.{n // 256 % 256}.{n % 256}",
            main_ip_null_routed=False,
            region="eu-west-3",
            datacenter="AMS-01",
            pack="Leaseweb VPS 2",
            image="Ubuntu 24.04",
            image_id="UBUNTU_24_04_64BIT",
            all_ips=(f"10.{n // 65536}.{n // 256 % 256}.{n % 256}",),
        )
        for n in range(count)
    ]


class NaiveFleetApp(App[None]):
    def __init__(self, rows: list[FleetRow]) -> None:
        super().__init__()
        self.rows = rows
        self.fills = 0  # how many times the table was refilled (for the benchmark's probes)

    def compose(self) -> ComposeResult:
        yield Input(id="filter")
        yield DataTable(cursor_type="row")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for column in COLUMNS:
            table.add_column(column.label, key=column.key)
        self.fill(self.rows)
        self.call_after_refresh(self._report_when_rendered)

    def fill(self, rows: Iterable[FleetRow]) -> None:
        """Clear and refill: the naive refresh and filter."""
        table = self.query_one(DataTable)
        table.clear()
        table.add_rows([[column.cell(row) for column in COLUMNS] for row in rows])
        self.fills += 1

    def refilter(self, query: str) -> None:
        matches: Callable[[FleetRow], bool] = compile_filter(query)
        self.fill(row for row in self.rows if matches(row))

    def on_input_changed(self, event: Input.Changed) -> None:
        self.refilter(event.value)

    def _report_when_rendered(self) -> None:
        # DataTable lays rows out when idle; wait for that, then for the frame that shows them.
        if self.query_one(DataTable)._require_update_dimensions:
            self.call_after_refresh(self._report_when_rendered)
        else:
            self.call_after_refresh(milestones.reached, "rows")


if __name__ == "__main__":
    NaiveFleetApp(synthetic_rows(int(sys.argv[1]))).run()
