"""How a change on a watched VPS reaches someone who is not looking: the terminal bell, one
toast for every change seen at once (coalesced), and, where the terminal shows them, a desktop
notification (OSC 9 or 777, written through the driver; off in NO_COLOR plain mode and with
``notify = false``).

It listens to the session's ``ChangeObserved`` events, so it hears what the list's refresh saw
and what a detail tab's reload saw (a snapshot turning READY); the events of one refresh arrive
together and make one alert.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from textual.app import App

from lswtui.core.events import ChangeObserved, SessionEvent
from lswtui.core.session import Session
from lswtui.core.watch import notification_sequence

TOAST_LINES = 3  # changes named in the toast; the rest are counted


class WatchAlerts:
    def __init__(
        self,
        app: App[Any],
        sessions: Sequence[Session],
        *,
        desktop: bool,
        env: Mapping[str, str],
    ) -> None:
        self.app = app
        self.desktop = desktop
        self._env = env
        self._pending: list[str] = []
        self._watched = {session.account: session.watched for session in sessions}
        self._several = len(sessions) > 1
        for session in sessions:
            session.subscribe(self._observe)

    def _observe(self, event: SessionEvent) -> None:
        watched = self._watched.get(event.account)
        if isinstance(event, ChangeObserved) and watched is not None and event.vps_id in watched:
            if not self._pending:  # the first of a burst: tell them all once it is over
                self.app.call_later(self._flush)
            label = f"{event.vps_id} {event.reference}".rstrip()
            where = f"{event.account} " if self._several else ""
            self._pending.append(f"{where}{label}: {event.text}")

    def _flush(self) -> None:
        changes, self._pending = self._pending, []
        self.tell(changes)

    def tell(self, changes: Sequence[str]) -> None:
        """Alert the changes seen on watched VPSes (nothing when there are none)."""
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
