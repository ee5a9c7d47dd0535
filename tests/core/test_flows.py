"""The action flows and the runner over the core, without a running App: a scripted
``Dialogs``, a fake front end, the session on the simulator."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import pytest

from lswtui.api import ApiError, LeasewebClient
from lswtui.core.action_host import Selection
from lswtui.core.actions import ACTIONS
from lswtui.core.audit import AuditLog
from lswtui.core.clock import Clock
from lswtui.core.dialogs import GOTO_SNAPSHOTS, ActionTarget, CredentialInput, PickerItem
from lswtui.core.events import ActionEvent, SessionEvent
from lswtui.core.fleet import FleetRow
from lswtui.core.flows import Flow
from lswtui.core.runner import ActionRunner
from lswtui.core.session import Session
from lswtui.sim import Simulator
from tests.conftest import SIM_START
from tests.tui.actions_helpers import mutations, pick

CANCEL = object()  # a scripted answer: the user cancels


@dataclass
class ScriptedDialogs:
    """Answers each question with the next scripted answer; with none left, cancels."""

    answers: list[Any] = field(default_factory=list)
    asked: list[tuple[str, str]] = field(default_factory=list)  # (question, title)

    def _next(self, question: str, title: str, cancel: Any = None) -> Any:
        self.asked.append((question, title))
        answer = self.answers.pop(0) if self.answers else CANCEL
        return cancel if answer is CANCEL else answer

    async def confirm(
        self, target: ActionTarget, title: str, text: str, warnings: Sequence[str] = ()
    ) -> bool:
        return bool(self._next("confirm", title, False))

    async def type_to_confirm(
        self, target: ActionTarget, title: str, text: str, warnings: Sequence[str] = ()
    ) -> bool:
        return bool(self._next("type_to_confirm", title, False))

    async def prompt(self, target: ActionTarget, title: str, **fields: Any) -> str | None:
        return self._next("prompt", title)

    async def pick(
        self, target: ActionTarget, title: str, items: Sequence[PickerItem], empty: str
    ) -> str | None:
        return self._next("pick", title)

    async def credential(self, target: ActionTarget, mode: str, **fields: Any) -> Any:
        return self._next("credential", mode)

    async def null_route(self, target: ActionTarget, ip: str) -> Any:
        return self._next("null_route", ip)

    async def reinstall(self, target: ActionTarget, images: Any, *, has_snapshot: bool) -> Any:
        return self._next("reinstall", "blocked" if has_snapshot else "choose")

    async def console(self, target: ActionTarget, url: str) -> None:
        self._next("console", url)


@dataclass
class FakeHost:
    dialogs: ScriptedDialogs
    selected: FleetRow | None = None
    no_selection_reason: str = "Select a VPS first."
    chosen: Selection = field(default_factory=Selection)
    told: list[tuple[str, str]] = field(default_factory=list)  # (severity, message)
    tabs: list[str] = field(default_factory=list)
    pending: set[str] = field(default_factory=set)
    workers: list[Callable[[], Coroutine[Any, Any, None]]] = field(default_factory=list)
    refreshed: int = 0

    def selection(self, vps_id: str) -> Selection:
        return self.chosen

    def tell(self, message: str, *, severity: str = "information", **kw: Any) -> None:
        self.told.append((severity, message))

    def show_tab(self, tab: str) -> None:
        self.tabs.append(tab)

    def mark_pending(self, vps_id: str, pending: bool) -> None:
        (self.pending.add if pending else self.pending.discard)(vps_id)

    def after_action(self) -> None:
        self.refreshed += 1

    def refresh_bindings(self) -> None:
        pass

    def run_action_worker(self, work: Callable[[], Coroutine[Any, Any, None]]) -> None:
        self.workers.append(work)


@dataclass
class Core:
    sim: Simulator
    session: Session
    host: FakeHost
    runner: ActionRunner
    now: list[float]
    events: list[SessionEvent] = field(default_factory=list)

    def action_events(self) -> list[tuple[str, str, str, str]]:
        """(event type, account, VPS id, outcome) of each action event."""
        return [
            (type(e).__name__, e.account, e.vps_id, e.outcome)
            for e in self.events
            if isinstance(e, ActionEvent)
        ]

    async def select(self, predicate: Callable[[Any], bool]) -> FleetRow:
        vps = pick(self.sim, predicate)
        rows = {v.id: FleetRow.from_vps(v) for v in await self.session.client.list_all_vps()}
        self.session.set_fleet(rows)
        self.host.selected = rows[vps.id]
        return rows[vps.id]

    async def run(self, action_id: str, *answers: Any) -> None:
        """Press the action's key and answer its dialogs with ``answers``."""
        self.host.dialogs.answers = list(answers)
        self.runner.start(action_id)
        while self.host.workers:
            await self.host.workers.pop(0)()

    def log(self) -> list[tuple[str, str]]:
        """Every line of the action log, as written: a write's "sent" line, then its answer."""
        lines = self.session.audit.path.read_text().splitlines() if self.logged() else []
        return [(e["operation"], e["outcome"]) for e in map(json.loads, lines)]

    def logged(self) -> bool:
        return self.session.audit.path.exists()


