"""GET /vps (paging, every filter), GET/PUT /vps/{id}, console."""

from __future__ import annotations

import re

import pytest
from sim_helpers import pick

from lswtui.sim.model import RUNNING, STOPPED


async def _all_pages(client, limit, **params):
    items, offset = [], 0
    while True:
        page = (
            await client.get("/vps", params={"limit": limit, "offset": offset, **params})
        ).json()
        meta = page["_metadata"]
        assert (meta["limit"], meta["offset"]) == (limit, offset)
        items += page["vps"]
        offset = meta["offset"] + meta["limit"]
        if offset >= meta["totalCount"]:
            return items, meta["totalCount"]


@pytest.mark.parametrize("limit", [1, 7, 25, 100])
async def test_pages_cover_the_fleet_once_in_order(client, sim, limit):
    items, total = await _all_pages(client, limit)
    assert total == 25
    assert [v["id"] for v in items] == [v.id for v in sim.state.vps_list]


async def test_paging_defaults_and_edges(client):
    default = (await client.get("/vps")).json()
    assert default["_metadata"] == {"totalCount": 25, "limit": 20, "offset": 0}
    assert len(default["vps"]) == 20
    beyond = (await client.get("/vps", params={"offset": 30, "limit": 5})).json()
    assert beyond == {"_metadata": {"totalCount": 25, "limit": 5, "offset": 30}, "vps": []}
    empty = (await client.get("/vps", params={"limit": 0})).json()
    assert empty["vps"] == [] and empty["_metadata"]["totalCount"] == 25


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("limit", "-1"),
        ("limit", "ten"),
        ("offset", "-5"),
        ("offset", "1.5"),
        ("state", "RUNNIG"),
        ("pack", "Leaseweb VPS 9"),
        ("region", "mars-1"),
    ],
)
async def test_bad_list_parameters_are_400(client, name, value):
    response = await client.get("/vps", params={name: value})
    assert response.status_code == 400
    assert list(response.json()["errorDetails"]) == [name]


def _expected(sim, keep):
    return [v.id for v in sim.state.vps_list if keep(v)]


async def _ids(client, **params):
    body = (await client.get("/vps", params={"limit": 100, **params})).json()
    assert body["_metadata"]["totalCount"] == len(body["vps"])
    return [v["id"] for v in body["vps"]]


async def test_filter_by_id_reference_and_ip(client, sim):
    vps = pick(sim, lambda v: v.reference == "db-primary")
    assert await _ids(client, id=vps.id) == [vps.id]
    assert await _ids(client, id="999999999") == []
    assert await _ids(client, reference="db-primary") == [vps.id]
    blanks = _expected(sim, lambda v: v.reference == "")
    assert blanks and await _ids(client, reference="") == blanks
    for ip in vps.ips:
        assert await _ids(client, ip=ip.ip) == [vps.id]
    assert await _ids(client, ip="198.51.100.0") == []
    v6 = next(ip.ip for ip in vps.ips if ip.version == 6)
    assert await _ids(client, ip=v6.upper().replace("::", ":0::")) == [vps.id]  # same address


async def test_filter_by_state_pack_region_and_combined(client, sim):
    for state in ("RUNNING", "STOPPED", "STARTING", "STOPPING"):
        assert await _ids(client, state=state) == _expected(sim, lambda v: v.state == state)
    for pack in sim.state.packs:
        assert await _ids(client, pack=pack) == _expected(sim, lambda v: v.pack.name == pack)
    for region in sim.state.regions:
        assert await _ids(client, region=region) == _expected(
            sim, lambda v: v.region.name == region
        )
    combined = _expected(sim, lambda v: v.state == RUNNING and v.region.name == "eu-west-3")
    assert await _ids(client, state="RUNNING", region="eu-west-3") == combined


async def test_filtered_lists_page_too(client, sim):
    running = _expected(sim, lambda v: v.state == RUNNING)
    items, total = await _all_pages(client, 4, state="RUNNING")
    assert total == len(running)
    assert [v["id"] for v in items] == running


