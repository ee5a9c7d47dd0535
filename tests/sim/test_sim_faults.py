"""Fault injection: the spec, each fault as a client sees it, determinism, and over real HTTP."""

from __future__ import annotations

import json
import time

import httpx
import pytest
from sim_helpers import free_port, pick, serving

from lswtui.sim import FakeClock, Simulator
from lswtui.sim.faults import UNKNOWN_FIELD, UNKNOWN_STATE, Faults, FaultSpecError

FULL_SPEC = (
    "latency=200ms,jitter=100ms,5xx=0.1,429=0.05,drop=0.02,timeout=0.01,"
    "malformed=0.02,html=0.02,unknown=0.1,readonly"
)


def faulty(spec: str, seed: int = 0, **kw) -> Simulator:
    return Simulator(
        clock=FakeClock(),
        vps_count=kw.pop("vps_count", 5),
        extra_layers=[Faults.parse(spec, seed=seed).layer(**kw)],
    )


async def outcome(sim: Simulator, method: str, path: str) -> tuple:
    """(status, content type, body) or (exception name,) for one raw request."""
    async with sim.client() as client:
        try:
            response = await client.request(method, path)
        except httpx.HTTPError as exc:
            return (type(exc).__name__,)
    return response.status_code, response.headers.get("content-type", ""), response.text


# -- the spec ----------------------------------------------------------------------------------


def test_the_full_spec_parses_and_describes_itself_back():
    plan = Faults.parse(FULL_SPEC, seed=7)
    assert (plan.latency, plan.jitter, plan.server_error, plan.rate_limited) == (
        0.2,
        0.1,
        0.1,
        0.05,
    )
    assert (plan.drop, plan.timeout, plan.malformed, plan.html, plan.unknown) == (
        0.02,
        0.01,
        0.02,
        0.02,
        0.1,
    )
    assert plan.readonly and plan.seed == 7
    assert plan.describe() == FULL_SPEC
    assert (
        Faults.parse(" 5xx = 0.5 , retry_after=2s,hang=1500ms ").describe()
        == "5xx=0.5,retry_after=2s,hang=1.5s"
    )
    assert Faults.parse("").describe() == "none"


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("boom=1", "unknown fault 'boom'"),
        ("5xx=2", "between 0 and 1"),
        ("drop=often", "needs a rate"),
        ("drop", "needs a value"),
        ("latency=fast", "needs a duration"),
        ("readonly=yes", "takes no value"),
        ("5xx=0.6,timeout=0.6", "add up to more than 1"),
    ],
)
def test_bad_specs_say_what_is_wrong(spec, message):
    with pytest.raises(FaultSpecError, match=message):
        Faults.parse(spec)


# -- each fault --------------------------------------------------------------------------------


async def test_5xx_has_a_leaseweb_body_and_only_502_504_reach_the_api():
    seen = set()
    for seed in range(12):
        sim = faulty("5xx=1", seed)
        vps = pick(sim, lambda v: v.state == "RUNNING")
        status, kind, body = await outcome(sim, "POST", f"/vps/{vps.id}/stop")
        seen.add(status)
        assert "json" in kind and json.loads(body)["errorCode"] == str(status)
        assert json.loads(body)["correlationId"] == sim.requests[-1].correlation_id
        assert json.loads(body)["reference"] == "https://developer.leaseweb.com/errors/APP00800"
        assert (vps.state == "STOPPING") == (status in (502, 504)), status
        assert sim.requests[-1].fault == "5xx"
    assert seen == {500, 502, 503, 504}


async def test_429_carries_retry_after_and_reaches_nothing():
    sim = faulty("429=1,retry_after=3s")
    vps = pick(sim, lambda v: v.state == "RUNNING")
    async with sim.client() as client:
        response = await client.post(f"/vps/{vps.id}/stop")
    assert response.status_code == 429 and response.headers["Retry-After"] == "3"
    assert vps.state == "RUNNING"


