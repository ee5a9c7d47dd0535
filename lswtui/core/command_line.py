"""The ``:`` command line (k9s-style): parse a typed line, complete it, remember it. No Textual.

The commands are the front end's command registry, handed in as :class:`LineCommand` entries
(one per registry command), so a command added there is reachable by key, palette, help and
``:`` at once; nothing here lists them. A command is typed by its ``name`` (``reboot``), an
alias (``q``) or its palette title in full (``Reboot VPS``); a few take arguments
(``vps TEXT``, ``ip ADDR``, ``sort COLUMN [desc]``), declared as :class:`Param` entries whose
choices complete and validate what is typed.

An unknown command or a bad argument is a :class:`LineError`: one line to show, nothing run.
"""

from __future__ import annotations

import difflib
import ipaddress
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lswtui.core.audit import write_private
from lswtui.core.fleet import FleetRow

Choices = Callable[[], Sequence[str]]


@dataclass(frozen=True)
class Param:
    """One argument: ``name`` as help shows it (``COLUMN``); ``choices`` (when given) complete
    it and are the only values accepted; ``rest`` takes the remainder of the line verbatim."""

    name: str
    choices: Choices | None = None
    optional: bool = False
    rest: bool = False
    check: Callable[[str], str | None] | None = None  # an error message, or None when valid


@dataclass(frozen=True)
class LineCommand:
    name: str  # typed after ``:``, lower case, no spaces
    summary: str  # beside a completion and in help
    params: tuple[Param, ...] = ()
    aliases: tuple[str, ...] = ()
    title: str | None = None  # the palette title, also accepted typed in full

    @property
    def usage(self) -> str:
        """``sort COLUMN [desc]``."""
        words = [f"[{p.name}]" if p.optional else p.name for p in self.params]
        return " ".join([self.name, *words])


@dataclass(frozen=True)
class Invocation:
    """A command to run, with its arguments (one per param given)."""

    command: LineCommand
    args: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.command.name

    def arg(self, index: int, default: str = "") -> str:
        return self.args[index] if index < len(self.args) else default


@dataclass(frozen=True)
class LineError:
    message: str


class CommandLine:
    def __init__(self, commands: Iterable[LineCommand]) -> None:
        self.commands: dict[str, LineCommand] = {}
        self._names: dict[str, LineCommand] = {}  # names and aliases
        self._titles: dict[str, LineCommand] = {}
        for command in commands:
            for name in (command.name, *command.aliases):
                if name in self._names:
                    raise ValueError(f"two commands are named {name!r}")
                self._names[name] = command
            self.commands[command.name] = command
            if command.title:
                self._titles[command.title.casefold()] = command

    # -- parsing ----------------------------------------------------------------------------

    def parse(self, text: str) -> Invocation | LineError | None:
        """What ``text`` (with or without its leading ``:``) asks for; None for a blank line."""
        line = text.strip().removeprefix(":").strip()
        if not line:
            return None
        by_title = self._titles.get(" ".join(line.split()).casefold())
        if by_title is not None and not any(not p.optional for p in by_title.params):
            return Invocation(by_title)
        word, _, rest = line.partition(" ")
        command = self._names.get(word.casefold())
        if command is None:
            return LineError(self._unknown(word))
        return self._arguments(command, rest.strip())

    def _unknown(self, word: str) -> str:
        close = difflib.get_close_matches(word.casefold(), self._names, n=1)
        hint = f" Did you mean :{close[0]}?" if close else " Tab completes a command."
        return f"Unknown command :{word}.{hint}"

    def _arguments(self, command: LineCommand, rest: str) -> Invocation | LineError:
        args: list[str] = []
        for param in command.params:
            if param.rest:
                value, rest = rest, ""
            else:
                value, _, rest = rest.partition(" ")
                rest = rest.strip()
            if not value:
                if param.optional:
                    break
                return LineError(f":{command.name} needs {param.name} (:{command.usage}).")
            error = self._invalid(param, value)
            if error:
                return LineError(f":{command.name}: {error}")
            args.append(self._canonical(param, value))
        if rest:
            extra = "takes no argument" if not command.params else f"is :{command.usage}"
            return LineError(f":{command.name} {extra}; {rest!r} is left over.")
        return Invocation(command, tuple(args))

    @staticmethod
    def _invalid(param: Param, value: str) -> str | None:
        if param.choices is not None:
            choices = param.choices()
            if value.casefold() not in (c.casefold() for c in choices):
                return f"{value!r} is not one of {', '.join(choices)}."
        return param.check(value) if param.check else None

    @staticmethod
    def _canonical(param: Param, value: str) -> str:
        """A choice as the front end spells it (``IPs`` for ``ips``)."""
        if param.choices is None:
            return value
        return next((c for c in param.choices() if c.casefold() == value.casefold()), value)

    # -- completion -------------------------------------------------------------------------

    def candidates(self, text: str) -> list[str]:
        """Every completion of ``text`` (without its ``:``), as whole lines."""
        line = text.lstrip().removeprefix(":").lstrip()
        word, space, rest = line.partition(" ")
        if not space:
            prefix = word.casefold()
            return sorted(name for name in self.commands if name.startswith(prefix))
        command = self._names.get(word.casefold())
        if command is None or not command.params:
            return []
        done = rest.split(" ")
        typed = done.pop()
        if len(done) >= len(command.params):
            return []
        param = command.params[len(done)]
        if param.choices is None:
            return []
        head = " ".join([command.name, *done])
        return [
            f"{head} {choice}"
            for choice in param.choices()
            if choice.casefold().startswith(typed.casefold())
        ]

    def summary(self, line: str) -> str:
        """The usage and summary of the command ``line`` starts with, or ""."""
        command = self._names.get(line.strip().removeprefix(":").partition(" ")[0].casefold())
        return f":{command.usage} — {command.summary}" if command else ""


