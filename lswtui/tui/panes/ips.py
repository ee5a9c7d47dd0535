"""IPs tab: every IP of the VPS with its routing and DDoS facts."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.text import Text

from lswtui.api.models import IpDetails
from lswtui.core.details import IPS
from lswtui.tui.panes.table_pane import Cell, TablePane


class IpsPane(TablePane):
    COLUMNS = (
        ("ip", "IP"),
        ("version", "Ver"),
        ("main", "Main"),
        ("null", "Null route"),
        ("rdns", "Reverse DNS"),
        ("prefix", "Prefix"),
        ("type", "Type"),
        ("ddos", "DDoS profile"),
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

    def rows(self, data: list[IpDetails]) -> Iterable[tuple[str, Sequence[Cell]]]:
        for ip in data:
            ddos = ip.ddos
            yield (
                ip.ip,
                (
                    Text(ip.ip),
                    f"v{ip.version}",
                    "main" if ip.main_ip else "",
                    Text("⊘ NULL-ROUTED", style="bold") if ip.null_routed else "routed",
                    Text(ip.reverse_lookup or "–"),
                    Text(ip.prefix_length or ""),
                    Text(ip.network_type or ""),
                    Text(
                        f"{ddos.detection_profile or '?'} / {ddos.protection_type or '?'}"
                        if ddos
                        else "–"
                    ),
                ),
            )
