"""Snapshots: one per VPS, CREATING then READY, restore and delete."""

from __future__ import annotations

import pytest
from sim_helpers import pick

from lswtui.sim.model import RUNNING, STARTING, STOPPED, STOPPING


@pytest.fixture
def vps(sim):
    return pick(sim, lambda v: v.state == RUNNING and not v.snapshots)


async def _snapshots(client, vps):
    body = (await client.get(f"/vps/{vps.id}/snapshots", params={"limit": 10})).json()
    assert body["_metadata"]["totalCount"] == len(body["snapshots"])
    return body["snapshots"]


async def _state(client, vps):
    return (await client.get(f"/vps/{vps.id}")).json()["state"]


async def test_create_then_ready(client, sim, clock, vps):
    response = await client.post(f"/vps/{vps.id}/snapshots", json={"name": "before upgrade"})
    assert (response.status_code, response.content) == (202, b"")
    [snapshot] = await _snapshots(client, vps)
    assert (snapshot["displayName"], snapshot["state"]) == ("before upgrade", "CREATING")
    assert snapshot["created"] == clock.now().strftime("%Y-%m-%dT%H:%M:%S+0000")
    clock.advance(sim.timings.snapshot - 1)
    assert (await client.get(f"/vps/{vps.id}/snapshots/{snapshot['id']}")).json()[
        "state"
    ] == "CREATING"
    clock.advance(1)
    one = (await client.get(f"/vps/{vps.id}/snapshots/{snapshot['id']}")).json()
    assert one == {**snapshot, "state": "READY"}


async def test_create_without_a_body_is_400_naming_name(client, vps):
    # The reference says ``name`` is required; the Jan 2025 spec's body-less form is refused.
    response = await client.post(f"/vps/{vps.id}/snapshots")
    assert response.status_code == 400
    assert response.json()["errorDetails"] == {"name": ["This field is required."]}
    assert vps.snapshots == []


@pytest.mark.parametrize(
    ("body", "details"),
    [
        ({}, {"name": ["This field is required."]}),
        ({"name": None}, {"name": ["This field is required."]}),
        ({"name": "  "}, {"name": ["The name must have 1 to 255 characters."]}),
        ({"name": 5}, {"name": ["This value should be of type string."]}),
    ],
)
async def test_create_with_a_bad_name_is_400(client, vps, body, details):
    response = await client.post(f"/vps/{vps.id}/snapshots", json=body)
    assert response.status_code == 400 and response.json()["errorDetails"] == details
    assert vps.snapshots == []


async def test_create_needs_a_running_vps(client, sim):
    vps = pick(sim, lambda v: v.state == STOPPED and not v.snapshots)
    response = await client.post(f"/vps/{vps.id}/snapshots", json={"name": "x"})
    assert response.status_code == 400
    assert (
        response.json()["errorMessage"]
        == "The VPS must be running before the execution (it is STOPPED)."
    )


async def test_only_one_snapshot_per_vps(client, sim, clock, vps):
    assert (await client.post(f"/vps/{vps.id}/snapshots", json={"name": "a"})).status_code == 202
    second = await client.post(f"/vps/{vps.id}/snapshots", json={"name": "b"})
    assert second.status_code == 400 and "Only one snapshot" in second.json()["errorMessage"]
    clock.advance(sim.timings.snapshot)
    assert (await client.post(f"/vps/{vps.id}/snapshots", json={"name": "b"})).status_code == 400
    assert len(vps.snapshots) == 1


async def test_restore_of_a_running_vps(client, sim, clock):
    vps = pick(sim, lambda v: v.state == RUNNING and v.snapshots)
    snapshot = vps.snapshots[0]
    response = await client.put(f"/vps/{vps.id}/snapshots/{snapshot.id}")
    assert (response.status_code, response.content) == (202, b"")
    assert await _state(client, vps) == STOPPING
    clock.advance(sim.timings.stop)
    assert await _state(client, vps) == STARTING
    clock.advance(sim.timings.restore)
    assert await _state(client, vps) == RUNNING
    assert vps.snapshots == [snapshot]  # a restore keeps the snapshot


async def test_restore_of_a_stopped_vps_boots_it(client, sim, clock):
    vps = pick(sim, lambda v: v.state == RUNNING and v.snapshots)
    await client.post(f"/vps/{vps.id}/stop")
    clock.advance(sim.timings.stop)
    await client.put(f"/vps/{vps.id}/snapshots/{vps.snapshots[0].id}")
    assert await _state(client, vps) == STARTING
    clock.advance(sim.timings.restore)
    assert await _state(client, vps) == RUNNING


async def test_restore_and_delete_need_a_ready_snapshot(client, vps):
    await client.post(f"/vps/{vps.id}/snapshots", json={"name": "x"})
    snapshot_id = vps.snapshots[0].id
    for method in ("PUT", "DELETE"):
        response = await client.request(method, f"/vps/{vps.id}/snapshots/{snapshot_id}")
        assert response.status_code == 400
        assert response.json()["errorMessage"] == "The snapshot is CREATING; it must be READY."
    assert vps.state == RUNNING


async def test_restore_waits_for_a_settled_vps(client, sim):
    vps = pick(sim, lambda v: v.state == RUNNING and v.snapshots)
    await client.post(f"/vps/{vps.id}/reboot")
    response = await client.put(f"/vps/{vps.id}/snapshots/{vps.snapshots[0].id}")
    assert response.status_code == 400


async def test_delete_vanishes_after_a_short_delay(client, sim, clock):
    vps = pick(sim, lambda v: v.snapshots and v.snapshots[0].state == "READY")
    snapshot_id = vps.snapshots[0].id
    response = await client.delete(f"/vps/{vps.id}/snapshots/{snapshot_id}")
    assert (response.status_code, response.content) == (202, b"")
    assert [s["id"] for s in await _snapshots(client, vps)] == [snapshot_id]
    for method in ("PUT", "DELETE"):
        again = await client.request(method, f"/vps/{vps.id}/snapshots/{snapshot_id}")
        assert again.json()["errorMessage"] == "The snapshot is being deleted."
    clock.advance(sim.timings.snapshot_delete)
    assert await _snapshots(client, vps) == []
    assert (await client.get(f"/vps/{vps.id}/snapshots/{snapshot_id}")).status_code == 404


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
async def test_unknown_snapshot_is_404(client, vps, method):
    response = await client.request(
        method, f"/vps/{vps.id}/snapshots/624c53c3-48e9-41d1-833f-90a9abf5fd95"
    )
    assert response.status_code == 404


async def test_snapshot_list_pages(client, vps):
    await client.post(f"/vps/{vps.id}/snapshots", json={"name": "x"})
    assert (await client.get(f"/vps/{vps.id}/snapshots", params={"offset": 1})).json() == {
        "_metadata": {"totalCount": 1, "limit": 20, "offset": 1},
        "snapshots": [],
    }


async def test_the_demo_world_has_a_snapshot_in_the_making(client, sim, clock):
    creating = pick(sim, lambda v: v.snapshots and v.snapshots[0].state == "CREATING")
    clock.advance(sim.timings.snapshot)
    [snapshot] = await _snapshots(client, creating)
    assert snapshot["state"] == "READY"
