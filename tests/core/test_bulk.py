"""Bulk actions on marked VPSes over the core, without an App: the simulator receives exactly
one request per allowed VPS, the others are skipped with their reason, nothing twice."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import pytest

from lswtui.core.bulk import BULK_ACTIONS, BulkProgress, BulkRunner
from lswtui.core.dialogs import ActionTarget, Skipped
from lswtui.core.fleet import FleetRow
from lswtui.core.validators import count_error
from tests.core.test_flows import Core
from tests.core.test_flows import core as core  # the fixture, re-exported for these tests
from tests.tui.actions_helpers import mutations


@dataclass
class ScriptedBulkDialogs:
    answer: bool = True
    asked: list[tuple[str, list[str], list[tuple[str, str]]]] = field(default_factory=list)

    async def confirm_bulk(
        self,
        title: str,
        description: str,
        targets: Sequence[ActionTarget],
        skipped: Sequence[Skipped],
    ) -> bool:
        self.asked.append(
            (title, [t.vps_id for t in targets], [(s.target.vps_id, s.reason) for s in skipped])
        )
        return self.answer


@dataclass
class Bulk:
    core: Core
    dialogs: ScriptedBulkDialogs
    runner: BulkRunner
    progress: list[str]

    async def rows(self, count_running: int, count_stopped: int = 0) -> list[FleetRow]:
        """The first RUNNING and STOPPED VPSes of the simulated account, as the list has them."""
        vps = sorted(self.core.sim.state.vps.values(), key=lambda v: int(v.id))
        wanted = [v.id for v in vps if v.state == "RUNNING"][:count_running]
        wanted += [v.id for v in vps if v.state == "STOPPED"][:count_stopped]
        listed = await self.core.session.client.list_all_vps()
        fleet = {v.id: FleetRow.from_vps(v) for v in listed}
        self.core.session.set_fleet(fleet)
        return [fleet[vps_id] for vps_id in wanted]

    async def run(self, action_id: str, rows: Sequence[FleetRow]) -> None:
        self.runner.start(action_id, rows)
        await self.drain()

    async def drain(self) -> None:
        """Run the workers started (the front end would run them in the background)."""
        while self.core.host.workers:
            await self.core.host.workers.pop(0)()


@pytest.fixture
def bulk(core: Core) -> Bulk:
    dialogs = ScriptedBulkDialogs()
    progress: list[str] = []

    def shown(state: BulkProgress) -> None:
        progress.append(state.text)

    runner = BulkRunner(lambda row: core.runner, core.host, dialogs, shown)
    return Bulk(core, dialogs, runner, progress)


def posts(sim, verb: str) -> list[str]:
    """The VPS ids of the POSTs ending in ``verb``."""
    return [r.path.split("/")[-2] for r in mutations(sim) if r.path.endswith(f"/{verb}")]


def test_the_bulk_actions_are_power_and_snapshot_create_only():
    assert set(BULK_ACTIONS) == {"start", "stop", "reboot", "create_snapshot"}


async def test_rebooting_three_marked_vpses_sends_exactly_three_posts_and_skips_a_stopped_one(
    bulk,
):
    rows = await bulk.rows(3, 1)
    stopped = rows[-1]
    await bulk.run("reboot", rows)
    running_ids = [r.vps_id for r in rows[:3]]
    assert sorted(posts(bulk.core.sim, "reboot")) == sorted(running_ids)
    assert len(mutations(bulk.core.sim)) == 3
    assert bulk.dialogs.asked == [
        (
            "Reboot VPS on 3 VPSes",
            running_ids,
            [(stopped.vps_id, "the VPS is STOPPED; this needs RUNNING")],
        )
    ]
    log = bulk.core.log()
    assert log.count(("reboot", "sent")) == 3 and log.count(("reboot", "accepted")) == 3
    assert {vps_id for vps_id, _ in bulk.core.runner.pending} == set(running_ids)
    assert set(bulk.core.runner.busy) == set(running_ids)  # locked while they are tracked
    assert bulk.progress[-1] == "Reboot VPS: 3/3 sent · 3 accepted · 1 skipped — done."
    # one summary, not one toast per VPS
    assert bulk.core.host.told == [("information", bulk.progress[-1])]


async def test_cancelling_the_confirmation_sends_nothing_and_unlocks(bulk):
    rows = await bulk.rows(3)
    bulk.dialogs.answer = False
    await bulk.run("stop", rows)
    assert mutations(bulk.core.sim) == [] and bulk.core.log() == []
    assert bulk.core.runner.busy == {} and bulk.runner.running is None


async def test_a_double_press_starts_one_bulk_action(bulk):
    rows = await bulk.rows(2)
    bulk.runner.start("stop", rows)
    bulk.runner.start("stop", rows)
    assert len(bulk.core.host.workers) == 1
    assert bulk.core.host.told == [
        ("warning", "Stop VPS on the marked VPSes is still being sent; Stop VPS was not.")
    ]
    await bulk.drain()
    assert sorted(posts(bulk.core.sim, "stop")) == sorted(r.vps_id for r in rows)
    bulk.core.host.told.clear()
    await bulk.run("stop", rows)  # again once tracked: each VPS is still locked by its stop
    assert len(posts(bulk.core.sim, "stop")) == 2
    assert len(bulk.dialogs.asked) == 1  # not asked again: nothing was left to send
    assert "was sent to none of the marked VPSes" in bulk.core.host.told[-1][1]


async def test_a_vps_with_an_action_in_progress_is_skipped_with_its_reason(bulk):
    rows = await bulk.rows(3)
    bulk.core.runner.busy[rows[0].vps_id] = "Reinstall VPS"
    await bulk.run("reboot", rows)
    assert sorted(posts(bulk.core.sim, "reboot")) == sorted(r.vps_id for r in rows[1:])
    assert bulk.dialogs.asked[0][2] == [(rows[0].vps_id, "Reinstall VPS is in progress")]
    assert bulk.core.runner.busy[rows[0].vps_id] == "Reinstall VPS"  # not released by the bulk


async def test_snapshot_create_skips_a_vps_that_has_one_and_names_each_by_default(bulk):
    sim = bulk.core.sim
    with_snapshot = next(v for v in sim.state.vps.values() if v.state == "RUNNING" and v.snapshots)
    rows = await bulk.rows(3)
    rows = [r for r in rows if r.vps_id != with_snapshot.id][:2]
    rows.append(bulk.core.session.fleet[with_snapshot.id])
    await bulk.run("create_snapshot", rows)
    created = [r for r in mutations(sim) if r.path.endswith("/snapshots")]
    assert sorted(r.path.split("/")[-2] for r in created) == sorted(r.vps_id for r in rows[:2])
    assert bulk.dialogs.asked[0][2] == [
        (with_snapshot.id, "the VPS already has a snapshot (Leaseweb allows one); delete it first")
    ]
    names = {s.display_name for v in sim.state.vps.values() for s in v.snapshots}
    assert {f"{r.reference or r.vps_id}-20261127" for r in rows[:2]} <= names


async def test_requests_are_sent_with_bounded_concurrency(bulk):
    rows = await bulk.rows(6)
    client = bulk.core.session.client
    reboot = client.reboot_vps
    now = {"in_flight": 0, "most": 0}

    async def slow_reboot(vps_id: str):
        now["in_flight"] += 1
        now["most"] = max(now["most"], now["in_flight"])
        await asyncio.sleep(0.01)
        try:
            return await reboot(vps_id)
        finally:
            now["in_flight"] -= 1

    client.reboot_vps = slow_reboot  # type: ignore[method-assign]
    bulk.runner.limit = 2
    await bulk.run("reboot", rows)
    assert len(posts(bulk.core.sim, "reboot")) == 6
    assert now["most"] == 2


async def test_a_destructive_action_is_refused_on_marks(bulk):
    rows = await bulk.rows(2)
    await bulk.run("reinstall", rows)
    assert bulk.dialogs.asked == [] and mutations(bulk.core.sim) == []
    assert bulk.core.host.told == [
        (
            "warning",
            "Reinstall VPS runs on one VPS at a time: clear the marks (esc) and select one.",
        )
    ]


async def test_read_only_sends_nothing_on_marks(bulk):
    rows = await bulk.rows(2)
    bulk.core.session.enter_read_only("test")
    await bulk.run("stop", rows)
    assert bulk.dialogs.asked == [] and mutations(bulk.core.sim) == []


async def test_a_failed_request_is_counted_and_told_and_the_others_still_go(bulk):
    rows = await bulk.rows(3)
    bulk.core.sim.state.vps[rows[1].vps_id].state = "STOPPED"  # the list is stale: the API refuses
    await bulk.run("reboot", rows)
    assert len(posts(bulk.core.sim, "reboot")) == 3
    assert bulk.progress[-1] == "Reboot VPS: 3/3 sent · 2 accepted · 1 not accepted — done."
    assert any(severity == "error" for severity, _ in bulk.core.host.told)
    assert rows[1].vps_id not in bulk.core.runner.busy  # a failed one is unlocked


def test_the_typed_count_must_be_the_number_of_targets():
    assert count_error("3", 3) is None
    assert count_error(" 3 ", 3) is None
    assert count_error("", 3) == "You typed nothing; type 3, the number of VPSes, to confirm."
    assert count_error("y", 3) == "You typed 'y'; type 3, the number of VPSes, to confirm."
    assert count_error("4", 3) is not None


async def test_rows_of_two_accounts_go_each_through_their_own_runner(bulk, clock, tmp_path):
    from lswtui.api import LeasewebClient
    from lswtui.core.audit import AuditLog
    from lswtui.core.clock import Clock
    from lswtui.core.runner import ActionRunner
    from lswtui.core.session import Session
    from lswtui.sim import DEMO_BASE_URL, Simulator
    from tests.conftest import SIM_START
    from tests.core.test_flows import FakeHost, ScriptedDialogs

    other_sim = Simulator(seed=7, vps_count=6, clock=clock)
    other = Session(
        LeasewebClient.create(
            other_sim.api_key, base_url=DEMO_BASE_URL, transport=other_sim.transport()
        ),
        account="lab",
        audit=AuditLog(tmp_path / "lab-actions.jsonl"),
        clock=Clock(monotonic=lambda: 1000.0, now=lambda: SIM_START),
    )
    other_runner = ActionRunner(other, FakeHost(ScriptedDialogs()))
    lab_rows = [
        FleetRow.from_vps(v) for v in await other.client.list_all_vps() if v.state == "RUNNING"
    ][:2]
    prod_rows = await bulk.rows(2)
    runners = {id(row): other_runner for row in lab_rows}
    bulk.runner.runner_of = lambda row: runners.get(id(row), bulk.core.runner)

    await bulk.run("reboot", [*prod_rows, *lab_rows])
    assert sorted(posts(bulk.core.sim, "reboot")) == sorted(r.vps_id for r in prod_rows)
    assert sorted(posts(other_sim, "reboot")) == sorted(r.vps_id for r in lab_rows)
    targets = bulk.dialogs.asked[0][1]
    assert len(targets) == 4  # one confirmation for both accounts
    assert {e.vps_id for e in other.audit.read()} == {r.vps_id for r in lab_rows}

    other.enter_read_only("test")  # a read-only account's rows are skipped, never sent
    fresh = [FleetRow.from_vps(v) for v in await other.client.list_all_vps()]
    more_lab = [r for r in fresh if r.vps_id not in {lab.vps_id for lab in lab_rows}][:1]
    runners.update({id(row): other_runner for row in more_lab})
    more_prod = [r for r in await bulk.rows(4) if r.vps_id not in {p.vps_id for p in prod_rows}]
    await bulk.run("stop", [*more_prod[:1], *more_lab])
    assert bulk.dialogs.asked[-1][2] == [(more_lab[0].vps_id, "its account is read-only")]
    assert not [r for r in mutations(other_sim) if r.path.endswith("/stop")]


async def test_the_tracked_actions_of_a_bulk_action_end_in_one_summary_not_one_toast_each(bulk):
    """A bulk stop of 3 tells one line when the three are stopped (QA: N 'completed' toasts);
    one not confirmed in time still warns on its own, and the summary counts it."""
    rows = await bulk.rows(3)
    await bulk.run("stop", rows)
    bulk.core.host.told.clear()
    runner = bulk.core.runner
    await runner.poll_pending({r.vps_id: replace(r, state="STOPPED") for r in rows[:2]})
    assert bulk.core.host.told == []  # two of three: nothing yet
    bulk.core.now[0] += 3600  # the third never shows STOPPED: its tracking gives up
    await runner.poll_pending({rows[2].vps_id: rows[2]})
    summary, warning = bulk.core.host.told
    assert summary == ("warning", "Stop VPS on 3 VPSes: 2 completed, 1 not confirmed.")
    assert warning[0] == "warning" and "not confirmed" in warning[1]
    assert rows[2].vps_id in warning[1]
    assert runner.pending == {}


async def test_a_bulk_action_whose_targets_all_complete_says_so_once(bulk):
    rows = await bulk.rows(2)
    await bulk.run("stop", rows)
    bulk.core.host.told.clear()
    await bulk.core.runner.poll_pending({r.vps_id: replace(r, state="STOPPED") for r in rows})
    assert bulk.core.host.told == [("information", "Stop VPS on 2 VPSes: 2 completed.")]
    bulk.core.host.told.clear()
    await bulk.core.runner.poll_pending({})  # later refreshes: nothing more is told
    assert bulk.core.host.told == []
