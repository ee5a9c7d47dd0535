"""A write in flight is never lost: logged before it goes out, asked about before quitting (issue 10)."""

from __future__ import annotations

import asyncio
import json

import pytest
from starlette.types import ASGIApp, Receive, Scope, Send

from lswtui.api import LeasewebClient
from lswtui.sim import DEMO_BASE_URL, Simulator
from lswtui.tui.app import quit_question
from lswtui.tui.dialogs import ConfirmDialog
from tests.tui.actions_helpers import (
    answer,
    dialog_text,
    label,
    palette_run,
    pick,
    running,
    select,
)
from tests.tui.helpers import settle, until_dialog_takes_keys

WRITES = ("POST", "PUT", "DELETE")


class HeldWrites:
    """A simulator layer that holds every write until ``release`` is set."""

    def __init__(self) -> None:
        self.arrived = asyncio.Event()
        self.release = asyncio.Event()

    def __call__(self, app: ASGIApp) -> ASGIApp:
        async def route(scope: Scope, receive: Receive, send: Send) -> None:
            if scope.get("method") in WRITES:
                self.arrived.set()
                await self.release.wait()
            await app(scope, receive, send)

        return route


@pytest.fixture
def held() -> HeldWrites:
    return HeldWrites()


@pytest.fixture
def sim(clock, held) -> Simulator:
    return Simulator(seed=42, vps_count=25, clock=clock, extra_layers=[held])


def client_on(sim: Simulator) -> LeasewebClient:
    return LeasewebClient.create(sim.api_key, base_url=DEMO_BASE_URL, transport=sim.transport())


async def press(pilot, key: str) -> None:
    """Press a key without waiting for the workers (the held write's never ends)."""
    await until_dialog_takes_keys(pilot)
    await pilot.press(key)
    await pilot.pause()


async def start_stop(pilot, sim, held: HeldWrites) -> str:
    vps = pick(sim, lambda v: v.state == "RUNNING")
    await select(pilot, vps.id)
    await answer(pilot, "X")
    await press(pilot, "y")
    await asyncio.wait_for(held.arrived.wait(), 5)
    return vps.id


def log_lines(app) -> list[dict]:
    return [json.loads(line) for line in app.session.audit.path.read_text().splitlines()]


async def test_a_write_is_in_the_log_as_sent_before_the_answer(sim, held):
    async with running(client_on(sim)) as pilot:
        vps_id = await start_stop(pilot, sim, held)
        [line] = log_lines(pilot.app)
        assert (line["vps_id"], line["operation"], line["outcome"]) == (
            vps_id,
            "stop",
            "sent",
        ) and line["id"]
        held.release.set()
        await settle(pilot)
        [entry] = pilot.app.session.audit.read()
        assert (entry.id, entry.outcome, entry.status) == (line["id"], "accepted", 202)
        assert [(e["id"], e["outcome"]) for e in log_lines(pilot.app)] == [
            (line["id"], "sent"),
            (line["id"], "accepted"),
        ]


QUESTION = (
    "A write is in flight (Stop VPS {label}). Quit anyway? Its outcome will be recorded as unknown."
)


@pytest.mark.parametrize("how", ["q", "palette"])
async def test_quitting_with_a_write_in_flight_asks_first(sim, held, how):
    async with running(client_on(sim)) as pilot:
        app = pilot.app
        vps_id = await start_stop(pilot, sim, held)
        for answer_key in ("n", "escape", "y"):
            if how == "q":
                await press(pilot, "q")
            else:
                await palette_run(pilot, "Quit")
            assert isinstance(app.screen, ConfirmDialog)
            assert QUESTION.format(label=label(sim.state.vps[vps_id])) in dialog_text(app)
            await press(pilot, answer_key)
            if answer_key != "y":
                assert app.return_code is None and not isinstance(app.screen, ConfirmDialog)
                assert [e.outcome for e in app.session.audit.read()] == ["sent"]
        assert app.return_code == 0
    [entry] = app.session.audit.read()
    assert (entry.vps_id, entry.operation, entry.outcome) == (vps_id, "stop", "unknown")


async def test_quitting_with_nothing_in_flight_just_quits(sim, held):
    async with running(client_on(sim)) as pilot:
        await answer(pilot, "q")
        assert pilot.app.return_code == 0


async def test_quitting_while_an_accepted_action_is_tracked_asks_and_logs_it_unconfirmed(clock):
    """Issue 11 item 5: a reboot accepted and still tracked (⟳) is asked about too; quitting
    anyway records it as unconfirmed, since nobody will see whether it took effect."""
    sim = Simulator(seed=42, vps_count=25, clock=clock)  # its clock stands still: STOPPING stays
    async with running(client_on(sim)) as pilot:
        app = pilot.app
        vps = pick(sim, lambda v: v.state == "RUNNING")
        await select(pilot, vps.id)
        await answer(pilot, "B")
        await answer(pilot, "y")
        await settle(pilot)
        assert [e.outcome for e in app.session.audit.read()] == ["accepted"]
        await answer(pilot, "q")
        assert isinstance(app.screen, ConfirmDialog)
        assert (
            f"An action is still being tracked (Reboot VPS {label(vps)}): the API accepted it, "
            "and its effect has not shown yet. Quit anyway? It will be recorded as unconfirmed."
        ) in dialog_text(app)
        await answer(pilot, "n")
        assert app.return_code is None and not isinstance(app.screen, ConfirmDialog)
        await answer(pilot, "q")
        await answer(pilot, "y")
        assert app.return_code == 0
    accepted, unconfirmed = app.session.audit.read()
    assert (accepted.operation, accepted.outcome) == ("reboot", "accepted")
    assert (unconfirmed.vps_id, unconfirmed.operation, unconfirmed.outcome) == (
        vps.id,
        "reboot",
        "unconfirmed",
    )
    assert unconfirmed.error == "the app was quit before its effect showed"
    assert len([r for r in sim.requests if r.method in WRITES]) == 1


def test_the_quit_question_names_both_a_write_in_flight_and_the_tracked_actions():
    assert quit_question([], []) is None
    assert quit_question(["Stop VPS 1"], ["Reboot VPS 2", "Start VPS 3"]) == (
        "A write is in flight (Stop VPS 1). Actions are still being tracked (Reboot VPS 2, "
        "Start VPS 3): the API accepted them, and their effect has not shown yet. Quit anyway? "
        "The write's outcome will be recorded as unknown. The tracked actions as unconfirmed."
    )
