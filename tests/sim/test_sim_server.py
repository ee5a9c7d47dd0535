"""``serve``: loopback only by default, prints how to connect, and really serves HTTP."""

from __future__ import annotations

import httpx
import pytest
from sim_helpers import free_port

from lswtui.sim import server
from lswtui.sim.faults import Faults
from lswtui.sim.http_limits import UVICORN_LIMITS


def test_banner_has_url_key_and_a_curl_example():
    text = server.banner("127.0.0.1", 8123, "k3y", vps_count=25, seed=42)
    assert "http://127.0.0.1:8123/publicCloud/v1" in text
    assert "k3y" in text
    assert "curl -s -H 'X-LSW-Auth: k3y' 'http://127.0.0.1:8123/publicCloud/v1/vps?limit=5'" in text
    assert "http://[::1]:8080/publicCloud/v1" in server.banner(
        "::1", 8080, "k", vps_count=1, seed=1
    )


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("::1", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.0.2.10", False),
        ("example.com", False),
    ],
)
def test_loopback_detection(host, loopback):
    assert server.is_loopback(host) is loopback


def test_non_loopback_hosts_are_refused_unless_allowed(runs):
    with pytest.raises(ValueError, match="--allow-remote"):
        server.serve("0.0.0.0", 8080)
    assert runs == []
    port = free_port()
    with pytest.warns(UserWarning, match="other machines"):
        server.serve("0.0.0.0", port, vps_count=3, allow_remote=True)
    [(config, address)] = runs
    assert address == ("0.0.0.0", port) and config.log_level == "warning"
    assert {name: getattr(config, name) for name in UVICORN_LIMITS} == UVICORN_LIMITS


def test_serve_prints_a_random_key_and_answers_over_http(runs, capsys):
    port = free_port()
    server.serve(port=port, vps_count=5, seed=3)
    printed = capsys.readouterr().out
    key = printed.split("API key")[1].split()[0]
    assert len(key) >= 24 and f"http://127.0.0.1:{port}/publicCloud/v1" in printed
    assert "faults" not in printed
    [(_, address)] = runs
    assert address == ("127.0.0.1", port)
    with runs.serving() as base:
        ok = httpx.get(f"{base}/vps", params={"limit": 2}, headers={"X-LSW-Auth": key})
        denied = httpx.get(f"{base}/vps")
    assert ok.status_code == 200 and ok.json()["_metadata"]["totalCount"] == 5
    assert denied.status_code == 401 and "APIGW-CORRELATION-ID" in denied.headers


def test_serve_with_faults_says_so_and_injects_them(runs, capsys):
    port = free_port()
    server.serve(
        port=port, vps_count=2, api_key="k", faults=Faults.parse("readonly,latency=10ms", seed=9)
    )
    assert "faults    latency=10ms,readonly (fault seed 9)" in capsys.readouterr().out
    with runs.serving() as base:
        listed = httpx.get(f"{base}/vps", headers={"X-LSW-Auth": "k"})
        vps_id = listed.json()["vps"][0]["id"]
        forbidden = httpx.post(f"{base}/vps/{vps_id}/stop", headers={"X-LSW-Auth": "k"})
    assert listed.status_code == 200 and forbidden.status_code == 403
