"""The lswtui application: wires the client, settings and screens together."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from textual.actions import parse as parse_action
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.driver import Driver
from textual.drivers.linux_driver import LinuxDriver
from textual.markup import escape
from textual.notifications import Notify
from textual.screen import Screen
from textual.widget import Widget

from lswtui.api import LeasewebClient
from lswtui.config import ConfigError, display_host, save_settings, screenshot_dir, state_dir
from lswtui.core.actions import ACTIONS
from lswtui.core.audit import AuditLog, write_private
from lswtui.core.clock import Clock, utc_now
from lswtui.core.events import ReadOnlyEntered
from lswtui.core.probe import Prober
from lswtui.core.runner import ActionRunner
from lswtui.core.session import Session
from lswtui.core.state_files import REAL_FILES, StateFiles
from lswtui.core.timeline import Timeline
from lswtui.core.watch import WatchList, watch_file
from lswtui.tui.command_registry import (
    APP_COMMANDS,
    FLEET_COMMANDS,
    PALETTE_COMMANDS,
    Command,
    action_command_id,
    binding_key_label,
    key_label,
    keymap_conflicts,
    palette_entries,
    unknown_ids,
)
from lswtui.tui.commands import VpsCommands
from lswtui.tui.dialogs import ConfirmDialog, ConsoleDialog, CredentialDialog
from lswtui.tui.driver import HardenedDriver
from lswtui.tui.incident_kit import KitSettings
from lswtui.tui.screens.fleet import NARROW_WIDTH, FleetScreen
from lswtui.tui.screens.help import HelpScreen
from lswtui.tui.screens.timeline import GoToVps, TimelineScreen
from lswtui.tui.session_host import SessionChanged
from lswtui.tui.textual_compat import on_user_theme_change
from lswtui.tui.watch_alerts import WatchAlerts
from lswtui.tui.widgets.fleet_table import COLUMNS_BY_KEY, SORTABLE, FleetTable

#: Signals that end the app, and its exit code for each (128 + the signal number).
ENDING_SIGNALS = {signal.SIGHUP: 129, signal.SIGTERM: 143}


@dataclass(frozen=True)
class AccountSetup:
    """One more account to open beside the first: its profile name, client, base URL (for
    the status line) and read-only mode. The refresh interval, clock and action log are every
    account's."""

    name: str
    client: LeasewebClient
    api_url: str = ""
    read_only: bool = False


class LswApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "lswtui"
    COMMANDS = App.COMMANDS | {VpsCommands}
    BINDINGS: ClassVar[list[BindingType]] = [command.binding() for command in APP_COMMANDS]

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
        wall_clock: Callable[[], datetime] = utc_now,
        audit_dir: Path | None = None,
        keymap: Mapping[str, str] | None = None,
        files: StateFiles = REAL_FILES,
        columns: Sequence[str] | None = None,
        split: int | None = None,
        more_accounts: Sequence[AccountSetup] = (),
        kit: KitSettings | None = None,
        kits: Mapping[str, KitSettings] | None = None,
        notify: bool = True,
    ) -> None:
        super().__init__()
        state = audit_dir or state_dir()
        audit = AuditLog(state / files.actions)
        self.history_file = state / files.history
        shared_clock = Clock(monotonic=clock, now=wall_clock)
        #: One session per open account, in the config's order (issue 14).
        self.sessions: list[Session] = []
        for setup in (AccountSetup(profile, client, api_url, read_only), *more_accounts):
            session = Session(
                setup.client,
                account=setup.name,
                host=display_host(setup.api_url) or "api",
                audit=audit,
                clock=shared_clock,
                read_only=setup.read_only,
                refresh_interval=refresh_interval,
                live_refresh=auto_refresh,
                watched=WatchList(watch_file(state, setup.name)),
            )
            session.subscribe(lambda event: self.post_message(SessionChanged(event)))
            setup.client.on_skipped = partial(self.report_skipped, session)
            self.sessions.append(session)
        if len(self.sessions) > 1:
            for session in self.sessions:
                session.account_label = session.account.upper()
        #: The account of the selected row: the tabs, the palette and the dialogs act in it.
        self.session = self.sessions[0]
        #: Each account's incident kit settings (``kits``; ``kit`` for the others) and prober.
        self.kits = {
            s.account: (kits or {}).get(s.account, kit or KitSettings()) for s in self.sessions
        }
        self.probers = {
            session.account: Prober(
                session,
                ports=self.kits[session.account].probe_ports,
                connect=self.kits[session.account].probe_connect,
                limits=self.kits[session.account].probe_limits,
                in_read_only=self.kits[session.account].probe_in_read_only,
            )
            for session in self.sessions
        }
        self.timeline = Timeline.open(
            audit.path.parent / files.timeline,
            audit,
            {action.id: action.title for action in ACTIONS},
            report=files.report,
        )
        for session in self.sessions:
            self.timeline.follow(session)
        self._requested_theme = theme
        self._ansi = ansi
        self._config_file = config_file
        self.watch_alerts = WatchAlerts(
            self, self.sessions, desktop=notify and not self.no_color, env=os.environ
        )
        self.keymap = dict(keymap or {})  # binding id -> keys (command_registry)
        self._columns = columns  # the list's columns (config ``columns``); None: the default
        self._split = split  # percent of the width for the list (config ``split``)
        self.set_keymap(self.keymap)

    def get_driver_class(self) -> type[Driver]:
        """On Linux/macOS, the driver whose input never turns a terminal reply into keys."""
        driver = super().get_driver_class()
        return HardenedDriver if driver is LinuxDriver else driver

    def get_default_screen(self) -> Screen[None]:
        return FleetScreen(
            self.keymap,
            columns=self._columns,
            split=self._split,
            remember=self.remember,
            history=self.history_file,
        )

    def on_mount(self) -> None:
        list_keys = {  # the list has the focus most of the time: its keys come first
            key: f"the list's {binding.description}"
            for binding in Binding.make_bindings(FleetTable.BINDINGS)
            for key in binding.key.split(",")
        }
        # One toast for them all: at 80x24 the newest toast replaces the others.
        problems = (
            [f"no binding {', '.join(unknown)}"] if (unknown := unknown_ids(self.keymap)) else []
        )
        if conflicts := keymap_conflicts(self.keymap, list_keys):
            problems.append(f"{'; '.join(conflicts)}; choose another key")
        if problems:
            self.notify(
                f"Keymap: {'; '.join(problems)}. The help screen lists the keys in effect.",
                severity="warning",
                markup=False,
            )
        for session in self.sessions:
            if problem := session.watched.problem:
                self.notify(f"Watch list: {problem}", severity="warning", markup=False)
        low_colour = not self.is_headless and self.console.color_system in (
            "standard",
            "windows",
            None,
        )
        if self._requested_theme and self._requested_theme in self.available_themes:
            self.theme = self._requested_theme
        elif self._ansi or low_colour:
            self.theme = "ansi-dark"
        on_user_theme_change(self, self._persist_theme)  # the start-up choice is not saved
        for prober in self.probers.values():
            prober.probe_after_boots(
                lambda probe: self.run_worker(probe, group="probes", exit_on_error=False)
            )
        self.run_worker(self._read_timeline_history(), group="timeline", exit_on_error=False)
        if not self.is_headless:
            loop = asyncio.get_running_loop()
            for number, code in ENDING_SIGNALS.items():
                loop.add_signal_handler(number, self._end_on_signal, number, code)
            self.app_resume_signal.subscribe(self, self._repaint_after_resume)

    async def _read_timeline_history(self) -> None:
        """Earlier runs' entries, read in a thread: a full history takes ~0.2 s to parse."""
        history = []
        try:
            history = await asyncio.to_thread(self.timeline.read_history)
        finally:  # the files rotate again once read back (or given up)
            self.timeline.adopt(history)

    async def on_unmount(self) -> None:
        for session in self.sessions:
            await session.client.aclose()

    # -- ending -----------------------------------------------------------------------------

    @property
    def _runners(self) -> list[ActionRunner]:
        return [
            account.runner
            for screen in self.screen_stack
            if isinstance(screen, FleetScreen)
            for account in screen.accounts
        ]

    def writes_in_flight(self) -> list[str]:
        """The operations sent and not yet answered, e.g. ``["Stop VPS 123"]``."""
        return [operation for runner in self._runners for operation in runner.in_flight]

    def _abandon_writes(self, how: str) -> None:
        """The app ends (``how``: "the app was quit"): the writes unanswered are recorded as
        unknown, the actions still tracked as unconfirmed."""
        for runner in self._runners:
            runner.abandon_in_flight(f"{how} before the answer came")
            runner.abandon_tracking(f"{how} before its effect showed")

    async def action_quit(self) -> None:
        """Quit (q, the palette's Quit); with a write in flight or an action tracked, ask."""
        question = quit_question(
            self.writes_in_flight(),
            [operation for runner in self._runners for operation in runner.tracked],
        )
        if question is None:
            self.exit()
            return

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self._abandon_writes("the app was quit")
                self.exit()

        self.push_screen(
            ConfirmDialog("Quit lswtui", None, question, confirm_label="Quit"), answered
        )

    def _end_on_signal(self, number: signal.Signals, code: int) -> None:
        """SIGHUP/SIGTERM: record the writes in flight as unknown, restore the terminal, exit."""
        self._abandon_writes(f"the app was ended by {number.name}")
        self.exit(return_code=code)

    def _repaint_after_resume(self, _app: object) -> None:
        # After SIGTSTP and fg the terminal shows whatever the shell left: redraw everything.
        self.refresh(repaint=True, layout=True)

    def _persist_theme(self, theme: object) -> None:
        self.remember({"theme": self.theme})

    def remember(self, values: Mapping[str, Any]) -> None:
        """Keep a choice (theme, columns, split) in the config file, edited in place."""
        if self._config_file is None:
            return
        try:
            save_settings(values, self._config_file)
        except (OSError, ValueError, ConfigError) as exc:  # ValueError: not UTF-8
            what = ", ".join(values)
            self.notify(f"Could not save the {what}: {exc}", severity="warning", markup=False)

    # -- services for screens and panes -----------------------------------------------------

    def on_session_changed(self, message: SessionChanged) -> None:
        event = message.event
        if isinstance(event, ReadOnlyEntered):
            which = f"{event.account}: " if len(self.sessions) > 1 else ""
            self.notify(
                f"{which}Read-only until restart: {event.reason}.",
                severity="warning",
                markup=False,
                timeout=15,
            )
        for screen in self.screen_stack:
            screen.post_message(SessionChanged(event))

    def on_notify(self, event: Notify) -> None:
        """Below NARROW_WIDTH the list is above the details, and stacked toasts would climb over
        it: there the newest toast replaces the others (the Timeline keeps what they said).
        Textual's own handler then shows it."""
        if self.size.width < NARROW_WIDTH:
            self._notifications.clear()

    def key_of(self, binding_id: str) -> str:
        """The key of a command in effect (the keymap applied), as shown: ``N``."""
        return binding_key_label(binding_id, self.keymap)

    def report_skipped(self, session: Session, operation: str, count: int) -> None:
        """Items of a list the client could not read: a warning, once per operation per refresh
        of the account."""
        if operation in session.skips_told:
            return
        session.skips_told.add(operation)
        if len(self.sessions) > 1:
            operation = f"{session.account}: {operation}"
        what = (
            "1 item could not be read and is"
            if count == 1
            else f"{count} items could not be read and are"
        )
        self.notify(f"{operation}: {what} not shown.", severity="warning", markup=False, timeout=10)

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
        stamp = self.session.clock.now().strftime(time_format or "%Y-%m-%dT%H_%M_%S_%f")
        target = Path(path or screenshot_dir()) / (filename or f"{self.title}_{stamp}.svg")
        try:
            write_private(target, self.export_screenshot())
        except OSError as exc:
            self.notify(
                f"Could not save the screenshot: {exc}",
                title="Screenshot",
                severity="error",
                markup=False,
            )
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
        several = screen.accounts.several
        for command, line in palette_entries((*FLEET_COMMANDS, *PALETTE_COMMANDS), self.keymap):
            if several or command.id != "fleet.next_account":
                yield self._system_command(screen, command, line)
        if several:
            yield SystemCommand(
                "Show every account",
                "List the VPSes of every open account",
                partial(screen.narrow, None),
            )
            for name in screen.accounts.names:
                yield SystemCommand(
                    f"Show account {name} only",
                    "Narrow the list to one account",
                    partial(screen.narrow, name),
                )
        for column in (COLUMNS_BY_KEY[k] for k in screen.table.shown_keys if k in SORTABLE):
            if column.several_accounts and not several:
                continue
            yield SystemCommand(
                f"Sort by {column.label.lower()}",
                "Sort the VPS list; again to reverse",
                lambda key=column.key: screen.sort_by(key),
            )
        for action in ACTIONS:
            if action.mutating and self.session.read_only:
                continue
            reason = screen.actions.unavailable(action.id)
            keys = self.keymap.get(action_command_id(action.id), action.key)
            key = f" ({key_label(keys)})" if keys else ""
            help_text = escape(
                f"{action.help}{key}" + (f" — unavailable: {reason}" if reason else "")
            )  # reasons quote the API
            yield SystemCommand(
                action.title, help_text, lambda a=action.id: screen.action_vps_action(a)
            )
        for command, line in palette_entries(APP_COMMANDS, self.keymap):
            yield self._system_command(self, command, line)

    @staticmethod
    def _system_command(node: Widget | App[None], command: Command, line: str) -> SystemCommand:
        """The palette entry of ``command``: its action's method on ``node`` (or on the app)."""
        assert command.title is not None
        namespace, name, parameters = parse_action(command.action)
        target = node.app if namespace == "app" else node
        return SystemCommand(
            command.title, escape(line), partial(getattr(target, f"action_{name}"), *parameters)
        )

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.keymap))

    def action_timeline(self) -> None:
        if not isinstance(self.screen, TimelineScreen):
            self.push_screen(TimelineScreen())

    def on_go_to_vps(self, message: GoToVps) -> None:
        """``enter`` on a timeline entry: back to the list, on that VPS."""
        fleet = next(s for s in self.screen_stack if isinstance(s, FleetScreen))
        key = fleet.accounts.key(message.account, message.vps_id)
        if key not in fleet.rows:
            self.notify(f"VPS {message.vps_id} is not in the list now.", markup=False)
            return
        while self.screen is not fleet:
            self.pop_screen()
        fleet.go_to(key)


def quit_question(in_flight: list[str], tracked: list[str]) -> str | None:
    """What quitting would leave behind, as a question; None when nothing would be."""
    facts, after = [], []
    if in_flight:
        facts.append(f"A write is in flight ({', '.join(in_flight)}).")
        after.append(
            "Its outcome will be recorded as unknown."
            if not tracked
            else "The write's outcome will be recorded as unknown."
        )
    if tracked:
        several = len(tracked) > 1
        facts.append(
            f"{'Actions are' if several else 'An action is'} still being tracked "
            f"({', '.join(tracked)}): the API accepted {'them' if several else 'it'}, and "
            f"{'their' if several else 'its'} effect has not shown yet."
        )
        after.append(
            f"{'They' if several else 'It'} will be recorded as unconfirmed."
            if not in_flight
            else f"The tracked action{'s' if several else ''} as unconfirmed."
        )
    if not facts:
        return None
    return f"{' '.join(facts)} Quit anyway? {' '.join(after)}"