@dataclass
class TabCompletion:
    """Tab on the prompt: the longest common completion first, then each candidate in turn."""

    line: CommandLine
    _offered: list[str] = field(default_factory=list)
    _last: str | None = None
    _index: int = -1

    def next(self, text: str) -> str:
        if self._last is not None and text == self._last and self._offered:
            self._index = (self._index + 1) % len(self._offered)
            self._last = self._offered[self._index]
            return self._last
        offered = self.line.candidates(text)
        self._offered, self._index = offered, -1
        if not offered:
            self._last = None
            return text
        if len(offered) == 1:
            self._last = None
            command = self.line.commands.get(offered[0].split(" ")[0])
            takes = command is not None and len(offered[0].split(" ")) <= len(command.params)
            return offered[0] + (" " if takes else "")
        common = _common_prefix(offered)
        typed = text.lstrip().removeprefix(":").lstrip()
        if len(common) > len(typed):
            self._last = common
            return common
        self._index = 0
        self._last = offered[0]
        return self._last

    @property
    def offered(self) -> list[str]:
        """The candidates of the last Tab (to show under the prompt)."""
        return list(self._offered)


def _common_prefix(texts: Sequence[str]) -> str:
    first, last = min(texts), max(texts)
    size = next((i for i, (a, b) in enumerate(zip(first, last, strict=False)) if a != b), None)
    return first[: len(first) if size is None else size]


HISTORY_KEPT = 200


class CommandHistory:
    """The lines run, oldest first, in a file of the state dir (0600, at most ``kept``), and
    ↑/↓ over them; a line run again moves to the end instead of being kept twice."""

    def __init__(self, path: Path | None, *, kept: int = HISTORY_KEPT) -> None:
        self.path = path
        self.kept = kept
        self.lines: list[str] = self._load()
        self._at = len(self.lines)
        self._draft = ""

    def _load(self) -> list[str]:
        if self.path is None:
            return []
        try:
            text = self.path.read_text(encoding="utf-8")
        except (OSError, ValueError):
            return []
        return [line for line in text.splitlines() if line.strip()][-self.kept :]

    def add(self, line: str) -> str | None:
        """Remember ``line``; the error text when the file could not be written, else None."""
        line = line.strip()
        self._at, self._draft = len(self.lines), ""
        if not line or not line.isprintable():
            return None
        if line in self.lines:
            self.lines.remove(line)
        self.lines = [*self.lines, line][-self.kept :]
        self._at = len(self.lines)
        if self.path is None:
            return None
        try:
            write_private(self.path, "".join(f"{entry}\n" for entry in self.lines))
            os.chmod(self.path, 0o600)
        except OSError as exc:
            return f"Could not save the command history: {exc}"
        return None

    def previous(self, current: str) -> str:
        """↑: the line before (keeping what was being typed, for ↓ to bring back)."""
        if self._at == len(self.lines):
            self._draft = current
        if self._at > 0:
            self._at -= 1
        return self.lines[self._at] if self.lines else current

    def next(self) -> str:
        """↓: the line after, then what was being typed."""
        if self._at < len(self.lines):
            self._at += 1
        return self.lines[self._at] if self._at < len(self.lines) else self._draft


# -- what the built-in arguments mean -----------------------------------------------------------


def ip_address_error(value: str) -> str | None:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return f"{value!r} is not an IP address."
    return None


def owners_of_ip(
    fleets: Mapping[str, Mapping[str, FleetRow]], address: str
) -> list[tuple[str, FleetRow]]:
    """(account, row) of every VPS holding ``address``, across the accounts' fleets; the
    address is compared as an address (``2001:DB8::1`` is ``2001:db8::1``)."""
    wanted = ipaddress.ip_address(address)
    found = []
    for account, rows in fleets.items():
        for row in rows.values():
            for ip in row.all_ips:
                try:
                    if ipaddress.ip_address(ip.split("/")[0]) == wanted:
                        found.append((account, row))
                        break
                except ValueError:
                    continue
    return found
