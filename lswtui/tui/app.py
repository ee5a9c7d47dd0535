"""The lswtui application: wires the client, settings and screens together."""

from __future__ import annotations

import asyncio
import signal
import time
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.driver import Driver
from textual.drivers.linux_driver import LinuxDriver
from textual.markup import escape
from textual.screen import Screen

from lswtui.api import ApiError, LeasewebClient
from lswtui.api.models import TrafficMetrics
from lswtui.config import display_host, save_theme, screenshot_dir, state_dir
from lswtui.core.actions import ACTIONS
from lswtui.core.audit import LOG_NAME, AuditLog, write_private
from lswtui.core.fleet import FleetRow
from lswtui.core.health import ApiHealth
from lswtui.tui.actions.runner import ActionRunner
from lswtui.tui.commands import VpsCommands
from lswtui.tui.dialogs import ConfirmDialog, ConsoleDialog, CredentialDialog
from lswtui.tui.driver import HardenedDriver
from lswtui.tui.screens.action_log import ActionLogScreen
from lswtui.tui.screens.fleet import TABS, FleetScreen
from lswtui.tui.screens.help import HelpScreen
from lswtui.tui.widgets.fleet_table import COLUMNS
from lswtui.tui.widgets.status_bar import StatusBar

TRAFFIC_TTL = 600.0  # daily buckets: re-fetching more often shows nothing new
#: Signals that end the app, and its exit code for each (128 + the signal number).
ENDING_SIGNALS = {signal.SIGHUP: 129, signal.SIGTERM: 143}


def _utcnow() -> datetime:
    return datetime.now(UTC)


class LswApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "lswtui"
    COMMANDS = App.COMMANDS | {VpsCommands}
    BINDINGS = [
        Binding("question_mark,f1", "help", "Help"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(
        self,
        client: LeasewebClient,
        *,
        profile: str = "default",
        api_url: str = "",
        read_only: bool = False,
        refresh_interval: float = 10.0,
        theme: str | None = None,
        ansi: bool = False,
        config_file: Path | None = None,
        auto_refresh: bool = True,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], datetime] = _utcnow,
        audit_dir: Path | None = None,
    ) -> None:
        super().__init__()
        self.client = client
        self.profile = profile
        self.api_host = display_host(api_url) or "api"
        self.read_only = read_only
        client.read_only = read_only
        self.refresh_interval = refresh_interval
        self.live_refresh = auto_refresh
        self.clock = clock
        self.wall_clock = wall_clock
        self.health = ApiHealth(clock=clock)
        client.on_request = lambda record: self.health.record_request(record.elapsed, record.status is not None and record.status < 400)
        client.on_retry = self.health.retry_waiting
        client.on_skipped = self.report_skipped
        self.skips_told: set[str] = set()  # operations whose skipped items were told this refresh
        self.fleet: dict[str, FleetRow] = {}
        self.audit = AuditLog((audit_dir or state_dir()) / LOG_NAME)
        self._requested_theme = theme
        self._ansi = ansi
        self._config_file = config_file
        self._traffic_cache: dict[tuple[str, int], tuple[float, TrafficMetrics]] = {}

    def get_driver_class(self) -> type[Driver]:
        """On Linux/macOS, the driver whose input never turns a terminal reply into keys."""
        driver = super().get_driver_class()
        return HardenedDriver if driver is LinuxDriver else driver

    def get_default_screen(self) -> Screen[None]:
        return FleetScreen()

    def on_mount(self) -> None:
        low_colour = not self.is_headless and self.console.color_system in ("standard", "windows", None)
        if self._requested_theme and self._requested_theme in self.available_themes:
            self.theme = self._requested_theme
        elif self._ansi or low_colour:
            self.theme = "ansi-dark"
        # Textual publishes a theme change with call_next: subscribing after it leaves the start-up
        # choice (--theme, --ansi, a 16-colour terminal) unsaved; only the user's changes are kept.
        self.call_next(self.theme_changed_signal.subscribe, self, self._persist_theme)
        if not self.is_headless:
            loop = asyncio.get_running_loop()
            for number, code in ENDING_SIGNALS.items():
                loop.add_signal_handler(number, self._end_on_signal, number, code)
            self.app_resume_signal.subscribe(self, self._repaint_after_resume)

    async def on_unmount(self) -> None:
        await self.client.aclose()

    # -- ending -----------------------------------------------------------------------------

    @property
    def _runners(self) -> list[ActionRunner]:
        return [screen.actions for screen in self.screen_stack if isinstance(screen, FleetScreen)]

    def writes_in_flight(self) -> list[str]:
        """The operations sent and not yet answered, e.g. ``["Stop VPS 123"]``."""
        return [operation for runner in self._runners for operation in runner.in_flight]

    def _abandon_writes(self, reason: str) -> None:
        for runner in self._runners:
            runner.abandon_in_flight(reason)

    async def action_quit(self) -> None:
        """Quit (q, the palette's Quit); with a write in flight, ask first."""
        in_flight = self.writes_in_flight()
        if not in_flight:
            self.exit()
            return

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self._abandon_writes("the app was quit before the answer came")
                self.exit()

        question = f"A write is in flight ({', '.join(in_flight)}). Quit anyway? Its outcome will be recorded as unknown."
        self.push_screen(ConfirmDialog("Quit lswtui", None, question, confirm_label="Quit"), answered)

    def _end_on_signal(self, number: signal.Signals, code: int) -> None:
        """SIGHUP/SIGTERM: record the writes in flight as unknown, restore the terminal, exit."""
        self._abandon_writes(f"the app was ended by {number.name} before the answer came")
        self.exit(return_code=code)

    def _repaint_after_resume(self, _app: object) -> None:
        # After SIGTSTP and fg the terminal shows whatever the shell left: redraw everything.
        self.refresh(repaint=True, layout=True)

    def _persist_theme(self, theme: object) -> None:
        if self._config_file is None:
            return
        try:
            save_theme(self.theme, self._config_file)
        except (OSError, ValueError) as exc:
            self.notify(f"Could not save the theme: {exc}", severity="warning", markup=False)

    # -- services for screens and panes -----------------------------------------------------

    def fleet_changed(self, rows: dict[str, FleetRow]) -> None:
        self.fleet = rows

    def enter_read_only(self, reason: str) -> None:
        """Switch this session to read-only (after a 403 on a write), and say why."""
        if self.read_only:
            return
        self.read_only = True
        self.client.read_only = True
        self.notify(f"Read-only until restart: {reason}.", severity="warning", markup=False, timeout=15)
        for screen in self.screen_stack:
            if isinstance(screen, FleetScreen):
                screen.query_one(StatusBar).read_only = True
                screen.refresh_bindings()

    def report_error(self, exc: ApiError) -> None:
        """Every API error reaches the user with its message and correlationId."""
        self.notify(exc.describe(), title="API error", severity="error", markup=False, timeout=12)

    def report_skipped(self, operation: str, count: int) -> None:
        """Items of a list the client could not read: a warning, once per operation per refresh."""
        if operation in self.skips_told:
            return
        self.skips_told.add(operation)
        what = "1 item could not be read and is" if count == 1 else f"{count} items could not be read and are"
        self.notify(f"{operation}: {what} not shown.", severity="warning", markup=False, timeout=10)

    async def traffic(self, vps_id: str, days: int) -> TrafficMetrics:
        """Data traffic for the last ``days`` days, cached: the API has daily buckets only."""
        key = (vps_id, days)
        cached = self._traffic_cache.get(key)
        now = self.clock()
        if cached and now - cached[0] < TRAFFIC_TTL:
            return cached[1]
        today: date = self.wall_clock().date()
        metrics = await self.client.get_data_traffic(
            vps_id, today - timedelta(days=days - 1), today + timedelta(days=1)
        )
        self._traffic_cache[key] = (now, metrics)
        return metrics

    def deliver_screenshot(
        self, filename: str | None = None, path: str | None = None, time_format: str | None = None
    ) -> str | None:
        """Textual's screenshot (key and palette), refused while a password is revealed, and
        written 0600 into a directory that exists (``~/Downloads``, else the state dir)."""
        if self._secret_shown():
            self.notify(
                "Hide the password first (or close the console link): a screenshot would show it.",
                title="Screenshot",
                severity="warning",
                markup=False,
            )
            return None
        stamp = self.wall_clock().strftime(time_format or "%Y-%m-%dT%H_%M_%S_%f")
        target = Path(path or screenshot_dir()) / (filename or f"{self.title}_{stamp}.svg")
        try:
            write_private(target, self.export_screenshot())
        except OSError as exc:
            self.notify(f"Could not save the screenshot: {exc}", title="Screenshot", severity="error", markup=False)
            return None
        self.notify(f"Saved screenshot to {target}", title="Screenshot", markup=False)
        return str(target)

    def _secret_shown(self) -> bool:
        """A revealed password, a typed one shown in clear, or a console URL (its token) on screen."""
        return any(
            (isinstance(screen, FleetScreen) and screen.revealing_secret)
            or (isinstance(screen, CredentialDialog) and screen.password_visible)
            or isinstance(screen, ConsoleDialog)
            for screen in self.screen_stack
        )

    # -- commands ---------------------------------------------------------------------------

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if not isinstance(screen, FleetScreen):
            return
        yield SystemCommand("Refresh now", "Reload the VPS list and the open tab (r)", screen.action_refresh)
        yield SystemCommand("Pause / resume auto-refresh", "Freeze the view (p)", screen.action_toggle_pause)
        yield SystemCommand("Filter the list", "Filter by words, state:, region:, ip:, !word (/)", screen.action_filter)
        yield SystemCommand("Clear the filter", "Show every VPS (escape)", screen.action_clear_filter)
        for column in COLUMNS:
            yield SystemCommand(
                f"Sort by {column.label.lower()}",
                "Sort the VPS list; again to reverse",
                lambda key=column.key: screen.sort_by(key),
            )
        yield SystemCommand("Copy VPS id", "To the clipboard over OSC 52 (y)", screen.action_copy_id)
        yield SystemCommand("Copy main IP", "To the clipboard over OSC 52 (Y)", screen.action_copy_ip)
        for tab, label, _ in TABS:
            yield SystemCommand(f"Show {label} tab", f"Details of the selected VPS: {label}", lambda t=tab: screen.action_show_tab(t))
        for action in ACTIONS:
            if action.mutating and self.read_only:
                continue
            reason = screen.action_unavailable(action.id)
            key = f" ({action.key})" if action.key else ""
            help_text = escape(f"{action.help}{key}" + (f" — unavailable: {reason}" if reason else ""))  # reasons quote the API
            yield SystemCommand(action.title, help_text, lambda a=action.id: screen.action_vps_action(a))
        yield SystemCommand("Action log", "Every action sent from here, newest first; e exports a report (a)", self.action_action_log)
        yield SystemCommand("Help", "Every key (? or F1)", self.action_help)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_action_log(self) -> None:
        if not isinstance(self.screen, ActionLogScreen):
            self.push_screen(ActionLogScreen())
