"""The main screen: the VPS list, the detail tabs of the selected VPS, and live refresh.

With several accounts open (issue 14) the list merges their fleets (an Account column; rows
keyed by account and id), each account refreshes in a cycle of its own, and each action goes
to the runner of its row's account; the tabs and dialogs act in the selected row's account.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import cached_property
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Key, Resize
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, Static, TabbedContent

from lswtui.core.accounts import Account, Accounts
from lswtui.core.actions import ACTIONS_BY_ID
from lswtui.core.command_line import HISTORY_NAME, CommandHistory
from lswtui.core.events import HealthChanged, ProbeResult, ReadOnlyEntered
from lswtui.core.filtering import RowFilter, compile_filter
from lswtui.core.fleet import FleetRow
from lswtui.core.marks import Marks
from lswtui.core.runner import ActionRunner
from lswtui.core.session import Session
from lswtui.tui.command_registry import (
    ACTION_COMMANDS,
    APP_ACTIONS,
    FLEET_COMMANDS,
    FOOTER_ACTIONS,
    action_keys,
    keys_of,
)
from lswtui.tui.fleet_accounts import FleetAccounts
from lswtui.tui.fleet_power import FleetPower
from lswtui.tui.incident_kit import IncidentKit
from lswtui.tui.panes.base import DetailPane
from lswtui.tui.panes.overview import OverviewPane
from lswtui.tui.panes.tabs import TAB_ACTIONS, DetailTabs
from lswtui.tui.refresh_cycle import RefreshCycle
from lswtui.tui.session_host import SessionChanged, select_session, session_of
from lswtui.tui.tab_names import TABS
from lswtui.tui.widgets.command_bar import CommandBar
from lswtui.tui.widgets.filter_box import FilterBox
from lswtui.tui.widgets.fleet_summary import FleetSummaryLine
from lswtui.tui.widgets.fleet_table import FleetTable, chosen_columns
from lswtui.tui.widgets.footer import Footer
from lswtui.tui.widgets.list_error import ListError
from lswtui.tui.widgets.status_bar import StatusBar

NARROW_WIDTH = 110
SELECT_DEBOUNCE = 0.15


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
    ) -> None:
        super().__init__()
        self._action_keys = action_keys(keymap or {})  # see ``on_key``
        #: The keys that act on one tab only -> (their command's label, that tab).
        self._tab_keys = {
            key.strip(): (command.label, TAB_ACTIONS[command.action])
            for command in FLEET_COMMANDS
            if command.action in TAB_ACTIONS
            for key in keys_of(command, keymap or {}).split(",")
        }
        self._columns, self._unknown_columns = chosen_columns(columns)
        self._split = split
        self._remember = remember
        self._select_timer: Timer | None = None
        self._footer_shown: tuple[bool | None, ...] = ()
        self._cursor_on: str | None = None  # the row the cursor is on (its changes get seen)

    @cached_property
    def power(self) -> FleetPower:
        return FleetPower(
            self,
            lambda: self.accounts,
            go_to=self.go_to,
            narrow=self.narrow,
            remember=self._remember,
            split=self._split,
        )

    @property
    def marks(self) -> Marks:
        return self.power.marks

    @cached_property
    def fleet_accounts(self) -> FleetAccounts:
        return FleetAccounts(
            self,
            table=self.table,
            tabs=self.tabs,
            error=self.query_one(ListError),
            status=self.query_one(StatusBar),
            summary=self.query_one(FleetSummaryLine),
        )

    @property
    def accounts(self) -> Accounts:
        return self.fleet_accounts.accounts

    @property
    def cycles(self) -> dict[str, RefreshCycle]:
        """Each account's refresh loop."""
        return self.fleet_accounts.cycles

    @property
    def account(self) -> Account:
        """The account of the selected row (the first one when none is selected)."""
        return self.fleet_accounts.selected

    @property
    def actions(self) -> ActionRunner:
        """The write runner of the selected row's account."""
        return self.account.runner

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
    def session(self) -> Session:
        return session_of(self)

    @property
    def rows(self) -> dict[str, FleetRow]:
        """Every open account's fleet (one account's own copy, keyed by VPS id), as applied."""
        return self.accounts.fleet()

    @property
    def loaded(self) -> bool:
        """Every account's whole list has been read once."""
        return self.fleet_accounts.loaded

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
        yield CommandBar(CommandHistory(self.session.audit.path.parent / HISTORY_NAME))
        yield Footer(first=APP_ACTIONS, compact=True)

    def on_mount(self) -> None:
        status = self.query_one(StatusBar)
        status.profile = self.session.account
        status.host = self.session.host
        self.show_read_only()
        self.table.watched = self.fleet_accounts.is_watched
        self.query_one(FilterBox).watched = self.fleet_accounts.is_watched
        self.query_one("#bulk-progress").display = False
        self.table.set_columns(self._columns)
        self.table.extras = self.power.extras_of
        if self._unknown_columns:
            self.notify(
                f"Columns: no column {', '.join(self._unknown_columns)}; Choose columns (f2) "
                "lists them.",
                severity="warning",
                markup=False,
            )
        self.table.focus()
        self.set_interval(1.0, self.fleet_accounts.tick)
        self.refresh_fleet()

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW_WIDTH, "-narrow")
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

    def refresh_fleet(self) -> None:
        """Refresh every account now, one after another (they never burst together)."""
        self.fleet_accounts.refresh()

    def update_status(self) -> None:
        self.fleet_accounts.update_status()

    def show_read_only(self) -> None:
        self.fleet_accounts.show_read_only()

    def on_session_changed(self, message: SessionChanged) -> None:
        if isinstance(message.event, ReadOnlyEntered):
            self.show_read_only()
            self.refresh_bindings()
        elif isinstance(message.event, HealthChanged):
            self.update_status()
        elif isinstance(message.event, ProbeResult):
            self.kit.tell_probe_result(message.event)
            overview = self.pane("overview")
            if isinstance(overview, OverviewPane):
                overview.refresh_probe(message.event.account, message.event.vps_id)

    # -- selection and tabs -----------------------------------------------------------------

    @on(FleetTable.Selected)
    def _selected(self, event: FleetTable.Selected) -> None:
        self.fleet_accounts.seen(self._cursor_on, event.vps_id)  # left one row, reached one
        self._cursor_on = event.vps_id
        if self._select_timer is not None:
            self._select_timer.stop()
        self._select_timer = self.set_timer(SELECT_DEBOUNCE, self._load_selected)
        self._show_filter_notes()
        self.power.rows_shown()
        if self._footer_actions() != self._footer_shown:
            self.refresh_bindings()

    def refresh_bindings(self) -> None:
        """Re-draw the footer; a cursor move does so only if a footer action changed state
        (rebuilding the footer's keys on every move would cost a layout per key press)."""
        self._footer_shown = self._footer_actions()
        super().refresh_bindings()

    def _footer_actions(self) -> tuple[bool | None, ...]:
        return tuple(self._action_state(action_id) for action_id in FOOTER_ACTIONS)

    def _load_selected(self) -> None:
        row = self.table.selected_row
        session = self.account.session
        moved = session is not self.session  # to another account: a VPS id may be in both
        select_session(self, session)
        self.tabs.show_vps(row.vps_id if row else None, force=moved, empty=self.table.empty_reason)

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self._load_selected()
        self.refresh_bindings()

    def action_show_tab(self, tab: str) -> None:
        self.tabs.active = tab

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in TAB_ACTIONS:
            return self.active_tab == TAB_ACTIONS[action]
        if action == "clear_marks":  # esc clears the marks first, then the filter
            return bool(self.marks) and not self._in_details
        if action in ("toggle_mark", "mark_all"):  # marks are the list's, not a tab's rows
            return not self._in_details
        if action == "vps_action":
            return self._action_state(str(parameters[0]))
        if action == "next_account":
            return self.accounts.several
        return True

    def _action_state(self, action_id: str) -> bool | None:
        """Hidden (False) in read-only mode, dimmed (None) when its rule fails or it is busy."""
        if ACTIONS_BY_ID[action_id].mutating and self.account.session.read_only:
            return False
        return None if self.actions.unavailable(action_id) else True

    def action_vps_action(self, action_id: str) -> None:
        self.power.start_action(action_id)

    def on_key(self, event: Key) -> None:
        """Action keys start their action here, enabled or not (a disabled one answers with its
        reason: nothing is dropped silently); their bindings (from the same registry) only label
        them in the footer. A binding cannot do this: Textual drops the key of a binding whose
        ``check_action`` says disabled, and that is what dims it in the footer.

        The start is queued on the app, behind the keys typed before it: a cursor key travels
        through this screen to the app, where its binding runs, so "j X" typed in one burst
        must stop the VPS the cursor moved to, not the one it left. With VPSes marked, an
        action key acts on them (power actions and snapshot create; others say why not).

        A key of one tab pressed on another says which tab it works on, for the same reason.
        """
        if isinstance(self.focused, Input):
            return
        if (tab_key := self._tab_keys.get(event.key)) and self.active_tab != tab_key[1]:
            event.stop()
            label, tab = tab_key
            number, name = next((n, t[1]) for n, t in enumerate(TABS, 1) if t[0] == tab)
            self.notify(
                f"{label} works on the {name} tab ({number}): press {number} first.",
                markup=False,
            )
            return
        action_id = self._action_keys.get(event.key) or self._action_keys.get(event.character or "")
        if action_id is None:
            return
        event.stop()
        self.app.call_later(self.action_vps_action, action_id)

    # -- keys -------------------------------------------------------------------------------

    def action_filter(self) -> None:
        self.query_one(FilterBox).open()

    @property
    def _in_details(self) -> bool:
        return self.focused is not None and self.tabs in self.focused.ancestors_with_self

    def action_clear_filter(self) -> None:
        """esc: back to the list from the details; in the list, clear the filter."""
        if self._in_details:
            self.table.focus()
        elif self.query_one(FilterBox).clear():
            self._set_filter(compile_filter(""))
            self.table.focus()

    def action_clear_marks(self) -> None:
        self.power.clear_marks()

    def action_toggle_mark(self) -> None:
        self.power.toggle_mark()

    def action_mark_all(self) -> None:
        self.power.mark_all()

    def action_command_line(self) -> None:
        self.power.open_line()

    @on(CommandBar.Run)
    def _run_line(self, event: CommandBar.Run) -> None:
        self.power.run_line(event.invocation)

    @on(CommandBar.Closed)
    def _line_closed(self) -> None:
        self.table.focus()

    def action_choose_columns(self) -> None:
        self.power.choose_columns()

    def action_cycle_tab(self, step: int) -> None:
        self.power.cycle_tab(step)

    def action_focus_list(self) -> None:
        self.table.focus()

    def action_focus_details(self) -> None:
        self.power.focus_details()

    def action_split(self, step: int) -> None:
        self.power.step_split(step)

    @on(FleetTable.RowsChanged)
    def _rows_changed(self) -> None:
        self.power.rows_changed()

    @on(FilterBox.Changed)
    def _filter_changed(self, event: FilterBox.Changed) -> None:
        self._set_filter(event.matches)

    def _set_filter(self, matches: RowFilter) -> None:
        self.table.set_filter(matches)
        self.update_status()
        self._show_filter_notes()

    def _show_filter_notes(self) -> None:
        self.query_one(FilterBox).show_notes(self.table.filter_notes())

    @on(FilterBox.Left)
    def _filter_left(self) -> None:
        self.table.focus()

    def action_refresh(self) -> None:
        self.refresh_fleet()

    def action_toggle_watch(self) -> None:
        """Watch the selected VPS (its changes ring the bell), or stop watching it."""
        row = self.table.selected_row
        if row is None:
            self.notify(self.table.empty_reason or "Select a VPS first.", markup=False)
            return
        watch_list = self.account.session.watched  # the selected row's account's
        try:
            watched = watch_list.toggle(row.vps_id)
        except OSError as exc:
            watched = row.vps_id in watch_list
            self.notify(f"Could not save the watch list: {exc}", severity="warning", markup=False)
        self.table.refilter()
        self.notify(
            f"Watching VPS {row.label}: a change rings the bell."
            if watched
            else f"No longer watching VPS {row.label}.",
            markup=False,
        )

    def action_mark_seen(self) -> None:
        self.fleet_accounts.all_seen()

    def action_toggle_pause(self) -> None:
        paused = not self.fleet_accounts.paused
        self.notify("Auto-refresh paused." if paused else "Auto-refresh resumed.")
        self.fleet_accounts.set_paused(paused)

    def action_cycle_sort(self) -> None:
        self.table.cycle_sort()

    def action_reverse_sort(self) -> None:
        self.table.reverse_sort()

    def sort_by(self, column: str) -> None:
        """Sort by a column; the same column again reverses the order."""
        self.table.sort_by(column)

    def action_copy_id(self) -> None:
        self.table.copy_id()

    def action_copy_ip(self) -> None:
        self.table.copy_main_ip()

    def action_ssh(self) -> None:
        self.kit.ssh()

    def action_probe(self) -> None:
        self.kit.probe()

    def action_copy_curl(self) -> None:
        self.kit.copy_curl()

    def go_to(self, vps_id: str) -> None:
        """Select a VPS (by its row key with several accounts), clearing a filter that hides
        it; one in an account the list is narrowed away from shows every account again."""
        row = self.table.row(vps_id)
        if row is not None and self.table.scope not in (None, row.account):
            self.narrow(None)
        if not self.table.select(vps_id):
            self.action_clear_filter()
            self.table.select(vps_id)
        self.table.focus()

    def action_next_account(self) -> None:
        """Narrow the list to the next account; after the last, show every account again."""
        self.narrow(self.fleet_accounts.next_scope())

    def narrow(self, account: str | None) -> None:
        """Show only ``account``'s VPSes (None: every account's)."""
        if account == self.table.scope:
            return
        self.table.set_scope(account)
        self.notify(
            "Showing every account." if account is None else f"Showing account {account} only.",
            markup=False,
        )
        self.update_status()
        self._show_filter_notes()

    async def action_reveal_password(self) -> None:
        await self.tabs.credentials.toggle_reveal()

    async def action_copy_password(self) -> None:
        await self.tabs.credentials.copy_password()

    def action_traffic_range(self) -> None:
        self.tabs.traffic.cycle_range()
