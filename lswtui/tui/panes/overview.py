"""Overview tab: everything ``GET /vps/{id}`` returns, plus a 30-day traffic sparkline."""

from __future__ import annotations

import math
from datetime import datetime

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Label, Sparkline, Static

from lswtui.api import ApiError
from lswtui.api.models import ResourceValue, TrafficMetrics, VpsDetails
from lswtui.core.audit_report import visible
from lswtui.core.details import DETAILS
from lswtui.core.humanize import human_bytes, plausible_bytes
from lswtui.tui.panes.base import DetailPane
from lswtui.tui.probe_host import prober_of
from lswtui.tui.session_host import key_of, timeline_of
from lswtui.tui.textual_compat import run_async
from lswtui.tui.unexpected import report_unexpected
from lswtui.tui.widgets.fleet_table import state_text
from lswtui.tui.widgets.timeline_table import local_time

SPARKLINE_DAYS = 30
HISTORY_SHOWN = 5  # the selected VPS's latest timeline entries


def _value(resource: ResourceValue | None) -> str:
    if resource is None or resource.value is None or not math.isfinite(resource.value):
        return "–"
    number = int(resource.value) if float(resource.value).is_integer() else resource.value
    return f"{number} {resource.unit or ''}".strip()


def day_totals(metrics: TrafficMetrics) -> list[float]:
    """Bytes per day, in and out added; a NaN, infinite, negative or absurd value counts 0."""
    series = (metrics.metrics.down_public.values, metrics.metrics.up_public.values)
    days = max(map(len, series))
    return [
        sum(v[i].value for v in series if i < len(v) and plausible_bytes(v[i].value))
        for i in range(days)
    ]


def _date(moment: datetime | None, with_time: bool = True) -> str:
    if moment is None:
        return "–"
    return moment.strftime("%Y-%m-%d %H:%M UTC" if with_time else "%Y-%m-%d")


def _months(count: int | None) -> str:
    return "–" if count is None else f"{count} month{'s' if count != 1 else ''}"


def _sections(*sections: tuple[str, list[tuple[str, str | Text]]]) -> Table:
    """Titled sections in one grid, so every section's values start at the same column."""
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column()
    for number, (title, rows) in enumerate(sections):
        if number:
            table.add_row("", "")
        table.add_row(Text(title, style="bold"), "")
        for label, value in rows:
            table.add_row(
                Text(label, style="dim"), value if isinstance(value, Text) else Text(value)
            )
    return table


