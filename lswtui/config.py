"""Configuration: profiles in a TOML file, environment overrides, and how the API key is found.

Precedence for the API key (as Leaseweb's own ``lw`` CLI does): ``LEASEWEB_API_KEY``, then
``LEASEWEB_TOKEN`` (the name Leaseweb's Terraform provider reads), then the selected profile.
For the base URL: ``--api-url``, then ``LEASEWEB_API_URL``, then the profile, then the default.

Several profiles may be open at once (``--profile A --profile B``, ``--all-profiles``, or the
file's ``default_profiles``): each is an account with its own key, URL and read-only mode. The
environment's key and URL, and ``--api-url``, are one account's settings: with several profiles
open they are refused (a key cannot be every account's, and it is never guessed which one it
belongs to), so each key comes from its own profile.

The file lives at ``$LSWTUI_CONFIG`` or ``<user config dir>/lswtui/config.toml``::

    default_profile = "prod"        # or: default_profiles = ["prod", "staging"]
    theme = "nord"
    refresh = 10

    [profiles.prod]
    api_key = "..."
    read_only = true

A file that holds a key and is readable by group or others is refused, as ssh refuses keys.
"""

from __future__ import annotations

import ipaddress
import os
import re
import stat
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

import tomlkit
import tomlkit.exceptions
from platformdirs import user_config_path, user_downloads_path, user_state_path
from pydantic import BaseModel, ConfigDict, Field, ValidationError

DEFAULT_API_URL = "https://api.leaseweb.com/publicCloud/v1"
DEFAULT_REFRESH = 10.0
MIN_REFRESH = 1.0  # seconds; a smaller (or non-finite) interval is refused, from flag or file
KEY_ENV_VARS = ("LEASEWEB_API_KEY", "LEASEWEB_TOKEN")
DEFAULT_SSH_COMMAND = "ssh root@{ip}"
DEFAULT_PROBE_PORTS = (22,)
DEMO_PROFILE = "demo"
MIN_SPLIT, MAX_SPLIT = 20, 80  # percent of the width the VPS list may take
DEMO_ACCOUNTS = 2  # what --demo opens, to show several accounts in one screen
#: What an account's name may hold when several are open: it is shown in a column, typed in
#: ``account:NAME`` and part of a row's key (``lswtui.core.accounts.row_key``).
ACCOUNT_NAME = re.compile(r"[\w.-]+")
DEMO_ACCOUNT_NAMES = ("demo-eu", "demo-us", "demo-ap", "demo-ca", "demo-sg")


class ConfigError(Exception):
    """A configuration problem to show the user as it is (no traceback)."""


Port = Annotated[int, Field(ge=1, le=65535)]


class Profile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    api_key: str | None = Field(None, repr=False)
    api_url: str | None = None
    read_only: bool = False
    #: The incident kit's, overriding the file's top-level settings for this profile.
    ssh_command: str | None = None
    probe_ports: list[Port] | None = None
    probe_in_read_only: bool | None = None


class ConfigFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    default_profile: str | None = None
    default_profiles: list[str] | None = Field(None, min_length=1)
    theme: str | None = None
    refresh: float | None = Field(None, ge=MIN_REFRESH, allow_inf_nan=False)
    notify: bool = True  # a watched VPS's change also shows a desktop notification (OSC 9/777)
    keymap: dict[str, str] = {}  # binding id -> keys, e.g. "fleet.refresh" = "f5"
    ssh_command: str = DEFAULT_SSH_COMMAND  # placeholders {ip}, {ipv6}, {id}, {reference}
    probe_ports: list[Port] = Field(default_factory=lambda: list(DEFAULT_PROBE_PORTS))
    probe_in_read_only: bool = False  # a watching-only screen connects to nothing by default
    profiles: dict[str, Profile] = {}
    columns: list[str] | None = None  # the list's columns in order (column keys); None: default
    #: Percent of the width the VPS list takes (the rest is the details); None: it follows
    #: the content.
    split: int | None = Field(None, ge=MIN_SPLIT, le=MAX_SPLIT)


def forget_key_environment() -> None:
    """Once the key is read, drop it from the environment: no child process (the browser the
    console dialog opens, anything started later) inherits it."""
    for var in KEY_ENV_VARS:
        os.environ.pop(var, None)


def config_path() -> Path:
    override = os.environ.get("LSWTUI_CONFIG")
    return Path(override) if override else user_config_path("lswtui") / "config.toml"


def state_dir() -> Path:
    """Where lswtui keeps its own files (the action log)."""
    override = os.environ.get("LSWTUI_STATE_DIR")
    return Path(override) if override else user_state_path("lswtui")


def screenshot_dir() -> Path:
    """Where screenshots go: ``~/Downloads`` if it exists, else the state dir."""
    downloads = user_downloads_path()
    return downloads if downloads.is_dir() else state_dir()


