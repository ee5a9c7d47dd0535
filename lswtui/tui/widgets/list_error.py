"""The line over the VPS list that says why the last refresh failed."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class ListError(Static):
    def on_mount(self) -> None:
        self.display = False

    def show(self, reason: str, *, loaded: bool) -> None:
        """``reason`` is plain text (it may quote the API)."""
        heading = (
            "Refresh failed; showing the last known data."
            if loaded
            else "Could not load the VPS list."
        )
        self.update(Text(f"{heading}\n{reason}"))
        self.display = True

    def hide(self) -> None:
        self.display = False
