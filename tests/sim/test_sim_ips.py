"""IPs of a VPS: list and filters, details, reverse lookup, null route and un-null."""

from __future__ import annotations

import pytest
from sim_helpers import pick

from lswtui.sim.model import NULLED_BY_MITIGATION

HOUR = 3600


@pytest.fixture
def vps(sim):
    return pick(
        sim, lambda v: len(v.ips) == 3 and v.main_ip.version == 4 and not v.main_ip.null_routed
    )


async def _ips(client, vps, **params):
    body = (await client.get(f"/vps/{vps.id}/ips", params=params)).json()
    assert body["_metadata"] == {"totalCount": len(body["ips"]), "limit": 20, "offset": 0}
    return body["ips"]


async def test_list_shows_details_with_null_for_unset_reverse_lookup(client, vps):
    ips = await _ips(client, vps)
    assert [ip["ip"] for ip in ips] == [ip.ip for ip in vps.ips]
    internal = next(ip for ip in ips if ip["networkType"] == "INTERNAL")
    assert internal["ddos"] is None and internal["reverseLookup"] is None
    public = [ip for ip in ips if ip["networkType"] == "PUBLIC"]
    assert all(ip["ddos"]["protectionType"] in ("STANDARD", "ADVANCED") for ip in public)
    assert [ip["mainIp"] for ip in ips] == [True, False, False]


async def test_list_filters(client, vps):
    v4 = [ip.ip for ip in vps.ips if ip.version == 4]
    v6 = [ip.ip for ip in vps.ips if ip.version == 6]
    assert [i["ip"] for i in await _ips(client, vps, version=4)] == v4
    assert [i["ip"] for i in await _ips(client, vps, version=6)] == v6
    assert await _ips(client, vps, nullRouted="true") == []
    assert len(await _ips(client, vps, nullRouted="false")) == 3
    wanted = f"{v4[0]}|{v6[0]}|192.0.2.254"
    assert [i["ip"] for i in await _ips(client, vps, ips=wanted)] == [v4[0], v6[0]]
    assert [i["ip"] for i in await _ips(client, vps, ips=wanted, version=6)] == v6
    await client.post(f"/vps/{vps.id}/ips/{v4[0]}/null")
    assert [i["ip"] for i in await _ips(client, vps, nullRouted="true")] == [v4[0]]


@pytest.mark.parametrize(("name", "value"), [("version", "5"), ("nullRouted", "perhaps")])
async def test_bad_list_filters_are_400(client, vps, name, value):
    response = await client.get(f"/vps/{vps.id}/ips", params={name: value})
    assert response.status_code == 400 and list(response.json()["errorDetails"]) == [name]


async def test_get_one_by_any_spelling(client, vps, sim):
    v6 = next(ip for ip in vps.ips if ip.version == 6)
    one = (await client.get(f"/vps/{vps.id}/ips/{v6.ip}")).json()
    assert one["ip"] == v6.ip and one["prefixLength"] == "64" and one["version"] == 6
    assert (await client.get(f"/vps/{vps.id}/ips/{v6.ip.upper()}")).json() == one
    other = pick(sim, lambda v: v is not vps)
    assert (await client.get(f"/vps/{vps.id}/ips/{other.ips[0].ip}")).status_code == 404
    assert (await client.get(f"/vps/{vps.id}/ips/not-an-ip")).status_code == 404


async def test_reverse_lookup_set_and_clear(client, vps):
    ip = vps.main_ip.ip
    response = await client.put(
        f"/vps/{vps.id}/ips/{ip}", json={"reverseLookup": "mx1.example.com"}
    )
    assert response.status_code == 200
    assert response.json()["reverseLookup"] == "mx1.example.com"
    assert vps.main_ip.reverse_lookup == "mx1.example.com"
    summary = (await client.get("/vps", params={"id": vps.id})).json()["vps"][0]
    assert summary["ips"][0]["reverseLookup"] == "mx1.example.com"
    cleared = await client.put(f"/vps/{vps.id}/ips/{ip}", json={"reverseLookup": ""})
    assert cleared.json()["reverseLookup"] is None
    details = (await client.get(f"/vps/{vps.id}")).json()
    assert details["ips"][0]["reverseLookup"] == ""


@pytest.mark.parametrize(
    "body",
    [
        {"reverseLookup": "not a host"},
        {"reverseLookup": "-bad-.example.com"},
        {},
        {"reverseLookup": ["x"]},
    ],
)
async def test_reverse_lookup_validation(client, vps, body):
    response = await client.put(f"/vps/{vps.id}/ips/{vps.main_ip.ip}", json=body)
    assert response.status_code == 400
    assert list(response.json()["errorDetails"]) == ["reverseLookup"]


