"""``lswtui sim --request-log``: one JSON line per request, in order, with the status it got."""

from __future__ import annotations

import json

import httpx
from sim_helpers import free_port

from lswtui.sim import server


def test_request_log_has_one_json_line_per_request(runs, capsys, tmp_path):
    log = tmp_path / "requests.jsonl"
    server.serve(port=free_port(), vps_count=3, api_key="k", request_log=log)
    assert f"requests  logged to {log}" in capsys.readouterr().out
    with runs.serving() as base:
        vps_id = httpx.get(f"{base}/vps", params={"limit": 1}, headers={"X-LSW-Auth": "k"}).json()[
            "vps"
        ][0]["id"]
        httpx.post(f"{base}/vps/{vps_id}/reboot", headers={"X-LSW-Auth": "k"})
        httpx.get(f"{base}/vps/{vps_id}")
    lines = [json.loads(line) for line in log.read_text().splitlines()]
    assert lines == [
        {"method": "GET", "path": "/publicCloud/v1/vps", "query": "limit=1", "status": 200},
        {
            "method": "POST",
            "path": f"/publicCloud/v1/vps/{vps_id}/reboot",
            "query": "",
            "status": 202,
        },
        {"method": "GET", "path": f"/publicCloud/v1/vps/{vps_id}", "query": "", "status": 401},
    ]


def test_no_request_log_unless_asked(runs, capsys):
    server.serve(port=free_port(), vps_count=1, api_key="k")
    assert "logged to" not in capsys.readouterr().out
    [(config, _)] = runs
    assert not isinstance(config.app, server.RequestLogFile)
