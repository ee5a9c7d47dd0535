"""Snapshots tab: the VPS's snapshot (Leaseweb allows one) with its state."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.text import Text

from lswtui.api.models import Snapshot
from lswtui.core.details import SNAPSHOTS
from lswtui.tui.panes.table_pane import NO_VALUE, Cell, Column, TablePane


def _when(snapshot: Snapshot) -> str:
    return snapshot.created.strftime("%Y-%m-%d %H:%M") if snapshot.created else NO_VALUE


class SnapshotsPane(TablePane):
    COLUMNS = (
        Column("name", "Name", flex=True, min_width=12),
        Column("state", "State"),
        Column("created", "Created (UTC)"),
        Column("id", "ID", min_width=9),  # a cut UUID still tells snapshots apart
    )
    EMPTY = "No snapshot."
    NOUN = "snapshots"
    KIND = SNAPSHOTS

    def empty_text(self) -> str:
        return self.EMPTY + self.offer("vps.create_snapshot", "creates one.")

    async def fetch(self, vps_id: str) -> list[Snapshot]:
        return await self.session.client.list_all_snapshots(vps_id)

    @property
    def selected_snapshot(self) -> Snapshot | None:
        key = self.selected_key
        return next((s for s in self.data or () if s.id == key), None)

    def rows(self, data: list[Snapshot]) -> Iterable[tuple[str, Sequence[Cell]]]:
        for snapshot in data:
            state = Text(snapshot.state, style="bold" if snapshot.state != "READY" else "")
            yield (
                snapshot.id,
                (
                    Text(snapshot.display_name or NO_VALUE),
                    state,
                    _when(snapshot),
                    Text(snapshot.id),
                ),
            )
