"""Start, stop and reboot: the rules, and the state moving with the (fake) clock."""

from __future__ import annotations

import pytest
from sim_helpers import make_client, pick

from lswtui.sim import FakeClock, Simulator, Timings
from lswtui.sim.model import RUNNING, STARTING, STOPPED, STOPPING

EPSILON = 0.001


async def state_of(client, vps_id):
    return (await client.get(f"/vps/{vps_id}")).json()["state"]


async def test_stop_goes_stopping_then_stopped(client, sim, clock):
    vps = pick(sim, lambda v: v.state == RUNNING)
    response = await client.post(f"/vps/{vps.id}/stop")
    assert (response.status_code, response.content) == (202, b"")
    assert await state_of(client, vps.id) == STOPPING
    clock.advance(sim.timings.stop - EPSILON)
    assert await state_of(client, vps.id) == STOPPING
    clock.advance(EPSILON)
    assert await state_of(client, vps.id) == STOPPED


async def test_start_goes_starting_then_running_and_keeps_started_at(client, sim, clock):
    vps = pick(sim, lambda v: v.state == STOPPED)
    first_start = vps.started_at
    assert (await client.post(f"/vps/{vps.id}/start")).status_code == 202
    assert await state_of(client, vps.id) == STARTING
    clock.advance(sim.timings.start)
    details = (await client.get(f"/vps/{vps.id}")).json()
    assert details["state"] == RUNNING
    assert vps.started_at == first_start  # the first start after launch, not the last boot


async def test_reboot_passes_through_stopping_and_starting(client, sim, clock):
    vps = pick(sim, lambda v: v.state == RUNNING)
    before = (await client.get(f"/vps/{vps.id}")).json()
    assert (await client.post(f"/vps/{vps.id}/reboot")).status_code == 202
    seen = [await state_of(client, vps.id)]
    clock.advance(sim.timings.reboot_down)
    seen.append(await state_of(client, vps.id))
    clock.advance(sim.timings.start - EPSILON)
    seen.append(await state_of(client, vps.id))
    clock.advance(EPSILON)
    after = (await client.get(f"/vps/{vps.id}")).json()
    assert seen == [STOPPING, STARTING, STARTING]
    assert after == before  # RUNNING again, startedAt and everything else unchanged
    assert sim.timings.reboot == 8.0


async def test_changes_wait_for_the_next_request(client, sim, clock):
    vps = pick(sim, lambda v: v.state == RUNNING)
    await client.post(f"/vps/{vps.id}/stop")
    clock.advance(60)
    assert vps.state == STOPPING  # nothing asked yet
    assert sim.catch_up() >= 1
    assert vps.state == STOPPED


@pytest.mark.parametrize(
    ("action", "state"),
    [
        ("start", RUNNING),
        ("stop", STOPPED),
        ("reboot", STOPPED),
    ],
)
async def test_power_rules(client, sim, action, state):
    vps = pick(sim, lambda v: v.state == state)
    pending = sim.state.scheduler.pending()
    response = await client.post(f"/vps/{vps.id}/{action}")
    assert response.status_code == 400
    body = response.json()
    assert body["errorDetails"] == {}
    wanted = "stopped" if action == "start" else "running"
    assert body["errorMessage"] == f"The VPS must be {wanted} before the execution (it is {state})."
    assert vps.state == state
    assert sim.state.scheduler.pending() == pending  # nothing was set in motion


@pytest.mark.parametrize("action", ["start", "stop", "reboot"])
async def test_no_power_action_while_in_transition(client, sim, action):
    vps = pick(sim, lambda v: v.state == RUNNING)
    await client.post(f"/vps/{vps.id}/stop")
    assert (await client.post(f"/vps/{vps.id}/{action}")).status_code == 400
    assert len(sim.calls("POST", f"/vps/{vps.id}/{action}")) == (2 if action == "stop" else 1)


async def test_the_demo_world_has_vpses_that_settle_soon(client, sim, clock):
    stopping = pick(sim, lambda v: v.state == STOPPING)
    starting = [v for v in sim.state.vps_list if v.state == STARTING]
    fresh = next(v for v in starting if v.started_at is None)
    assert len(starting) == 2
    details = (await client.get(f"/vps/{fresh.id}")).json()
    assert details["startedAt"] is None
    clock.advance(sim.timings.start)
    assert await state_of(client, stopping.id) == STOPPED
    assert [await state_of(client, v.id) for v in starting] == [RUNNING, RUNNING]
    details = (await client.get(f"/vps/{fresh.id}")).json()
    # The first boot completed within the last start-duration: startedAt records it.
    assert details["startedAt"] is not None
    assert fresh.started_at <= clock.now()


async def test_timings_can_be_overridden():
    clock = FakeClock()
    sim = Simulator(clock=clock, timings=Timings(stop=1.0))
    vps = pick(sim, lambda v: v.state == RUNNING)
    async with make_client(sim) as client:
        await client.post(f"/vps/{vps.id}/stop")
        clock.advance(1.0)
        assert await state_of(client, vps.id) == STOPPED


async def test_instant_timings_settle_at_the_next_request():
    sim = Simulator(clock=FakeClock(), timings=Timings().scaled(0))
    vps = pick(sim, lambda v: v.state == RUNNING)
    async with make_client(sim) as client:
        await client.post(f"/vps/{vps.id}/reboot")
        assert await state_of(client, vps.id) == RUNNING
