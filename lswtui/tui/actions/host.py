"""What the action runner and the flows need of the screen they act from (the main screen).

A protocol, so that they never import the screen (no import circle): the screen calls the
runner, the runner and flows call back only what is listed here.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any, Protocol

from textual.app import App

from lswtui.core.fleet import FleetRow
from lswtui.core.session import Session
from lswtui.tui.panes.base import DetailPane
from lswtui.tui.widgets.fleet_table import FleetTable


class ActionHost(Protocol):
    @property
    def app(self) -> App[object]: ...

    @property
    def session(self) -> Session: ...

    @property
    def selected(self) -> FleetRow | None: ...

    @property
    def table(self) -> FleetTable: ...

    @property
    def active_tab(self) -> str: ...

    def pane(self, tab: str) -> DetailPane: ...

    def action_show_tab(self, tab: str) -> None: ...

    def after_action(self) -> None: ...

    def refresh_bindings(self) -> None: ...

    def run_action_worker(self, work: Callable[[], Coroutine[Any, Any, None]]) -> None:
        """Run ``work`` in a worker of the screen's (ended with it)."""