def display_host(url: str) -> str:
    """The host (and port) of ``url`` for the status line: never its ``user:password@``."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    return f"{host}:{port}" if host and port else host


def _is_loopback(host: str) -> bool:
    if host.lower().rstrip(".") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_api_url(url: str, *, insecure_http: bool) -> str | None:
    """Refuse (``ConfigError``) a base URL that is not http(s), or plain http to a host that is
    not loopback unless ``insecure_http``; then return the warning to print."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        scheme = f"{parts.scheme}:" if parts.scheme else "none"
        raise ConfigError(f"The API URL must be an https:// URL (its scheme is {scheme}).")
    if not parts.hostname:
        raise ConfigError("The API URL must be an https:// URL with a host.")
    if parts.scheme == "https" or _is_loopback(parts.hostname):
        return None
    host = display_host(url)
    if not insecure_http:
        raise ConfigError(
            f"Refusing to send the API key over plain http:// to {host}: anyone on the way could read it.\n"
            "Use https://, or pass --insecure-http if you really mean it."
        )
    return f"sending the API key over plain http:// to {host} (--insecure-http)."


def _check_permissions(path: Path, data: ConfigFile) -> None:
    if not any(profile.api_key for profile in data.profiles.values()):
        return
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise ConfigError(
            f"{path} holds an API key and is readable by others (mode {mode:04o}).\n"
            f"Run: chmod 600 {path}"
        )


def load_config(path: Path | None = None, *, keys_used: bool = True) -> ConfigFile:
    """The file's settings; one holding a key others can read is refused when ``keys_used``."""
    path = path or config_path()
    if not path.exists():
        return ConfigFile()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        data = ConfigFile.model_validate(raw)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from None
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        raise ConfigError(f"{path}: {problems}") from None
    if keys_used:
        _check_permissions(path, data)
    return data


def save_settings(values: Mapping[str, str | int | list[str]], path: Path | None = None) -> None:
    """Persist top-level settings (theme, columns, split) by editing the file in place
    (tomlkit): its comments, order and other settings stay as the user wrote them, and so does
    its mode (a new file gets 0600)."""
    path = path or config_path()
    try:
        document = (
            tomlkit.parse(path.read_text(encoding="utf-8")) if path.exists() else tomlkit.document()
        )
    except tomlkit.exceptions.ParseError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from None
    for key, value in values.items():
        document[key] = value
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(tomlkit.dumps(document))


@dataclass(frozen=True)
class Settings:
    """Everything the app needs to start, resolved from flags, environment and file."""

    profile: str
    api_key: str | None
    api_url: str
    read_only: bool
    refresh: float
    theme: str | None
    key_source: str | None
    config_file: Path
    keymap: dict[str, str] = field(default_factory=dict)
    columns: tuple[str, ...] | None = None
    split: int | None = None
    ssh_command: str = DEFAULT_SSH_COMMAND
    probe_ports: tuple[int, ...] = DEFAULT_PROBE_PORTS
    probe_in_read_only: bool = False
    notify: bool = True

    def __repr__(self) -> str:  # never show the key
        return f"Settings(profile={self.profile!r}, api_url={self.api_url!r}, read_only={self.read_only})"


def demo_account_names(count: int) -> list[str]:
    """The demo's accounts: ``demo`` alone, else ``demo-eu``, ``demo-us``, ... (``demo-6`` on)."""
    if count == 1:
        return [DEMO_PROFILE]
    return [
        DEMO_ACCOUNT_NAMES[n] if n < len(DEMO_ACCOUNT_NAMES) else f"demo-{n + 1}"
        for n in range(count)
    ]


def _known(data: ConfigFile) -> str:
    return ", ".join(sorted(data.profiles)) or "none"


def _profile_names(
    data: ConfigFile, path: Path, profiles: Sequence[str], all_profiles: bool
) -> list[str]:
    """The profiles to open, in order, each once: those asked for, else the file's default."""
    if profiles and all_profiles:
        raise ConfigError("--profile and --all-profiles cannot be combined: choose one.")
    if all_profiles:
        if not data.profiles:
            raise ConfigError(f"--all-profiles: {path} has no profiles.")
        return list(data.profiles)
    if profiles:
        for name in profiles:
            if name not in data.profiles:
                raise ConfigError(f"No profile {name!r} in {path} (profiles: {_known(data)}).")
        return list(dict.fromkeys(profiles))
    if data.default_profiles is not None:
        if data.default_profile is not None:
            raise ConfigError(
                f"{path} sets both default_profile and default_profiles: keep one of them."
            )
        for name in data.default_profiles:
            if name not in data.profiles:
                raise ConfigError(
                    f"{path}: default_profiles names {name!r}, which is not a profile "
                    f"(profiles: {_known(data)})."
                )
        return list(dict.fromkeys(data.default_profiles))
    return [data.default_profile or "default"]


