"""Every operation of the simulator, answered as the (patched) spec says; and the checker
itself is not vacuous."""

from __future__ import annotations

import json

import pytest
from sim_contract import DEVIATIONS, all_operation_ids, check_response, find_operation
from sim_helpers import pick

from lswtui.sim.model import RUNNING


async def test_every_operation_is_served_and_matches_the_spec(sim, client, clock):
    vps = pick(
        sim,
        lambda v: (
            v.state == RUNNING
            and not v.snapshots
            and v.iso is None
            and v.main_ip is not None
            and v.main_ip.version == 4
            and not v.main_ip.null_routed
        ),
    )
    base = f"/vps/{vps.id}"
    ip = vps.main_ip.ip
    t = sim.timings

    async def expect(status, method, url, **kwargs):
        response = await client.request(method, url, **kwargs)
        assert response.status_code == status, (method, url, response.text)
        return response

    for url in ("/regions", "/isos", "/images", "/marketApps", "/vps"):
        await expect(200, "GET", url, params={"limit": 50} if url != "/marketApps" else None)
    await expect(200, "GET", base)
    await expect(200, "PUT", base, json={"reference": "contract-test"})
    await expect(200, "GET", f"{base}/console")

    await expect(200, "GET", f"{base}/credentials")
    await expect(
        200,
        "POST",
        f"{base}/credentials",
        json={"type": "CONTROL_PANEL", "username": "ops", "password": "s3cret-Pass"},
    )
    await expect(200, "GET", f"{base}/credentials/CONTROL_PANEL")
    await expect(200, "GET", f"{base}/credentials/CONTROL_PANEL/ops")
    await expect(200, "PUT", f"{base}/credentials/CONTROL_PANEL/ops", json={"password": "n3w-Pass"})
    await expect(204, "DELETE", f"{base}/credentials/CONTROL_PANEL/ops")
    await expect(202, "POST", f"{base}/resetPassword")

    await expect(202, "POST", f"{base}/attachIso", json={"isoId": "GRML"})
    clock.advance(t.iso)
    await expect(202, "POST", f"{base}/detachIso")

    await expect(200, "GET", f"{base}/ips")
    await expect(200, "GET", f"{base}/ips/{ip}")
    await expect(200, "PUT", f"{base}/ips/{ip}", json={"reverseLookup": "contract.example.com"})
    await expect(200, "POST", f"{base}/ips/{ip}/null", json={"comment": "test"})
    await expect(200, "POST", f"{base}/ips/{ip}/unnull")
    await expect(
        200,
        "GET",
        f"{base}/metrics/datatraffic",
        params={
            "from": "2025-02-01",
            "to": "2025-03-01",
            "granularity": "DAY",
            "aggregation": "SUM",
        },
    )

    await expect(202, "POST", f"{base}/snapshots", json={"name": "contract"})
    listing = await expect(200, "GET", f"{base}/snapshots", params={"limit": 10})
    snapshot_id = listing.json()["snapshots"][0]["id"]
    await expect(200, "GET", f"{base}/snapshots/{snapshot_id}")
    clock.advance(t.snapshot)
    await expect(202, "PUT", f"{base}/snapshots/{snapshot_id}")
    clock.advance(t.stop + t.restore)
    await expect(202, "DELETE", f"{base}/snapshots/{snapshot_id}")
    clock.advance(t.snapshot_delete)

    await expect(200, "GET", f"{base}/reinstall/images", params={"limit": 50})
    await expect(202, "PUT", f"{base}/reinstall", json={"imageId": "DEBIAN_12_64BIT"})
    clock.advance(t.stop + t.reinstall)
    await expect(202, "POST", f"{base}/reboot")
    clock.advance(t.reboot)
    await expect(202, "POST", f"{base}/stop")
    clock.advance(t.stop)
    await expect(202, "POST", f"{base}/start")
    await expect(204, "DELETE", f"{base}/credentials")

    covered = {find_operation(r.method, r.path)[0] for r in sim.requests if r.status < 400}
    assert covered == all_operation_ids()
    assert len(covered) == 34  # the 32 operations of the reference + 2 lists only the spec has


def test_every_deviation_is_explained():
    for deviation in DEVIATIONS:
        assert deviation.what and len(deviation.why) > 20


HEADERS = {"APIGW-CORRELATION-ID": "289346a1-3eaf-4da4-b707-62ef12eb08be"}
SNAPSHOT = {
    "id": "624c53c3-48e9-41d1-833f-90a9abf5fd95",
    "displayName": "snapshot 1",
    "state": "READY",
    "created": "2023-11-02T07:31:28+0000",
}
PATH = "/publicCloud/v1/vps/123/snapshots/624c53c3-48e9-41d1-833f-90a9abf5fd95"


def _check(body, status=200, method="GET", path=PATH, headers=HEADERS):
    return check_response(method, path, status, headers, json.dumps(body).encode())


def test_the_checker_accepts_the_reference_example():
    assert _check(SNAPSHOT) == "getVPSSnapshot"


@pytest.mark.parametrize(
    "body",
    [
        {**SNAPSHOT, "extra": 1},  # an undocumented field
        {k: v for k, v in SNAPSHOT.items() if k != "state"},  # a missing field
        {**SNAPSHOT, "created": "2023-11-02T07:31:28+00:00"},  # the reference's +0000 form is kept
        {**SNAPSHOT, "state": "DELETING"},  # not in the enum
    ],
)
def test_the_checker_rejects_what_the_simulator_must_not_send(body):
    with pytest.raises(AssertionError):
        _check(body)


def test_the_checker_insists_on_leaseweb_error_bodies():
    error = {
        "correlationId": HEADERS["APIGW-CORRELATION-ID"],
        "errorCode": "404",
        "errorMessage": "x",
    }
    assert _check(error, status=404) == "getVPSSnapshot"
    with pytest.raises(AssertionError):
        _check({**error, "errorCode": 404}, status=404)
    with pytest.raises(AssertionError):
        _check({**error, "correlationId": "another"}, status=404)
    with pytest.raises(AssertionError):
        _check(error, status=400)  # a 400 needs errorDetails
    with pytest.raises(AssertionError):
        check_response("DELETE", PATH, 202, HEADERS, b"{}")  # 202 has no body
    with pytest.raises(AssertionError):
        check_response("GET", PATH, 200, {}, json.dumps(SNAPSHOT).encode())  # no correlation id
