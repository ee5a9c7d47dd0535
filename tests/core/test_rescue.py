"""Rescue boot and leave rescue over the core: each step asked for once, sent once, in order,
the next only once the previous one took effect (the simulator's clock moves while it waits)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from lswtui.core.actions import ActionContext
from lswtui.core.fleet import FleetRow
from lswtui.core.plan import Plan
from lswtui.core.rescue import (
    LeaveRescueFlow,
    RescueBootFlow,
    leave_refusal,
    rescue_choices,
    rescue_refusal,
)
from lswtui.core.steps import run_steps
from lswtui.sim import Simulator
from lswtui.sim.timings import Timings
from tests.core.test_flows import Core, first, make_core
from tests.tui.actions_helpers import mutations


@pytest.fixture
def core(sim, make_client, tmp_path) -> Core:
    return make_core(sim, make_client(), tmp_path)


@dataclass
class Sender:
    """Sends each step as the runner would, minus the log (the runner's own tests check it),
    noting the ISO the simulated VPS had when each step went out."""

    sim: Simulator
    sent: list[str] = field(default_factory=list)
    settled: list[tuple[str, str]] = field(default_factory=list)
    iso_when_sent: list[str | None] = field(default_factory=list)

    async def send_step(self, action_id: str, row: FleetRow, plan: Plan) -> bool:
        self.sim.catch_up()
        iso = self.sim.state.vps[row.vps_id].iso
        self.iso_when_sent.append(iso.id if iso else None)
        self.sent.append(action_id)
        await plan.send()
        return True

    def step_settled(
        self, action_id: str, row: FleetRow, plan: Plan, outcome: str, seconds: float
    ) -> None:
        self.settled.append((action_id, outcome))


async def rescue(core: Core, flow_class, *answers) -> Sender:
    row = core.host.selected
    assert row is not None
    core.host.dialogs.answers = list(answers)
    flow = flow_class(core.session, core.host, row)
    sender = Sender(core.sim)

    async def sleep(seconds: float) -> None:  # time passes on the simulator while it waits
        core.sim.clock.advance(seconds)
        core.now[0] += seconds

    await run_steps(flow, await flow.context(), sender, sleep=sleep)
    return sender


def writes(core: Core) -> list[tuple[str, str]]:
    return [(r.method, r.api_path.split("/", 3)[-1]) for r in mutations(core.sim)]


async def test_rescue_boot_attaches_grml_then_reboots_then_shows_the_console(core):
    row = await core.select(first)  # RUNNING, no ISO
    sender = await rescue(core, RescueBootFlow, "GRML", True, True, None)
    assert writes(core) == [("POST", "attachIso"), ("POST", "reboot")]
    assert core.host.dialogs.asked[:3] == [
        ("pick", "Rescue boot: which ISO?"),
        ("confirm", "Rescue boot 1/3: attach GRML"),
        ("confirm", "Rescue boot 2/3: reboot from GRML"),
    ]
    question, url = core.host.dialogs.asked[3]
    assert question == "console" and url.startswith("https://")
    assert sender.settled == [("attach_iso", "completed"), ("reboot", "completed")]
    vps = core.sim.state.vps[row.vps_id]
    assert vps.iso is not None and vps.iso.id == "GRML" and vps.state == "RUNNING"
    assert sender.iso_when_sent == [None, "GRML"]  # the reboot went out once GRML was attached


async def test_a_stopped_vps_is_started_from_the_iso(core):
    await core.select(lambda v: v.state == "STOPPED" and v.iso is None)
    sender = await rescue(core, RescueBootFlow, "SYSTEMRESCUE", True, True, None)
    assert writes(core) == [("POST", "attachIso"), ("POST", "start")]
    assert core.host.dialogs.asked[2] == ("confirm", "Rescue boot 2/3: start from SYSTEMRESCUE")
    assert sender.sent == ["attach_iso", "start"]


async def test_declining_the_reboot_sends_only_the_attach_and_says_the_iso_stays(core):
    await core.select(first)
    await rescue(core, RescueBootFlow, "GRML", True, False)
    assert writes(core) == [("POST", "attachIso")]
    assert any("GRML stays attached" in message for _, message in core.host.told)


async def test_cancelling_the_first_questions_sends_nothing(core):
    await core.select(first)
    await rescue(core, RescueBootFlow)  # the ISO picker cancelled
    await rescue(core, RescueBootFlow, "GRML", False)
    assert writes(core) == []


async def test_leave_rescue_detaches_then_reboots_from_the_disk(core):
    row = await core.select(lambda v: v.state == "RUNNING" and v.iso is not None)
    iso = core.sim.state.vps[row.vps_id].iso.id
    sender = await rescue(core, LeaveRescueFlow, True, True)
    assert writes(core) == [("POST", "detachIso"), ("POST", "reboot")]
    assert [title for _, title in core.host.dialogs.asked] == [
        f"Leave rescue 1/2: detach {iso}",
        "Leave rescue 2/2: reboot from its disk",
    ]
    assert sender.settled == [("detach_iso", "completed"), ("reboot", "completed")]
    assert core.sim.state.vps[row.vps_id].iso is None


async def test_a_step_that_never_takes_effect_ends_the_flow_unconfirmed(core):
    await core.select(first)
    core.sim.state.timings = Timings(iso=86400)  # the ISO takes a day to attach
    sender = await rescue(core, RescueBootFlow, "GRML", True, True)
    assert writes(core) == [("POST", "attachIso")]  # no reboot into a disk without the ISO
    assert sender.settled == [("attach_iso", "unconfirmed")]
    assert len(core.host.dialogs.asked) == 2


def test_the_rules_need_a_bootable_vps_and_the_right_iso_state_and_grml_comes_first():
    from dataclasses import replace

    from lswtui.api.models import IsoImage, VpsDetails

    row = FleetRow("1", "RUNNING", "", "", False, "", "", "", "", "", ())
    bare = VpsDetails.model_validate({"id": "1"})
    with_iso = VpsDetails.model_validate({"id": "1", "iso": {"id": "GRML", "name": "GRML"}})
    assert rescue_refusal(ActionContext(vps=row, details=bare)) is None
    assert rescue_refusal(ActionContext(vps=row, details=with_iso)) == (
        "ISO GRML is attached; 'Leave rescue' detaches it"
    )
    assert rescue_refusal(ActionContext(vps=replace(row, state="STOPPING"), details=bare)) == (
        "the VPS is STOPPING; this needs RUNNING or STOPPED"
    )
    assert leave_refusal(ActionContext(vps=row, details=bare)) == "no ISO is attached"
    assert leave_refusal(ActionContext(vps=row, details=with_iso)) is None
    catalogue = [IsoImage.model_validate({"id": i, "name": i}) for i in ("FINNIX", "GRML", "X")]
    assert [(item.id, item.detail) for item in rescue_choices(catalogue)] == [
        ("GRML", "default"),
        ("FINNIX", None),
        ("X", None),
    ]
