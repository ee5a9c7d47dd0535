"""The main screen's open accounts (issue 14): for each, a write runner with a host of its own
and a refresh cycle; together, the status line, pausing, and narrowing the list to one.

One account is the common case and behaves as before: rows keyed by bare VPS id, no Account
column, one refresh cycle in the worker group ``fleet``.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

from lswtui.core.accounts import Account, Accounts, split_key
from lswtui.core.fleet import FleetRow
from lswtui.core.fleet_summary import FleetSummary
from lswtui.core.session import Session
from lswtui.core.unseen import UnseenChanges
from lswtui.tui.fleet_action_host import FleetActionHost
from lswtui.tui.panes.tabs import DetailTabs
from lswtui.tui.refresh_cycle import RefreshCycle
from lswtui.tui.session_host import sessions_of
from lswtui.tui.widgets.fleet_summary import FleetSummaryLine
from lswtui.tui.widgets.fleet_table import FleetTable
from lswtui.tui.widgets.list_error import ListError
from lswtui.tui.widgets.status_bar import StatusBar


class FleetAccounts:
    def __init__(
        self,
        screen: Screen[Any],
        *,
        table: FleetTable,
        tabs: DetailTabs,
        error: ListError,
        status: StatusBar,
        summary: FleetSummaryLine,
    ) -> None:
        self._screen = screen
        self._table = table
        self._tabs = tabs
        self._status = status
        self._summary_line = summary
        self._summary = FleetSummary()
        self.accounts = Accounts(sessions_of(screen), self._host_for)
        self.cycles = {
            account.name: RefreshCycle(
                screen,
                account,
                self.accounts,
                table=table,
                tabs=tabs,
                error=error,
                status_changed=self.update_status,
                applied=self._applied,
            )
            for account in self.accounts
        }
        self.paused = False
        if self.accounts.several:
            table.account_width = max(len(name) for name in self.accounts.names)

    def _host_for(self, session: Session) -> FleetActionHost:
        name = session.account
        return FleetActionHost(
            self._screen,
            self._table,
            self._tabs,
            after_action=lambda: self.cycles[name].refresh(),
            account=name if len(sessions_of(self._screen)) > 1 else None,
            key=lambda vps_id: self.accounts.key(name, vps_id),
        )

    @property
    def selected(self) -> Account:
        """The account of the selected row (the first one when none is selected)."""
        row = self._table.selected_row
        found = self.accounts.by_name.get(row.account) if row is not None else None
        return found or next(iter(self.accounts))

    @property
    def loaded(self) -> bool:
        """Every account's whole list has been read once."""
        return all(cycle.loaded for cycle in self.cycles.values())

    def refresh(self) -> None:
        """Refresh every account now, one after another (they never burst together)."""
        for name, cycle in self.cycles.items():
            cycle.start_in(self.accounts.plan_start(name, 0.0))

    def tick(self) -> None:
        for cycle in self.cycles.values():
            cycle.tick()
        self.update_status()

    def _applied(self) -> None:
        """An account's new list is shown: count the fleet again for the summary line."""
        self._summary_line.counts = self._summary.update(self.accounts.fleet().values())

    def _marks_of(self, key: str) -> tuple[UnseenChanges, str]:
        """The unseen marks a row key's account keeps, and the VPS id they know it by."""
        account, vps_id = split_key(key) if self.accounts.several else ("", key)
        found = self.accounts.by_name.get(account) or next(iter(self.accounts))
        return found.refresh.changes.marks, vps_id

    def seen(self, *keys: str | None) -> None:
        """The cursor passed over these rows: their changes are seen."""
        if any(marks.seen(vps_id) for marks, vps_id in map(self._marks_of, filter(None, keys))):
            self._table.refresh()
            self.update_status()

    def all_seen(self) -> None:
        if sum(account.refresh.changes.marks.all_seen() for account in self.accounts):
            self._table.refresh()
            self.update_status()

    def is_watched(self, row: FleetRow) -> bool:
        account = self.accounts.by_name.get(row.account)
        return account is not None and row.vps_id in account.session.watched

    def set_paused(self, paused: bool) -> None:
        self.paused = paused
        for cycle in self.cycles.values():
            cycle.set_paused(paused)
        self.update_status()

    def next_scope(self) -> str | None:
        """After every account, the first; after each account, the next; after the last, all."""
        names, scope = self.accounts.names, self._table.scope
        if scope == names[-1]:
            return None
        return names[names.index(scope) + 1] if scope else names[0]

    def update_status(self) -> None:
        status, table = self._status, self._table
        status.loading = any(cycle.reading and not cycle.loaded for cycle in self.cycles.values())
        status.paused = self.paused
        status.total = table.total_count
        status.shown = table.shown_count
        status.scope = table.scope
        status.unseen = len(self.accounts.marks())
        if not self.accounts.several:
            session = next(iter(self.accounts)).session
            status.age = session.health.age()
            status.health = session.health_status()
            return
        health = tuple(self.accounts.health())
        ages = [h.age for h in health if h.age is not None]
        status.age = max(ages) if len(ages) == len(health) else None  # the oldest data shown
        status.accounts = health

    def show_read_only(self) -> None:
        """Say which accounts send no write (the status bar's READ-ONLY)."""
        if self.accounts.several:
            self._status.read_only_accounts = tuple(
                account.name for account in self.accounts if account.session.read_only
            )
        else:
            self._status.read_only = next(iter(self.accounts)).session.read_only
