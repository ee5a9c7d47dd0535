"""IPs tab: every IP of the VPS with its routing and DDoS facts.

Fitted to the pane: the prefix goes with the address (``198.51.100.7/24``), the version is
plain from it, a null-routed address is marked ⊘ (as in the VPS list) with the legend above
the table, and the DDoS protection reads
``STANDARD`` unless its detection profile is not that level's default (said once above the
table when every IP has the same).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.text import Text

from lswtui.api.models import Ddos, IpDetails
from lswtui.core.details import IPS
from lswtui.tui.panes.table_pane import NO_VALUE, Cell, Column, TablePane

NULL_MARK = "⊘"
NULL_LEGEND = f"{NULL_MARK} NULL-ROUTED: Leaseweb drops all traffic to it"


def ddos_text(ddos: Ddos | None) -> str:
    """``ADVANCED`` for (ADVANCED_DEFAULT, ADVANCED); ``ADVANCED (LOW_UDP)`` otherwise."""
    if ddos is None:
        return NO_VALUE
    level = ddos.protection_type or "?"
    profile = ddos.detection_profile or ""
    detail = profile.removeprefix(f"{level}_")
    return level if detail in ("DEFAULT", "") else f"{level} ({detail})"


def address(ip: IpDetails) -> str:
    return f"{ip.ip}/{ip.prefix_length}" if ip.prefix_length else ip.ip


class IpsPane(TablePane):
    COLUMNS = (
        Column("ip", "IP"),
        Column("type", "Type"),
        Column("main", "Main"),
        Column("rdns", "Reverse DNS", flex=True, min_width=12),
        Column("ddos", "DDoS", min_width=8, shared="DDoS protection: {} (every IP with one)"),
    )
    EMPTY = "This VPS has no IPs."
    NOUN = "IPs"
    KIND = IPS

    async def fetch(self, vps_id: str) -> list[IpDetails]:
        return await self.session.client.list_ips(vps_id)

    @property
    def selected_ip(self) -> IpDetails | None:
        key = self.selected_key
        return next((ip for ip in self.data or () if ip.ip == key), None)

    def notes(self, data: list[IpDetails]) -> list[str]:
        return [NULL_LEGEND] if any(ip.null_routed for ip in data) else []

    def rows(self, data: list[IpDetails]) -> Iterable[tuple[str, Sequence[Cell]]]:
        for ip in data:
            shown = Text(address(ip))
            if ip.null_routed:
                shown.append(f" {NULL_MARK}", style="bold")
            yield (
                ip.ip,
                (
                    shown,
                    Text(ip.network_type or ""),
                    Text("yes" if ip.main_ip else ""),
                    Text(ip.reverse_lookup or NO_VALUE),
                    Text(ddos_text(ip.ddos)),
                ),
            )
