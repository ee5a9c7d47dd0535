"""One action on every marked VPS: start, stop, reboot or snapshot create (the flows that are
:class:`~lswtui.core.flows.Batchable`); destructive ones stay one VPS at a time.

- every marked VPS is checked first by the action's own rule (snapshot create reads each
  VPS's snapshots); one whose state forbids it is skipped with the reason and never sent;
- one confirmation lists every target and every skipped VPS; for more than one target the
  user types their number (:func:`count_error`);
- each target gets one request, through the action runner (locked, in the action log before
  it goes out, tracked until its effect shows), at most ``limit`` at a time;
- the user hears one line when the requests are answered and one when their effects have
  all shown (:class:`Settling`), not one per VPS; a VPS not confirmed in time warns on its own;
- the VPSes are locked before anything is awaited and a second bulk action is refused while
  one runs, so a double key press never doubles anything.
"""

from __future__ import annotations

import asyncio
import logging
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from lswtui.api import ApiError
from lswtui.core.action_host import ActionHost
from lswtui.core.actions import ACTIONS, ACTIONS_BY_ID, ActionSpec
from lswtui.core.dialogs import BulkDialogs, Skipped
from lswtui.core.events import ActionCompleted, SessionEvent
from lswtui.core.fleet import FleetRow
from lswtui.core.flows import Batchable
from lswtui.core.runner import ActionRunner

log = logging.getLogger(__name__)

MAX_CONCURRENT = 4  # requests in flight at once: a burst of 50 POSTs would meet a rate limit

#: The actions offered on marked VPSes.
BULK_ACTIONS = tuple(action.id for action in ACTIONS if issubclass(action.flow, Batchable))


@dataclass
class BulkProgress:
    """What the progress line shows while a bulk action is sent."""

    title: str
    total: int  # the confirmed targets
    skipped: int = 0
    sent: int = 0
    accepted: int = 0
    failed: int = 0  # failed, refused or of unknown outcome: each told on its own
    finished: bool = False

    @property
    def text(self) -> str:
        parts = [f"{self.title}: {self.sent}/{self.total} sent", f"{self.accepted} accepted"]
        if self.failed:
            parts.append(f"{self.failed} not accepted")
        if self.skipped:
            parts.append(f"{self.skipped} skipped")
        return " · ".join(parts) + (" — done." if self.finished else " …")


def _nothing(progress: BulkProgress) -> None:
    return None


#: The runner of a row's account (one account: always the same runner).
RunnerOf = Callable[[FleetRow], ActionRunner]
Lock = tuple[ActionRunner, str]  # a runner and the VPS id it holds busy


