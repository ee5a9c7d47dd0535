"""For every mutating action: go through its dialogs to the last one, cancel, and nothing is sent.

Cancelling changes nothing, so all cases share one app on one simulator (an app start costs
more than a case); each case first closes whatever a failed case may have left open.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

import pytest
import pytest_asyncio
from textual.pilot import Pilot
from textual.screen import ModalScreen

from lswtui.api import LeasewebClient
from lswtui.core.actions import ACTIONS
from lswtui.sim import DEMO_BASE_URL, Simulator
from lswtui.sim.clock import FakeClock
from lswtui.tui.dialogs import ConfirmDialog, CredentialDialog, PromptDialog, TypeToConfirmDialog
from lswtui.tui.screens.fleet import FleetScreen
from tests.conftest import SIM_START
from tests.tui.actions_helpers import (
    answer,
    dialog_text,
    fill,
    mutations,
    palette_run,
    pick,
    running,
    select,
)

ID = "<the VPS id>"  # a field step with this text types the target's VPS id
PALETTE = "palette:"  # a step starting with this runs the named palette command


@dataclass(frozen=True)
class Reach:
    """How to get an action to its last dialog: which VPS, then keys, (field, text) and palette steps."""

    vps: Callable  # predicate on a simulator VPS
    steps: tuple
    last: type
    shows: str = ""  # text the last dialog must show besides the VPS id


def first(v) -> bool:  # RUNNING, one credential, a main IPv4, no ISO, no snapshot
    return v.reference == "db-primary"


def customer_null_route(v) -> bool:
    return v.main_ip is not None and v.main_ip.nulled_by == "customer"


def ready_snapshot(v) -> bool:
    return bool(v.snapshots) and v.snapshots[0].state == "READY"


REACH = {
    "start": Reach(lambda v: v.state == "STOPPED", ("S",), ConfirmDialog),
    "stop": Reach(first, ("X",), ConfirmDialog),
    "reboot": Reach(first, ("B",), ConfirmDialog),
    "reinstall": Reach(
        first,
        ("R", ("#reinstall-images Input", "debian 11"), "enter", ("#type-confirm-input", ID)),
        TypeToConfirmDialog,
        "Recreates the VPS with Debian 11",
    ),
    "edit_reference": Reach(first, ("E", ("#prompt-input", "renamed")), PromptDialog),
    "reset_password": Reach(
        customer_null_route, ("P",), ConfirmDialog, "WARNING: The main IP 192.0.2.37 is null-routed"
    ),
    "store_credential": Reach(
        first,
        ("C", ("#credential-username", "ops"), ("#credential-password", "pw")),
        CredentialDialog,
    ),
    "update_credential": Reach(
        first, ("W", ("#credential-password", "pw")), CredentialDialog, "Username root"
    ),
    "delete_credential": Reach(
        first, (PALETTE + "Delete credential",), ConfirmDialog, "root (OPERATING_SYSTEM)"
    ),
    "delete_all_credentials": Reach(
        first,
        (PALETTE + "Delete all credentials", ("#type-confirm-input", ID)),
        TypeToConfirmDialog,
    ),
    "attach_iso": Reach(first, ("I", "enter"), ConfirmDialog, "Attaches GRML"),
    "detach_iso": Reach(lambda v: v.iso is not None, ("D",), ConfirmDialog),
    # the first write of a rescue is asked for first: cancelled there, nothing is sent
    "rescue_boot": Reach(first, (PALETTE + "Rescue boot", "enter"), ConfirmDialog, "Attaches GRML"),
    "leave_rescue": Reach(
        lambda v: v.iso is not None and v.state == "RUNNING",
        (PALETTE + "Leave rescue",),
        ConfirmDialog,
        "Then, asked for in turn: 2. reboot it from its disk",
    ),
    "create_snapshot": Reach(first, ("N",), PromptDialog),
    "restore_snapshot": Reach(
        ready_snapshot, ("T", ("#type-confirm-input", ID)), TypeToConfirmDialog
    ),
    "delete_snapshot": Reach(
        ready_snapshot, ("K", ("#type-confirm-input", ID)), TypeToConfirmDialog
    ),
    "set_reverse_dns": Reach(
        first, ("L", "enter", ("#prompt-input", "x.example.org")), PromptDialog
    ),
    "null_route": Reach(
        first,
        ("Z", "enter", "enter", "enter", ("#type-confirm-input", ID)),
        TypeToConfirmDialog,
        "MAIN IP",
    ),
    "remove_null_route": Reach(customer_null_route, ("U", "enter"), ConfirmDialog),
}


def test_every_mutating_action_has_a_case():
    assert set(REACH) == {action.id for action in ACTIONS if action.mutating}


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def shared(tmp_path_factory) -> AsyncIterator[tuple[Simulator, Pilot]]:
    sim = Simulator(seed=42, vps_count=25, clock=FakeClock(SIM_START))
    client = LeasewebClient.create(sim.api_key, base_url=DEMO_BASE_URL, transport=sim.transport())
    async with running(client, audit_dir=tmp_path_factory.mktemp("audit")) as pilot:
        yield sim, pilot


async def reach(pilot: Pilot, vps, steps: tuple) -> None:
    for step in steps:
        if isinstance(step, tuple):
            selector, text = step
            await fill(pilot, selector, vps.id if text is ID else text)
        elif step.startswith(PALETTE):
            await palette_run(pilot, step.removeprefix(PALETTE))
        else:
            await answer(pilot, step)


@pytest.mark.asyncio(loop_scope="module")
@pytest.mark.parametrize("action_id", list(REACH))
async def test_cancel_at_the_last_dialog_sends_nothing(shared, action_id):
    sim, pilot = shared
    app = pilot.app
    while isinstance(app.screen, ModalScreen):
        await answer(pilot, "escape")
    case = REACH[action_id]
    vps = pick(sim, case.vps)
    await select(pilot, vps.id)
    await reach(pilot, vps, case.steps)
    assert isinstance(app.screen, case.last), app.screen
    assert vps.id in dialog_text(app) and case.shows in dialog_text(app)
    await answer(pilot, "n" if case.last is ConfirmDialog else "escape")
    assert isinstance(app.screen, FleetScreen)
    assert mutations(sim) == [] and app.session.audit.read() == []
    assert vps.id not in app.screen.actions.busy  # the VPS is not left locked
