"""The generated demo world: deterministic, varied, consistent, and fast at 10,000 VPSes."""

from __future__ import annotations

import ipaddress
import time
from collections import Counter
from datetime import UTC, datetime

import pytest
from sim_helpers import make_client

from lswtui.sim import FakeClock, Simulator, build_world
from lswtui.sim.catalog import PACKS, REGIONS
from lswtui.sim.model import CONTROL_PANEL, RUNNING, STOPPED
from lswtui.sim.views import vps_details

NOW = datetime(2025, 3, 12, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def world():
    return build_world(seed=42, vps_count=25, now=NOW)


def _render(world):
    return [vps_details(v) for v in world.vps_list]


def test_same_seed_same_world_other_seed_other_world(world):
    assert _render(build_world(seed=42, vps_count=25, now=NOW)) == _render(world)
    assert _render(build_world(seed=7, vps_count=25, now=NOW)) != _render(world)


def test_every_region_datacenter_and_pack_is_used(world):
    assert {v.region for v in world.vps_list} == set(REGIONS)
    assert {v.pack for v in world.vps_list} == set(PACKS)
    for vps in world.vps_list:
        assert vps.region.datacenter == {r.name: r.datacenter for r in REGIONS}[vps.region.name]


def test_identifiers_and_addresses_are_unique_and_realistic(world):
    ids = [v.id for v in world.vps_list]
    assert len(set(ids)) == 25 and all(len(i) == 9 and i.isdigit() and i[0] != "0" for i in ids)
    ips = [ip.ip for v in world.vps_list for ip in v.ips]
    assert len(set(ips)) == len(ips)
    documentation = [
        ipaddress.ip_network(n) for n in ("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24")
    ]
    for vps in world.vps_list:
        for ip in vps.ips:
            address = ipaddress.ip_address(ip.ip)
            assert str(address) == ip.ip  # canonical spelling
            if ip.network_type == "INTERNAL":
                assert address.is_private and ip.ddos is None
            elif ip.version == 4:
                assert any(address in net for net in documentation)
            else:
                assert address in ipaddress.ip_network("2001:db8::/32")
        assert sum(ip.main for ip in vps.ips) == 1
    contracts = [v.contract.id for v in world.vps_list]
    assert len(set(contracts)) == 25 and all(len(c) == 14 for c in contracts)


def test_resources_match_the_pack_and_images_fit(world):
    for vps in world.vps_list:
        details = vps_details(vps)
        assert details["rootDiskSize"] == vps.pack.disk_gb
        assert details["resources"]["cpu"]["value"] == vps.pack.cpu
        assert details["resources"]["memory"]["value"] == vps.pack.memory_gib
        assert details["contract"]["dataTraffic"]["value"] == vps.pack.traffic_tb
        assert (vps.image.min_disk_size or 0) <= vps.root_disk_size
        assert not vps.image.custom or vps.image.region == vps.region.name


def test_market_app_vpses_are_consistent(world):
    apps = [v for v in world.vps_list if v.market_app_id]
    assert apps
    for vps in apps:
        assert vps.market_app_id in vps.image.market_apps
        assert vps.contract.control_panel
        assert any(c.type == CONTROL_PANEL for c in vps.credentials)
    assert all(v.contract.control_panel is None for v in world.vps_list if not v.market_app_id)


def test_contracts_are_plausible(world):
    types = Counter(v.contract.type for v in world.vps_list)
    assert types["HOURLY"] and types["MONTHLY"]
    assert any(v.contract.state == "DELETE_SCHEDULED" for v in world.vps_list)
    for c in (v.contract for v in world.vps_list):
        if c.type == "HOURLY":
            assert (c.term, c.billing_frequency) == (0, 1)
        else:
            assert c.billing_frequency <= c.term
        if c.ends_at is not None:
            assert c.ends_at > NOW > c.created_at


def test_the_world_is_varied(world):
    vpses = world.vps_list
    states = Counter(v.state for v in vpses)
    assert states[RUNNING] >= 15 and states[STOPPED] >= 2
    assert states["STARTING"] >= 1 and states["STOPPING"] >= 1
    assert sum(v.reference == "" for v in vpses) >= 2
    assert {"web-01", "db-primary", "mail"} <= {v.reference for v in vpses}
    assert sum(ip.reverse_lookup is not None for v in vpses for ip in v.ips) >= 5
    assert sum(v.iso is not None for v in vpses) >= 1
    assert sum(bool(v.snapshots) for v in vpses) >= 3
    assert 1 <= sum(ip.null_routed for v in vpses for ip in v.ips) <= 2
    assert sum(v.image.custom for v in vpses) >= 1
    assert len({v.image.flavour for v in vpses}) >= 4
    assert sum(any(c.username == "root" for c in v.credentials) for v in vpses) >= 15


@pytest.mark.parametrize("count", [0, 1, 6, 7, 9, 60])
def test_any_size_of_account_builds(count):
    world = build_world(seed=count, vps_count=count, now=NOW)
    assert len(world.vps_list) == count
    ips = [ip.ip for v in world.vps_list for ip in v.ips]
    assert len(set(ips)) == len(ips)


def test_a_large_account_stays_unique():
    world = build_world(seed=1, vps_count=10_000, now=NOW)
    assert len(world.vps) == 10_000
    assert len(world.ip_index) == sum(len(v.ips) for v in world.vps_list)


@pytest.mark.perf
def test_a_large_account_builds_fast():
    start = time.perf_counter()
    build_world(seed=1, vps_count=10_000, now=NOW)
    elapsed = time.perf_counter() - start
    assert elapsed < 2.0, f"10k VPS world took {elapsed:.2f}s"


@pytest.mark.perf
async def test_a_large_account_serves_pages_fast():
    sim = Simulator(vps_count=10_000, clock=FakeClock(NOW))
    async with make_client(sim) as client:
        start = time.perf_counter()
        last = await client.get("/vps", params={"limit": 50, "offset": 9_950})
        paged = time.perf_counter() - start
        start = time.perf_counter()
        filtered = await client.get(
            "/vps", params={"limit": 50, "region": "us-west-1", "state": "RUNNING"}
        )
        scanned = time.perf_counter() - start
    assert last.json()["_metadata"]["totalCount"] == 10_000 and len(last.json()["vps"]) == 50
    assert filtered.json()["_metadata"]["totalCount"] > 100
    assert paged < 0.25 and scanned < 0.5, (paged, scanned)
