"""The hostile fake API itself: each mode attacks as documented, and every request is recorded."""

from __future__ import annotations

import gzip
import io
import json
import time

import httpx
import pytest
from hostile_api import API_KEY, OSC52_WRITE, SLOW_WRITE_DELAY, HostileApi

AUTH = {"X-LSW-Auth": API_KEY}


def test_it_serves_the_endpoints_and_records_every_request(hostile_api):
    api = hostile_api()
    base = api.base_url
    listed = httpx.get(f"{base}/vps", params={"limit": 2, "offset": 1}, headers=AUTH)
    assert listed.json()["_metadata"] == {"totalCount": 3, "limit": 2, "offset": 1}
    assert [v["id"] for v in listed.json()["vps"]] == ["100000002", "100000009"]
    for suffix in (
        "",
        "/ips",
        "/snapshots",
        "/credentials",
        "/credentials/OPERATING_SYSTEM/root",
        "/console",
        "/metrics/datatraffic",
    ):
        assert httpx.get(f"{base}/vps/100000001{suffix}", headers=AUTH).status_code == 200, suffix
    assert httpx.get(f"{base}/isos", headers=AUTH).json()["isos"]
    assert httpx.get(f"{base}/vps", headers={"X-LSW-Auth": "wrong"}).status_code == 401
    assert api.writes() == []
    renamed = httpx.put(f"{base}/vps/100000002", json={"reference": "web-03"}, headers=AUTH)
    assert renamed.json()["reference"] == "web-03"
    assert httpx.post(f"{base}/vps/100000002/stop", headers=AUTH).status_code == 202
    assert [(r.method, r.path) for r in api.writes()] == [
        ("PUT", "/vps/100000002"),
        ("POST", "/vps/100000002/stop"),
    ]
    assert json.loads(api.writes()[0].body) == {"reference": "web-03"}
    assert len(api.seen()) == 12


def test_modes_poison_the_data(hostile_api):
    api = hostile_api("escape", "odd-ids", "echo-key")
    fleet = httpx.get(f"{api.base_url}/vps", headers=AUTH).json()["vps"]
    assert fleet[0]["reference"] == OSC52_WRITE + "web-01"
    assert {"\u2460", "9" * 5000, "0100000001", "100000001"} <= {v["id"] for v in fleet}
    failed = httpx.get(f"{api.base_url}/vps/100000001", headers=AUTH)
    assert failed.status_code == 503 and failed.headers["APIGW-CORRELATION-ID"] == API_KEY
    assert (
        API_KEY in failed.json()["correlationId"]
        and "\x1b]0;pwned" in failed.json()["errorMessage"]
    )


def test_nan_mode_sends_non_finite_numbers_as_raw_text(hostile_api):
    api = hostile_api("nan")
    text = httpx.get(f"{api.base_url}/vps/100000001/metrics/datatraffic", headers=AUTH).text
    assert all(f": {value}" in text for value in ("NaN", "Infinity", "1.5e308"))
    with pytest.raises(ValueError):
        json.loads(text, parse_constant=lambda name: (_ for _ in ()).throw(ValueError(name)))


def test_ignore_offset_mode_always_answers_page_zero(hostile_api):
    api = hostile_api("ignore-offset")
    page = httpx.get(
        f"{api.base_url}/vps", params={"limit": 50, "offset": 100}, headers=AUTH
    ).json()
    assert (
        page["_metadata"] == {"totalCount": 50_000, "limit": 50, "offset": 0}
        and len(page["vps"]) == 3
    )


def test_transport_attacks_spare_each_paths_first_answer(hostile_api):
    api = hostile_api("trickle")
    url = f"{api.base_url}/vps/100000001"
    assert httpx.get(url, headers=AUTH, timeout=2).status_code == 200
    with pytest.raises(httpx.ReadTimeout):
        httpx.get(url, headers=AUTH, timeout=1)


def test_endless_and_gzip_bomb_bodies(hostile_api):
    endless = hostile_api("endless")
    url = f"{endless.base_url}/vps"
    httpx.get(url, headers=AUTH)
    with httpx.stream("GET", url, headers=AUTH) as response:
        received = 0
        for chunk in response.iter_raw():
            received += len(chunk)
            if received > 4 * 1024 * 1024:
                break
    assert received > 4 * 1024 * 1024
    deadline = time.monotonic() + 5
    while not endless.endless_cut.is_set() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert endless.endless_cut.is_set()

    bomb = hostile_api("gzip-bomb")
    httpx.get(f"{bomb.base_url}/vps", headers=AUTH)
    with httpx.stream("GET", f"{bomb.base_url}/vps", headers=AUTH) as response:
        assert response.headers["Content-Encoding"] == "gzip"
        raw = b"".join(response.iter_raw())  # as sent, not inflated
    assert len(raw) < 2 * 1024 * 1024
    inflated = gzip.GzipFile(fileobj=io.BytesIO(raw)).read(64 * 1024 * 1024)
    assert len(inflated) == 64 * 1024 * 1024  # and far more behind it


def test_slow_write_delays_writes_not_reads(hostile_api):
    api = hostile_api("slow-write")
    assert httpx.get(f"{api.base_url}/vps", headers=AUTH, timeout=2).status_code == 200
    started = time.monotonic()
    with pytest.raises(httpx.ReadTimeout):
        httpx.post(f"{api.base_url}/vps/100000001/stop", headers=AUTH, timeout=1)
    assert time.monotonic() - started < SLOW_WRITE_DELAY


def test_it_stops_by_itself_and_refuses_unknown_modes():
    with pytest.raises(ValueError, match="unknown hostile mode"):
        HostileApi(["escapes"])
    api = HostileApi(lifetime=0.3).start()
    assert api.closed.wait(5)
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{api.base_url}/vps", headers=AUTH, timeout=1)
