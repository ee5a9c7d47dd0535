"""Hostile clients: the request history stays bounded, pathological bodies get Leaseweb-style
400/413 answers (never a 500 with a traceback), and a 405 names the allowed methods."""

from __future__ import annotations

import httpx
import pytest
from sim_helpers import pick

from lswtui.sim import DEMO_BASE_URL, FakeClock, Simulator
from lswtui.sim.middleware import MAX_BODY_BYTES, REQUEST_HISTORY


def _client(sim: Simulator, **headers: str) -> httpx.AsyncClient:
    # raise_app_exceptions=False: a crash must show as the 500 a real client would get.
    transport = httpx.ASGITransport(app=sim.app, raise_app_exceptions=False)
    return httpx.AsyncClient(
        transport=transport, base_url=DEMO_BASE_URL, headers={"X-LSW-Auth": sim.api_key, **headers}
    )


def _assert_leaseweb_error(response: httpx.Response, status: int) -> dict:
    assert response.status_code == status
    body = response.json()
    assert body["errorCode"] == str(status) and body["errorMessage"]
    assert body["correlationId"] == response.headers["APIGW-CORRELATION-ID"]
    return body


async def test_request_history_keeps_only_the_latest_records():
    sim = Simulator(clock=FakeClock(), vps_count=1, request_history=3)
    async with _client(sim) as client, _client(sim, **{"X-LSW-Auth": "wrong"}) as intruder:
        for offset in range(4):
            await client.get("/vps", params={"offset": offset})
        await intruder.get("/vps", params={"offset": 99})
    assert [(r.query, r.status) for r in sim.requests] == [
        ("offset=2", 200),
        ("offset=3", 200),
        ("offset=99", 401),
    ]
    assert [r.query for r in sim.requests[-2:]] == [
        "offset=3",
        "offset=99",
    ]  # list-style slices still work
    assert Simulator(clock=FakeClock(), vps_count=1).requests.maxlen == REQUEST_HISTORY == 10_000


async def test_deeply_nested_json_is_a_400_not_a_crash():
    sim = Simulator(clock=FakeClock(), vps_count=1)
    vps = pick(sim, lambda v: True)
    async with _client(sim) as client:
        response = await client.put(
            f"/vps/{vps.id}", content=b"[" * 50_000, headers={"Content-Type": "application/json"}
        )
    body = _assert_leaseweb_error(response, 400)
    assert body["errorDetails"] == {"body": ["The body is not valid JSON."]}
    assert sim.requests[-1].status == 400


@pytest.mark.parametrize("framing", ["content-length", "chunked"])
async def test_an_oversized_body_is_a_413_and_changes_nothing(framing):
    sim = Simulator(clock=FakeClock(), vps_count=1)
    vps = pick(sim, lambda v: True)
    before = vps.reference
    payload = b'{"reference": "' + b"x" * MAX_BODY_BYTES + b'"}'

    async def chunks():
        for start in range(0, len(payload), 4096):
            yield payload[start : start + 4096]

    content = payload if framing == "content-length" else chunks()
    async with _client(sim) as client:
        response = await client.put(
            f"/vps/{vps.id}", content=content, headers={"Content-Type": "application/json"}
        )
    _assert_leaseweb_error(response, 413)
    assert vps.reference == before and sim.requests[-1].status == 413


async def test_a_body_just_under_the_cap_is_still_handled():
    sim = Simulator(clock=FakeClock(), vps_count=1)
    vps = pick(sim, lambda v: True)
    padding = b" " * (MAX_BODY_BYTES - 32)
    async with _client(sim) as client:
        response = await client.put(
            f"/vps/{vps.id}",
            content=b'{"reference": "web-02"}' + padding,
            headers={"Content-Type": "application/json"},
        )
    assert response.status_code == 200 and vps.reference == "web-02"


async def test_a_405_carries_the_allow_header():
    sim = Simulator(clock=FakeClock(), vps_count=1)
    async with _client(sim) as client:
        response = await client.delete("/vps")
    _assert_leaseweb_error(response, 405)
    assert {m.strip() for m in response.headers["Allow"].split(",")} == {"GET", "HEAD"}


@pytest.mark.parametrize(
    ("suffix", "methods"),
    [
        ("", {"GET", "HEAD", "PUT"}),
        ("/credentials", {"GET", "HEAD", "POST", "DELETE"}),
        ("/credentials/OPERATING_SYSTEM/root", {"GET", "HEAD", "PUT", "DELETE"}),
        ("/snapshots", {"GET", "HEAD", "POST"}),
        ("/snapshots/e3e70682-c209-4cac-a29f-6fbed82c07cd", {"GET", "HEAD", "PUT", "DELETE"}),
    ],
)
async def test_a_405_names_every_method_of_a_path_with_several(suffix, methods):
    # Found by Schemathesis (allow_header_conformance): ``Allow`` named only the first route's.
    sim = Simulator(clock=FakeClock(), vps_count=1)
    vps = pick(sim, lambda v: True)
    async with _client(sim) as client:
        response = await client.request("PATCH", f"/vps/{vps.id}{suffix}")
    _assert_leaseweb_error(response, 405)
    assert {m.strip() for m in response.headers["Allow"].split(",")} == methods
