"""Configuration: profiles in a TOML file, environment overrides, and how the API key is found.

Precedence for the API key (as Leaseweb's own ``lw`` CLI does): ``LEASEWEB_API_KEY``, then
``LEASEWEB_TOKEN`` (the name Leaseweb's Terraform provider reads), then the selected profile.
For the base URL: ``--api-url``, then ``LEASEWEB_API_URL``, then the profile, then the default.

The file lives at ``$LSWTUI_CONFIG`` or ``<user config dir>/lswtui/config.toml``::

    default_profile = "prod"
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
import stat
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import tomlkit
import tomlkit.exceptions
from platformdirs import user_config_path, user_downloads_path, user_state_path
from pydantic import BaseModel, ConfigDict, Field, ValidationError

DEFAULT_API_URL = "https://api.leaseweb.com/publicCloud/v1"
DEFAULT_REFRESH = 10.0
MIN_REFRESH = 1.0  # seconds; a smaller (or non-finite) interval is refused, from flag or file
KEY_ENV_VARS = ("LEASEWEB_API_KEY", "LEASEWEB_TOKEN")
DEMO_PROFILE = "demo"
MIN_SPLIT, MAX_SPLIT = 20, 80  # percent of the width the VPS list may take


class ConfigError(Exception):
    """A configuration problem to show the user as it is (no traceback)."""


class Profile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    api_key: str | None = Field(None, repr=False)
    api_url: str | None = None
    read_only: bool = False


class ConfigFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    default_profile: str = "default"
    theme: str | None = None
    refresh: float | None = Field(None, ge=MIN_REFRESH, allow_inf_nan=False)
    keymap: dict[str, str] = {}  # binding id -> keys, e.g. "fleet.refresh" = "f5"
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

    def __repr__(self) -> str:  # never show the key
        return f"Settings(profile={self.profile!r}, api_url={self.api_url!r}, read_only={self.read_only})"


def resolve_settings(
    *,
    profile: str | None = None,
    api_url: str | None = None,
    read_only: bool = False,
    refresh: float | None = None,
    theme: str | None = None,
    path: Path | None = None,
    environ: dict[str, str] | None = None,
    demo: bool = False,
) -> Settings:
    """For ``demo``, only the file's theme and refresh count: the demo has its own simulator,
    key and profile, and no profile's key, URL or read-only mode applies to it."""
    env = os.environ if environ is None else environ
    path = path or config_path()
    data = load_config(path, keys_used=not demo)
    if demo:
        return Settings(
            profile=DEMO_PROFILE,
            api_key=None,
            api_url="",
            read_only=read_only,
            refresh=refresh or data.refresh or DEFAULT_REFRESH,
            theme=theme or data.theme,
            key_source=None,
            config_file=path,
            columns=_columns(data),
            split=data.split,
        )
    name = profile or data.default_profile
    if profile and profile not in data.profiles:
        known = ", ".join(sorted(data.profiles)) or "none"
        raise ConfigError(f"No profile {profile!r} in {path} (profiles: {known}).")
    chosen = data.profiles.get(name, Profile())
    api_key, key_source = chosen.api_key, (f"profile {name}" if chosen.api_key else None)
    for var in KEY_ENV_VARS:
        if env.get(var):
            api_key, key_source = env[var], var
            break
    return Settings(
        profile=name,
        api_key=api_key,
        api_url=api_url or env.get("LEASEWEB_API_URL") or chosen.api_url or DEFAULT_API_URL,
        read_only=read_only or chosen.read_only,
        refresh=refresh or data.refresh or DEFAULT_REFRESH,
        theme=theme or data.theme,
        key_source=key_source,
        config_file=path,
        keymap=data.keymap,
        columns=_columns(data),
        split=data.split,
    )


def _columns(data: ConfigFile) -> tuple[str, ...] | None:
    return tuple(data.columns) if data.columns is not None else None
