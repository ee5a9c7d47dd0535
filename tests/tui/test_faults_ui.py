"""The app against a faulty simulator: it keeps running and responsive, keeps the last known data
(stale, with its age), retries reads politely, and never claims or repeats a write it cannot vouch
for. Errors name the operation, the VPS, errorMessage and correlationId."""

from __future__ import annotations

import pytest
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from lswtui.sim import Simulator
from lswtui.sim.errors import error_body
from lswtui.tui.widgets.fleet_table import FleetTable
from tests.tui.actions_helpers import answer, fill, mutations, one_request, pick, select
from tests.tui.faults_helpers import WRITES, FaultSwitch, app_on, switched_sim
from tests.tui.helpers import notifications, screen_text, settle

EXCLUSIVE = ("5xx=1", "429=1", "drop=1", "timeout=1", "malformed=1", "html=1")


def toasts(app) -> list[tuple[str, str]]:
    return [(n.title, str(n.message)) for n in app._notifications]


def no_traceback(app) -> None:
    assert app.is_running
    shown = screen_text(app) + "\n".join(notifications(app))
    assert "Traceback" not in shown and 'File "' not in shown


@pytest.mark.parametrize("spec", [*EXCLUSIVE, "unknown=1"])
async def test_every_fault_on_every_read_keeps_the_app_up_and_the_data_on_screen(clock, spec):
    switch = FaultSwitch(spec, on=False)
    sim = switched_sim(clock, switch)
    app, _ = app_on(sim)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        table = app.query_one(FleetTable)
        switch.on = True
        for key in ("r", "2", "4", "N"):  # the list, two tabs, an action that reads first
            await answer(pilot, key)
        no_traceback(app)
        assert table.total_count == 25
        if spec == "unknown=1":  # an unknown state is shown as it is
            assert not table.stale and "MAINTENA" in table.row_text(table.selected_id)
        else:
            assert table.stale and "Refresh failed; showing the last known data." in screen_text(
                app
            )
            assert any("List VPS" in message for _, message in toasts(app))
            assert any(
                "Snapshots" in message or "snapshots" in message for _, message in toasts(app)
            )
        assert mutations(sim) == []


async def test_stale_data_says_how_old_it_is(sim, clock):
    now = [1000.0]
    switch = FaultSwitch("5xx=1", on=False)
    sim = switched_sim(clock, switch)
    app, _ = app_on(sim, clock=lambda: now[0], refresh_interval=10)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        switch.on = True
        now[0] += 150
        await answer(pilot, "r")
        await pilot.pause(1.2)  # the status line ticks every second
        text = screen_text(app)
        assert "refreshed 2m30s ago" in text and "API STALE" in text
        assert app.query_one(FleetTable).stale and app.query_one(FleetTable).total_count == 25


async def test_reads_back_off_and_honour_retry_after(clock):
    switch = FaultSwitch("429=1,retry_after=7s", on=False)
    sim = switched_sim(clock, switch)
    app, sleeps = app_on(sim)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        switch.on = True
        await answer(pilot, "r")
        assert sleeps == [7.0, 7.0, 7.0]
        assert [r.status for r in sim.requests[-4:]] == [429] * 4
        last = sim.requests[-1].correlation_id
        assert any("HTTP 429" in m and f"correlationId: {last}" in m for _, m in toasts(app))


async def test_the_screen_answers_keys_while_a_slow_refresh_is_in_flight(clock):
    switch = FaultSwitch("latency=4s", on=False)
    sim = switched_sim(clock, switch)
    app, _ = app_on(sim)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        table = app.query_one(FleetTable)
        switch.on = True
        before = table.selected_id
        await pilot.press("r")
        await pilot.press("down", "down")
        assert any(w.is_running and w.group == "fleet" for w in app.workers), (
            "the refresh should still be waiting"
        )
        assert table.selected_id != before
        assert "loading" not in screen_text(app)  # the list stays on screen meanwhile


