"""ISO tab: the attached ISO and the searchable ISO catalogue."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Input, Static

from lswtui.api.models import IsoImage, VpsDetails
from lswtui.core.details import DETAILS
from lswtui.tui.panes.base import DetailPane
from lswtui.tui.textual_compat import OrderedInput


class IsoPane(DetailPane):
    DEFAULT_CSS = """
    IsoPane > #iso-attached { height: auto; padding: 0 0 1 0; }
    IsoPane > Input { margin: 0 0 1 0; }
    """
    KIND = DETAILS

    def compose(self) -> ComposeResult:
        yield self.compose_error()
        yield Static("", id="iso-attached")
        yield OrderedInput(placeholder="Search the ISO catalogue", id="iso-search")
        table: DataTable[Text | str] = DataTable(cursor_type="row", id="iso-catalogue")
        table.add_column("ID", key="id")
        table.add_column("Name", key="name")
        yield table

    async def fetch(self, vps_id: str) -> tuple[VpsDetails, list[IsoImage]]:
        details = await self.session.client.get_vps(vps_id)
        return details, await self.session.isos()

    def store(self, vps_id: str, data: Any) -> None:
        super().store(vps_id, data[0])

    @property
    def catalogue(self) -> list[IsoImage]:
        return self.data[1] if self.data else []

    @property
    def attached(self) -> str | None:
        return self.data[0].iso.id if self.data and self.data[0].iso else None

    def show(self, data: tuple[VpsDetails, list[IsoImage]]) -> None:
        details, _ = data
        iso = details.iso
        label = self.query_one("#iso-attached", Static)
        if iso:
            label.update(Text.assemble(("Attached: ", "bold"), f"{iso.name or iso.id} ({iso.id})"))
        else:
            label.update(Text("No ISO attached.", style="italic"))
        self._fill(self.query_one("#iso-search", Input).value)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._fill(event.value)

    def _fill(self, query: str) -> None:
        table = self.query_one("#iso-catalogue", DataTable)
        table.clear()
        needle = query.strip().lower()
        for iso in self.catalogue:
            if needle in f"{iso.id} {iso.name or ''}".lower():
                mark = " (attached)" if iso.id == self.attached else ""
                table.add_row(Text(iso.id), Text(f"{iso.name or ''}{mark}"), key=iso.id)
