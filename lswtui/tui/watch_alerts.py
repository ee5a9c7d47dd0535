"""How a change on a watched VPS reaches someone who is not looking: the terminal bell, one
toast for every change of the refresh (coalesced), and, where the terminal shows them, a
desktop notification (OSC 9 or 777, written through the driver; off in NO_COLOR plain mode
and with ``notify = false``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from textual.app import App

from lswtui.core.watch import notification_sequence

TOAST_LINES = 3  # changes named in the toast; the rest are counted


class WatchAlerts:
    def __init__(self, app: App[Any], *, desktop: bool, env: Mapping[str, str]) -> None:
        self.app = app
        self.desktop = desktop
        self._env = env

    def tell(self, changes: Sequence[str]) -> None:
        """The changes one refresh saw on watched VPSes (nothing when there are none)."""
        if not changes:
            return
        self.app.bell()
        shown = list(changes[:TOAST_LINES])
        if len(changes) > TOAST_LINES:
            shown.append(f"… and {len(changes) - TOAST_LINES} more")
        self.app.notify(
            "\n".join(shown), title="Watched VPS changed", severity="warning", markup=False
        )
        if self.desktop:
            summary = changes[0] if len(changes) == 1 else f"{len(changes)} changes: {changes[0]}"
            self.write(notification_sequence(self._env, summary))

    def write(self, sequence: str) -> None:
        """Write to the terminal as Textual writes its own sequences (the bell, the clipboard)."""
        driver = self.app._driver
        if sequence and driver is not None:
            driver.write(sequence)