class OverviewPane(DetailPane):
    DEFAULT_CSS = """
    OverviewPane #overview-spark-row { height: 3; padding: 1 0 0 0; }
    OverviewPane #overview-spark-row Label { width: auto; padding: 0 1 0 0; color: $text-muted; }
    OverviewPane Sparkline { width: 1fr; height: 1; }
    """
    KIND = DETAILS

    def compose(self) -> ComposeResult:
        yield self.compose_error()
        with VerticalScroll():
            yield Static("", id="overview-body")
            with Horizontal(id="overview-spark-row"):
                yield Label("Traffic 30 d", id="overview-spark-label")
                yield Sparkline([], id="overview-spark")

    async def fetch(self, vps_id: str) -> VpsDetails:
        return await self.session.client.get_vps(vps_id)

    def show(self, vps: VpsDetails) -> None:
        self.query_one("#overview-body", Static).update(self.render_details(vps))
        run_async(self, self._load_sparkline, vps.id, exclusive=True, group="overview-spark")

    async def _load_sparkline(self, vps_id: str) -> None:
        label = self.query_one("#overview-spark-label", Label)
        try:
            metrics = await self.session.traffic(vps_id, SPARKLINE_DAYS)
        except ApiError:
            label.update("Traffic 30 d: unavailable")
            return
        except Exception as exc:  # a bug or MemoryError: reported, the details stay
            label.update("Traffic 30 d: unavailable")
            report_unexpected(self, "Loading the traffic sparkline", exc)
            return
        totals = day_totals(metrics)
        self.query_one("#overview-spark", Sparkline).data = totals or [0]
        label.update(f"Traffic 30 d ({human_bytes(sum(totals))})")

    def _reachability(self, vps_id: str) -> list[tuple[str, str | Text]]:
        """How the last probe of the VPS went (none: no row)."""
        probed = prober_of(self).latest.get(vps_id)
        return [("Reachable", probed)] if probed else []

    def refresh_probe(self, account: str, vps_id: str) -> None:
        """A probe of ``vps_id`` ended: show it if the tab shows that VPS."""
        if (
            self.session.account == account
            and self.shown_for == vps_id
            and isinstance(self.data, VpsDetails)
        ):
            self.query_one("#overview-body", Static).update(self.render_details(self.data))

    def render_details(self, vps: VpsDetails) -> Group:
        image = vps.image
        image_text = f"{image.name or image.id} [{image.id}]" if image else "–"
        if image and image.custom:
            image_text += " (custom)"
        resources = vps.resources
        contract = vps.contract
        main = vps.main_ip
        header = Text.assemble(
            (vps.reference or "(no reference)", "bold"),
            f"  {vps.id}  ",
            (state_text(vps.state), "bold"),
        )
        machine: list[tuple[str, str | Text]] = [
            ("Pack", vps.pack or "–"),
            ("Region", f"{vps.region or '–'} ({vps.datacenter or '–'})"),
            ("CPU", _value(resources.cpu if resources else None)),
            ("Memory", _value(resources.memory if resources else None)),
            ("Network", _value(resources.public_network_speed if resources else None)),
            (
                "Root disk",
                f"{vps.root_disk_size} GB" if vps.root_disk_size is not None else "–",
            ),
            ("Image", image_text),
            ("Market app", vps.market_app_id or "–"),
            (
                "ISO",
                f"{vps.iso.name or vps.iso.id} ({vps.iso.id})" if vps.iso else "none attached",
            ),
            (
                "Main IP",
                f"{main.ip}{' (NULL-ROUTED)' if main.null_routed else ''}" if main else "–",
            ),
            *self._reachability(vps.id),
            ("Public IPv4", "yes" if vps.has_public_ipv4 else "no"),
            # startedAt is the first start after launch, not the last boot: no uptime.
            ("First started", _date(vps.started_at)),
        ]
        rows: list[tuple[str, str | Text]] = []
        if contract:
            traffic = contract.data_traffic
            rows = [
                ("Contract", contract.id or "–"),
                ("Type", contract.type or "–"),
                ("Term", _months(contract.term)),
                ("Billing", f"every {_months(contract.billing_frequency)}"),
                ("SLA", contract.sla or "–"),
                ("Control panel", contract.control_panel or "–"),
                (
                    "Traffic",
                    _value(ResourceValue(value=traffic.value, unit=traffic.unit))
                    if traffic
                    else "–",
                ),
                ("State", contract.state or "–"),
                ("Created", _date(contract.created_at, with_time=False)),
                ("Ends", _date(contract.ends_at, with_time=False)),
                ("In modification", "yes" if contract.in_modification else "no"),
            ]
        return Group(
            header,
            Text(""),
            _sections(
                ("Machine", machine),
                ("Latest changes", self._history(vps.id)),
                ("Contract", rows or [("Contract", "–")]),
            ),
        )

    def _history(self, vps_id: str) -> list[tuple[str, str | Text]]:
        """The VPS's newest timeline entries (local time), or a line saying there are none."""
        entries = timeline_of(self).of_vps(self.session.account, vps_id, HISTORY_SHOWN)
        if not entries:
            timeline = f"the Timeline, {key_of(self, 'fleet.action_log')}, has them all"
            return [("–", Text(f"none seen yet ({timeline})", style="italic"))]
        return [
            (local_time(entry.at), Text(visible(f"{entry.kind}: {entry.text}")))
            for entry in entries
        ]
