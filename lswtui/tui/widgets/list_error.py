"""The line over the VPS list that says why the last refresh failed (of each account that
failed, when several are open)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class ListError(Static):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._failed: dict[str | None, Text] = {}  # account (None: the only one) -> its lines

    def on_mount(self) -> None:
        self.display = False

    def show(self, reason: str, *, loaded: bool, account: str | None = None) -> None:
        """``reason`` is plain text (it may quote the API)."""
        heading = (
            "Refresh failed; showing the last known data."
            if loaded
            else "Could not load the VPS list."
        )
        if account is not None:
            heading = f"{account}: {heading}"
        self._failed[account] = Text(f"{heading}\n{reason}")
        self._render_failures()

    def hide(self, account: str | None = None) -> None:
        self._failed.pop(account, None)
        self._render_failures()

    def _render_failures(self) -> None:
        self.update(Text("\n").join(self._failed.values()))
        self.display = bool(self._failed)
