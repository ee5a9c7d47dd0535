"""The incident kit's ssh: the configured command for one VPS, as an argv, and its environment.

The template (``ssh_command`` in the config, default ``ssh root@{ip}``) is split with
``shlex`` first and the placeholders are filled into each word after: a value is never read by
a shell, and a reference with spaces stays one argument. A value that would begin a word with
``-`` is refused, so that a reference such as ``-oProxyCommand=…`` cannot become an option.
The child gets the environment without the API key.
"""

from __future__ import annotations

import ipaddress
import shlex
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from lswtui.config import KEY_ENV_VARS
from lswtui.core.fleet import FleetRow

PLACEHOLDERS = ("ip", "ipv6", "id", "reference")


class SshCommandError(ValueError):
    """The command cannot be built; the message says why, for the user."""


@dataclass(frozen=True)
class SshTarget:
    vps_id: str
    reference: str
    ipv4: str | None
    ipv6: str | None

    @classmethod
    def from_row(cls, row: FleetRow) -> SshTarget:
        """The main IP when it is IPv4, else the first IPv4; the first IPv6."""
        by_version: dict[int, list[str]] = {4: [], 6: []}
        for ip in (row.main_ip, *row.all_ips):
            try:
                by_version[ipaddress.ip_address(ip).version].append(ip)
            except ValueError:
                continue
        return cls(
            row.vps_id,
            row.reference,
            next(iter(by_version[4]), None),
            next(iter(by_version[6]), None),
        )

    def values(self) -> dict[str, str | None]:
        return {
            "ip": self.ipv4 or self.ipv6,  # IPv6 when there is no IPv4
            "ipv6": self.ipv6,
            "id": self.vps_id,
            "reference": self.reference or None,
        }


def _words(template: str) -> list[list[tuple[str, str | None]]]:
    """The parts of each word of the template: (literal text, placeholder name or None)."""
    try:
        words = shlex.split(template)
    except ValueError as exc:
        raise SshCommandError(f"ssh_command {template!r} cannot be split: {exc}") from None
    if not words:
        raise SshCommandError("ssh_command is empty")
    parsed = []
    for word in words:
        try:
            fields = list(string.Formatter().parse(word))
        except ValueError as exc:
            raise SshCommandError(f"ssh_command word {word!r}: {exc}") from None
        for _, name, spec, conversion in fields:
            if name is not None and (name not in PLACEHOLDERS or spec or conversion):
                known = ", ".join(f"{{{p}}}" for p in PLACEHOLDERS)
                raise SshCommandError(
                    f"ssh_command word {word!r}: placeholders are {known}, nothing else"
                )
        parsed.append([(text, name) for text, name, _, _ in fields])
    return parsed


def command_problem(template: str) -> str | None:
    """Why ``template`` is not a usable ssh_command, or None (checked when lswtui starts)."""
    try:
        _words(template)
    except SshCommandError as exc:
        return str(exc)
    return None


def ssh_argv(template: str, target: SshTarget) -> list[str]:
    """The argv to run for ``target``; an ``SshCommandError`` when a value is missing or unsafe."""
    values = target.values()
    argv = []
    for parts in _words(template):
        word = ""
        for text, name in parts:
            word += text
            if name is None:
                continue
            value = values[name]
            if value is None:
                raise SshCommandError(f"VPS {target.vps_id} has no {_missing(name)}")
            if not word and value.startswith("-"):
                raise SshCommandError(
                    f"VPS {target.vps_id}: its {name} {value!r} would be read as an option"
                )
            word += value
        argv.append(word)
    return argv


def _missing(name: str) -> str:
    return {"ip": "IP address", "ipv6": "IPv6 address", "reference": "reference"}.get(name, name)


def child_environment(environ: Mapping[str, str], secrets: Iterable[str] = ()) -> dict[str, str]:
    """``environ`` without the API key: its variables, and any variable holding a secret."""
    hidden = [secret for secret in secrets if secret]
    return {
        name: value
        for name, value in environ.items()
        if name not in KEY_ENV_VARS and not any(secret in value for secret in hidden)
    }
