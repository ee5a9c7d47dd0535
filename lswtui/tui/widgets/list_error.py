"""The line over the VPS list that says why the last refresh failed (of each account that
failed, when several are open)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class ListError(Static):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        #: account (None: the only one) -> (heading, the reason's lines, rows still shown)
        self._failed: dict[str | None, tuple[str, list[str], bool]] = {}
        self._compact = False

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
        self._failed[account] = (heading, reason.splitlines(), loaded)
        self._render_failures()

    def hide(self, account: str | None = None) -> None:
        self._failed.pop(account, None)
        self._render_failures()

    def set_compact(self, compact: bool) -> None:
        """Compact (the list shares the height with the details, 80x24): over rows still
        shown, only what failed and its correlationId; the toast said the rest."""
        if compact != self._compact:
            self._compact = compact
            self._render_failures()

    def _lines(self, heading: str, reason: list[str], loaded: bool) -> list[str]:
        if not (self._compact and loaded):
            return [heading, *reason]
        what = " ".join(reason[:2])
        return [heading, what, *(line for line in reason[2:] if line.startswith("correlationId"))]

    def _render_failures(self) -> None:
        lines = [line for failure in self._failed.values() for line in self._lines(*failure)]
        self.update(Text("\n".join(lines)))
        self.display = bool(self._failed)
