"""The :class:`~lswtui.core.action_host.ActionHost` of one command: the VPS named on the command
line is the selection, notices go to stderr, and the action's work is awaited by the command
instead of running in the background."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from lswtui.core.action_host import Selection
from lswtui.core.failures import Severity
from lswtui.core.fleet import FleetRow
from lswtui.headless.dialogs import ArgDialogs
from lswtui.headless.streams import Streams

Work = Callable[[], Coroutine[Any, Any, None]]


class HeadlessHost:
    def __init__(
        self, streams: Streams, dialogs: ArgDialogs, row: FleetRow, selection: Selection
    ) -> None:
        self.streams = streams
        self._dialogs = dialogs
        self.row = row
        self._selection = selection
        self.work: Work | None = None
        #: The worst severity told so far (an error while reading the context, a rule's refusal).
        self.worst: Severity | None = None

    @property
    def dialogs(self) -> ArgDialogs:
        return self._dialogs

    @property
    def selected(self) -> FleetRow | None:
        return self.row

    @property
    def no_selection_reason(self) -> str:
        return "name a VPS id"

    def selection(self, vps_id: str) -> Selection:
        return self._selection if vps_id == self.row.vps_id else Selection()

    def tell(
        self,
        message: str,
        *,
        title: str = "",
        severity: Severity = "information",
        timeout: float | None = None,
    ) -> None:
        if severity == "error" or (severity == "warning" and self.worst != "error"):
            self.worst = severity
        prefix = "" if severity == "information" else f"{severity}: "
        head = f"{title}: " if title and not message.startswith(title) else ""
        self.streams.say(f"lswtui: {prefix}{head}{message}")

    def show_tab(self, tab: str) -> None:
        """No tabs here: the flows that offer one are answered without it."""

    def mark_pending(self, vps_id: str, pending: bool) -> None:
        """The progress line of ``--wait`` shows it instead."""

    def after_action(self) -> None:
        """Nothing on screen to refresh: ``--wait`` reads the VPS itself."""

    def refresh_bindings(self) -> None:
        """No keys to dim."""

    def run_action_worker(self, work: Work) -> None:
        self.work = work