class BulkRunner:
    """One action on many rows, possibly of several accounts: each row goes through the
    runner of its account (its client, its action log, its read-only mode); ``host`` is the
    front end that asks, tells and runs the work."""

    def __init__(
        self,
        runner_of: RunnerOf,
        host: ActionHost,
        dialogs: BulkDialogs,
        on_progress: Callable[[BulkProgress], None] = _nothing,
        *,
        limit: int = MAX_CONCURRENT,
    ) -> None:
        self.runner_of = runner_of
        self.host = host
        self.dialogs = dialogs
        self.on_progress = on_progress
        self.limit = limit
        self.running: str | None = None  # the title of the bulk action under way

    def start(self, action_id: str, rows: Sequence[FleetRow]) -> None:
        """Begin ``action_id`` on ``rows`` (the marked VPSes, in their order)."""
        spec = ACTIONS_BY_ID[action_id]
        host = self.host
        if action_id not in BULK_ACTIONS:
            host.tell(
                f"{spec.title} runs on one VPS at a time: clear the marks (esc) and select one.",
                severity="warning",
            )
            return
        if rows and all(self.runner_of(row).session.read_only for row in rows):
            host.tell(f"Read-only mode: {spec.title} is not available.", severity="warning")
            return
        if self.running is not None:
            host.tell(
                f"{self.running} on the marked VPSes is still being sent; {spec.title} was not.",
                severity="warning",
            )
            return
        if not rows:
            host.tell("No VPS is marked (space marks one).", severity="warning")
            return
        locked: list[FleetRow] = []
        skipped: list[Skipped] = []
        for row in rows:
            runner = self.runner_of(row)
            holder = runner.in_progress(row.vps_id, spec)
            if runner.session.read_only or holder:
                reason = f"{holder} is in progress" if holder else "its account is read-only"
                skipped.append(Skipped(self._flow(spec, row).target, reason))
                continue
            runner.busy[row.vps_id] = spec.title  # before any await: a double press sees it
            locked.append(row)
        self.running = spec.title
        host.run_action_worker(partial(self._run, spec, locked, skipped))

    def _flow(self, spec: ActionSpec, row: FleetRow) -> Batchable:
        runner = self.runner_of(row)
        flow = spec.flow(runner.session, runner.host, row)
        assert isinstance(flow, Batchable)
        return flow

    async def _run(self, spec: ActionSpec, rows: list[FleetRow], skipped: list[Skipped]) -> None:
        kept: set[Lock] = set()
        try:
            ready = await self._checked(spec, rows, skipped)
            if not ready:
                reasons = "; ".join(f"{s.target.vps_id}: {s.reason}" for s in skipped)
                self.host.tell(
                    f"{spec.title} was sent to none of the marked VPSes: {reasons}.",
                    severity="warning",
                )
                return
            flow_class = spec.flow
            assert issubclass(flow_class, Batchable)
            targets = [flow.target for flow in ready]
            if not await self.dialogs.confirm_bulk(
                f"{spec.title} on {len(targets)} VPS{'es' if len(targets) > 1 else ''}",
                flow_class.EFFECT,
                targets,
                skipped,
            ):
                return  # cancelled: nothing was sent
            progress = BulkProgress(spec.title, len(ready), skipped=len(skipped))
            self.on_progress(progress)
            limit = asyncio.Semaphore(self.limit)
            await asyncio.gather(*(self._send(spec, flow, progress, limit, kept) for flow in ready))
            progress.finished = True
            self.on_progress(progress)
            self.host.tell(progress.text, title=spec.title)
            tracked = {  # accepted, and tracked until their effect shows
                (self.runner_of(flow.row), flow.row.vps_id)
                for flow in ready
                if (flow.row.vps_id, spec.id) in self.runner_of(flow.row).pending
            }
            if tracked:
                Settling(spec, tracked, self.host).begin()
        finally:
            for row in rows:
                runner = self.runner_of(row)
                if (runner, row.vps_id) not in kept:
                    runner.busy.pop(row.vps_id, None)
            self.running = None
            self.host.refresh_bindings()

    async def _checked(
        self, spec: ActionSpec, rows: list[FleetRow], skipped: list[Skipped]
    ) -> list[Batchable]:
        """The flows of the rows the action's rule allows; the others join ``skipped``."""
        limit = asyncio.Semaphore(self.limit)

        async def check(row: FleetRow) -> Batchable | Skipped:
            flow = self._flow(spec, row)
            try:
                async with limit:
                    ctx = await flow.context()
            except ApiError as exc:
                return Skipped(flow.target, f"could not be checked ({exc.describe()})")
            reason = spec.reason(ctx)
            return Skipped(flow.target, reason) if reason else flow

        ready: list[Batchable] = []
        for result in await asyncio.gather(*(check(row) for row in rows)):
            if isinstance(result, Skipped):
                skipped.append(result)
            else:
                ready.append(result)
        return ready

    async def _send(
        self,
        spec: ActionSpec,
        flow: Batchable,
        progress: BulkProgress,
        limit: asyncio.Semaphore,
        kept: set[Lock],
    ) -> None:
        row = flow.row
        runner = self.runner_of(row)
        async with limit:
            try:
                if await runner.send(spec, row, flow.prepared(), announce=False):
                    kept.add((runner, row.vps_id))
            except Exception as exc:  # a bug stops this VPS's request, never the others'
                frames = "".join(traceback.format_tb(exc.__traceback__))
                log.error(
                    "%s failed: unexpected %s\n%s", spec.title, type(exc).__qualname__, frames
                )
            progress.sent += 1
            if (row.vps_id, spec.id) in runner.pending:
                progress.accepted += 1
            else:
                progress.failed += 1
            self.on_progress(progress)


class Settling:
    """Waits for the tracked actions of one bulk action to settle, then tells one summary (the
    runner tells none of their completions; one not confirmed in time warns on its own)."""

    def __init__(self, spec: ActionSpec, tracked: set[Lock], host: ActionHost) -> None:
        self.spec = spec
        self.total = len(tracked)
        self.waiting = {(runner.session.account, vps_id) for runner, vps_id in tracked}
        self.sessions = {runner.session for runner, _ in tracked}
        self.host = host
        self.outcomes: list[str] = []

    def begin(self) -> None:
        for session in self.sessions:
            session.subscribe(self.heard)

    def heard(self, event: SessionEvent) -> None:
        key = (event.account, getattr(event, "vps_id", ""))
        if not (
            isinstance(event, ActionCompleted)
            and event.operation == self.spec.id
            and event.outcome in ("completed", "unconfirmed")
            and key in self.waiting
        ):
            return
        self.waiting.discard(key)
        self.outcomes.append(event.outcome)
        if self.waiting:
            return
        for session in self.sessions:
            session.unsubscribe(self.heard)
        completed = self.outcomes.count("completed")
        parts = [f"{completed} completed"]
        if completed < self.total:
            parts.append(f"{self.total - completed} not confirmed")
        self.host.tell(
            f"{self.spec.title} on {self.total} VPS{'es' if self.total > 1 else ''}: "
            f"{', '.join(parts)}.",
            title=self.spec.title,
            severity="information" if completed == self.total else "warning",
        )
