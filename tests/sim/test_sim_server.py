"""``serve``: loopback only by default, prints how to connect, and really serves HTTP."""

from __future__ import annotations

import socket
import threading
import time

import httpx
import pytest
import uvicorn

from lswtui.sim import server


def test_banner_has_url_key_and_a_curl_example():
    text = server.banner("127.0.0.1", 8123, "k3y", vps_count=25, seed=42)
    assert "http://127.0.0.1:8123/publicCloud/v1" in text
    assert "k3y" in text
    assert "curl -s -H 'X-LSW-Auth: k3y' 'http://127.0.0.1:8123/publicCloud/v1/vps?limit=5'" in text
    assert "http://[::1]:8080/publicCloud/v1" in server.banner("::1", 8080, "k", vps_count=1, seed=1)


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("127.0.0.2", True), ("::1", True), ("localhost", True),
    ("0.0.0.0", False), ("::", False), ("192.0.2.10", False), ("example.com", False),
])
def test_loopback_detection(host, loopback):
    assert server.is_loopback(host) is loopback


def test_non_loopback_hosts_are_refused_unless_allowed(monkeypatch):
    runs = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: runs.append(kw))
    with pytest.raises(ValueError, match="allow_remote"):
        server.serve("0.0.0.0", 8080)
    assert runs == []
    with pytest.warns(UserWarning, match="other machines"):
        server.serve("0.0.0.0", 8080, vps_count=3, allow_remote=True)
    assert runs == [{"host": "0.0.0.0", "port": 8080, "log_level": "warning"}]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_prints_a_random_key_and_answers_over_http(monkeypatch, capsys):
    captured = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: captured.update(app=app, **kw))
    port = _free_port()
    server.serve(port=port, vps_count=5, seed=3)
    printed = capsys.readouterr().out
    key = printed.split("API key")[1].split()[0]
    assert len(key) >= 24 and f"http://127.0.0.1:{port}/publicCloud/v1" in printed
    real = uvicorn.Server(uvicorn.Config(captured["app"], host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=real.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 5
        while not real.started and time.monotonic() < deadline:
            time.sleep(0.01)
        base = f"http://127.0.0.1:{port}/publicCloud/v1"
        ok = httpx.get(f"{base}/vps", params={"limit": 2}, headers={"X-LSW-Auth": key})
        denied = httpx.get(f"{base}/vps")
    finally:
        real.should_exit = True
        thread.join(5)
    assert ok.status_code == 200 and ok.json()["_metadata"]["totalCount"] == 5
    assert denied.status_code == 401 and "APIGW-CORRELATION-ID" in denied.headers