async def test_null_route_is_immediate_in_the_api(client, vps):
    ip = vps.main_ip.ip
    response = await client.post(f"/vps/{vps.id}/ips/{ip}/null", json={"comment": "DDoS from here"})
    assert response.status_code == 200
    assert response.json()["nullRouted"] is True
    assert (await client.get(f"/vps/{vps.id}")).json()["ips"][0]["nullRouted"] is True
    assert vps.main_ip.null_comment == "DDoS from here"
    again = await client.post(f"/vps/{vps.id}/ips/{ip}/null")
    assert again.status_code == 400 and "already null routed" in again.json()["errorMessage"]


async def test_null_route_is_ipv4_only(client, vps):
    v6 = next(ip for ip in vps.ips if ip.version == 6)
    response = await client.post(f"/vps/{vps.id}/ips/{v6.ip}/null")
    assert response.status_code == 400
    assert response.json()["errorMessage"] == "Only IPv4 addresses can be null routed."
    assert not v6.null_routed


async def test_an_internal_ip_cannot_be_null_routed(client, sim):
    vps = pick(sim, lambda v: any(ip.network_type == "INTERNAL" for ip in v.ips))
    internal = next(ip for ip in vps.ips if ip.network_type == "INTERNAL")
    response = await client.post(f"/vps/{vps.id}/ips/{internal.ip}/null")
    assert response.status_code == 400
    assert (
        response.json()["errorMessage"]
        == f"IP {internal.ip} is an INTERNAL address; only public IPv4 addresses can be null routed."
    )
    assert not internal.null_routed


@pytest.mark.parametrize("hours", [0, 17521, -3, "2", 1.5, True])
async def test_automated_unnuling_is_1_to_17520_hours(client, vps, hours):
    response = await client.post(
        f"/vps/{vps.id}/ips/{vps.main_ip.ip}/null", json={"automatedUnnulingAt": hours}
    )
    assert response.status_code == 400
    assert list(response.json()["errorDetails"]) == ["automatedUnnulingAt"]
    assert not vps.main_ip.null_routed


async def _null_routed(client, vps, ip):
    return (await client.get(f"/vps/{vps.id}/ips/{ip}")).json()["nullRouted"]


async def test_automated_unnuling_lifts_the_null_route_after_that_many_hours(client, clock, vps):
    ip = vps.main_ip.ip
    await client.post(f"/vps/{vps.id}/ips/{ip}/null", json={"automatedUnnulingAt": 3})
    clock.advance(3 * HOUR - 1)
    assert await _null_routed(client, vps, ip) is True
    clock.advance(1)
    assert await _null_routed(client, vps, ip) is False


async def test_a_stale_automatic_unnull_does_not_lift_a_newer_null_route(client, clock, vps):
    ip = vps.main_ip.ip
    await client.post(f"/vps/{vps.id}/ips/{ip}/null", json={"automatedUnnulingAt": 1})
    assert (await client.post(f"/vps/{vps.id}/ips/{ip}/unnull")).json()["nullRouted"] is False
    await client.post(f"/vps/{vps.id}/ips/{ip}/null")  # no automatic unnull this time
    clock.advance(2 * HOUR)
    assert await _null_routed(client, vps, ip) is True


async def test_unnull_rules(client, sim, clock, vps):
    not_nulled = await client.post(f"/vps/{vps.id}/ips/{vps.main_ip.ip}/unnull")
    assert not_nulled.status_code == 400
    mitigated = pick(sim, lambda v: v.main_ip and v.main_ip.nulled_by == NULLED_BY_MITIGATION)
    ip = mitigated.main_ip.ip
    refused = await client.post(f"/vps/{mitigated.id}/ips/{ip}/unnull")
    assert refused.status_code == 400 and "DDoS mitigation" in refused.json()["errorMessage"]
    clock.advance(2 * HOUR)  # the demo's mitigation ends by itself
    assert await _null_routed(client, mitigated, ip) is False


async def test_the_demo_world_has_a_customer_null_route_to_lift(client, sim):
    nulled = pick(
        sim,
        lambda v: (
            v.main_ip and v.main_ip.null_routed and v.main_ip.nulled_by != NULLED_BY_MITIGATION
        ),
    )
    response = await client.post(f"/vps/{nulled.id}/ips/{nulled.main_ip.ip}/unnull")
    assert response.status_code == 200 and response.json()["nullRouted"] is False
