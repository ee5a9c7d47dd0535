"""Rescue boot and leave rescue through the runner: each step asked for once, sent once and
logged as its action, in order, the next only once the previous one took effect (the
simulator's clock moves while the runner waits)."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest

from lswtui.api.models import IsoImage, VpsDetails
from lswtui.core.fleet import FleetRow
from lswtui.core.rescue import rescue_choices
from lswtui.core.rules import ActionContext, can_rescue, in_rescue
from lswtui.sim.timings import Timings
from tests.core.test_flows import Core, first, make_core
from tests.tui.actions_helpers import mutations


@pytest.fixture
def core(sim, make_client, tmp_path) -> Core:
    core = make_core(sim, make_client(), tmp_path)
    iso_at_send: list[str | None] = []

    async def sleep(seconds: float) -> None:  # time passes on the simulator while it waits
        core.sim.clock.advance(seconds)
        core.now[0] += seconds

    core.runner.sleep = sleep
    original = core.runner.send_step

    async def send_step(action_id, row, plan):  # note the ISO the VPS had when a step went out
        core.sim.catch_up()
        iso = core.sim.state.vps[row.vps_id].iso
        iso_at_send.append(iso.id if iso else None)
        return await original(action_id, row, plan)

    core.runner.send_step = send_step  # type: ignore[method-assign]
    core.iso_at_send = iso_at_send  # type: ignore[attr-defined]
    return core


def writes(core: Core) -> list[tuple[str, str]]:
    return [(r.method, r.api_path.rsplit("/", 1)[-1]) for r in mutations(core.sim)]


async def test_rescue_boot_attaches_grml_then_reboots_then_shows_the_console(core):
    row = await core.select(first)  # RUNNING, no ISO
    await core.run("rescue_boot", "GRML", True, True, None)
    assert writes(core) == [("POST", "attachIso"), ("POST", "reboot")]
    assert core.host.dialogs.asked[:3] == [
        ("pick", "Rescue boot: which ISO?"),
        ("confirm", "Rescue boot 1/3: attach GRML"),
        ("confirm", "Rescue boot 2/3: reboot from GRML"),
    ]
    question, url = core.host.dialogs.asked[3]
    assert question == "console" and url.startswith("https://")
    assert core.iso_at_send == [None, "GRML"]  # the reboot went out once GRML was attached
    assert core.log() == [
        ("attach_iso", "sent"),
        ("attach_iso", "accepted"),
        ("attach_iso", "completed"),
        ("reboot", "sent"),
        ("reboot", "accepted"),
        ("reboot", "completed"),
    ]
    vps = core.sim.state.vps[row.vps_id]
    assert vps.iso is not None and vps.iso.id == "GRML" and vps.state == "RUNNING"
    assert core.runner.busy == {} and core.runner.pending == {} and core.host.pending == set()
    assert url not in core.session.audit.path.read_text()  # the console link is a secret


async def test_a_stopped_vps_is_started_from_the_iso(core):
    await core.select(lambda v: v.state == "STOPPED" and v.iso is None)
    await core.run("rescue_boot", "SYSTEMRESCUE", True, True, None)
    assert writes(core) == [("POST", "attachIso"), ("POST", "start")]
    assert core.host.dialogs.asked[2] == ("confirm", "Rescue boot 2/3: start from SYSTEMRESCUE")


async def test_declining_the_reboot_sends_only_the_attach_and_says_the_iso_stays(core):
    await core.select(first)
    await core.run("rescue_boot", "GRML", True, False)
    assert writes(core) == [("POST", "attachIso")]
    assert any("GRML stays attached" in message for _, message in core.host.told)
    assert core.runner.busy == {}


async def test_cancelling_the_first_questions_sends_nothing(core):
    await core.select(first)
    await core.run("rescue_boot")  # the ISO picker cancelled
    await core.run("rescue_boot", "GRML", False)
    assert writes(core) == [] and core.log() == []


async def test_a_second_rescue_while_one_runs_is_refused(core):
    row = await core.select(first)
    core.runner.start("rescue_boot")
    core.runner.start("rescue_boot")
    core.runner.start("reboot")
    assert len(core.host.workers) == 1
    assert [m for _, m in core.host.told] == [
        f"Rescue boot is still in progress for VPS {row.label}; Rescue boot was not sent.",
        f"Rescue boot is still in progress for VPS {row.label}; Reboot VPS was not sent.",
    ]


async def test_leave_rescue_detaches_then_reboots_from_the_disk(core):
    row = await core.select(lambda v: v.state == "RUNNING" and v.iso is not None)
    iso = core.sim.state.vps[row.vps_id].iso.id
    await core.run("leave_rescue", True, True)
    assert writes(core) == [("POST", "detachIso"), ("POST", "reboot")]
    assert [title for _, title in core.host.dialogs.asked] == [
        f"Leave rescue 1/2: detach {iso}",
        "Leave rescue 2/2: reboot from its disk",
    ]
    assert [outcome for op, outcome in core.log() if outcome == "completed"] == ["completed"] * 2
    assert core.sim.state.vps[row.vps_id].iso is None


async def test_a_step_that_never_takes_effect_ends_the_flow_unconfirmed(core):
    await core.select(first)
    core.sim.state.timings = Timings(iso=86400)  # the ISO takes a day to attach
    await core.run("rescue_boot", "GRML", True, True)
    assert writes(core) == [("POST", "attachIso")]  # no reboot into a disk without the ISO
    assert core.log()[-1] == ("attach_iso", "unconfirmed")
    assert len(core.host.dialogs.asked) == 2
    assert any("not confirmed after 10m" in m for _, m in core.host.told)


async def test_a_failed_step_ends_the_flow(core):
    await core.select(first)
    core.sim.state.isos.pop("GRML")  # the API refuses an ISO it does not know: a 400
    core.session.iso_catalogue = [IsoImage.model_validate({"id": "GRML", "name": "GRML"})]
    await core.run("rescue_boot", "GRML", True, True)
    assert core.log() == [("attach_iso", "sent"), ("attach_iso", "failed")]
    assert len(core.host.dialogs.asked) == 2  # the reboot was never asked for


async def test_rescue_is_refused_with_an_iso_attached_and_leaving_without_one(core):
    await core.select(lambda v: v.state == "RUNNING" and v.iso is not None)
    await core.run("rescue_boot", "GRML", True)
    await core.select(first)
    await core.run("leave_rescue", True)
    assert writes(core) == [] and core.host.dialogs.asked == []
    told = [m for _, m in core.host.told]
    assert "'Leave rescue' detaches it" in told[0]
    assert told[1] == "Leave rescue is not available: no ISO is attached."


def test_the_rules_and_grml_first():
    row = FleetRow("1", "RUNNING", "", "", False, "", "", "", "", "", ())
    bare = VpsDetails.model_validate({"id": "1"})
    with_iso = VpsDetails.model_validate({"id": "1", "iso": {"id": "GRML", "name": "GRML"}})
    assert can_rescue(ActionContext(vps=row, details=bare)) is None
    assert can_rescue(ActionContext(vps=replace(row, state="STOPPING"), details=bare)) == (
        "the VPS is STOPPING; this needs RUNNING or STOPPED"
    )
    assert in_rescue(ActionContext(vps=row, details=with_iso)) is None
    catalogue = [IsoImage.model_validate({"id": i, "name": i}) for i in ("FINNIX", "GRML", "X")]
    assert [(item.id, item.detail) for item in rescue_choices(catalogue)] == [
        ("GRML", "default"),
        ("FINNIX", None),
        ("X", None),
    ]


async def test_a_step_waiting_for_its_effect_is_tracked_and_recorded_unconfirmed_at_the_end(core):
    """Quitting while rescue waits for GRML to attach: the step is among the tracked actions
    (the quit question names it) and is recorded as unconfirmed, not left without an answer."""
    await core.select(first)
    seen: list[list[str]] = []

    async def the_app_ends(seconds: float) -> None:  # the first wait for the effect: quit
        seen.append(core.runner.tracked)
        core.runner.abandon_tracking("the app was quit before its effect showed")
        raise asyncio.CancelledError

    core.runner.sleep = the_app_ends
    with pytest.raises(asyncio.CancelledError):
        await core.run("rescue_boot", "GRML", True, True, None)
    assert seen == [[f"Attach ISO on VPS {core.host.selected.label}"]]
    assert core.log()[-1] == ("attach_iso", "unconfirmed")
    assert core.runner.tracked == []
