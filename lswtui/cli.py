"""Command line: ``lswtui`` (the TUI), ``lswtui --demo``, ``lswtui sim`` and ``lswtui config``.

Heavy imports (Textual, the simulator) happen only in the branch that needs them, so
``--help`` and ``config path`` answer instantly.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from lswtui import __version__
from lswtui.config import (
    DEFAULT_API_URL,
    DEMO_ACCOUNTS,
    MIN_REFRESH,
    ConfigError,
    Settings,
    check_api_url,
    config_path,
    forget_key_environment,
    resolve_accounts,
    state_dir,
)
from lswtui.headless.completion import complete_if_asked, completion_script
from lswtui.headless.parser import add_completion_parser, add_vps_parser

if TYPE_CHECKING:
    from lswtui.api import LeasewebClient
    from lswtui.sim import Simulator

NO_KEY_MESSAGE = """\
lswtui needs a Leaseweb API key.

  Set it for this shell:    export LEASEWEB_API_KEY=<your key>
  or store it in a profile: {path}  (chmod 600)
                            [profiles.default]
                            api_key = "<your key>"

Create keys in the Leaseweb Customer Portal (API keys).
To look around first, run the built-in demo:  lswtui --demo
"""


def _refresh_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and value >= MIN_REFRESH):
        raise argparse.ArgumentTypeError(
            f"must be a finite number of seconds, at least {MIN_REFRESH:g}"
        )
    return value


def _not_a_terminal() -> str | None:
    """Which standard stream is not a terminal (Textual reads stdin and draws on stderr)."""
    for name in ("stdin", "stdout", "stderr"):
        if not getattr(sys, name).isatty():
            return name
    return None


#: The simulator's activity levels (``lswtui.sim.activity.LEVELS``, not imported here: the
#: simulator loads only when it runs).
ACTIVITY_LEVELS = ("off", "calm", "normal", "busy")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lswtui",
        description="A terminal UI for Leaseweb VPS servers (Leaseweb Public Cloud API).",
        epilog=(
            "API key: LEASEWEB_API_KEY, else LEASEWEB_TOKEN, else the profile's api_key in the "
            f"config file ({config_path()}). Subcommands: 'lswtui sim --help', 'lswtui config path', "
            "'lswtui vps --help', 'lswtui completion bash|zsh|fish'."
        ),
    )
    parser.add_argument("--version", action="version", version=f"lswtui {__version__}")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="run against the built-in Leaseweb API simulator (no key, no network)",
    )
    parser.add_argument(
        "--demo-vps-count",
        type=int,
        default=25,
        metavar="N",
        help="size of each demo account (default 25)",
    )
    parser.add_argument(
        "--demo-accounts",
        type=int,
        default=DEMO_ACCOUNTS,
        metavar="N",
        help=f"simulated accounts the demo opens together (default {DEMO_ACCOUNTS}: demo-eu, "
        "demo-us; 1: one account, demo)",
    )
    parser.add_argument(
        "--demo-faults",
        metavar="SPEC",
        help="inject API failures into the demo, e.g. 5xx=0.1,429=0.05,drop=0.02 (see README)",
    )
    parser.add_argument(
        "--demo-fault-seed",
        type=int,
        default=0,
        metavar="N",
        help="seed of the injected failures (default 0)",
    )
    parser.add_argument(
        "--activity",
        choices=ACTIVITY_LEVELS,
        default="normal",
        help="--demo: how busy the simulated account is by itself (default normal)",
    )
    parser.add_argument(
        "--profile",
        action="append",
        metavar="NAME",
        help="profile from the config file; repeat it to open several accounts together "
        "(default: its default_profiles, else its default_profile)",
    )
    parser.add_argument(
        "--all-profiles",
        action="store_true",
        help="open every profile of the config file together",
    )
    parser.add_argument(
        "--api-url",
        metavar="URL",
        help=f"API base URL (env LEASEWEB_API_URL; default {DEFAULT_API_URL})",
    )
    parser.add_argument(
        "--insecure-http",
        action="store_true",
        help="allow sending the API key over plain http:// to a host that is not loopback",
    )
    parser.add_argument(
        "--read-only", action="store_true", help="offer and send no mutating action"
    )
    parser.add_argument(
        "--refresh",
        type=_refresh_seconds,
        metavar="SECONDS",
        help="auto-refresh interval, at least 1 (default 10)",
    )
    parser.add_argument(
        "--theme",
        metavar="NAME",
        help=(
            "Textual theme for this session (e.g. nord, gruvbox, ansi-dark); "
            "one chosen in the app is remembered"
        ),
    )
    parser.add_argument(
        "--ansi", action="store_true", help="use the terminal's own 16 colours (ansi-dark theme)"
    )
    parser.add_argument("--config", metavar="PATH", help="config file to use (env LSWTUI_CONFIG)")

    sub = parser.add_subparsers(dest="command", metavar="{sim,config,vps,completion}")
    sim = sub.add_parser("sim", help="serve the Leaseweb API simulator over HTTP on loopback")
    sim.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    sim.add_argument("--port", type=int, default=8080, help="port (default 8080)")
    sim.add_argument(
        "--vps-count",
        type=int,
        default=25,
        metavar="N",
        help="number of VPSes in the account (default 25)",
    )
    sim.add_argument(
        "--seed", type=int, default=42, help="seed of the generated account (default 42)"
    )
    sim.add_argument(
        "--api-key",
        metavar="KEY",
        help="API key clients must send (default: a random one, printed)",
    )
    sim.add_argument(
        "--allow-remote",
        action="store_true",
        help="allow a non-loopback --host (the simulator has no TLS)",
    )
    sim.add_argument(
        "--faults",
        metavar="SPEC",
        help="inject failures, e.g. latency=200ms,5xx=0.1,429=0.05,timeout=0.01,readonly (see README)",
    )
    sim.add_argument(
        "--fault-seed",
        type=int,
        default=0,
        metavar="N",
        help="seed of the injected failures (default 0)",
    )
    sim.add_argument(
        "--request-log",
        type=Path,
        metavar="PATH",
        help="append one JSON line per request (method, path, query, status) to PATH",
    )
    sim.add_argument(
        "--activity",
        choices=ACTIVITY_LEVELS,
        default="off",
        help=(
            "background activity of the account (reboots, null routes, snapshots, ...), "
            "each event printed on stdout (default off: nothing changes unless a client acts)"
        ),
    )
    config = sub.add_parser("config", help="configuration helpers")
    config.add_argument("what", choices=["path"], help="'path' prints where the config file is")
    add_vps_parser(sub)
    add_completion_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    complete_if_asked(parser)
    args = parser.parse_args(argv)
    if args.command == "sim":
        from lswtui.sim.faults import Faults
        from lswtui.sim.server import serve

        try:
            serve(
                args.host,
                args.port,
                vps_count=args.vps_count,
                seed=args.seed,
                api_key=args.api_key,
                allow_remote=args.allow_remote,
                faults=Faults.parse(args.faults, seed=args.fault_seed) if args.faults else None,
                request_log=args.request_log,
                activity=args.activity,
            )
        except ValueError as exc:
            print(f"lswtui sim: {exc}", file=sys.stderr)
            return 2
        return 0
    if args.command == "config":
        print(config_path() if not args.config else args.config)
        return 0
    if args.command == "vps":
        from lswtui.headless.main import run_vps

        return run_vps(args)
    if args.command == "completion":
        print(completion_script(args.shell))
        return 0
    return run_tui(args)


def _named(settings: Settings, several: bool) -> str:
    """With several accounts open, a message about one starts with its profile."""
    return f"profile {settings.profile}: " if several else ""


def _real_clients(args: argparse.Namespace, accounts: list[Settings]) -> list[LeasewebClient]:
    """One client per account, each URL checked first (a ``ConfigError`` names the profile
    when several are open); the warnings are printed."""
    from lswtui.api import LeasewebClient

    several = len(accounts) > 1
    warnings = []
    for settings in accounts:
        try:
            warning = check_api_url(settings.api_url, insecure_http=args.insecure_http)
        except ConfigError as exc:
            raise ConfigError(f"{_named(settings, several)}{exc}") from None
        if warning:
            warnings.append(f"{_named(settings, several)}{warning}")
    clients = []
    for settings in accounts:
        assert settings.api_key is not None  # checked by the caller (or by resolve_accounts)
        try:
            clients.append(LeasewebClient.create(settings.api_key, base_url=settings.api_url))
        except ValueError as exc:  # a bad key; never quoted
            raise ConfigError(f"{_named(settings, several)}{exc}") from None
    for warning in warnings:
        print(f"lswtui: warning: {warning}", file=sys.stderr)
    return clients


def _reachable_in(worlds: Mapping[int, Simulator], n: int, ip: str, port: int) -> bool:
    """Whether demo world ``n`` (once built) would accept a connection to ``ip``:``port``."""
    return n in worlds and worlds[n].reachable(ip, port)


def run_tui(args: argparse.Namespace) -> int:
    path = Path(args.config) if args.config else None
    try:
        accounts = resolve_accounts(
            profiles=args.profile or (),
            all_profiles=args.all_profiles,
            api_url=args.api_url,
            read_only=args.read_only,
            refresh=args.refresh,
            theme=args.theme,
            path=path,
            demo=args.demo,
            demo_accounts=args.demo_accounts,
        )
    except ConfigError as exc:
        print(f"lswtui: {exc}", file=sys.stderr)
        return 2
    from lswtui.core.ssh import command_problem

    for account in accounts:
        if (problem := command_problem(account.ssh_command)) is not None:
            print(f"lswtui: {account.config_file}: {problem}", file=sys.stderr)
            return 2
    forget_key_environment()
    from textual.theme import BUILTIN_THEMES

    settings = accounts[0]  # refresh, theme, keymap and the config file are every account's
    if settings.theme is not None and settings.theme not in BUILTIN_THEMES:
        if args.theme:
            print(
                f"lswtui: --theme: no theme {args.theme!r} (themes: {', '.join(sorted(BUILTIN_THEMES))})",
                file=sys.stderr,
            )
            return 2
        print(
            f"lswtui: warning: the config's theme {settings.theme!r} does not exist; using the default",
            file=sys.stderr,
        )
        settings = replace(settings, theme=None)

    from lswtui.core.log_file import log_to_file
    from lswtui.core.probe import Connect, connect_to, tcp_connect
    from lswtui.core.state_files import DEMO_FILES, REAL_FILES

    connects: dict[str, Connect] = {}  # an account's probe, when not over TCP

    if args.demo:
        from lswtui.sim import DEMO_BASE_URL
        from lswtui.sim.faults import Faults, FaultSpecError

        try:
            Faults.parse(args.demo_faults or "", seed=args.demo_fault_seed)
        except FaultSpecError as exc:
            print(f"lswtui: --demo-faults: {exc}", file=sys.stderr)
            return 2
        from lswtui.demo import demo_clients

        worlds: dict[int, Simulator] = {}  # each account's simulator, once built
        clients = demo_clients(
            len(accounts),
            vps_count=args.demo_vps_count,
            faults=args.demo_faults,
            fault_seed=args.demo_fault_seed,
            activity=args.activity,
            on_simulator=worlds.__setitem__,
        )
        for n, account in enumerate(accounts):  # the simulated world answers the probes
            connects[account.profile] = connect_to(partial(_reachable_in, worlds, n))
        urls, files = [DEMO_BASE_URL] * len(accounts), DEMO_FILES
    elif not settings.api_key:  # one profile without a key (several: refused by the config)
        print(NO_KEY_MESSAGE.format(path=settings.config_file), file=sys.stderr)
        return 2
    else:
        try:
            clients = _real_clients(args, accounts)
        except ConfigError as exc:
            print(f"lswtui: {exc}", file=sys.stderr)
            return 2
        urls, files = [account.api_url for account in accounts], REAL_FILES

    if (stream := _not_a_terminal()) is not None:
        print(f"lswtui needs a terminal: {stream} is not a tty", file=sys.stderr)
        return 2

    from lswtui.tui import gc_freeze
    from lswtui.tui.app import AccountSetup, LswApp
    from lswtui.tui.incident_kit import KitSettings

    app = LswApp(
        clients[0],
        profile=settings.profile,
        api_url=urls[0],
        read_only=settings.read_only,
        refresh_interval=settings.refresh,
        theme=settings.theme,
        ansi=args.ansi,
        config_file=settings.config_file,
        keymap=settings.keymap,
        files=files,
        columns=settings.columns,
        split=settings.split,
        more_accounts=[
            AccountSetup(account.profile, client, url, account.read_only)
            for account, client, url in zip(accounts[1:], clients[1:], urls[1:], strict=True)
        ],
        kits={
            account.profile: KitSettings(
                ssh_command=account.ssh_command,
                probe_ports=account.probe_ports,
                probe_in_read_only=account.probe_in_read_only,
                probe_connect=connects.get(account.profile, tcp_connect),
            )
            for account in accounts
        },
        notify=settings.notify,
    )
    log_to_file(state_dir())
    gc_freeze.enable()
    app.run()
    return app.return_code or 0
