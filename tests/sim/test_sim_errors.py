"""Auth, correlation ids, unknown routes and malformed input: Leaseweb-style errors."""

from __future__ import annotations

import uuid

import httpx
import pytest
from sim_contract import validate_response
from sim_helpers import make_client, pick

from lswtui.sim import DEMO_BASE_URL, FakeClock, Simulator
from lswtui.sim.model import RUNNING


@pytest.mark.parametrize("headers", [{}, {"X-LSW-Auth": "not-the-key"}, {"X-LSW-Auth": ""}])
async def test_missing_or_wrong_key_is_401(sim, headers):
    async with httpx.AsyncClient(
        transport=sim.transport(),
        base_url=DEMO_BASE_URL,
        headers=headers,
        event_hooks={"response": [validate_response]},
    ) as anonymous:
        response = await anonymous.get("/vps")
    assert response.status_code == 401
    body = response.json()
    assert body == {
        "correlationId": response.headers["APIGW-CORRELATION-ID"],
        "errorCode": "401",
        "errorMessage": "You are not authorized to view this resource.",
    }
    assert sim.requests[-1].status == 401


async def test_a_wrong_key_changes_nothing(sim):
    vps = pick(sim, lambda v: v.state == RUNNING)
    async with make_client(sim, **{"X-LSW-Auth": "wrong"}) as intruder:
        response = await intruder.post(f"/vps/{vps.id}/stop")
    assert response.status_code == 401
    assert vps.state == RUNNING


async def test_every_response_has_a_fresh_correlation_id(client, sim):
    vps = pick(sim, lambda v: v.state == RUNNING)
    responses = [
        await client.get("/vps", params={"limit": 1}),
        await client.get("/vps", params={"limit": 1}),
        await client.post(f"/vps/{vps.id}/reboot"),  # 202, no body
        await client.post(f"/vps/{vps.id}/reboot"),  # 400: now STOPPING
        await client.get("/no/such/thing"),
    ]
    ids = [r.headers["APIGW-CORRELATION-ID"] for r in responses]
    assert len(set(ids)) == len(ids)
    assert all(uuid.UUID(i).version == 4 for i in ids)
    assert responses[3].json()["correlationId"] == ids[3]
    assert [r.correlation_id for r in sim.requests] == ids


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/publicCloud/v1/nothing-here", 404),
        ("GET", "/publicCloud/v1/vps/", 404),  # no trailing-slash redirect
        ("GET", "/publicCloud/v2/vps", 404),
        ("GET", "/", 404),
        ("DELETE", "/publicCloud/v1/vps", 405),
        ("POST", "/publicCloud/v1/regions", 405),
    ],
)
async def test_unknown_routes_and_methods_get_error_bodies(client, method, path, status):
    response = await client.request(method, "http://lswtui-sim" + path)
    assert response.status_code == status
    body = response.json()
    assert body["errorCode"] == str(status)
    assert body["errorMessage"]
    assert body["correlationId"] == response.headers["APIGW-CORRELATION-ID"]


@pytest.mark.parametrize(
    ("method", "suffix"),
    [
        ("GET", ""),
        ("PUT", ""),
        ("POST", "/start"),
        ("POST", "/stop"),
        ("POST", "/reboot"),
        ("GET", "/console"),
        ("GET", "/credentials"),
        ("DELETE", "/credentials"),
        ("GET", "/credentials/OPERATING_SYSTEM/root"),
        ("POST", "/resetPassword"),
        ("POST", "/attachIso"),
        ("POST", "/detachIso"),
        ("GET", "/reinstall/images"),
        ("PUT", "/reinstall"),
        ("GET", "/ips"),
        ("GET", "/ips/192.0.2.1"),
        ("GET", "/metrics/datatraffic"),
        ("GET", "/snapshots"),
        ("POST", "/snapshots"),
    ],
)
async def test_unknown_vps_is_404(client, method, suffix):
    response = await client.request(method, f"/vps/000000000{suffix}", json={})
    assert response.status_code == 404
    assert response.json()["errorMessage"] == "VPS with id 000000000 not found"


async def test_malformed_json_is_400_naming_the_body(client, sim):
    vps = pick(sim, lambda v: True)
    response = await client.put(
        f"/vps/{vps.id}", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json()["errorDetails"] == {"body": ["The body is not valid JSON."]}
    response = await client.put(f"/vps/{vps.id}", json=["reference"])
    assert response.json()["errorDetails"] == {"body": ["The body must be a JSON object."]}


@pytest.mark.parametrize(
    ("body", "details"),
    [
        ({}, {"reference": ["This field is required."]}),
        (None, {"reference": ["This field is required."]}),
        ({"reference": None}, {"reference": ["This field is required."]}),
        ({"reference": 7}, {"reference": ["This value should be of type string."]}),
        (
            {"reference": "x" * 256},
            {"reference": ["This value is too long. It should have 255 characters or less."]},
        ),
    ],
)
async def test_bad_fields_are_400_naming_the_field(client, sim, body, details):
    vps = pick(sim, lambda v: True)
    before = vps.reference
    response = await client.put(f"/vps/{vps.id}", json=body)
    assert response.status_code == 400
    assert response.json()["errorMessage"] == "The API could not interpret your request correctly."
    assert response.json()["errorDetails"] == details
    assert vps.reference == before


async def test_several_bad_fields_are_reported_together(client, sim):
    vps = pick(sim, lambda v: True)
    response = await client.post(f"/vps/{vps.id}/credentials", json={"type": 1, "password": True})
    assert response.json()["errorDetails"] == {
        "type": ["This value should be of type string."],
        "username": ["This field is required."],
        "password": ["This value should be of type string."],
    }


async def test_a_crash_becomes_a_leaseweb_500_with_a_correlation_id():
    def crashing_layer(app):
        async def crash(scope, receive, send):
            raise RuntimeError("boom")

        return crash

    sim = Simulator(clock=FakeClock(), extra_layers=[crashing_layer])
    transport = httpx.ASGITransport(app=sim.app, raise_app_exceptions=False)
    async with httpx.AsyncClient(
        transport=transport, base_url=DEMO_BASE_URL, event_hooks={"response": [validate_response]}
    ) as client:
        response = await client.get("/vps")
    assert response.status_code == 500
    assert response.json()["errorCode"] == "500"
    assert response.json()["correlationId"] == response.headers["APIGW-CORRELATION-ID"]
    assert sim.requests[-1].status == 500


async def test_server_errors_carry_the_reference_user_message_and_reference():
    # The reference's general error format (a 5xx: "cannot handle your request") shows both.
    def crashing_layer(app):
        async def crash(scope, receive, send):
            raise RuntimeError("boom")

        return crash

    sim = Simulator(clock=FakeClock(), extra_layers=[crashing_layer])
    transport = httpx.ASGITransport(app=sim.app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url=DEMO_BASE_URL) as client:
        crashed = await client.get("/vps")
    async with make_client(Simulator(clock=FakeClock())) as client:
        missing = await client.get("/vps/1")
    assert crashed.status_code == 500
    assert (
        crashed.json()["userMessage"]
        == "Cannot handle your request at the moment. Please try again later."
    )
    assert crashed.json()["reference"] == "https://developer.leaseweb.com/errors/APP00800"
    # The reference's 4xx examples show neither: they stay as they are.
    assert missing.status_code == 404 and {"userMessage", "reference"}.isdisjoint(missing.json())
