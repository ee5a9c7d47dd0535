"""The main screen's side of the action runner (:class:`lswtui.core.action_host.ActionHost`).

The runner and the flows see the VPS list, the open tab and the toasts through this object
only: they never reach into the screen or its widgets. With several accounts open, each
account's runner has a host of its own (``account``): it sees a selected row only if the row
is of its account, and marks rows by their key in the merged list.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from functools import cached_property
from typing import Any

from textual.screen import Screen

from lswtui.core.action_host import Selection
from lswtui.core.failures import Severity
from lswtui.core.fleet import FleetRow
from lswtui.tui.dialogs.modal import ModalDialogs
from lswtui.tui.panes.credentials import CredentialsPane
from lswtui.tui.panes.ips import IpsPane
from lswtui.tui.panes.snapshots import SnapshotsPane
from lswtui.tui.panes.tabs import DetailTabs
from lswtui.tui.textual_compat import run_async
from lswtui.tui.widgets.fleet_table import FleetTable


class FleetActionHost:
    def __init__(
        self,
        screen: Screen[Any],
        table: FleetTable,
        tabs: DetailTabs,
        *,
        after_action: Callable[[], object],
        account: str | None = None,
        key: Callable[[str], str] = str,
    ) -> None:
        self._screen = screen
        self._table = table
        self._tabs = tabs
        self._after_action = after_action
        self._account = account
        self._key = key  # VPS id -> its row key in the table

    @cached_property
    def dialogs(self) -> ModalDialogs:
        return ModalDialogs(self._screen.app)

    @property
    def selected(self) -> FleetRow | None:
        row = self._table.selected_row
        return row if row is not None and self._ours(row.account) else None

    def _ours(self, account: str) -> bool:
        return self._account is None or account == self._account

    @property
    def no_selection_reason(self) -> str:
        return self._table.empty_reason or "Select a VPS first."

    def selection(self, vps_id: str) -> Selection:
        pane = self._tabs.pane(self._tabs.active)
        if pane.shown_for != vps_id or not self._ours(pane.session.account):
            return Selection()
        if isinstance(pane, IpsPane):
            return Selection(ip=pane.selected_ip if pane.chosen else None)
        if isinstance(pane, SnapshotsPane):
            return Selection(snapshot=pane.selected_snapshot if pane.chosen else None)
        if isinstance(pane, CredentialsPane):
            return Selection(credential=pane.selected_credential if pane.chosen else None)
        return Selection()

    def tell(
        self,
        message: str,
        *,
        title: str = "",
        severity: Severity = "information",
        timeout: float | None = None,
    ) -> None:
        self._screen.notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def show_tab(self, tab: str) -> None:
        self._tabs.active = tab

    def mark_pending(self, vps_id: str, pending: bool) -> None:
        self._table.set_pending(self._key(vps_id), pending)

    def after_action(self) -> None:
        """Refresh now so the action's effect shows (the detail it changed is already
        invalidated in the cache: the refresh reloads the open tab, opening another reloads it)."""
        self._after_action()
        self._screen.refresh_bindings()

    def refresh_bindings(self) -> None:
        self._screen.refresh_bindings()

    def run_action_worker(self, work: Callable[[], Coroutine[Any, Any, None]]) -> None:
        run_async(self._screen, work, group="actions")
