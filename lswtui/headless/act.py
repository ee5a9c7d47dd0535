"""One action, run headless through the core: the same flow, rules, runner and action log as
the TUI. The runner gates it, the flow asks :class:`ArgDialogs`, the runner sends it once and
logs it; ``--wait`` then reads the VPS until the runner sees the change (or gives up).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from lswtui.api import ApiError
from lswtui.api.models import VpsDetails
from lswtui.core.action_host import Selection
from lswtui.core.clock import Clock
from lswtui.core.events import ActionEvent, ActionSent, SessionEvent
from lswtui.core.fleet import FleetRow
from lswtui.core.humanize import human_duration
from lswtui.core.refresh import FAST_REFRESH
from lswtui.core.runner import ActionRunner
from lswtui.core.session import Session
from lswtui.headless.accounts import Account
from lswtui.headless.dialogs import Answers, ArgDialogs, Stop
from lswtui.headless.host import HeadlessHost
from lswtui.headless.streams import Streams

EXIT_OK, EXIT_API, EXIT_USAGE, EXIT_REFUSED, EXIT_UNKNOWN = 0, 1, 2, 3, 4
EXIT_INTERRUPTED = 130
#: The exit code of each action log outcome a write ends with.
OUTCOME_EXIT = {
    "accepted": EXIT_OK,
    "done": EXIT_OK,
    "completed": EXIT_OK,
    "failed": EXIT_API,
    "refused": EXIT_REFUSED,
    "unknown": EXIT_UNKNOWN,
    "unconfirmed": EXIT_UNKNOWN,
}


@dataclass(frozen=True)
class Tracking:
    """``--wait`` and its bound; ``sleep`` and ``clock`` are injected by tests."""

    wait: bool = False
    timeout: float = 600.0
    clock: Clock = field(default_factory=Clock)
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep

    @classmethod
    def from_args(cls, args: argparse.Namespace, **injected: Any) -> Tracking:
        return cls(getattr(args, "wait", False), getattr(args, "timeout", 600.0), **injected)


@dataclass(frozen=True)
class ActionOutcome:
    exit_code: int
    steps: tuple[ActionEvent, ...] = ()  # the write's steps: empty when nothing was sent
    console_url: str | None = None

    @property
    def answer(self) -> ActionEvent | None:
        """The API's answer to the write (its status and correlationId), if it came."""
        return next((step for step in self.steps if step.outcome != "sent"), None)

    @property
    def last(self) -> ActionEvent | None:
        return self.steps[-1] if self.steps else None


async def run_action(
    account: Account,
    details: VpsDetails,
    action_id: str,
    answers: Answers,
    selection: Selection,
    streams: Streams,
    tracking: Tracking,
) -> ActionOutcome:
    session = Session(
        account.client,
        account=account.profile,
        audit=account.audit,
        clock=tracking.clock,
        read_only=account.read_only,
        live_refresh=False,
    )
    dialogs = ArgDialogs(streams, answers)
    row = FleetRow.from_vps(details)
    host = HeadlessHost(streams, dialogs, row, selection)
    runner = ActionRunner(session, host)
    runner.sleep = tracking.sleep  # a rescue's steps wait for each other on it
    events: list[ActionEvent] = []

    def record(event: SessionEvent) -> None:
        if isinstance(event, ActionEvent):
            events.append(event)

    session.subscribe(record)
    try:
        with _interrupt_records_unknown(runner):
            runner.start(action_id)
            if host.work is not None:
                await host.work()
            if tracking.wait and runner.pending:
                await _track(session, runner, row, streams, tracking)
    except asyncio.CancelledError:
        streams.say("lswtui: interrupted")
        code = EXIT_UNKNOWN if events and events[-1].outcome == "unknown" else EXIT_INTERRUPTED
        return ActionOutcome(code, tuple(events))
    sent = tuple(events) if any(isinstance(e, ActionSent) for e in events) else ()
    code = _exit_code(sent, dialogs, host)
    if code == EXIT_OK and not sent and dialogs.console_url is None:
        streams.say("lswtui: nothing to change; nothing was sent")
    return ActionOutcome(code, sent, dialogs.console_url)


def _exit_code(sent: tuple[ActionEvent, ...], dialogs: ArgDialogs, host: HeadlessHost) -> int:
    if sent:
        return OUTCOME_EXIT.get(sent[-1].outcome, EXIT_UNKNOWN)
    if dialogs.stopped is Stop.USAGE:
        return EXIT_USAGE
    if dialogs.stopped is Stop.REFUSED or host.worst == "warning":
        return EXIT_REFUSED  # a rule, read-only mode, or the answer no
    if host.worst == "error":
        return EXIT_API  # reading what the rules need failed; nothing was sent
    return EXIT_OK  # nothing to do (e.g. the reference is already that)


@contextlib.contextmanager
def _interrupt_records_unknown(runner: ActionRunner) -> Iterator[None]:
    """Ctrl-C while a write is unanswered records it as outcome ``unknown`` (it may have been
    applied), and while ``--wait`` tracks an accepted action as ``unconfirmed``, before the
    command is cancelled, as quitting the TUI does."""
    loop = asyncio.get_running_loop()
    task = asyncio.current_task()

    def interrupted() -> None:
        runner.abandon_in_flight("interrupted (Ctrl-C) before the API answered")
        runner.abandon_tracking("interrupted (Ctrl-C) before its effect showed")
        if task is not None:
            task.cancel()

    try:
        loop.add_signal_handler(signal.SIGINT, interrupted)
    except (NotImplementedError, RuntimeError, ValueError):  # not the main thread, or Windows
        yield
        return
    try:
        yield
    finally:
        loop.remove_signal_handler(signal.SIGINT)


async def _track(
    session: Session, runner: ActionRunner, row: FleetRow, streams: Streams, tracking: Tracking
) -> None:
    """Read the VPS every few seconds and let the runner decide when the change shows; the
    progress line on stderr names the state and the time since the request. ``--timeout`` bounds the runner's
    own patience."""
    for pending in runner.pending.values():
        pending.plan.give_up_after = min(pending.plan.give_up_after, tracking.timeout)
    started = session.clock.monotonic()
    state = row.state
    while runner.pending:
        await tracking.sleep(FAST_REFRESH)
        rows: dict[str, FleetRow] = {}
        try:
            rows[row.vps_id] = FleetRow.from_vps(await session.client.get_vps(row.vps_id))
        except ApiError as exc:
            streams.say(f"lswtui: warning: {exc.error_message} (still waiting)")
        state = rows[row.vps_id].state if rows else state
        elapsed = human_duration(session.clock.monotonic() - started)
        streams.progress(f"lswtui: VPS {row.label}: {state}, {elapsed} after sending", news=state)
        await runner.poll_pending(rows)
