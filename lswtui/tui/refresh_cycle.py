"""The main screen's refresh loop: it runs :class:`~lswtui.core.fleet_refresh.FleetRefresh` in
the screen's workers, renders each outcome (rows, change toasts, the error line, the status
bar) and schedules the next refresh by the core's policy.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.screen import Screen
from textual.timer import Timer

from lswtui.api import ApiError
from lswtui.core.fleet import FleetRow
from lswtui.core.fleet_refresh import FleetRefresh
from lswtui.core.runner import ActionRunner
from lswtui.core.session import Session
from lswtui.tui import milestones
from lswtui.tui.panes.tabs import DetailTabs
from lswtui.tui.textual_compat import run_async
from lswtui.tui.unexpected import report_api_error, report_unexpected, unexpected_text
from lswtui.tui.widgets.fleet_table import FleetTable
from lswtui.tui.widgets.list_error import ListError
from lswtui.tui.widgets.status_bar import StatusBar

MAX_CHANGE_TOASTS = 5


class RefreshCycle:
    def __init__(
        self,
        screen: Screen[Any],
        session: Session,
        runner: ActionRunner,
        *,
        table: FleetTable,
        tabs: DetailTabs,
        status: StatusBar,
        error: ListError,
    ) -> None:
        self.screen = screen
        self.session = session
        self.runner = runner
        self.refresher = FleetRefresh(session, runner)
        self.table = table
        self.tabs = tabs
        self.status = status
        self.error = error
        self.paused = False
        self._next: Timer | None = None
        table.marks = self.refresher.changes.marks

    @property
    def loaded(self) -> bool:
        return self.refresher.loaded

    def refresh(self) -> None:
        """Start a full refresh now (any refresh running or scheduled gives way)."""
        run_async(self.screen, self._read_all, group="fleet", exclusive=True)

    def toggle_pause(self) -> None:
        self.paused = not self.paused
        self.screen.notify("Auto-refresh paused." if self.paused else "Auto-refresh resumed.")
        if self.paused:
            self._schedule_next()
        else:
            self.refresh()
        self.update_status()

    async def _read_all(self) -> None:
        """One refresh cycle: all list pages, then the visible tab of the selected VPS."""
        self.status.loading = not self.loaded
        try:
            self._apply(await self.refresher.read_all(self._stream))
            self.refresher.succeeded()
            await self.runner.poll_pending(self.session.fleet)
            self._refresh_detail()
        except ApiError as exc:
            self._failed(exc.describe(), partial(report_api_error, self.screen, exc))
        except Exception as exc:  # a bug or MemoryError: reported, and the next refresh runs
            self._failed(
                unexpected_text(exc), partial(report_unexpected, self.screen, "Refresh", exc)
            )
        finally:
            self.status.loading = False
            self.update_status()
            self._schedule_next()

    async def _read_moving(self, vps_ids: tuple[str, ...]) -> None:
        """Between full refreshes of a large fleet: re-read only the VPSes in transition."""
        try:
            rows = await self.refresher.read_moving(vps_ids)
            shown = self.table.selected_row
            self._apply(rows)
            await self.runner.poll_pending(self.session.fleet)
            if self.table.selected_row is not shown:
                self._refresh_detail()
        except Exception as exc:
            self._failed(
                unexpected_text(exc), partial(report_unexpected, self.screen, "Refresh", exc)
            )
        finally:
            self._schedule_next()

    def _stream(self, first: bool) -> None:
        """First load: show the rows read so far."""
        if first:
            self._milestone("rows")
        self.table.set_rows(self.session.fleet)
        self.update_status()

    def _apply(self, new: dict[str, FleetRow]) -> None:
        if not self.loaded:
            self._milestone("loaded")
        self._toast_changes(self.refresher.apply(new))
        self.table.stale = False
        self.error.hide()
        self._push_rows()

    def _milestone(self, name: str) -> None:
        """Once the frame showing the first rows (or the whole first list) is drawn: tell the
        benchmark, and freeze what lives on out of the garbage collector's full passes."""
        self.screen.call_after_refresh(milestones.reached, name)

    def _toast_changes(self, toasts: list[str]) -> None:
        for text in toasts[:MAX_CHANGE_TOASTS]:
            self.screen.notify(text, title="Changed", markup=False, timeout=8)
        if len(toasts) > MAX_CHANGE_TOASTS:
            more = len(toasts) - MAX_CHANGE_TOASTS
            self.screen.notify(f"… and {more} more changes", markup=False)

    def _push_rows(self) -> None:
        self.table.set_rows(self.session.fleet, self.refresher.changes.gone)

    def _failed(self, reason: str, report: Callable[[], None]) -> None:
        """Keep the last known data, marked stale, with ``reason``; ``report`` the first failure
        of a streak."""
        first = self.refresher.failed()
        self.table.stale = self.loaded
        self.error.show(reason, loaded=self.loaded)
        if first:
            report()

    def _refresh_detail(self) -> None:
        vps_id = self.table.selected_id
        if vps_id and vps_id in self.session.fleet:
            self.tabs.show_vps(vps_id, force=True)

    def _schedule_next(self) -> None:
        if self._next is not None:
            self._next.stop()
            self._next = None
        if self.paused or not self.session.live_refresh:
            return
        plan = self.refresher.next()
        refresh = partial(self._poll, plan.poll) if plan.poll else self.refresh
        self._next = self.screen.set_timer(plan.delay, refresh)

    def _poll(self, vps_ids: tuple[str, ...]) -> None:
        run_async(self.screen, self._read_moving, vps_ids, group="fleet", exclusive=True)

    def tick(self) -> None:
        """Every second: let change marks expire, and age the status bar."""
        expired, gone = self.refresher.changes.expire()
        if gone:
            self._push_rows()
        elif expired:
            self.table.refresh()
        self.update_status()

    def update_status(self) -> None:
        health = self.session.health
        self.status.age = health.age()
        self.status.health = self.session.health_status()
        self.status.paused = self.paused
        self.status.total = self.table.total_count
        self.status.shown = self.table.shown_count