async def test_readonly_forbids_writes_only():
    sim = faulty("readonly")
    vps = pick(sim, lambda v: v.state == "RUNNING")
    assert (await outcome(sim, "GET", "/vps"))[0] == 200
    status, _, body = await outcome(sim, "POST", f"/vps/{vps.id}/stop")
    assert (
        status == 403
        and json.loads(body)["errorMessage"] == "Access to the requested resource is forbidden."
    )
    assert vps.state == "RUNNING" and sim.requests[-1].fault == "readonly"


@pytest.mark.parametrize(
    ("spec", "error"), [("drop=1", "RemoteProtocolError"), ("timeout=1", "ReadTimeout")]
)
async def test_drop_and_timeout_raise_the_httpx_error_after_the_api_acted(spec, error):
    sim = faulty(spec)
    vps = pick(sim, lambda v: v.state == "RUNNING")
    assert await outcome(sim, "POST", f"/vps/{vps.id}/stop") == (error,)
    assert vps.state == "STOPPING"
    assert [(r.method, r.fault) for r in sim.requests] == [("POST", spec.split("=")[0])]


async def test_malformed_cuts_a_json_body_short():
    status, kind, body = await outcome(faulty("malformed=1"), "GET", "/vps")
    assert status == 200 and "json" in kind
    with pytest.raises(ValueError):
        json.loads(body)


async def test_html_is_a_gateway_page_with_a_correlation_header():
    sim = faulty("html=1")
    async with sim.client() as client:
        response = await client.get("/vps")
    assert response.status_code in (502, 503, 504)
    assert response.headers["content-type"] == "text/html"
    assert "<title>" in response.text and "nginx" in response.text
    assert response.headers["APIGW-CORRELATION-ID"] == sim.requests[-1].correlation_id


async def test_unknown_adds_fields_and_state_values_nobody_knows():
    status, _, body = await outcome(faulty("unknown=1"), "GET", "/vps")
    data = json.loads(body)
    assert status == 200 and UNKNOWN_FIELD in data and UNKNOWN_FIELD in data["_metadata"]
    assert {vps["state"] for vps in data["vps"]} == {UNKNOWN_STATE}
    assert all(UNKNOWN_FIELD in vps and UNKNOWN_FIELD in vps["image"] for vps in data["vps"])


async def test_latency_delays_answers():
    started = time.perf_counter()
    assert (await outcome(faulty("latency=150ms,jitter=50ms"), "GET", "/vps"))[0] == 200
    assert time.perf_counter() - started >= 0.1


# -- determinism -------------------------------------------------------------------------------


async def fates(seed: int, order: list[str]) -> dict[str, list]:
    sim = faulty("5xx=0.2,429=0.1,drop=0.1,timeout=0.1,malformed=0.1,html=0.1", seed)
    for path in order:
        await outcome(sim, "GET", path)
    result: dict[str, list] = {}
    for record in sim.requests:
        result.setdefault(record.api_path + "?" + record.query, []).append(
            (record.status, record.fault)
        )
    return result


async def test_same_seed_same_faults_whatever_the_interleaving():
    paths = [f"/vps?limit={n}" for n in range(1, 9)] * 3
    first = await fates(5, paths)
    assert first == await fates(5, list(reversed(paths)))
    assert first != await fates(6, paths)
    assert len({fault for faults in first.values() for _, fault in faults}) > 3


# -- over real HTTP ----------------------------------------------------------------------------


def test_over_http_a_drop_cuts_the_body_short():
    sim = faulty("drop=1", vps_count=3, in_process=False)
    with (
        serving(sim.app, free_port()) as base,
        pytest.raises(httpx.RemoteProtocolError, match=r"incomplete|complete message"),
    ):
        httpx.get(f"{base}/vps", headers={"X-LSW-Auth": sim.api_key})
    assert [r.fault for r in sim.requests] == ["drop"]


def test_over_http_a_timeout_keeps_the_client_waiting():
    sim = faulty("timeout=1,hang=2s", vps_count=3, in_process=False)
    with serving(sim.app, free_port()) as base:
        started = time.monotonic()
        with pytest.raises(httpx.ReadTimeout):
            httpx.get(f"{base}/vps", headers={"X-LSW-Auth": sim.api_key}, timeout=0.5)
        assert time.monotonic() - started < 1.5