@pytest.mark.parametrize("spec", ["timeout=1", "drop=1"])
async def test_a_write_without_an_answer_is_outcome_unknown_and_never_resent(clock, spec):
    sim = switched_sim(clock, FaultSwitch(spec, methods=WRITES))
    app, sleeps = app_on(sim)
    vps = pick(sim, lambda v: v.state == "RUNNING")
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await select(pilot, vps.id)
        await answer(pilot, "X")
        await answer(pilot, "y")
        one_request(sim, "POST", f"/vps/{vps.id}/stop")
        unknown = [m for t, m in toasts(app) if t == "Outcome unknown — check state"]
        assert len(unknown) == 1 and f"Stop VPS {vps.id} failed" in unknown[0]
        assert "It was not re-sent" in unknown[0]
        assert not any("accepted" in m or "completed" in m for _, m in toasts(app))
        assert [(e.operation, e.outcome) for e in app.session.audit.read()] == [("stop", "unknown")]
        assert sleeps == []
        await answer(pilot, "r")  # the re-read shows what really happened
        assert "STOPPING" in app.query_one(FleetTable).row_text(vps.id)
        assert not app.query_one(FleetTable).row_text(vps.id).startswith("⟳")
        no_traceback(app)


async def test_a_garbled_answer_to_a_rename_is_outcome_unknown(clock):
    sim = switched_sim(clock, FaultSwitch("malformed=1", methods=WRITES))
    app, _ = app_on(sim)
    vps = pick(sim, lambda v: True)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await select(pilot, vps.id)
        await answer(pilot, "E")
        await fill(pilot, "Input", "renamed-by-test")
        await answer(pilot, "enter")
        one_request(sim, "PUT", f"/vps/{vps.id}")
        assert sim.state.vps[vps.id].reference == "renamed-by-test"
        assert any(t == "Outcome unknown — check state" for t, _ in toasts(app))
        assert [e.outcome for e in app.session.audit.read()] == ["unknown"]


async def test_a_write_error_names_operation_vps_message_and_correlation_id(clock):
    sim = switched_sim(clock, FaultSwitch("5xx=1", seed=1, methods=WRITES))
    app, _ = app_on(sim)
    vps = pick(sim, lambda v: v.state == "RUNNING")
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await select(pilot, vps.id)
        await answer(pilot, "B")
        await answer(pilot, "y")
        sent = next(r for r in reversed(sim.requests) if r.method == "POST")
        assert sent.fault == "5xx"
        message = next(
            m for _, m in toasts(app) if f"Reboot VPS {vps.id} failed (HTTP {sent.status}" in m
        )
        assert f"correlationId: {sent.correlation_id}" in message
        assert (
            "could not handle" in message
            or "took too long" in message
            or "not available" in message
        )
        entry = app.session.audit.read()[0]
        assert (entry.status, entry.correlation_id) == (sent.status, sent.correlation_id)


def answering_writes_with(status: int):
    """A simulator layer that answers every write with ``status`` and a Leaseweb error body."""

    def layer(app: ASGIApp) -> ASGIApp:
        async def route(scope: Scope, receive: Receive, send: Send) -> None:
            if scope.get("method") not in WRITES:
                return await app(scope, receive, send)
            await JSONResponse(
                error_body(status, f"answered {status}", "c0ffee"), status_code=status
            )(scope, receive, send)

        return route

    return layer


@pytest.mark.parametrize(
    ("status", "outcome"), [(500, "failed"), (503, "failed"), (502, "unknown"), (504, "unknown")]
)
async def test_a_500_or_503_on_a_write_is_a_failure_and_a_502_or_504_is_unknown(
    clock, status, outcome
):
    """A 500 or 503 says the API did not act; after a 502 or 504 the gateway cannot say."""
    sim = Simulator(
        seed=42, vps_count=25, clock=clock, extra_layers=[answering_writes_with(status)]
    )
    app, _ = app_on(sim)
    vps = pick(sim, lambda v: v.state == "RUNNING")
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await select(pilot, vps.id)
        await answer(pilot, "B")
        await answer(pilot, "y")
        titles = [t for t, m in toasts(app) if f"Reboot VPS {vps.id} failed (HTTP {status})" in m]
        assert titles == ["Outcome unknown — check state" if outcome == "unknown" else "API error"]
        assert [(e.operation, e.outcome, e.status) for e in app.session.audit.read()] == [
            ("reboot", outcome, status)
        ]


async def test_a_read_only_key_switches_the_session_to_read_only(clock):
    sim = switched_sim(clock, FaultSwitch("readonly"))
    app, _ = app_on(sim)
    vps = pick(sim, lambda v: v.state == "RUNNING")
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await select(pilot, vps.id)
        await answer(pilot, "X")
        await answer(pilot, "y")
        assert app.session.read_only and "READ-ONLY" in screen_text(app)
        assert [(e.outcome, e.status) for e in app.session.audit.read()] == [("failed", 403)]
        await answer(pilot, "B")
        assert len(mutations(sim)) == 1 and sim.state.vps[vps.id].state == "RUNNING"