def _check_several(names: list[str], env: Mapping[str, str], api_url: str | None) -> None:
    """With several profiles open, each name must be one word, and a key or URL from outside
    the profiles would be every account's: refused, naming where it came from (never its
    value)."""
    opened = f"{len(names)} profiles are open ({', '.join(names)})"
    for name in names:
        if not ACCOUNT_NAME.fullmatch(name):
            raise ConfigError(
                f"Profile {name!r}: with several profiles open, a profile's name may hold only "
                "letters, digits, '.', '-' and '_'."
            )
    for var in KEY_ENV_VARS:
        if env.get(var):
            raise ConfigError(
                f"{var} is one account's API key, and {opened}: unset it (each profile's "
                "api_key is used), or open one profile with --profile."
            )
    for given, source in (
        (api_url, "--api-url"),
        (env.get("LEASEWEB_API_URL"), "LEASEWEB_API_URL"),
    ):
        if given:
            raise ConfigError(
                f"{source} is one account's API URL, and {opened}: set api_url in the "
                "profiles instead, or open one profile with --profile."
            )


def resolve_accounts(
    *,
    profiles: Sequence[str] = (),
    all_profiles: bool = False,
    api_url: str | None = None,
    read_only: bool = False,
    refresh: float | None = None,
    theme: str | None = None,
    path: Path | None = None,
    environ: Mapping[str, str] | None = None,
    demo: bool = False,
    demo_accounts: int = DEMO_ACCOUNTS,
) -> list[Settings]:
    """The settings of every account to open, one per profile, in order. Pure: it reads the
    config file and ``environ`` (default ``os.environ``), and changes neither.

    ``profiles`` (``--profile``, repeatable) or ``all_profiles`` (``--all-profiles``) choose
    them, else the file's ``default_profiles`` or ``default_profile``. One profile resolves as
    it always has (the environment's key and URL win over the profile's, and its key may be
    missing: the caller explains). With several, each needs its own ``api_key``, and the
    environment's key or URL, or ``api_url``, is a ``ConfigError`` (see the module docstring).
    ``read_only`` makes every account read-only; ``refresh`` and ``theme`` are for all.

    For ``demo``, ``demo_accounts`` accounts named by :func:`demo_account_names`, with only the
    file's theme, refresh and keymap: the demo has its own simulators and keys, and no profile's key,
    URL or read-only mode applies to it.
    """
    env = os.environ if environ is None else environ
    path = path or config_path()
    data = load_config(path, keys_used=not demo)
    every = partial(
        Settings,
        refresh=refresh or data.refresh or DEFAULT_REFRESH,
        theme=theme or data.theme,
        config_file=path,
        columns=_columns(data),
        split=data.split,
        keymap=data.keymap,
        notify=data.notify,
    )
    if demo:
        if demo_accounts < 1:
            raise ConfigError("--demo-accounts must be at least 1.")
        return [
            every(
                profile=name,
                api_key=None,
                api_url="",
                read_only=read_only,
                key_source=None,
                ssh_command=data.ssh_command,
                probe_ports=tuple(data.probe_ports),
                probe_in_read_only=data.probe_in_read_only,
            )
            for name in demo_account_names(demo_accounts)
        ]
    names = _profile_names(data, path, profiles, all_profiles)
    if len(names) > 1:
        _check_several(names, env, api_url)
    accounts = []
    for name in names:
        chosen = data.profiles.get(name, Profile())
        api_key, key_source = chosen.api_key, (f"profile {name}" if chosen.api_key else None)
        for var in KEY_ENV_VARS:
            if env.get(var):
                api_key, key_source = env[var], var
                break
        if not api_key and len(names) > 1:
            raise ConfigError(f"Profile {name!r} in {path} has no api_key.")
        accounts.append(
            every(
                profile=name,
                api_key=api_key,
                api_url=api_url or env.get("LEASEWEB_API_URL") or chosen.api_url or DEFAULT_API_URL,
                read_only=read_only or chosen.read_only,
                key_source=key_source,
                ssh_command=chosen.ssh_command or data.ssh_command,
                probe_ports=tuple(
                    data.probe_ports if chosen.probe_ports is None else chosen.probe_ports
                ),
                probe_in_read_only=(
                    data.probe_in_read_only
                    if chosen.probe_in_read_only is None
                    else chosen.probe_in_read_only
                ),
            )
        )
    return accounts


def resolve_settings(
    *,
    profile: str | None = None,
    api_url: str | None = None,
    read_only: bool = False,
    refresh: float | None = None,
    theme: str | None = None,
    path: Path | None = None,
    environ: Mapping[str, str] | None = None,
    demo: bool = False,
) -> Settings:
    """The settings of one account (:func:`resolve_accounts` with at most one ``profile``);
    a file whose ``default_profiles`` opens several is a ``ConfigError`` here."""
    accounts = resolve_accounts(
        profiles=[profile] if profile else [],
        api_url=api_url,
        read_only=read_only,
        refresh=refresh,
        theme=theme,
        path=path,
        environ=environ,
        demo=demo,
        demo_accounts=1,
    )
    if len(accounts) > 1:
        names = ", ".join(account.profile for account in accounts)
        raise ConfigError(f"Several profiles are the default ({names}): choose one with --profile.")
    return accounts[0]


def _columns(data: ConfigFile) -> tuple[str, ...] | None:
    return tuple(data.columns) if data.columns is not None else None
