"""The main screen's open accounts (issue 14): for each, a write runner with a host of its own
and a refresh cycle; together, the status line, pausing, narrowing the list to one, going to
a VPS in any of them, and the selected row: its account is the one the tabs and dialogs act
in, the changes the cursor passes over are seen, and watching it.

One account is the common case and behaves as before: rows keyed by bare VPS id, no Account
column, one refresh cycle in the worker group ``fleet``.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.timer import Timer

from lswtui.core.accounts import Account, Accounts, split_key
from lswtui.core.failures import Severity
from lswtui.core.fleet import FleetRow
from lswtui.core.fleet_summary import FleetSummary
from lswtui.core.session import Session
from lswtui.core.unseen import UnseenChanges
from lswtui.tui.fleet_action_host import FleetActionHost
from lswtui.tui.fleet_filter import ListFilter
from lswtui.tui.panes.tabs import DetailTabs
from lswtui.tui.refresh_cycle import RefreshCycle
from lswtui.tui.session_host import select_session, session_of, sessions_of
from lswtui.tui.widgets.filter_box import FilterBox
from lswtui.tui.widgets.fleet_summary import FleetSummaryLine
from lswtui.tui.widgets.fleet_table import FleetTable
from lswtui.tui.widgets.list_error import ListError
from lswtui.tui.widgets.status_bar import StatusBar

SELECT_DEBOUNCE = 0.15  # seconds the cursor rests on a row before the tabs load it


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
        filter_box: FilterBox,
    ) -> None:
        self._screen = screen
        self._table = table
        self._tabs = tabs
        self.filter = ListFilter(filter_box, table, counts_changed=self.update_status)
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
        self._cursor_on: str | None = None  # the row key the cursor is on
        self._select_timer: Timer | None = None
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

    def start(self) -> None:
        """The screen is mounted: fill the status line, and start refreshing every account."""
        self._status.profile = session_of(self._screen).account
        self._status.host = session_of(self._screen).host
        self.show_read_only()
        self._table.watched = self.is_watched
        self.filter.box.watched = self.is_watched
        self._screen.set_interval(1.0, self.tick)
        self.refresh()

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

    def cursor_moved(self, key: str | None) -> None:
        """The cursor left a row and reached ``key`` (None: no row): their changes are seen,
        the filter's notes say why it matched, and the tabs show it once the cursor rests."""
        keys = filter(None, (self._cursor_on, key))
        self._cursor_on = key
        if any(marks.seen(vps_id) for marks, vps_id in map(self._marks_of, keys)):
            self._table.refresh()
            self.update_status()
        if self._select_timer is not None:
            self._select_timer.stop()
        self._select_timer = self._screen.set_timer(SELECT_DEBOUNCE, self.show_selected)
        self.filter.show_notes()

    def show_selected(self) -> None:
        """The open tab shows the selected VPS, in its account's session."""
        row, session = self._table.selected_row, self.selected.session
        moved = session is not session_of(self._screen)  # a VPS id may be in both accounts
        select_session(self._screen, session)
        self._tabs.show_vps(
            row.vps_id if row else None, force=moved, empty=self._table.empty_reason
        )

    def all_seen(self) -> None:
        if sum(account.refresh.changes.marks.all_seen() for account in self.accounts):
            self._table.refresh()
            self.update_status()

    def is_watched(self, row: FleetRow) -> bool:
        account = self.accounts.by_name.get(row.account)
        return account is not None and row.vps_id in account.session.watched

    def toggle_watch(self) -> None:
        """Watch the selected VPS (its changes ring the bell), or stop watching it."""
        row = self._table.selected_row
        if row is None:
            self._tell(self._table.empty_reason or "Select a VPS first.")
            return
        watch_list = self.selected.session.watched  # the selected row's account's
        try:
            watched = watch_list.toggle(row.vps_id)
        except OSError as exc:
            watched = row.vps_id in watch_list
            self._tell(f"Could not save the watch list: {exc}", severity="warning")
        self._table.refilter()
        self._tell(
            f"Watching VPS {row.label}: a change rings the bell."
            if watched
            else f"No longer watching VPS {row.label}."
        )

    def toggle_pause(self) -> None:
        self.paused = not self.paused
        self._tell("Auto-refresh paused." if self.paused else "Auto-refresh resumed.")
        for cycle in self.cycles.values():
            cycle.set_paused(self.paused)
        self.update_status()

    def go_to(self, key: str) -> None:
        """Select a VPS by its row key, clearing a filter that hides it; one in an account the
        list is narrowed away from shows every account again."""
        table = self._table
        row = table.row(key)
        if row is not None and table.scope not in (None, row.account):
            self.narrow(None)
        if not table.select(key):
            self.filter.clear()
            table.select(key)
        table.focus()

    def next_account(self) -> None:
        """Narrow the list to the next account; after the last, show every account again."""
        names, scope = self.accounts.names, self._table.scope
        if scope == names[-1]:
            self.narrow(None)
        else:
            self.narrow(names[names.index(scope) + 1] if scope else names[0])

    def narrow(self, account: str | None) -> None:
        """Show only ``account``'s VPSes (None: every account's)."""
        if account == self._table.scope:
            return
        self._table.set_scope(account)
        self._tell(
            "Showing every account." if account is None else f"Showing account {account} only."
        )
        self.update_status()
        self.filter.show_notes()

    def _tell(self, message: str, severity: Severity = "information") -> None:
        self._screen.notify(message, severity=severity, markup=False)

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
