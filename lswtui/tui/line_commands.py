"""What ``:`` can run: every command of the palette by its name, every VPS action, and the few
commands that take an argument (``:vps TEXT``, ``:ip ADDR``, ``:id ID``, ``:account NAME|all``,
``:sort COLUMN [desc]``, ``:tab NAME``).

Nothing is listed twice: the palette's commands come from the app (``get_system_commands``,
itself made from the command registry), so a command added to the registry is reachable by
key, palette, help and ``:`` at once. A registry command is typed by its binding id's last
part (``fleet.refresh`` is ``:refresh``, ``vps.null_route`` is ``:null-route``); any other
palette entry by its title's words joined with ``-`` (``:sort-by-state``, ``:theme``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Protocol

from textual.app import SystemCommand

from lswtui.core.actions import ACTIONS
from lswtui.core.command_line import CommandLine, Invocation, LineCommand, Param, ip_address_error
from lswtui.tui.command_registry import APP_COMMANDS, FLEET_COMMANDS, Command
from lswtui.tui.tab_names import TABS

ALIASES = {"quit": ("q",), "help": ("h",)}


class LineHost(Protocol):
    """What the main screen does for the commands that take an argument."""

    def line_vps(self, text: str = "") -> None: ...
    def line_ip(self, address: str) -> None: ...
    def line_id(self, vps_id: str) -> None: ...
    def line_account(self, name: str) -> None: ...
    def line_sort(self, column: str, order: str = "") -> None: ...
    def line_tab(self, tab: str) -> None: ...
    def action_vps_action(self, action_id: str) -> None: ...
    def accounts(self) -> Sequence[str]: ...
    def sort_columns(self) -> Sequence[str]: ...


def command_name(command_id: str) -> str:
    """``fleet.copy_id`` -> ``copy-id``; ``fleet.tab.ips`` -> ``tab-ips``."""
    return command_id.split(".", 1)[-1].replace(".", "-").replace("_", "-")


def slug(title: str) -> str:
    """``Sort by main IP`` -> ``sort-by-main-ip``."""
    return re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")


@dataclass(frozen=True)
class LineCommands:
    line: CommandLine
    runs: dict[str, Callable[[Invocation], object]]

    def run(self, invocation: Invocation) -> object:
        return self.runs[invocation.name](invocation)


def argument_commands(host: LineHost) -> list[tuple[LineCommand, Callable[[Invocation], object]]]:
    return [
        (
            LineCommand(
                "vps",
                "Filter the list (nothing: show all)",
                (Param("TEXT", optional=True, rest=True),),
            ),
            lambda i: host.line_vps(i.arg(0)),
        ),
        (
            LineCommand(
                "ip",
                "Go to the VPS that has this IP, in any account",
                (Param("ADDR", check=ip_address_error),),
            ),
            lambda i: host.line_ip(i.arg(0)),
        ),
        (
            LineCommand("id", "Go to the VPS with this id", (Param("ID"),)),
            lambda i: host.line_id(i.arg(0)),
        ),
        (
            LineCommand(
                "account",
                "Show one account only, or all",
                (Param("NAME|all", choices=lambda: [*host.accounts(), "all"]),),
            ),
            lambda i: host.line_account(i.arg(0)),
        ),
        (
            LineCommand(
                "sort",
                "Sort the list by a column",
                (
                    Param("COLUMN", choices=host.sort_columns),
                    Param("desc", choices=lambda: ("asc", "desc"), optional=True),
                ),
            ),
            lambda i: host.line_sort(i.arg(0), i.arg(1)),
        ),
        (
            LineCommand(
                "tab", "Show a detail tab", (Param("NAME", choices=lambda: [t for t, _ in TABS]),)
            ),
            lambda i: host.line_tab(i.arg(0)),
        ),
    ]


def _calling(callback: Callable[[], object]) -> Callable[[Invocation], object]:
    return lambda _invocation: callback()


def line_commands(host: LineHost, palette: Iterable[SystemCommand]) -> LineCommands:
    """The commands of ``:`` now: ``palette`` is what the command palette offers."""
    commands: list[LineCommand] = []
    runs: dict[str, Callable[[Invocation], object]] = {}

    def add(command: LineCommand, run: Callable[[Invocation], object]) -> None:
        if command.name not in runs:
            commands.append(command)
            runs[command.name] = run

    for command, run in argument_commands(host):
        add(command, run)
    for action in ACTIONS:  # also in read-only mode, where the palette leaves them out: the
        # runner then says why they are not available
        add(
            LineCommand(action.id.replace("_", "-"), action.help, title=action.title),
            _calling(partial(host.action_vps_action, action.id)),
        )
    registry: dict[str, Command] = {
        c.title: c for c in (*APP_COMMANDS, *FLEET_COMMANDS) if c.title is not None
    }
    for entry in palette:
        title = str(entry.title)
        known = registry.get(title)
        name = command_name(known.id) if known else slug(title)
        if not name or any(c.title == title for c in commands):
            continue
        add(
            LineCommand(name, str(entry.help), aliases=ALIASES.get(name, ()), title=title),
            _calling(entry.callback),
        )
    return LineCommands(CommandLine(commands), runs)
