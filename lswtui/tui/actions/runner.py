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

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from lswtui.api import Accepted, ApiError, ReadOnlyError
from lswtui.core.actions import ACTIONS_BY_ID, ActionSpec
from lswtui.core.audit import AuditEntry
from lswtui.core.fleet import FleetRow
from lswtui.core.humanize import human_duration
from lswtui.tui.actions.flows import FLOWS, Flow
from lswtui.tui.actions.plan import Plan
from lswtui.tui.unexpected import report_api_error

if TYPE_CHECKING:
    from textual.app import App

    from lswtui.core.session import Session
    from lswtui.tui.actions.host import ActionHost


@dataclass
class Pending:
    spec: ActionSpec
    plan: Plan
    label: str
    started: float


class ActionRunner:
    def __init__(self, screen: ActionHost) -> None:
        self.screen = screen
        self.busy: dict[str, str] = {}  # vps id -> title of the action holding its lock
        self.pending: dict[tuple[str, str], Pending] = {}  # (vps id, action id) -> tracking
        #: Writes sent and not yet answered: operation (e.g. "Stop VPS 123") -> its "sent" entry
        #: (None if the log could not be written).
        self.in_flight: dict[str, AuditEntry | None] = {}

    @property
    def app(self) -> App[object]:
        return self.screen.app

    @property
    def session(self) -> Session:
        return self.screen.session

    # -- entry point ------------------------------------------------------------------------

    def start(self, action_id: str) -> None:
        """Begin an action on the selected VPS (from a key or the palette)."""
        spec = ACTIONS_BY_ID[action_id]
        row = self.screen.selected
        if row is None:
            self.app.notify(
                self.screen.table.empty_reason or "Select a VPS first.", severity="warning"
            )
            return
        if spec.mutating and self.session.read_only:
            self.app.notify(
                f"Read-only mode: {spec.title} is not available.", severity="warning", markup=False
            )
            return
        in_progress = self.in_progress(row.vps_id, spec)
        if in_progress:
            self.app.notify(
                f"{in_progress} is still in progress for VPS {row.label}; "
                f"{spec.title} was not sent.",
                severity="warning",
                markup=False,
            )
            return
        self.busy[row.vps_id] = spec.title  # taken before any await: a double press sees it
        self.screen.run_action_worker(partial(self._run, spec, row))

    async def _run(self, spec: ActionSpec, row: FleetRow) -> None:
        keep_lock = False
        try:
            flow: Flow = FLOWS[spec.id](self.session, self.screen, row)
            ctx = await flow.context()
            reason = spec.reason(ctx)
            if reason:
                if not await flow.refused(ctx):
                    self.app.notify(
                        f"{spec.title} is not available: {reason}.",
                        severity="warning",
                        markup=False,
                    )
                return
            plan = await flow.plan(ctx)
            if plan is None:
                return  # cancelled: nothing was sent
            keep_lock = await self._send(spec, row, plan)
        except ApiError as exc:  # while gathering context: nothing was sent
            report_api_error(self.app, exc)
        except Exception as exc:  # a bug must not end the app or vanish silently
            self.app.log.error(f"{spec.title} failed", exc)
            self.app.notify(
                f"{spec.title} stopped by an unexpected error ({type(exc).__name__}); "
                "nothing further was sent.",
                severity="error",
                markup=False,
            )
        finally:
            if not keep_lock:
                self.busy.pop(row.vps_id, None)
            self.screen.refresh_bindings()

    # -- sending ----------------------------------------------------------------------------

    async def _send(self, spec: ActionSpec, row: FleetRow, plan: Plan) -> bool:
        """Send once. True when the VPS stays locked while the action is tracked."""
        self.screen.table.pending.add(row.vps_id)
        self.screen.table.refresh()
        sent = self._audit_sent(spec, row.vps_id, plan)
        self.in_flight[plan.operation] = sent
        try:
            result = await plan.send()
        except ReadOnlyError:
            self._audit(spec, row.vps_id, plan, "refused", sent=sent)
            self.app.notify(
                f"Read-only mode: {plan.operation} was not sent.", severity="warning", markup=False
            )
            return False
        except ApiError as exc:
            self._failed(spec, row, plan, exc, sent)
            return False
        finally:
            self.in_flight.pop(plan.operation, None)
            self.screen.table.pending.discard(row.vps_id)
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
        self.app.notify(
            f"{plan.success or plan.operation + ' done.'}{suffix}", title=spec.title, markup=False
        )
        if tracked:
            self.pending[row.vps_id, spec.id] = Pending(
                spec, plan, row.label, self.session.clock.monotonic()
            )
            self.screen.table.pending.add(row.vps_id)
        self._changed(row.vps_id, plan)
        return tracked and plan.exclusive

    def _changed(self, vps_id: str, plan: Plan) -> None:
        """The detail the action changed is stale; the screen refreshes so its effect shows."""
        if plan.stale is not None:
            self.session.details.invalidate(vps_id, plan.stale)
        self.screen.after_action()

    def abandon_in_flight(self, reason: str) -> None:
        """The app is ending with writes unanswered: record each as outcome ``unknown``."""
        for operation, sent in list(self.in_flight.items()):
            if sent is not None:
                self._write_log(partial(self.session.audit.complete, sent, "unknown", error=reason))
            self.in_flight.pop(operation, None)

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
            self.app.notify(
                f"{exc.describe()}\nIt was not re-sent. Check the VPS state before trying again.",
                title="Outcome unknown — check state",
                severity="warning",
                markup=False,
                timeout=20,
            )
        else:
            report_api_error(self.app, exc)
        if exc.is_forbidden:
            self.session.enter_read_only(f"the API key may not perform {spec.title} (HTTP 403)")
        self._changed(row.vps_id, plan)

    def _audit_sent(self, spec: ActionSpec, vps_id: str, plan: Plan) -> AuditEntry | None:
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

    def _write_log(self, write: Callable[[], AuditEntry]) -> AuditEntry | None:
        try:
            return write()
        except OSError as exc:
            self.app.notify(
                f"Could not write the action log: {exc}", severity="warning", markup=False
            )
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
            if done:
                self._audit(
                    pending.spec, vps_id, pending.plan, "completed", seconds=round(elapsed, 1)
                )
                self.app.notify(
                    f"{pending.plan.operation} ({pending.label}) completed in {human_duration(elapsed)}.",
                    title=pending.spec.title,
                    markup=False,
                )
            elif elapsed > pending.plan.give_up_after:
                self._audit(
                    pending.spec, vps_id, pending.plan, "unconfirmed", seconds=round(elapsed, 1)
                )
                self.app.notify(
                    f"{pending.plan.operation} ({pending.label}) not confirmed after "
                    f"{human_duration(elapsed)}; check the VPS.",
                    severity="warning",
                    markup=False,
                )
            else:
                continue
            self._finish(key, pending)

    def _finish(self, key: tuple[str, str], pending: Pending) -> None:
        vps_id = key[0]
        self.pending.pop(key, None)
        if pending.plan.exclusive:
            self.busy.pop(vps_id, None)
        if not any(other[0] == vps_id for other in self.pending):
            self.screen.table.pending.discard(vps_id)
        self.screen.table.refresh()
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
        row = self.screen.selected
        if row is None:
            return "no VPS selected"
        spec = ACTIONS_BY_ID[action_id]
        in_progress = self.in_progress(row.vps_id, spec)
        if in_progress:
            return f"{in_progress} is in progress"
        return spec.reason(FLOWS[spec.id](self.session, self.screen, row).cached_context())
