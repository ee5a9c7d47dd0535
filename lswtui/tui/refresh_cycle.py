"""The main screen's refresh loop of one account: it runs the account's
:class:`~lswtui.core.fleet_refresh.FleetRefresh` in the screen's workers, renders each outcome
(rows and their change marks, the error line) and schedules the next refresh by the core's policy.

With several accounts open there is one cycle per account, each in its own worker group, so
one account's slow or failing refresh never holds up another's; they all render into the one
list (the merged fleet of :class:`~lswtui.core.accounts.Accounts`), and their automatic
refreshes are planned apart (:meth:`~lswtui.core.accounts.Accounts.plan_start`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.screen import Screen
from textual.timer import Timer

from lswtui.api import ApiError
from lswtui.core.accounts import Account, Accounts
from lswtui.core.fleet import FleetRow
from lswtui.tui import milestones
from lswtui.tui.panes.tabs import DetailTabs
from lswtui.tui.textual_compat import run_async
from lswtui.tui.unexpected import report_api_error, report_unexpected, unexpected_text
from lswtui.tui.widgets.fleet_table import FleetTable
from lswtui.tui.widgets.list_error import ListError


class RefreshCycle:
    def __init__(
        self,
        screen: Screen[Any],
        account: Account,
        accounts: Accounts,
        *,
        table: FleetTable,
        tabs: DetailTabs,
        error: ListError,
        status_changed: Callable[[], None],
        applied: Callable[[], None],
    ) -> None:
        self.screen = screen
        self.account = account
        self.accounts = accounts
        self.session = account.session
        self.runner = account.runner
        self.refresher = account.refresh
        self.table = table
        self.tabs = tabs
        self.error = error
        self._status_changed = status_changed
        self._applied = applied  # a new copy of this account's list is shown
        self.paused = False
        self.reading = False  # a full read is on its way
        self._next: Timer | None = None
        self._group = f"fleet-{account.name}" if accounts.several else "fleet"
        self._which = account.name if accounts.several else None  # named in shared messages
        table.marks = accounts.marks()

    @property
    def loaded(self) -> bool:
        return self.refresher.loaded

    def refresh(self) -> None:
        """Start a full refresh now (any refresh running or scheduled gives way)."""
        run_async(self.screen, self._read_all, group=self._group, exclusive=True)

    def start_in(self, delay: float) -> None:
        """A full refresh ``delay`` seconds from now, instead of any planned (several accounts
        start theirs one after another: :meth:`Accounts.plan_start`)."""
        if self._next is not None:
            self._next.stop()
            self._next = None
        if delay <= 0:
            self.refresh()
        else:
            self._next = self.screen.set_timer(delay, self.refresh)

    def set_paused(self, paused: bool) -> None:
        self.paused = paused
        if paused:
            self._schedule_next()
        else:
            self.refresh()

    async def _read_all(self) -> None:
        """One refresh cycle: all list pages, then the visible tab of the selected VPS."""
        self.reading = True
        self._status_changed()
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
            self.reading = False
            self._status_changed()
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
        self.table.set_rows(self.accounts.fleet())
        self._status_changed()

    def _apply(self, new: dict[str, FleetRow]) -> None:
        """Show ``new``: its changes are marked on the rows (no toast: the marks, the status
        line and the summary say it; the session's events reach the Timeline and the watch
        alerts)."""
        old, first = self.session.fleet, not self.loaded
        if first:
            self._milestone("loaded")
        self.refresher.apply(new)
        if not first:
            for vps_id, row in new.items():
                if old.get(vps_id) is not row:  # changed: its other tabs reload when opened
                    self.session.details.invalidate(vps_id)
        self._mark_stale(False)
        self.error.hide(self._which)
        self._push_rows()
        self._applied()

    def _milestone(self, name: str) -> None:
        """Once the frame showing the first rows (or the whole first list) is drawn: tell the
        benchmark, and freeze what lives on out of the garbage collector's full passes."""
        self.screen.call_after_refresh(milestones.reached, name)

    def _push_rows(self) -> None:
        self.table.set_rows(self.accounts.fleet(), self.accounts.gone())

    def _failed(self, reason: str, report: Callable[[], None]) -> None:
        """Keep the last known data, marked stale, with ``reason``; ``report`` the first failure
        of a streak."""
        first = self.refresher.failed()
        self._mark_stale(self.loaded)
        self.error.show(reason, loaded=self.loaded, account=self._which)
        if first:
            report()

    def _mark_stale(self, stale: bool) -> None:
        """Dim the rows of this account (all rows, when it is the only one)."""
        if self._which is None:
            self.table.stale = stale
            return
        if stale == (self._which in self.table.stale_accounts):
            return
        (self.table.stale_accounts.add if stale else self.table.stale_accounts.discard)(self._which)
        self.table.refresh()

    def _refresh_detail(self) -> None:
        row = self.table.selected_row
        if (
            row
            and (self._which is None or row.account == self._which)
            and row.vps_id in self.session.fleet
        ):
            self.tabs.show_vps(row.vps_id, force=True)

    def _schedule_next(self) -> None:
        if self._next is not None:
            self._next.stop()
            self._next = None
        if self.paused or not self.session.live_refresh:
            return
        plan = self.refresher.next()
        refresh = partial(self._poll, plan.poll) if plan.poll else self.refresh
        delay = self.accounts.plan_start(self.account.name, plan.delay)
        self._next = self.screen.set_timer(delay, refresh)

    def _poll(self, vps_ids: tuple[str, ...]) -> None:
        run_async(self.screen, self._read_moving, vps_ids, group=self._group, exclusive=True)

    def tick(self) -> None:
        """Every second: let gone rows leave."""
        if self.refresher.changes.expire():
            self._push_rows()
