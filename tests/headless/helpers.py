"""Running ``lswtui vps ...`` in-process against the simulator, with strings for the terminal."""

from __future__ import annotations

import asyncio
import io
import json
from dataclasses import dataclass
from pathlib import Path

from lswtui.api import LeasewebClient
from lswtui.cli import build_parser
from lswtui.core.audit import AuditEntry, AuditLog
from lswtui.core.clock import Clock
from lswtui.headless.accounts import Account
from lswtui.headless.act import Tracking
from lswtui.headless.main import run_command
from lswtui.headless.streams import Streams
from lswtui.sim import DEMO_BASE_URL, Simulator

MUTATING = ("POST", "PUT", "DELETE")


class Terminal(io.StringIO):
    """Typed answers on a terminal."""

    def isatty(self) -> bool:
        return True


@dataclass
class Ran:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


def account(sim: Simulator, state: Path, profile: str = "test", read_only: bool = False):
    client = LeasewebClient.create(sim.api_key, base_url=DEMO_BASE_URL, transport=sim.transport())
    return Account(profile, client, AuditLog(state / "actions.jsonl"), read_only)


def audit(state: Path) -> list[AuditEntry]:
    return AuditLog(state / "actions.jsonl").read()


def mutations(sim: Simulator) -> list:
    return [r for r in sim.requests if r.method in MUTATING]


def pick(sim: Simulator, predicate):
    return next(v for v in sorted(sim.state.vps.values(), key=lambda v: int(v.id)) if predicate(v))


async def vps(
    sim: Simulator,
    state: Path,
    *argv: str,
    stdin: str = "",
    tty: bool = False,
    tty_stderr: bool = False,
    accounts: list[Account] | None = None,
    width: int = 200,
    secret: str = "",
    read_only: bool = False,
    waiting: asyncio.Event | None = None,
) -> Ran:
    """``lswtui vps ARGV``; ``--wait`` sleeps move the simulator's and the session's clocks
    (or, given ``waiting``, set it and never end: the command waits until it is cancelled)."""
    args = build_parser().parse_args(["vps", *argv])
    streams = Streams(
        Terminal(stdin) if tty else io.StringIO(stdin),
        io.StringIO(),
        Terminal() if tty_stderr else io.StringIO(),
        read_secret=lambda prompt: secret,
    )
    elapsed = [0.0]

    async def sleep(seconds: float) -> None:
        if waiting is not None:
            waiting.set()
            await asyncio.Future()
        elapsed[0] += seconds
        sim.clock.advance(seconds)

    tracking = Tracking.from_args(
        args, clock=Clock(monotonic=lambda: elapsed[0], now=sim.clock.now), sleep=sleep
    )
    chosen = accounts or [account(sim, state, read_only=read_only)]
    code = await run_command(args, chosen, streams, tracking, width=width)
    return Ran(code, streams.stdout.getvalue(), streams.stderr.getvalue())