def make_core(sim: Simulator, client: LeasewebClient, tmp_path) -> Core:
    """The session on ``client``, a scripted front end and a runner, on a clock tests move."""
    now = [1000.0]
    session = Session(
        client,
        account="prod",
        audit=AuditLog(tmp_path / "actions.jsonl"),
        clock=Clock(monotonic=lambda: now[0], now=lambda: SIM_START),
    )
    host = FakeHost(ScriptedDialogs())
    core = Core(sim, session, host, ActionRunner(session, host), now)
    session.subscribe(core.events.append)
    return core


@pytest.fixture
def core(sim: Simulator, make_client: Callable[..., LeasewebClient], tmp_path) -> Core:
    return make_core(sim, make_client(), tmp_path)


def first(v: Any) -> bool:  # RUNNING, one credential, a main IPv4, no ISO, no snapshot
    return bool(v.reference == "db-primary")


async def test_a_confirmed_stop_is_logged_before_it_is_sent_tracked_and_completed(core):
    row = await core.select(first)
    await core.run("stop", True)
    assert [(r.method, r.path.rsplit("/", 1)[-1]) for r in mutations(core.sim)] == [
        ("POST", "stop")
    ]
    assert core.host.dialogs.asked == [("confirm", "Stop VPS")]
    assert core.log() == [("stop", "sent"), ("stop", "accepted")]
    assert row.vps_id in core.host.pending
    assert "Stop VPS is in progress" in (core.runner.unavailable("start") or "")

    core.now[0] += 30
    stopped = {row.vps_id: replace(row, state="STOPPED")}
    await core.runner.poll_pending(stopped)
    assert core.log()[-1] == ("stop", "completed")
    assert row.vps_id not in core.host.pending and row.vps_id not in core.runner.busy
    assert any("completed in 30s" in m for _, m in core.host.told)


def customer_null_route(v: Any) -> bool:
    return v.main_ip is not None and v.main_ip.nulled_by == "customer"


def ready_snapshot(v: Any) -> bool:
    return bool(v.snapshots) and v.snapshots[0].state == "READY"


#: A VPS each action is available on (the others use ``first``).
AVAILABLE_ON = {
    "start": lambda v: v.state == "STOPPED",
    "reset_password": customer_null_route,
    "remove_null_route": customer_null_route,
    "detach_iso": lambda v: v.iso is not None,
    "leave_rescue": lambda v: v.iso is not None,
    "restore_snapshot": ready_snapshot,
    "delete_snapshot": ready_snapshot,
}


@pytest.mark.parametrize("action_id", [a.id for a in ACTIONS if a.mutating])
async def test_cancelling_the_first_dialog_of_any_action_sends_and_logs_nothing(core, action_id):
    await core.select(AVAILABLE_ON.get(action_id, first))
    await core.run(action_id)
    assert len(core.host.dialogs.asked) == 1  # it reached its first question, which was cancelled
    assert mutations(core.sim) == []
    assert core.log() == []
    assert core.runner.busy == {} and core.host.pending == set()


