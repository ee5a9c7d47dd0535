"""Stored credentials (list, store, get, update, delete) and the password reset."""

from __future__ import annotations

import pytest
from sim_helpers import pick

from lswtui.sim.model import CONTROL_PANEL, OPERATING_SYSTEM


def _root(vps):
    return vps.find_credential(OPERATING_SYSTEM, vps.image.default_user)


@pytest.fixture
def vps(sim):
    return pick(
        sim, lambda v: _root(v) is not None and v.main_ip is not None and not v.main_ip.null_routed
    )


async def test_list_has_no_passwords(client, vps):
    body = (await client.get(f"/vps/{vps.id}/credentials")).json()
    assert body["credentials"] == [
        {"type": c.type, "username": c.username} for c in vps.credentials
    ]
    assert body["_metadata"] == {"totalCount": len(vps.credentials), "limit": 20, "offset": 0}


async def test_store_get_update_delete(client, vps):
    base = f"/vps/{vps.id}/credentials"
    stored = await client.post(
        base,
        json={"type": "CONTROL_PANEL", "username": "deploy.bot@x-1_y", "password": "Pa55word!"},
    )
    assert stored.status_code == 200
    assert stored.json() == {
        "type": "CONTROL_PANEL",
        "username": "deploy.bot@x-1_y",
        "password": "Pa55word!",
    }
    assert vps.find_credential(CONTROL_PANEL, "deploy.bot@x-1_y").password == "Pa55word!"

    by_type = (await client.get(f"{base}/CONTROL_PANEL")).json()["credentials"]
    assert {"type": "CONTROL_PANEL", "username": "deploy.bot@x-1_y"} in by_type
    assert all(c["type"] == "CONTROL_PANEL" for c in by_type)
    one = await client.get(f"{base}/CONTROL_PANEL/deploy.bot@x-1_y")
    assert one.json()["password"] == "Pa55word!"

    updated = await client.put(
        f"{base}/CONTROL_PANEL/deploy.bot@x-1_y", json={"password": "An0ther!"}
    )
    assert updated.status_code == 200 and updated.json()["password"] == "An0ther!"
    assert (await client.get(f"{base}/CONTROL_PANEL/deploy.bot@x-1_y")).json()[
        "password"
    ] == "An0ther!"

    deleted = await client.delete(f"{base}/CONTROL_PANEL/deploy.bot@x-1_y")
    assert (deleted.status_code, deleted.content) == (204, b"")
    assert vps.find_credential(CONTROL_PANEL, "deploy.bot@x-1_y") is None
    assert (await client.get(f"{base}/CONTROL_PANEL/deploy.bot@x-1_y")).status_code == 404


async def test_delete_all(client, vps):
    response = await client.delete(f"/vps/{vps.id}/credentials")
    assert (response.status_code, response.content) == (204, b"")
    assert vps.credentials == []
    assert (await client.get(f"/vps/{vps.id}/credentials")).json()["credentials"] == []


async def test_storing_an_existing_credential_is_400(client, vps):
    root = _root(vps)
    response = await client.post(
        f"/vps/{vps.id}/credentials",
        json={"type": root.type, "username": root.username, "password": "x"},
    )
    assert response.status_code == 400
    assert "already stored" in response.json()["errorMessage"]
    assert _root(vps).password == root.password


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"type": "SSH_KEY", "username": "root", "password": "x"}, "type"),
        ({"type": "OPERATING_SYSTEM", "username": "ro ot", "password": "x"}, "username"),
        ({"type": "OPERATING_SYSTEM", "username": "root!", "password": "x"}, "username"),
        ({"type": "OPERATING_SYSTEM", "username": "", "password": "x"}, "username"),
        ({"type": "OPERATING_SYSTEM", "username": "newuser", "password": ""}, "password"),
        ({"type": "OPERATING_SYSTEM", "username": "newuser"}, "password"),
    ],
)
async def test_store_validation(client, vps, body, field):
    response = await client.post(f"/vps/{vps.id}/credentials", json=body)
    assert response.status_code == 400
    assert list(response.json()["errorDetails"]) == [field]


async def test_unknown_type_and_unknown_credential(client, vps):
    base = f"/vps/{vps.id}/credentials"
    assert (await client.get(f"{base}/SSH_KEY")).status_code == 400
    assert (await client.get(f"{base}/SSH_KEY/root")).status_code == 400
    for method in ("GET", "DELETE"):
        assert (await client.request(method, f"{base}/OPERATING_SYSTEM/nobody")).status_code == 404
    missing = await client.put(f"{base}/OPERATING_SYSTEM/nobody", json={"password": "x"})
    assert missing.status_code == 404
    blank = await client.put(
        f"{base}/OPERATING_SYSTEM/{_root(vps).username}", json={"password": ""}
    )
    assert blank.json()["errorDetails"] == {"password": ["This value should not be blank."]}


async def _password(client, vps):
    user = vps.image.default_user
    return (await client.get(f"/vps/{vps.id}/credentials/OPERATING_SYSTEM/{user}")).json()[
        "password"
    ]


async def test_reset_password_sets_a_new_random_one_after_a_while(client, sim, clock, vps):
    old = await _password(client, vps)
    response = await client.post(f"/vps/{vps.id}/resetPassword")
    assert (response.status_code, response.content) == (202, b"")
    clock.advance(sim.timings.password_reset - 0.5)
    assert await _password(client, vps) == old
    clock.advance(0.5)
    new = await _password(client, vps)
    assert new != old and len(new) >= 12
    assert vps.state == "RUNNING"  # no reboot: the reference documents none for a reset


async def test_reset_password_does_nothing_while_the_main_ip_is_null_routed(
    client, sim, clock, vps
):
    old = await _password(client, vps)
    main = vps.main_ip.ip
    assert (await client.post(f"/vps/{vps.id}/ips/{main}/null", json={})).status_code == 200
    assert (await client.post(f"/vps/{vps.id}/resetPassword")).status_code == 202  # accepted...
    clock.advance(sim.timings.password_reset * 10)
    assert await _password(client, vps) == old  # ...and silently ignored


async def test_reset_password_recreates_a_deleted_os_credential(client, sim, clock, vps):
    await client.delete(f"/vps/{vps.id}/credentials")
    await client.post(f"/vps/{vps.id}/resetPassword")
    clock.advance(sim.timings.password_reset)
    listing = (await client.get(f"/vps/{vps.id}/credentials")).json()["credentials"]
    assert listing == [{"type": "OPERATING_SYSTEM", "username": vps.image.default_user}]
