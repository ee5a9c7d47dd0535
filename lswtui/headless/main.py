"""``lswtui vps ...``: open the accounts, run one command, map what happened to an exit code.

Exit codes: 0 ok, 1 API error (its message and correlationId on stderr), 2 usage or config
error, 3 refused (a rule, read-only mode, or not confirmed: nothing was sent), 4 outcome unknown
(sent, and no definite answer, or not confirmed within ``--timeout``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
from collections.abc import Sequence
from pathlib import Path

from lswtui.api import ApiError
from lswtui.config import ConfigError, forget_key_environment, resolve_accounts
from lswtui.headless.accounts import Account, Ambiguous, NotFound, open_account
from lswtui.headless.act import EXIT_API, EXIT_INTERRUPTED, EXIT_USAGE, Tracking
from lswtui.headless.commands import ACTION_COMMANDS, READS, Command, Usage, act
from lswtui.headless.shapes import schema
from lswtui.headless.streams import Streams


def run_vps(args: argparse.Namespace) -> int:
    """The ``vps`` subcommand from the real command line and environment."""
    streams = Streams.system()
    try:
        return _run_vps(args, streams)
    except KeyboardInterrupt:  # outside an action (which takes Ctrl-C itself, see act.py)
        streams.say("lswtui: interrupted")
        return EXIT_INTERRUPTED


def _run_vps(args: argparse.Namespace, streams: Streams) -> int:
    if args.vps_command == "schema":
        streams.out(json.dumps(schema(args.name), indent=2))
        return 0
    if getattr(args, "demo", False):  # never let "demo" act on the account the config names
        streams.say(
            "lswtui: --demo is the TUI's; to script against the simulator, run "
            "'lswtui sim --port 8080' and set LEASEWEB_API_URL=http://127.0.0.1:8080/publicCloud/v1"
        )
        return EXIT_USAGE
    try:
        accounts = open_accounts(args, streams)
    except ConfigError as exc:
        streams.say(f"lswtui: {exc}")
        return EXIT_USAGE
    forget_key_environment()
    return asyncio.run(run_command(args, accounts, streams, Tracking.from_args(args)))


def open_accounts(args: argparse.Namespace, streams: Streams) -> list[Account]:
    """One account per profile the options name (``--profile``, repeatable, or
    ``--all-profiles``; else the config's default), or ``ConfigError`` naming the profile."""
    chosen = resolve_accounts(
        profiles=args.profile or (),
        all_profiles=args.all_profiles,
        api_url=args.api_url,
        read_only=args.read_only,
        path=Path(args.config) if args.config else None,
    )
    several = len(chosen) > 1
    accounts = []
    for settings in chosen:
        named = f"profile {settings.profile}: " if several else ""
        try:
            account, warning = open_account(settings, insecure_http=args.insecure_http)
        except ConfigError as exc:
            raise ConfigError(f"{named}{exc}") from None
        if warning:
            streams.say(f"lswtui: warning: {named}{warning}")
        accounts.append(account)
    return accounts


async def run_command(
    args: argparse.Namespace,
    accounts: Sequence[Account],
    streams: Streams,
    tracking: Tracking,
    *,
    width: int | None = None,
) -> int:
    """Run one ``vps`` command on ``accounts`` (closed after it); tests call this directly."""
    columns = width or shutil.get_terminal_size().columns
    cmd = Command(args, accounts, streams, tracking, columns)
    name = args.vps_command
    try:
        if name in ACTION_COMMANDS:
            return await act(cmd, ACTION_COMMANDS[name])
        return await READS[name](cmd)
    except ApiError as exc:
        streams.say(f"lswtui: {exc.describe()}")
        return EXIT_API
    except NotFound as exc:
        profiles = ", ".join(a.profile for a in accounts)
        streams.say(f"lswtui: no VPS {exc} in the profiles {profiles}")
        return EXIT_API
    except (Usage, Ambiguous, ValueError) as exc:  # ValueError: the client refused an argument
        streams.say(f"lswtui: {exc}")
        return EXIT_USAGE
    finally:
        await asyncio.gather(*(account.client.aclose() for account in accounts))