async def test_read_only_refuses_before_any_dialog_or_request(core):
    await core.select(first)
    core.session.enter_read_only("test")
    await core.run("stop", True)
    assert core.host.dialogs.asked == [] and mutations(core.sim) == []
    assert core.host.told == [("warning", "Read-only mode: Stop VPS is not available.")]


async def test_a_second_press_while_the_first_is_being_confirmed_is_refused(core):
    row = await core.select(first)
    core.runner.start("stop")
    core.runner.start("reboot")
    assert len(core.host.workers) == 1
    assert core.host.told == [
        ("warning", f"Stop VPS is still in progress for VPS {row.label}; Reboot VPS was not sent.")
    ]


async def test_a_broken_rule_is_told_and_asks_nothing(core):
    await core.select(first)  # RUNNING
    await core.run("start", True)
    assert core.host.dialogs.asked == [] and mutations(core.sim) == []
    assert (
        core.host.told[0][0] == "warning" and "Start VPS is not available" in core.host.told[0][1]
    )


async def test_reinstall_blocked_by_a_snapshot_offers_the_snapshots_tab(core):
    await core.select(lambda v: bool(v.snapshots))
    await core.run("reinstall", GOTO_SNAPSHOTS)
    assert core.host.dialogs.asked == [("reinstall", "blocked")]
    assert core.host.tabs == ["snapshots"] and mutations(core.sim) == []


async def test_a_stored_credential_reaches_the_server_and_its_password_not_the_log(core):
    row = await core.select(first)
    await core.run("store_credential", CredentialInput("OPERATING_SYSTEM", "ops", "s3cret-pw"))
    assert [r.method for r in mutations(core.sim)] == ["POST"]
    assert any(c.username == "ops" for c in await core.session.client.list_credentials(row.vps_id))
    log_text = core.session.audit.path.read_text()
    assert "ops" in log_text and "s3cret-pw" not in log_text


async def test_null_routing_the_main_ip_needs_the_typed_confirmation(core):
    from lswtui.core.dialogs import NullRouteInput

    row = await core.select(first)
    ips = await core.session.client.list_ips(row.vps_id)
    main = next(ip for ip in ips if ip.main_ip)
    core.host.chosen = Selection(ip=main)
    await core.run("null_route", NullRouteInput(main.ip), CANCEL)
    assert core.host.dialogs.asked == [
        ("null_route", main.ip),
        ("type_to_confirm", "Null route IP"),
    ]
    assert mutations(core.sim) == []


async def test_a_403_is_logged_failed_and_switches_to_read_only(core, monkeypatch):
    await core.select(first)

    async def forbidden(vps_id: str) -> None:
        raise ApiError("Forbidden", status=403, mutating=True)

    monkeypatch.setattr(core.session.client, "stop_vps", forbidden)
    await core.run("stop", True)
    assert core.log() == [("stop", "sent"), ("stop", "failed")]
    assert core.session.read_only


async def test_a_write_unanswered_when_the_app_ends_is_logged_unknown(core, monkeypatch):
    await core.select(first)
    seen: list[list[str]] = []

    async def hanging(vps_id: str) -> None:
        seen.append(list(core.runner.in_flight))
        core.runner.abandon_in_flight("ended by SIGTERM")
        raise asyncio.CancelledError  # the app ends: its workers are cancelled

    monkeypatch.setattr(core.session.client, "stop_vps", hanging)
    with pytest.raises(asyncio.CancelledError):
        await core.run("stop", True)
    assert seen == [[f"Stop VPS {core.host.selected.label}"]]
    assert core.log() == [("stop", "sent"), ("stop", "unknown")]
    assert core.runner.in_flight == {}