async def test_summary_and_details_describe_the_same_vps(client, sim):
    vps = pick(sim, lambda v: v.iso is not None)
    summary = (await client.get("/vps", params={"id": vps.id})).json()["vps"][0]
    details = (await client.get(f"/vps/{vps.id}")).json()
    for key in summary:
        if key != "ips":
            assert details[key] == summary[key], key
    assert [{k: v for k, v in ip.items() if k != "ddos"} for ip in details["ips"]] == summary["ips"]
    assert details["iso"] == {"id": vps.iso.id, "name": vps.iso.name}
    assert details["resources"]["cpu"] == {"value": vps.pack.cpu, "unit": "vCPU"}
    assert details["contract"]["dataTraffic"] == {"value": vps.pack.traffic_tb, "unit": "TB"}


async def test_unset_reverse_lookup_is_empty_string_in_vps_bodies(client, sim):
    vps = pick(sim, lambda v: any(ip.reverse_lookup is None for ip in v.ips))
    details = (await client.get(f"/vps/{vps.id}")).json()
    unset = [
        ip
        for ip in details["ips"]
        if ip["ip"] in {i.ip for i in vps.ips if i.reverse_lookup is None}
    ]
    assert unset and all(ip["reverseLookup"] == "" for ip in unset)
    assert all(isinstance(ip["prefixLength"], str) for ip in details["ips"])


async def test_put_reference_returns_details_and_sticks(client, sim):
    vps = pick(sim, lambda v: v.reference == "mail")
    response = await client.put(f"/vps/{vps.id}", json={"reference": "mail-old", "ignored": 1})
    assert response.status_code == 200
    assert response.json()["reference"] == "mail-old"
    assert response.json()["contract"]["id"] == vps.contract.id
    assert vps.reference == "mail-old"
    assert await _ids(client, reference="mail-old") == [vps.id]
    cleared = await client.put(f"/vps/{vps.id}", json={"reference": ""})
    assert cleared.json()["reference"] == "" and vps.reference == ""


async def test_a_reference_has_at_most_255_characters(client, sim):
    """Leaseweb's spec gives references maxLength 255 (the VPS one has no limit of its own)."""
    vps = pick(sim, lambda v: v.reference == "mail")
    too_long = await client.put(f"/vps/{vps.id}", json={"reference": "é" * 256})
    assert too_long.status_code == 400 and list(too_long.json()["errorDetails"]) == ["reference"]
    assert vps.reference == "mail"
    assert (await client.put(f"/vps/{vps.id}", json={"reference": "é" * 255})).status_code == 200


async def test_console_url_is_novnc_with_a_fresh_token(client, sim):
    vps = pick(sim, lambda v: v.state == RUNNING)
    urls = [(await client.get(f"/vps/{vps.id}/console")).json()["url"] for _ in range(2)]
    pattern = (
        r"https://public-cloud\.leaseweb\.com/resource/noVNC/vnc\.html"
        r"\?autoconnect=true&port=8080&token=[\w-]{200,}"
    )
    assert all(re.fullmatch(pattern, url) for url in urls)
    assert urls[0] != urls[1]


async def test_console_needs_a_running_vps(client, sim):
    vps = pick(sim, lambda v: v.state == STOPPED)
    response = await client.get(f"/vps/{vps.id}/console")
    assert response.status_code == 400
    assert "running" in response.json()["errorMessage"]


async def test_requests_are_recorded(client, sim):
    vps = pick(sim, lambda v: v.state == RUNNING)
    await client.get("/vps", params={"state": "RUNNING", "limit": 2})
    await client.post(f"/vps/{vps.id}/reboot")
    assert len(sim.calls("POST", f"/vps/{vps.id}/reboot")) == 1
    listing = sim.calls("GET", "/vps")[0]
    assert (listing.query, listing.status) == ("state=RUNNING&limit=2", 200)
    assert listing.path == "/publicCloud/v1/vps"
    assert len(sim.requests) == 2
