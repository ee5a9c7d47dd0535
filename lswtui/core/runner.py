"""Runs an action safely: gate it, lock the VPS, confirm, send once, record, track, report.

Guarantees (issue 4):
- read-only mode sends nothing, whatever key is pressed (and the client refuses writes too);
- one action per VPS at a time: a second key press while one is in flight is refused, so a
  double press never sends twice; mutations are never retried;
- every outcome reaches the user: accepted actions show as pending on the row until the state
  reflects them; failures show errorMessage, userMessage and correlationId; a 403 says the API
  key may not do that and switches the session to read-only;
- every mutating action is in the action log before its request goes out (outcome ``sent``)
  and completed with its answer; the writes in flight are known (``in_flight``), so quitting
  or a signal can record them as outcome ``unknown``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from lswtui.api import Accepted, ApiError, ReadOnlyError
from lswtui.core.action_host import ActionHost
from lswtui.core.actions import ACTIONS_BY_ID, ActionSpec
from lswtui.core.audit import AuditEntry
from lswtui.core.events import ActionCompleted, ActionEvent, ActionSent, ActionUnknown
from lswtui.core.failures import api_error_notice, log_unexpected
from lswtui.core.fleet import FleetRow
from lswtui.core.flows import Flow
from lswtui.core.humanize import human_duration
from lswtui.core.plan import Plan
from lswtui.core.session import Session
from lswtui.core.steps import POLL_INTERVAL, SteppedFlow, run_steps


@dataclass
class InFlight:
    spec: ActionSpec
    vps_id: str
    plan: Plan
    sent: AuditEntry | None  # None if the log could not be written


@dataclass
class Pending:
    spec: ActionSpec
    plan: Plan
    started: float
    announce: bool = True  # tell its completion (a bulk action tells one summary instead)


class ActionRunner:
    def __init__(self, session: Session, host: ActionHost) -> None:
        self.session = session
        self.host = host
        self.busy: dict[str, str] = {}  # vps id -> title of the action holding its lock
        self.pending: dict[tuple[str, str], Pending] = {}  # (vps id, action id) -> tracking
        #: Writes sent and not yet answered, by operation (e.g. "Stop VPS 123").
        self.in_flight: dict[str, InFlight] = {}
        #: The step of a stepped flow (rescue) accepted and waiting for its effect, by VPS id.
        self.stepping: dict[str, Pending] = {}
        #: How a stepped flow waits between two reads of the VPS while a step takes effect.
        self.step_poll_interval = POLL_INTERVAL
        self.sleep: Callable[[float], Awaitable[None]] = asyncio.sleep

    # -- entry point ------------------------------------------------------------------------

    def start(self, action_id: str) -> None:
        """Begin an action on the selected VPS (from a key or the palette)."""
        spec = ACTIONS_BY_ID[action_id]
        row = self.host.selected
        if row is None:
            self.host.tell(self.host.no_selection_reason, severity="warning")
            return
        if spec.mutating and self.session.read_only:
            self.host.tell(f"Read-only mode: {spec.title} is not available.", severity="warning")
            return
        in_progress = self.in_progress(row.vps_id, spec)
        if in_progress:
            self.host.tell(
                f"{in_progress} is still in progress for VPS {row.label}; "
                f"{spec.title} was not sent.",
                severity="warning",
            )
            return
        self.busy[row.vps_id] = spec.title  # taken before any await: a double press sees it
        self.host.run_action_worker(partial(self._run, spec, row))

    async def _run(self, spec: ActionSpec, row: FleetRow) -> None:
        keep_lock = False
        try:
            flow: Flow = spec.flow(self.session, self.host, row)
            ctx = await flow.context()
            reason = spec.reason(ctx)
            if reason:
                if not await flow.refused(ctx):
                    self.host.tell(
                        f"{spec.title} is not available: {reason}.",
                        severity="warning",
                    )
                return
            if isinstance(flow, SteppedFlow):  # several writes, each sent by send_step
                await run_steps(
                    flow, ctx, self, sleep=self.sleep, poll_interval=self.step_poll_interval
                )
                return
            plan = await flow.plan(ctx)
            if plan is None:
                return  # cancelled: nothing was sent
            keep_lock = await self.send(spec, row, plan)
        except ApiError as exc:  # while gathering context: nothing was sent
            self._report(exc)
        except Exception as exc:  # a bug must not end the app or vanish silently
            log_unexpected(spec.title, exc)
            self.host.tell(
                f"{spec.title} stopped by an unexpected error ({type(exc).__name__}); "
                "nothing further was sent.",
                severity="error",
            )
        finally:
            if not keep_lock:
                self.busy.pop(row.vps_id, None)
            self.host.refresh_bindings()

    # -- sending ----------------------------------------------------------------------------

    async def send(
        self, spec: ActionSpec, row: FleetRow, plan: Plan, *, announce: bool = True
    ) -> bool:
        """Send a confirmed plan once, with the VPS locked (``busy``) by the caller, then track
        it. True when the VPS stays locked while the action is tracked. ``announce``: tell the
        success (a bulk action tells one summary instead); failures are always told."""
        if not await self._deliver(spec, row, plan, announce=announce):
            return False
        tracked = plan.done is not None
        if tracked:
            self.pending[row.vps_id, spec.id] = Pending(
                spec, plan, self.session.clock.monotonic(), announce
            )
            self.host.mark_pending(row.vps_id, True)
        self._changed(row.vps_id, plan)
        return tracked and plan.exclusive

    async def send_step(self, action_id: str, row: FleetRow, plan: Plan) -> bool:
        """A step of a stepped flow (``steps.StepSender``): sent once, logged and told as the
        action ``action_id``; ``run_steps`` tracks it. True if the API took it."""
        spec = ACTIONS_BY_ID[action_id]
        accepted = await self._deliver(spec, row, plan)
        if accepted:
            if plan.done is not None:
                self.stepping[row.vps_id] = Pending(spec, plan, self.session.clock.monotonic())
            self._changed(row.vps_id, plan)
        return accepted

    def step_settled(
        self, action_id: str, row: FleetRow, plan: Plan, outcome: str, seconds: float
    ) -> None:
        self.stepping.pop(row.vps_id, None)
        self._settled(ACTIONS_BY_ID[action_id], row.vps_id, plan, outcome, seconds)
        self._changed(row.vps_id, plan)

    async def _deliver(
        self, spec: ActionSpec, row: FleetRow, plan: Plan, *, announce: bool = True
    ) -> bool:
        """Log, send once, log and tell the answer. True if the API took it."""
        self.host.mark_pending(row.vps_id, True)
        sent = self._audit_sent(spec, row.vps_id, plan)
        self.in_flight[plan.operation] = InFlight(spec, row.vps_id, plan, sent)
        try:
            result = await plan.send()
        except ReadOnlyError:
            self._audit(spec, row.vps_id, plan, "refused", sent=sent)
            self.host.tell(f"Read-only mode: {plan.operation} was not sent.", severity="warning")
            return False
        except ApiError as exc:
            self._failed(spec, row, plan, exc, sent)
            return False
        finally:
            self.in_flight.pop(plan.operation, None)
            self.host.mark_pending(row.vps_id, False)
        correlation = getattr(result, "correlation_id", None)
        status = result.status_code if isinstance(result, Accepted) else 200
        tracked = plan.done is not None
        self._audit(
            spec,
            row.vps_id,
            plan,
            "accepted" if tracked else "done",
            sent=sent,
            status=status,
            correlation_id=correlation,
        )
        suffix = f" (correlationId {correlation})" if correlation else ""
        if announce:
            self.host.tell(f"{plan.success or plan.operation + ' done.'}{suffix}", title=spec.title)
        return True

    def _changed(self, vps_id: str, plan: Plan) -> None:
        """The detail the action changed is stale; the screen refreshes so its effect shows."""
        if plan.stale is not None:
            self.session.details.invalidate(vps_id, plan.stale)
        self.host.after_action()

    def abandon_in_flight(self, reason: str) -> None:
        """The app is ending with writes unanswered: record each as outcome ``unknown``."""
        for operation, write in list(self.in_flight.items()):
            if write.sent is not None:
                sent = write.sent
                self._write_log(partial(self.session.audit.complete, sent, "unknown", error=reason))
            self._publish(write.spec, write.vps_id, write.plan, "unknown", error=reason)
            self.in_flight.pop(operation, None)

    @property
    def tracked(self) -> list[str]:
        """The accepted actions whose effect has not shown yet, e.g. ``["Reboot VPS 123"]``."""
        return [p.plan.operation for p in (*self.pending.values(), *self.stepping.values())]

    def abandon_tracking(self, reason: str) -> None:
        """The app is ending before these actions' effect showed: record each ``unconfirmed``
        (nobody will see whether it did), as tracking that runs out of time does."""
        ending = [(key[0], p) for key, p in self.pending.items()]
        ending += list(self.stepping.items())
        self.pending.clear()
        self.stepping.clear()
        for vps_id, pending in ending:
            elapsed = self.session.clock.monotonic() - pending.started
            self._audit(
                pending.spec,
                vps_id,
                pending.plan,
                "unconfirmed",
                seconds=round(elapsed, 1),
                error=reason,
            )

    def _failed(
        self, spec: ActionSpec, row: FleetRow, plan: Plan, exc: ApiError, sent: AuditEntry | None
    ) -> None:
        outcome = "unknown" if exc.outcome_unknown else "failed"
        self._audit(
            spec,
            row.vps_id,
            plan,
            outcome,
            sent=sent,
            status=exc.status,
            correlation_id=exc.correlation_id,
            error=exc.error_message,
        )
        if exc.outcome_unknown:
            self.host.tell(
                f"{exc.describe()}\nIt was not re-sent. Check the VPS state before trying again.",
                title="Outcome unknown — check state",
                severity="warning",
                timeout=20,
            )
        else:
            self._report(exc)
        if exc.is_forbidden:
            self.session.enter_read_only(f"the API key may not perform {spec.title} (HTTP 403)")
        self._changed(row.vps_id, plan)

    def _report(self, exc: ApiError) -> None:
        notice = api_error_notice(exc)
        self.host.tell(
            notice.message, title=notice.title, severity=notice.severity, timeout=notice.timeout
        )

    def _audit_sent(self, spec: ActionSpec, vps_id: str, plan: Plan) -> AuditEntry | None:
        self._publish(spec, vps_id, plan, "sent")
        return self._write_log(
            lambda: self.session.audit.begin(
                profile=self.session.account,
                vps_id=vps_id,
                operation=spec.id,
                parameters=plan.parameters,
            )
        )

    def _audit(
        self,
        spec: ActionSpec,
        vps_id: str,
        plan: Plan,
        outcome: str,
        *,
        sent: AuditEntry | None = None,
        **fields: Any,
    ) -> None:
        """The answer to the write ``sent``; without one, an entry of its own (a follow-up)."""
        self._publish(spec, vps_id, plan, outcome, **fields)
        if sent is not None:
            self._write_log(lambda: self.session.audit.complete(sent, outcome, **fields))
            return
        self._write_log(
            lambda: self.session.audit.append(
                profile=self.session.account,
                vps_id=vps_id,
                operation=spec.id,
                outcome=outcome,
                parameters=plan.parameters,
                **fields,
            )
        )

    def _publish(
        self,
        spec: ActionSpec,
        vps_id: str,
        plan: Plan,
        outcome: str,
        *,
        status: int | None = None,
        correlation_id: str | None = None,
        error: str | None = None,
        seconds: float | None = None,
    ) -> None:
        """The session's listeners learn each step the action log records."""
        kind: type[ActionEvent] = (
            ActionSent
            if outcome == "sent"
            else ActionUnknown
            if outcome == "unknown"
            else ActionCompleted
        )
        event = kind(
            account=self.session.account,
            at=self.session.clock.now(),
            vps_id=vps_id,
            operation=spec.id,
            summary=plan.operation,
            outcome=outcome,
            status=status,
            correlation_id=correlation_id,
            error=error,
        )
        self.session.emit(event)

    def _write_log(self, write: Callable[[], AuditEntry]) -> AuditEntry | None:
        try:
            return write()
        except OSError as exc:
            self.host.tell(f"Could not write the action log: {exc}", severity="warning")
            return None

    # -- tracking ---------------------------------------------------------------------------

    async def poll_pending(self, rows: dict[str, FleetRow]) -> None:
        """Called after every fleet refresh: finish the actions whose effect is now visible."""
        for key, pending in list(self.pending.items()):
            vps_id = key[0]
            assert pending.plan.done is not None
            try:
                done = await pending.plan.done(rows.get(vps_id), self.session.client)
            except ApiError:
                done = False
            elapsed = self.session.clock.monotonic() - pending.started
            if not done and elapsed <= pending.plan.give_up_after:
                continue
            outcome = "completed" if done else "unconfirmed"
            self._settled(
                pending.spec, vps_id, pending.plan, outcome, elapsed, announce=pending.announce
            )
            self._finish(key, pending)

    def _settled(
        self,
        spec: ActionSpec,
        vps_id: str,
        plan: Plan,
        outcome: str,
        elapsed: float,
        *,
        announce: bool = True,
    ) -> None:
        """Log and tell that a tracked action's effect showed (unless ``announce`` is off), or
        that it did not in time (always: that needs a look)."""
        self._audit(spec, vps_id, plan, outcome, seconds=round(elapsed, 1))
        if outcome == "completed":
            if not announce:
                return
            self.host.tell(
                f"{plan.operation} completed in {human_duration(elapsed)}.", title=spec.title
            )
        else:
            self.host.tell(
                f"{plan.operation} not confirmed after {human_duration(elapsed)}; check the VPS.",
                severity="warning",
            )

    def _finish(self, key: tuple[str, str], pending: Pending) -> None:
        vps_id = key[0]
        self.pending.pop(key, None)
        if pending.plan.exclusive:
            self.busy.pop(vps_id, None)
        if not any(other[0] == vps_id for other in self.pending):
            self.host.mark_pending(vps_id, False)
        self._changed(vps_id, pending.plan)

    def in_progress(self, vps_id: str, spec: ActionSpec) -> str | None:
        """The title of the action that keeps ``spec`` from running on this VPS now, if any:
        one being sent or confirmed, an exclusive one being tracked, or a tracked one of the
        same family (a second ISO attach while the first is still on its way)."""
        if vps_id in self.busy:
            return self.busy[vps_id]
        for (pending_vps, _), pending in self.pending.items():
            if pending_vps == vps_id and pending.spec.family == spec.family:
                return pending.spec.title
        return None

    def unavailable(self, action_id: str) -> str | None:
        """Why an action cannot run on the selected VPS now, from the cache (no request)."""
        row = self.host.selected
        if row is None:
            return "no VPS selected"
        spec = ACTIONS_BY_ID[action_id]
        in_progress = self.in_progress(row.vps_id, spec)
        if in_progress:
            return f"{in_progress} is in progress"
        return spec.reason(spec.flow(self.session, self.host, row).cached_context())
