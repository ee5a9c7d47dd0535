"""The main screen: the VPS list, the detail tabs of the selected VPS, and live refresh."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Key, Resize
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, TabbedContent

from lswtui.core.actions import ACTIONS_BY_ID
from lswtui.core.filtering import RowFilter, compile_filter
from lswtui.core.fleet import FleetRow
from lswtui.core.runner import ActionRunner
from lswtui.core.session import Session
from lswtui.tui.command_registry import (
    ACTION_COMMANDS,
    FLEET_COMMANDS,
    FOOTER_ACTIONS,
    action_keys,
)
from lswtui.tui.fleet_action_host import FleetActionHost
from lswtui.tui.panes.base import DetailPane
from lswtui.tui.panes.tabs import TAB_ACTIONS, DetailTabs
from lswtui.tui.refresh_cycle import RefreshCycle
from lswtui.tui.session_host import session_of
from lswtui.tui.widgets.filter_box import FilterBox
from lswtui.tui.widgets.fleet_table import FleetTable
from lswtui.tui.widgets.footer import Footer
from lswtui.tui.widgets.list_error import ListError
from lswtui.tui.widgets.status_bar import StatusBar

NARROW_WIDTH = 110
SELECT_DEBOUNCE = 0.15


class FleetScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        c.binding() for c in (*FLEET_COMMANDS, *ACTION_COMMANDS)
    ]

    def __init__(self, keymap: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self._action_keys = action_keys(keymap or {})  # see ``on_key``
        self._select_timer: Timer | None = None
        self._footer_shown: tuple[bool | None, ...] = ()

    @cached_property
    def actions(self) -> ActionRunner:
        host = FleetActionHost(self, self.table, self.tabs, after_action=self.refresh_fleet)
        return ActionRunner(self.session, host)

    @cached_property
    def cycle(self) -> RefreshCycle:
        return RefreshCycle(
            self,
            self.session,
            self.actions,
            table=self.table,
            tabs=self.tabs,
            status=self.query_one(StatusBar),
            error=self.query_one(ListError),
        )

    @property
    def session(self) -> Session:
        return session_of(self)

    @property
    def rows(self) -> dict[str, FleetRow]:
        """The session's fleet (its one copy), as last applied."""
        return self.session.fleet

    # -- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        with Horizontal(id="main"):
            with Vertical(id="list-pane"):
                yield FilterBox()
                yield ListError(id="list-error")
                yield FleetTable(id="fleet")
            yield DetailTabs(id="details")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        status = self.query_one(StatusBar)
        status.profile = self.session.account
        status.host = self.session.host
        status.read_only = self.session.read_only
        self.query_one(FleetTable).focus()
        self.set_interval(1.0, self.cycle.tick)
        self.refresh_fleet()

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW_WIDTH, "-narrow")

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
        self.cycle.refresh()

    # -- selection and tabs -----------------------------------------------------------------

    @on(FleetTable.Selected)
    def _selected(self, event: FleetTable.Selected) -> None:
        if self._select_timer is not None:
            self._select_timer.stop()
        self._select_timer = self.set_timer(SELECT_DEBOUNCE, self._load_selected)
        self._show_filter_notes()
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
        self.tabs.show_vps(self.table.selected_id, empty=self.table.empty_reason)

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self._load_selected()
        self.refresh_bindings()

    def action_show_tab(self, tab: str) -> None:
        self.tabs.active = tab

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in TAB_ACTIONS:
            return self.active_tab == TAB_ACTIONS[action]
        if action == "vps_action":
            return self._action_state(str(parameters[0]))
        return True

    def _action_state(self, action_id: str) -> bool | None:
        """Hidden (False) in read-only mode, dimmed (None) when its rule fails or it is busy."""
        if ACTIONS_BY_ID[action_id].mutating and self.session.read_only:
            return False
        return None if self.actions.unavailable(action_id) else True

    def action_vps_action(self, action_id: str) -> None:
        self.actions.start(action_id)

    def on_key(self, event: Key) -> None:
        """Action keys start their action here, enabled or not (a disabled one answers with its
        reason: nothing is dropped silently); their bindings (from the same registry) only label
        them in the footer. A binding cannot do this: Textual drops the key of a binding whose
        ``check_action`` says disabled, and that is what dims it in the footer.

        The start is queued on the app, behind the keys typed before it: a cursor key travels
        through this screen to the app, where its binding runs, so "j X" typed in one burst
        must stop the VPS the cursor moved to, not the one it left.
        """
        action_id = self._action_keys.get(event.key) or self._action_keys.get(event.character or "")
        if action_id is None or isinstance(self.focused, Input):
            return
        event.stop()
        self.app.call_later(self.actions.start, action_id)

    # -- keys -------------------------------------------------------------------------------

    def action_filter(self) -> None:
        self.query_one(FilterBox).open()

    def action_clear_filter(self) -> None:
        if self.query_one(FilterBox).clear():
            self._set_filter(compile_filter(""))
            self.table.focus()

    @on(FilterBox.Changed)
    def _filter_changed(self, event: FilterBox.Changed) -> None:
        self._set_filter(event.matches)

    def _set_filter(self, matches: RowFilter) -> None:
        self.table.set_filter(matches)
        self.cycle.update_status()
        self._show_filter_notes()

    def _show_filter_notes(self) -> None:
        self.query_one(FilterBox).show_notes(self.table.filter_notes())

    @on(FilterBox.Left)
    def _filter_left(self) -> None:
        self.table.focus()

    def action_refresh(self) -> None:
        self.refresh_fleet()

    def action_toggle_pause(self) -> None:
        self.cycle.toggle_pause()

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

    def go_to(self, vps_id: str) -> None:
        """Select a VPS, clearing a filter that hides it."""
        if not self.table.select(vps_id):
            self.action_clear_filter()
            self.table.select(vps_id)
        self.table.focus()

    async def action_reveal_password(self) -> None:
        await self.tabs.credentials.toggle_reveal()

    async def action_copy_password(self) -> None:
        await self.tabs.credentials.copy_password()

    def action_traffic_range(self) -> None:
        self.tabs.traffic.cycle_range()
