"""The main screen's tools for people who live in it (issue 15): the ``:`` commands, marks and
bulk actions, the columns shown and the split between list and details.

The screen's keys call these; they act on the screen's widgets, keep their state here (the
marks, the split), remember choices in the config file and report on the status line.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import cached_property
from typing import Any

from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static

from lswtui.core.accounts import Account, Accounts
from lswtui.core.bulk import BulkProgress, BulkRunner
from lswtui.core.command_line import Invocation, owners_of_ip
from lswtui.core.failures import Severity
from lswtui.core.fleet import FleetRow
from lswtui.core.marks import Marks
from lswtui.core.row_extras import Extras, RowExtras
from lswtui.core.runner import ActionRunner
from lswtui.tui.dialogs.column_picker import ColumnPickerDialog
from lswtui.tui.dialogs.modal import ModalDialogs
from lswtui.tui.line_commands import LineCommands, line_commands
from lswtui.tui.panes.tabs import DetailTabs
from lswtui.tui.split import list_share, stepped
from lswtui.tui.tab_names import TABS
from lswtui.tui.textual_compat import run_async
from lswtui.tui.widgets.command_bar import CommandBar
from lswtui.tui.widgets.filter_box import FilterBox
from lswtui.tui.widgets.fleet_table import (
    COLUMNS,
    DETAIL_COLUMNS,
    SORTABLE,
    FleetTable,
    chosen_columns,
)
from lswtui.tui.widgets.status_bar import StatusBar

PROGRESS_SHOWN = 10.0  # seconds the finished progress line stays


class FleetPower:
    def __init__(
        self,
        screen: Screen[Any],
        accounts: Callable[[], Accounts],
        *,
        go_to: Callable[[str], None],
        narrow: Callable[[str | None], None],
        remember: Callable[[Mapping[str, Any]], None],
        columns: Sequence[str] | None,
        split: int | None,
    ) -> None:
        self.screen = screen
        self._accounts = accounts  # the screen's open accounts (made once it is mounted)
        self.go_to = go_to  # by row key
        self.narrow = narrow
        self.remember = remember
        self._columns = columns  # the config's, until the user chooses (None: the default)
        self.split = split  # percent of the list, None: it follows the content
        self.marks = Marks()
        self._line: LineCommands | None = None
        self._progress_timer: Timer | None = None
        self._split_applied: tuple[str, str] | None = None  # (width, height) of the list

    # -- the widgets ------------------------------------------------------------------------

    @property
    def table(self) -> FleetTable:
        return self.screen.query_one(FleetTable)

    @property
    def tabs(self) -> DetailTabs:
        return self.screen.query_one(DetailTabs)

    @property
    def bar(self) -> CommandBar:
        return self.screen.query_one(CommandBar)

    @property
    def open_accounts(self) -> Accounts:
        return self._accounts()

    def account_of(self, row: FleetRow) -> Account:
        """The account a row belongs to (one account's rows name none: the only one)."""
        accounts = self.open_accounts
        return accounts.by_name.get(row.account) or next(iter(accounts))

    @cached_property
    def extras(self) -> dict[str, RowExtras]:
        """Each account's ISO and contract-end facts (its own client reads them)."""
        return {account.name: RowExtras(account.session) for account in self.open_accounts}

    def extras_of(self, row: FleetRow) -> Extras | None:
        return self.extras[self.account_of(row).name].get(row.vps_id)

    def tell(self, message: str, severity: Severity = "information") -> None:
        self.screen.notify(message, severity=severity, markup=False)

    # -- the : command line -----------------------------------------------------------------

    def open_line(self) -> None:
        self._line = line_commands(self, self.screen.app.get_system_commands(self.screen))
        self.bar.open(self._line.line)

    def run_line(self, invocation: Invocation) -> None:
        self.table.focus()
        if self._line is not None:
            self._line.run(invocation)

    def line_vps(self, text: str = "") -> None:
        self.screen.query_one(FilterBox).show_text(text)

    def line_ip(self, address: str) -> None:
        """Go to the owner of ``address`` in any open account (the first; the others told)."""
        accounts = self.open_accounts
        fleets = {account.name: account.session.fleet for account in accounts}
        self._go_to_first(owners_of_ip(fleets, address), f"No VPS has the IP {address}.")

    def line_id(self, vps_id: str) -> None:
        found = [
            (account.name, row)
            for account in self.open_accounts
            if (row := account.session.fleet.get(vps_id)) is not None
        ]
        self._go_to_first(found, f"No VPS {vps_id} in the list.")

    def _go_to_first(self, found: list[tuple[str, FleetRow]], none: str) -> None:
        if not found:
            self.tell(none, "warning")
            return
        accounts = self.open_accounts
        self.go_to(accounts.key(*self._named(found[0])))
        if len(found) > 1:
            others = ", ".join(f"{row.label} in {account}" for account, row in found[1:])
            self.tell(f"Also: {others}.")

    @staticmethod
    def _named(found: tuple[str, FleetRow]) -> tuple[str, str]:
        return found[0], found[1].vps_id

    def line_account(self, name: str) -> None:
        if not self.open_accounts.several:
            self.tell(f"One account is open ({name if name != 'all' else self.accounts()[0]}).")
            return
        self.narrow(None if name == "all" else name)

    def line_sort(self, column: str, order: str = "") -> None:
        self.table.sort(column, reverse=order == "desc")

    def line_tab(self, tab: str) -> None:
        self.tabs.active = tab

    def action_vps_action(self, action_id: str) -> None:
        self.start_action(action_id)

    def accounts(self) -> Sequence[str]:
        return self.open_accounts.names

    def sort_columns(self) -> Sequence[str]:
        return [key for key in self.table.shown_keys if key in SORTABLE]

    # -- marks and bulk actions -------------------------------------------------------------

    @cached_property
    def bulk(self) -> BulkRunner:
        """Each marked row goes through its own account's runner, under one confirmation."""
        host = next(iter(self.open_accounts)).runner.host  # tells and runs on this screen
        return BulkRunner(
            lambda row: self.account_of(row).runner,
            host,
            ModalDialogs(self.screen.app),
            self._progress,
        )

    def start_action(self, action_id: str) -> None:
        """An action key: on the marked VPSes when any are marked, else on the selected one."""
        if not self.marks:
            self.runner_of_selected().start(action_id)
            return
        rows = self.table.current_rows
        self.bulk.start(action_id, [rows[key] for key in self.marks if key in rows])

    def runner_of_selected(self) -> ActionRunner:
        row = self.table.selected_row
        return (self.account_of(row) if row else next(iter(self.open_accounts))).runner

    def toggle_mark(self) -> None:
        vps_id = self.table.selected_id
        if vps_id is not None and vps_id in self.table.current_rows:
            self.marks.toggle(vps_id)
            self.table.action_cursor(1)  # on to the next row, as in a file manager
            self._marks_changed()

    def mark_all(self) -> None:
        shown = self.table.current_rows
        self.marks.mark_all(vps_id for vps_id in self.table.visible_ids if vps_id in shown)
        self._marks_changed()

    def clear_marks(self) -> None:
        self.marks.clear()
        self._marks_changed()

    def rows_changed(self) -> None:
        """A refresh: the marks and extras of VPSes that left the fleet go; the split may
        follow new content."""
        if self.marks.retain(self.table.current_rows):
            self._marks_changed()
        for account in self.open_accounts:
            self.extras[account.name].retain(account.session.fleet)
        self.apply_split()
        self.rows_shown()

    def _marks_changed(self) -> None:
        self.table.marked = self.marks
        self.screen.query_one(StatusBar).marked = len(self.marks)
        self.table.refresh()
        self.screen.refresh_bindings()

    def _progress(self, progress: BulkProgress) -> None:
        line = self.screen.query_one("#bulk-progress", Static)
        line.update(progress.text)
        line.display = True
        if self._progress_timer is not None:
            self._progress_timer.stop()
            self._progress_timer = None
        if progress.finished:
            self._progress_timer = self.screen.set_timer(
                PROGRESS_SHOWN, lambda: setattr(line, "display", False)
            )

    # -- columns ----------------------------------------------------------------------------

    def start(self) -> None:
        """The screen is mounted: the list shows the configured columns (an unknown one is
        said), the bulk progress line hides until a bulk action runs."""
        self.screen.query_one("#bulk-progress").display = False
        columns, unknown = chosen_columns(self._columns)
        self.table.set_columns(columns)
        self.table.extras = self.extras_of
        if unknown:
            self.tell(
                f"Columns: no column {', '.join(unknown)}; Choose columns (f2) lists them.",
                "warning",
            )

    def choose_columns(self) -> None:
        picker = ColumnPickerDialog([(c.key, c.label) for c in COLUMNS], self.table.columns)
        self.screen.app.push_screen(picker, self._columns_chosen)

    def _columns_chosen(self, keys: list[str] | None) -> None:
        if not keys or tuple(keys) == self.table.columns:
            return
        self.table.set_columns(keys)
        self.remember({"columns": list(keys)})
        self.apply_split()
        self.rows_shown()

    def rows_shown(self) -> None:
        """With the ISO or contract-end column shown: read them for the rows on screen."""
        if not DETAIL_COLUMNS & set(self.table.columns):
            return
        top = int(self.table.scroll_y)
        keys = self.table.visible_ids[top : top + self.table.size.height]
        by_account: dict[str, dict[str, str]] = {}  # account -> VPS id -> row key
        for key in keys:
            if (row := self.table.row(key)) is not None:
                by_account.setdefault(self.account_of(row).name, {})[row.vps_id] = key
        for name, ids in by_account.items():
            if self.extras[name].due(ids):
                run_async(
                    self.screen,
                    self._load_extras,
                    name,
                    ids,
                    group=f"extras-{name}",
                    exclusive=True,
                )

    async def _load_extras(self, account: str, ids: dict[str, str]) -> None:
        read = await self.extras[account].load(ids)
        if read:
            self.table.details_read([ids[vps_id] for vps_id in read])

    # -- layout -----------------------------------------------------------------------------

    def cycle_tab(self, step: int) -> None:
        ids = [tab for tab, _ in TABS]
        self.tabs.active = ids[(ids.index(self.tabs.active) + step) % len(ids)]

    def focus_details(self) -> None:
        pane = self.tabs.pane(self.tabs.active)
        focusable = [w for w in pane.query("*") if w.focusable]
        (focusable[0] if focusable else self.tabs).focus()

    @property
    def _stacked(self) -> bool:
        return self.screen.has_class("-narrow")

    def apply_split(self) -> None:
        """Size the list: the chosen share, else what its columns want (see ``split``). Called
        at every refresh: the styles are set only when they change (each set is a layout)."""
        main = self.screen.query_one("#main").size
        if self._stacked:
            size = ("1fr", f"{self.split}%" if self.split else "1fr")
        elif main.width:
            size = (str(list_share(main.width, self.table.natural_width, self.split)), "1fr")
        else:
            return
        if size != self._split_applied:
            self._split_applied = size
            pane = self.screen.query_one("#list-pane")
            pane.styles.width, pane.styles.height = size

    def step_split(self, step: int) -> None:
        pane = self.screen.query_one("#list-pane").size
        main = self.screen.query_one("#main").size
        total, shown = (main.height, pane.height) if self._stacked else (main.width, pane.width)
        self.split = stepped(total, shown, step)
        self.apply_split()
        self.remember({"split": self.split})