async def test_each_step_of_a_write_is_an_event_with_account_vps_outcome_and_correlation(core):
    row = await core.select(first)
    await core.run("stop", True)
    await core.runner.poll_pending({row.vps_id: replace(row, state="STOPPED")})
    assert core.action_events() == [
        ("ActionSent", "prod", row.vps_id, "sent"),
        ("ActionCompleted", "prod", row.vps_id, "accepted"),
        ("ActionCompleted", "prod", row.vps_id, "completed"),
    ]
    accepted = [e for e in core.events if isinstance(e, ActionEvent)][1]
    assert accepted.operation == "stop" and accepted.summary == f"Stop VPS {row.label}"
    assert accepted.status == 202 and accepted.correlation_id


async def test_a_write_cut_off_is_an_unknown_event_with_its_reason(core, monkeypatch):
    row = await core.select(first)

    async def cut_off(vps_id: str) -> None:
        core.runner.abandon_in_flight("ended by SIGTERM")
        raise asyncio.CancelledError

    monkeypatch.setattr(core.session.client, "stop_vps", cut_off)
    with pytest.raises(asyncio.CancelledError):
        await core.run("stop", True)
    unknown = [e for e in core.events if type(e).__name__ == "ActionUnknown"]
    assert [(e.vps_id, e.error) for e in unknown] == [(row.vps_id, "ended by SIGTERM")]


def test_each_action_names_the_flow_that_runs_it():
    """The catalogue is the one registry of actions: no table of flows beside it."""
    assert all(issubclass(action.flow, Flow) for action in ACTIONS)
    assert len({action.flow for action in ACTIONS}) == len(ACTIONS)


async def test_toasts_name_the_vps_once_and_the_thing_acted_on_unambiguously(core):
    """Issue 11 item 21: "Start VPS 1 (1 db-primary)" repeated the id, and "Restore snapshot
    128492780" read as if the VPS id were the snapshot's."""
    row = await core.select(ready_snapshot)
    [snapshot] = (await core.session.client.list_all_snapshots(row.vps_id))[:1]
    await core.run("restore_snapshot", True)
    operation = f'Restore snapshot "{snapshot.display_name}" on VPS {row.label}'
    sent = [e for e in core.events if isinstance(e, ActionEvent) and e.outcome == "sent"]
    assert [e.summary for e in sent] == [operation]
    core.now[0] += 6
    core.host.told.clear()
    await core.runner.poll_pending({row.vps_id: replace(row, state="STOPPED")})
    await core.runner.poll_pending({row.vps_id: row})  # left RUNNING and came back
    assert core.host.told == [("information", f"{operation} completed in 6s.")]
    assert row.label.count(row.vps_id) == 1 and row.reference


async def test_a_power_toast_names_the_vps_once(core):
    row = await core.select(first)
    await core.run("stop", True)
    core.host.told.clear()
    await core.runner.poll_pending({row.vps_id: replace(row, state="STOPPED")})
    assert core.host.told == [("information", f"Stop VPS {row.label} completed in 0s.")]


@pytest.mark.parametrize(
    ("action_id", "answer"),
    [
        ("edit_reference", "web-renamed"),
        ("store_credential", CredentialInput("OPERATING_SYSTEM", "ops", "s3cret-pw")),
    ],
)
async def test_a_write_answered_200_with_a_body_logs_and_tells_its_correlation_id(
    core, action_id, answer
):
    """A PUT/POST answered with the object it wrote has a correlationId like a 202 has: the
    action log, the event and the toast carry it (support asks for it)."""
    await core.select(first)
    await core.run(action_id, answer)
    [request] = mutations(core.sim)
    sent_id = request.correlation_id
    assert sent_id
    answered = json.loads(core.session.audit.path.read_text().splitlines()[-1])
    assert answered["outcome"] == "done" and answered["correlation_id"] == sent_id
    done = [e for e in core.events if isinstance(e, ActionEvent)][-1]
    assert done.status == 200 and done.correlation_id == sent_id
    assert any(sent_id in message for _, message in core.host.told)
