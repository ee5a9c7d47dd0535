"""The main screen: the VPS list, the detail tabs of the selected VPS, and live refresh.

With several accounts open (issue 14) the list merges their fleets (an Account column; rows
keyed by account and id), each account refreshes in a cycle of its own, and each action goes
to the runner of its row's account; the tabs and dialogs act in the selected row's account.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Key, Resize
from textual.screen import Screen
from textual.widgets import Static, TabbedContent

from lswtui.core.accounts import Accounts
from lswtui.core.command_line import CommandHistory
from lswtui.core.events import HealthChanged, ProbeResult, ReadOnlyEntered
from lswtui.core.filtering import prepare as prepare_filter
from lswtui.core.fleet import FleetRow
from lswtui.core.runner import ActionRunner
from lswtui.tui.command_registry import ACTION_COMMANDS, APP_ACTIONS, FLEET_COMMANDS
from lswtui.tui.fleet_accounts import FleetAccounts
from lswtui.tui.fleet_keys import FleetKeys
from lswtui.tui.fleet_power import FleetPower
from lswtui.tui.incident_kit import IncidentKit
from lswtui.tui.panes.base import DetailPane
from lswtui.tui.panes.overview import OverviewPane
from lswtui.tui.panes.tabs import DetailTabs
from lswtui.tui.session_host import SessionChanged
from lswtui.tui.widgets.command_bar import CommandBar
from lswtui.tui.widgets.filter_box import FilterBox
from lswtui.tui.widgets.fleet_summary import FleetSummaryLine
from lswtui.tui.widgets.fleet_table import FleetTable
from lswtui.tui.widgets.footer import Footer
from lswtui.tui.widgets.list_error import ListError
from lswtui.tui.widgets.status_bar import StatusBar

NARROW_WIDTH = 110


class FleetScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        c.binding() for c in (*FLEET_COMMANDS, *ACTION_COMMANDS)
    ]

    def __init__(
        self,
        keymap: Mapping[str, str] | None = None,
        *,
        columns: Sequence[str] | None = None,
        split: int | None = None,
        remember: Callable[[Mapping[str, Any]], None] = lambda values: None,
        history: Path | None = None,
    ) -> None:
        """``history``: the file of the ``:`` line's history (None: kept in memory only)."""
        super().__init__()
        self._history = history
        self._keymap = keymap or {}
        self._columns = columns
        self._split = split
        self._remember = remember

    @cached_property
    def power(self) -> FleetPower:
        return FleetPower(
            self,
            lambda: self.accounts,
            go_to=self.go_to,
            narrow=self.narrow,
            remember=self._remember,
            columns=self._columns,
            split=self._split,
        )

    @cached_property
    def fleet_accounts(self) -> FleetAccounts:
        return FleetAccounts(
            self,
            table=self.table,
            tabs=self.tabs,
            error=self.query_one(ListError),
            status=self.query_one(StatusBar),
            summary=self.query_one(FleetSummaryLine),
            filter_box=self.query_one(FilterBox),
        )

    @cached_property
    def keys(self) -> FleetKeys:
        return FleetKeys(
            self,
            self._keymap,
            accounts=lambda: self.fleet_accounts,
            marks=self.power.marks,
            start=self.power.start_action,
        )

    @property
    def accounts(self) -> Accounts:
        return self.fleet_accounts.accounts

    @property
    def actions(self) -> ActionRunner:
        """The write runner of the selected row's account."""
        return self.fleet_accounts.selected.runner

    @property
    def kit(self) -> IncidentKit:
        """ssh, probe and copy as curl, in the selected row's account."""
        return IncidentKit(
            self.app,
            self.actions,
            active_tab=lambda: self.active_tab,
            traffic_days=lambda: self.tabs.traffic.days,
        )

    @property
    def rows(self) -> dict[str, FleetRow]:
        """Every open account's fleet (one account's own copy, keyed by VPS id), as applied."""
        return self.accounts.fleet()

    # -- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        yield FleetSummaryLine(id="summary")
        with Horizontal(id="main"):
            with Vertical(id="list-pane"):
                yield FilterBox()
                yield ListError(id="list-error")
                yield FleetTable(id="fleet")
            yield DetailTabs(id="details")
        yield Static("", id="bulk-progress", markup=False)
        yield CommandBar(CommandHistory(self._history))
        yield Footer(first=APP_ACTIONS, compact=True)

    def on_mount(self) -> None:
        self.power.start()
        self.table.focus()
        self.fleet_accounts.start()

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW_WIDTH, "-narrow")
        self.query_one(ListError).set_compact(event.size.width < NARROW_WIDTH)
        self.call_after_refresh(self.power.apply_split)

    @property
    def table(self) -> FleetTable:
        return self.query_one(FleetTable)

    @property
    def tabs(self) -> DetailTabs:
        return self.query_one(DetailTabs)

    @property
    def active_tab(self) -> str:
        return self.tabs.active

    def pane(self, tab: str) -> DetailPane:
        return self.tabs.pane(tab)

    @property
    def revealing_secret(self) -> bool:
        return self.tabs.credentials.revealing

    # -- what the widgets and the sessions report -------------------------------------------

    def on_session_changed(self, message: SessionChanged) -> None:
        if isinstance(message.event, ReadOnlyEntered):
            self.fleet_accounts.show_read_only()
            self.refresh_bindings()
        elif isinstance(message.event, HealthChanged):
            self.fleet_accounts.update_status()
        elif isinstance(message.event, ProbeResult):
            self.kit.tell_probe_result(message.event)
            overview = self.pane("overview")
            if isinstance(overview, OverviewPane):
                overview.refresh_probe(message.event.account, message.event.vps_id)

    @on(FleetTable.Selected)
    def _selected(self, event: FleetTable.Selected) -> None:
        self.fleet_accounts.cursor_moved(event.vps_id)
        self.power.rows_shown()
        if self.keys.footer_stale:
            self.refresh_bindings()

    @on(TabbedContent.TabActivated)
    def _tab_activated(self) -> None:
        self.fleet_accounts.show_selected()
        self.refresh_bindings()

    @on(FleetTable.RowsChanged)
    def _rows_changed(self) -> None:
        self.power.rows_changed()

    @on(FilterBox.Changed)
    def _filter_changed(self, event: FilterBox.Changed) -> None:
        self.fleet_accounts.filter.apply(event.matches)

    @on(CommandBar.Run)
    def _run_line(self, event: CommandBar.Run) -> None:
        self.power.run_line(event.invocation)

    # -- keys: Textual's hooks, then the commands (tui/command_registry.py) ------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.keys.allows(action, parameters)

    def on_key(self, event: Key) -> None:
        self.keys.route(event)  # action keys and tab keys: see FleetKeys

    def refresh_bindings(self) -> None:
        self.keys.footer_drawn()
        super().refresh_bindings()

    def refresh_fleet(self) -> None:
        """Refresh every account now, one after another (they never burst together)."""
        self.fleet_accounts.refresh()

    def go_to(self, key: str) -> None:
        self.fleet_accounts.go_to(key)

    def narrow(self, account: str | None) -> None:
        self.fleet_accounts.narrow(account)

    def sort_by(self, column: str) -> None:
        self.table.sort_by(column)

    def action_refresh(self) -> None:
        self.refresh_fleet()

    def action_filter(self) -> None:
        prepare_filter(self.rows.values())
        self.query_one(FilterBox).open()

    def action_clear_filter(self) -> None:
        """esc: back to the list from the details; in the list, clear the filter."""
        if self.keys.in_details or self.fleet_accounts.filter.clear():
            self.table.focus()

    @on(CommandBar.Closed)
    @on(FilterBox.Left)
    def action_focus_list(self) -> None:
        self.table.focus()

    def action_cycle_sort(self) -> None:
        self.table.cycle_sort()

    def action_reverse_sort(self) -> None:
        self.table.reverse_sort()

    def action_copy_id(self) -> None:
        self.table.copy_id()

    def action_copy_ip(self) -> None:
        self.table.copy_main_ip()

    def action_next_account(self) -> None:
        self.fleet_accounts.next_account()

    def action_toggle_watch(self) -> None:
        self.fleet_accounts.toggle_watch()

    def action_mark_seen(self) -> None:
        self.fleet_accounts.all_seen()

    def action_toggle_pause(self) -> None:
        self.fleet_accounts.toggle_pause()

    def action_vps_action(self, action_id: str) -> None:
        self.power.start_action(action_id)

    def action_toggle_mark(self) -> None:
        self.power.toggle_mark()

    def action_mark_all(self) -> None:
        self.power.mark_all()

    def action_clear_marks(self) -> None:
        self.power.clear_marks()

    def action_command_line(self) -> None:
        self.power.open_line()

    def action_choose_columns(self) -> None:
        self.power.choose_columns()

    def action_split(self, step: int) -> None:
        self.power.step_split(step)

    def action_cycle_tab(self, step: int) -> None:
        self.power.cycle_tab(step)

    def action_focus_details(self) -> None:
        self.power.focus_details()

    def action_ssh(self) -> None:
        self.kit.ssh()

    def action_probe(self) -> None:
        self.kit.probe()

    def action_copy_curl(self) -> None:
        self.kit.copy_curl()

    def action_show_tab(self, tab: str) -> None:
        self.tabs.active = tab

    async def action_reveal_password(self) -> None:
        await self.tabs.credentials.toggle_reveal()

    async def action_copy_password(self) -> None:
        await self.tabs.credentials.copy_password()

    def action_traffic_range(self) -> None:
        self.tabs.traffic.cycle_range()
