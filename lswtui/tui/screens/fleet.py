"""The main screen: the VPS list, the detail tabs of the selected VPS, and live refresh."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cached_property, partial
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Key, Resize
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, TabbedContent

from lswtui.api import ApiError
from lswtui.core.actions import ACTIONS_BY_ID
from lswtui.core.filtering import RowFilter, compile_filter
from lswtui.core.fleet import FleetRow
from lswtui.core.fleet_refresh import FleetRefresh
from lswtui.core.runner import ActionRunner
from lswtui.core.session import Session
from lswtui.tui import milestones
from lswtui.tui.command_registry import (
    ACTION_COMMANDS,
    FLEET_COMMANDS,
    FOOTER_ACTIONS,
    keys_of,
)
from lswtui.tui.fleet_action_host import FleetActionHost
from lswtui.tui.panes.base import DetailPane
from lswtui.tui.panes.tabs import TAB_ACTIONS, DetailTabs
from lswtui.tui.session_host import session_of
from lswtui.tui.unexpected import report_api_error, report_unexpected, unexpected_text
from lswtui.tui.widgets.filter_box import FilterBox
from lswtui.tui.widgets.fleet_table import FleetTable
from lswtui.tui.widgets.footer import Footer
from lswtui.tui.widgets.list_error import ListError
from lswtui.tui.widgets.status_bar import StatusBar

NARROW_WIDTH = 110
SELECT_DEBOUNCE = 0.15
MAX_CHANGE_TOASTS = 5


class FleetScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        c.binding() for c in (*FLEET_COMMANDS, *ACTION_COMMANDS)
    ]

    def __init__(self, keymap: Mapping[str, str] | None = None) -> None:
        super().__init__()
        #: The keys of each action, as typed (the user's keymap applied): see ``on_key``.
        self._action_keys = {
            key.strip(): command.action_id
            for command in ACTION_COMMANDS
            for key in keys_of(command, keymap or {}).split(",")
        }
        self.paused = False
        self._next: Timer | None = None
        self._select_timer: Timer | None = None
        self._footer_shown: tuple[bool | None, ...] = ()

    @cached_property
    def actions(self) -> ActionRunner:
        host = FleetActionHost(self, self.table, self.tabs, after_action=self.refresh_fleet)
        return ActionRunner(self.session, host)

    @cached_property
    def refresher(self) -> FleetRefresh:
        return FleetRefresh(self.session, self.actions)

    @property
    def loaded(self) -> bool:
        return self.refresher.loaded

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
        self.table.marks = self.refresher.changes.marks
        self.set_interval(1.0, self._tick)
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

    # -- refresh ----------------------------------------------------------------------------

    @work(exclusive=True, group="fleet", exit_on_error=False)
    async def refresh_fleet(self) -> None:
        """One refresh cycle: all list pages, then the visible tab of the selected VPS."""
        status = self.query_one(StatusBar)
        status.loading = not self.loaded
        try:
            self._apply(await self.refresher.read_all(self._stream))
            self.refresher.succeeded()
            await self.actions.poll_pending(self.rows)
            self._refresh_detail()
        except ApiError as exc:
            self._refresh_failed(exc.describe(), partial(report_api_error, self, exc))
        except Exception as exc:  # a bug or MemoryError: reported, and the next refresh runs
            self._refresh_failed(
                unexpected_text(exc), partial(report_unexpected, self, "Refresh", exc)
            )
        finally:
            status.loading = False
            self._update_status()
            self._schedule_next()

    @work(exclusive=True, group="fleet", exit_on_error=False)
    async def poll_watched(self, vps_ids: tuple[str, ...]) -> None:
        """Between full refreshes of a large fleet: re-read only the VPSes in transition."""
        try:
            rows = await self.refresher.read_moving(vps_ids)
            shown = self.table.selected_row
            self._apply(rows)
            await self.actions.poll_pending(self.rows)
            if self.table.selected_row is not shown:
                self._refresh_detail()
        except Exception as exc:
            self._refresh_failed(
                unexpected_text(exc), partial(report_unexpected, self, "Refresh", exc)
            )
        finally:
            self._schedule_next()

    def _stream(self, first: bool) -> None:
        """First load: show the rows read so far."""
        if first:
            self._milestone("rows")
        self.table.set_rows(self.rows)
        self._update_status()

    def _apply(self, new: dict[str, FleetRow]) -> None:
        if not self.loaded:
            self._milestone("loaded")
        self._toast_changes(self.refresher.apply(new))
        self.table.stale = False
        self.query_one(ListError).hide()
        self._push_rows()

    def _milestone(self, name: str) -> None:
        """Once the frame showing the first rows (or the whole first list) is drawn: tell the
        benchmark, and freeze what lives on out of the garbage collector's full passes."""
        self.call_after_refresh(milestones.reached, name)

    def _toast_changes(self, toasts: list[str]) -> None:
        for text in toasts[:MAX_CHANGE_TOASTS]:
            self.notify(text, title="Changed", markup=False, timeout=8)
        if len(toasts) > MAX_CHANGE_TOASTS:
            self.notify(f"… and {len(toasts) - MAX_CHANGE_TOASTS} more changes", markup=False)

    def _push_rows(self) -> None:
        self.table.set_rows(self.rows, self.refresher.changes.gone)

    def _refresh_failed(self, reason: str, report: Callable[[], None]) -> None:
        """Keep the last known data, marked stale, with ``reason``; ``report`` the first failure
        of a streak."""
        first = self.refresher.failed()
        self.table.stale = self.loaded
        self.query_one(ListError).show(reason, loaded=self.loaded)
        if first:
            report()

    def _refresh_detail(self) -> None:
        vps_id = self.table.selected_id
        if vps_id and vps_id in self.rows:
            self.tabs.show_vps(vps_id, force=True)

    def _schedule_next(self) -> None:
        if self._next is not None:
            self._next.stop()
            self._next = None
        if self.paused or not self.session.live_refresh:
            return
        plan = self.refresher.next()
        refresh = partial(self.poll_watched, plan.poll) if plan.poll else self.refresh_fleet
        self._next = self.set_timer(plan.delay, refresh)

    def _tick(self) -> None:
        expired, gone = self.refresher.changes.expire()
        if gone:
            self._push_rows()
        elif expired:
            self.table.refresh()
        self._update_status()

    def _update_status(self) -> None:
        status = self.query_one(StatusBar)
        health = self.session.health
        status.age = health.age()
        status.health = self.session.health_status()
        status.paused = self.paused
        status.total = self.table.total_count
        status.shown = self.table.shown_count

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
        self.show_tab(tab)

    def show_tab(self, tab: str) -> None:
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
        reason: nothing is dropped silently); the bindings only label them in the footer.

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
        self._update_status()
        self._show_filter_notes()

    def _show_filter_notes(self) -> None:
        self.query_one(FilterBox).show_notes(self.table.filter_notes())

    @on(FilterBox.Left)
    def _filter_left(self) -> None:
        self.table.focus()

    def action_refresh(self) -> None:
        self.refresh_fleet()

    def action_toggle_pause(self) -> None:
        self.paused = not self.paused
        self.notify("Auto-refresh paused." if self.paused else "Auto-refresh resumed.")
        if self.paused:
            self._schedule_next()
        else:
            self.refresh_fleet()
        self._update_status()

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
