"""The typed client against the simulator, for every operation of the reference.

The simulator builds its JSON from its own records and the client parses it with its own
models, so a disagreement between the two about a path, a status code or a shape fails here.
Each test checks what the client returned and what changed on the simulator's side.
"""

from __future__ import annotations

from datetime import date, timedelta

import httpx
import pytest

from lswtui.api import Accepted, ApiError, LeasewebClient
from lswtui.sim import DEMO_BASE_URL, Simulator
from tests.conftest import requests_to


def _vps(sim, predicate=lambda v: True):
    return next(v for v in sorted(sim.state.vps.values(), key=lambda v: int(v.id)) if predicate(v))


@pytest.fixture
async def client(make_client) -> LeasewebClient:
    async with make_client() as client:
        yield client


async def test_list_all_vps_pages_and_every_filter(sim, client):
    everything = await client.list_all_vps()
    assert {v.id for v in everything} == set(sim.state.vps)
    assert len(requests_to(sim, "GET", "/vps")) >= 1
    page = await client.list_vps(limit=5, offset=5)
    assert len(page.items) == 5 and page.metadata.total_count == 25 and page.metadata.offset == 5
    target = _vps(sim, lambda v: v.reference)
    for filters, expected in (
        ({"id": target.id}, {target.id}),
        (
            {"reference": target.reference},
            {v.id for v in sim.state.vps.values() if v.reference == target.reference},
        ),
        ({"ip": target.main_ip.ip}, {target.id}),
        ({"state": "STOPPED"}, {v.id for v in sim.state.vps.values() if v.state == "STOPPED"}),
        (
            {"pack": target.pack.name},
            {v.id for v in sim.state.vps.values() if v.pack.name == target.pack.name},
        ),
        (
            {"region": target.region.name},
            {v.id for v in sim.state.vps.values() if v.region.name == target.region.name},
        ),
    ):
        assert {v.id for v in await client.list_all_vps(**filters)} == expected, filters


async def test_get_and_update_reference(sim, client):
    vps = _vps(sim, lambda v: v.iso is not None)
    details = await client.get_vps(vps.id)
    assert details.id == vps.id and details.iso.id == vps.iso.id
    assert details.contract.id == vps.contract.id and details.resources.cpu.value == vps.pack.cpu
    assert {ip.ip for ip in details.ips} == {ip.ip for ip in vps.ips}
    updated = await client.update_vps_reference(vps.id, "renamed-by-client")
    assert updated.reference == "renamed-by-client" == sim.state.vps[vps.id].reference


async def test_power_operations_move_state(sim, clock, client):
    vps = _vps(sim, lambda v: v.state == "RUNNING")
    assert isinstance(await client.stop_vps(vps.id), Accepted)
    assert (await client.get_vps(vps.id)).state == "STOPPING"
    clock.advance(sim.timings.stop + 0.1)
    assert (await client.get_vps(vps.id)).state == "STOPPED"
    with pytest.raises(ApiError) as stopped_twice:
        await client.stop_vps(vps.id)
    assert stopped_twice.value.status == 400 and stopped_twice.value.correlation_id
    accepted = await client.start_vps(vps.id)
    assert accepted.status_code == 202 and accepted.correlation_id
    clock.advance(sim.timings.start + 0.1)
    assert (await client.get_vps(vps.id)).state == "RUNNING"
    await client.reboot_vps(vps.id)
    assert (await client.get_vps(vps.id)).state == "STOPPING"
    clock.advance(sim.timings.reboot + 0.1)
    assert (await client.get_vps(vps.id)).state == "RUNNING"


async def test_console(sim, client):
    vps = _vps(sim, lambda v: v.state == "RUNNING")
    console = await client.get_console(vps.id)
    assert console.url.startswith("https://")


async def test_credential_operations(sim, clock, client):
    vps = _vps(sim, lambda v: v.credentials)
    existing = vps.credentials[0]
    listed = await client.list_credentials(vps.id)
    assert {(c.type, c.username) for c in listed} == {(c.type, c.username) for c in vps.credentials}
    by_type = await client.list_credentials_by_type(vps.id, existing.type)
    assert all(c.type == existing.type for c in by_type) and by_type
    full = await client.get_credential(vps.id, existing.type, existing.username)
    assert full.password == existing.password
    stored = await client.store_credential(
        vps.id, "CONTROL_PANEL", "ops.admin@example", "s3cret-Pass"
    )
    assert stored.password == "s3cret-Pass"
    assert sim.state.vps[vps.id].find_credential("CONTROL_PANEL", "ops.admin@example")
    updated = await client.update_credential(
        vps.id, "CONTROL_PANEL", "ops.admin@example", "n3w-Pass"
    )
    assert (
        updated.password
        == "n3w-Pass"
        == sim.state.vps[vps.id].find_credential("CONTROL_PANEL", "ops.admin@example").password
    )
    assert (
        await client.delete_credential(vps.id, "CONTROL_PANEL", "ops.admin@example")
    ).status_code == 204
    assert not sim.state.vps[vps.id].find_credential("CONTROL_PANEL", "ops.admin@example")
    with pytest.raises(ApiError) as bad_name:
        await client.store_credential(vps.id, "OPERATING_SYSTEM", "bad name!", "x")
    assert bad_name.value.status == 400
    before = sim.state.vps[vps.id].find_credential("OPERATING_SYSTEM", "root")
    old_password = before.password if before else None
    assert (await client.reset_password(vps.id)).status_code == 202
    clock.advance(sim.timings.password_reset + 0.1)
    after = await client.get_credential(vps.id, "OPERATING_SYSTEM", "root")
    if not (vps.main_ip and vps.main_ip.null_routed):
        assert after.password != old_password
    assert (await client.delete_all_credentials(vps.id)).status_code == 204
    assert await client.list_credentials(vps.id) == []


async def test_iso_operations(sim, clock, client):
    isos = await client.list_all_isos()
    assert {i.id for i in isos} == set(sim.state.isos)
    vps = _vps(sim, lambda v: v.iso is None and v.state == "RUNNING")
    await client.attach_iso(vps.id, isos[0].id)
    clock.advance(sim.timings.iso + 0.1)
    assert (await client.get_vps(vps.id)).iso.id == isos[0].id
    with pytest.raises(ApiError) as twice:
        await client.attach_iso(vps.id, isos[0].id)
    assert twice.value.status == 400
    await client.detach_iso(vps.id)
    clock.advance(sim.timings.iso + 0.1)
    assert (await client.get_vps(vps.id)).iso is None


async def test_image_catalogues_and_reinstall(sim, clock, client):
    images = await client.list_all_images()
    assert images and all(i.id for i in images)
    assert all(i.custom for i in await client.list_all_images(custom=True))
    assert all(i.flavour == "ubuntu" for i in await client.list_all_images(flavour="ubuntu"))
    vps = _vps(sim, lambda v: not v.snapshots and v.state == "RUNNING")
    choices = await client.list_all_reinstall_images(vps.id)
    target = next(i for i in choices if i.id != vps.image.id and not i.custom)
    assert (await client.reinstall_vps(vps.id, target.id)).status_code == 202
    clock.advance(sim.timings.stop + sim.timings.reinstall + 0.5)
    details = await client.get_vps(vps.id)
    assert (details.state, details.image.id) == ("RUNNING", target.id)
    blocked = _vps(sim, lambda v: v.snapshots)
    with pytest.raises(ApiError) as refused:
        await client.reinstall_vps(blocked.id, target.id)
    assert refused.value.status == 400
    assert await client.list_market_apps()
    assert {r.name for r in await client.list_all_regions()} >= {"eu-west-3", "ap-northeast-1"}


async def test_data_traffic(sim, client):
    vps = _vps(sim)
    today = date(2026, 11, 27)
    metrics = await client.get_data_traffic(vps.id, today - timedelta(days=7), today)
    down = metrics.metrics.down_public.values
    assert len(down) == 7
    assert metrics.metadata.summary.down_public.total == pytest.approx(sum(v.value for v in down))
    assert metrics.metadata.summary.down_public.peak.value == max(v.value for v in down)


async def test_snapshot_operations(sim, clock, client):
    vps = _vps(sim, lambda v: not v.snapshots and v.state == "RUNNING")
    assert (await client.create_snapshot(vps.id, "before-upgrade")).status_code == 202
    [snapshot] = await client.list_all_snapshots(vps.id)
    assert (snapshot.display_name, snapshot.state) == ("before-upgrade", "CREATING")
    clock.advance(sim.timings.snapshot + 0.1)
    assert (await client.get_snapshot(vps.id, snapshot.id)).state == "READY"
    with pytest.raises(ApiError):
        await client.create_snapshot(vps.id, "second")
    assert (await client.restore_snapshot(vps.id, snapshot.id)).status_code == 202
    clock.advance(sim.timings.stop + sim.timings.restore + 0.5)
    assert (await client.get_vps(vps.id)).state == "RUNNING"
    assert (await client.delete_snapshot(vps.id, snapshot.id)).status_code == 202
    clock.advance(sim.timings.snapshot_delete + 0.1)
    assert await client.list_all_snapshots(vps.id) == []
    with pytest.raises(ApiError) as gone:
        await client.get_snapshot(vps.id, snapshot.id)
    assert gone.value.status == 404


async def test_ip_operations(sim, clock, client):
    vps = _vps(sim, lambda v: any(ip.version == 6 for ip in v.ips) and not v.main_ip.null_routed)
    ips = await client.list_ips(vps.id)
    assert {ip.ip for ip in ips} == {ip.ip for ip in vps.ips}
    assert all(ip.version == 6 for ip in await client.list_ips(vps.id, version=6))
    main = vps.main_ip.ip
    assert [ip.ip for ip in await client.list_ips(vps.id, ips=[main])] == [main]
    assert (await client.get_ip(vps.id, main)).main_ip
    renamed = await client.update_reverse_lookup(vps.id, main, "edge-1.example.com")
    assert (
        renamed.reverse_lookup
        == "edge-1.example.com"
        == sim.state.vps[vps.id].find_ip(main).reverse_lookup
    )
    nulled = await client.null_route_ip(vps.id, main, comment="DDoS", automated_unnuling_at=2)
    assert nulled.null_routed and sim.state.vps[vps.id].find_ip(main).null_routed
    assert [ip.ip for ip in await client.list_ips(vps.id, null_routed=True)] == [main]
    clock.advance(2 * 3600 + 1)
    assert not (await client.get_ip(vps.id, main)).null_routed
    await client.null_route_ip(vps.id, main)
    assert not (await client.unnull_ip(vps.id, main)).null_routed
    v6 = next(ip.ip for ip in vps.ips if ip.version == 6)
    with pytest.raises(ApiError) as v6_refused:
        await client.null_route_ip(vps.id, v6)
    assert v6_refused.value.status == 400


async def test_unknown_resources_are_404_with_correlation_id(client):
    with pytest.raises(ApiError) as missing:
        await client.get_vps("999999999")
    assert (
        missing.value.status == 404 and missing.value.correlation_id and missing.value.error_message
    )


async def test_a_server_error_gives_the_user_message_and_reference(sim):
    def crashing_layer(app):
        async def crash(scope, receive, send):
            raise RuntimeError("boom")

        return crash

    broken = Simulator(clock=sim.clock, extra_layers=[crashing_layer])
    transport = httpx.ASGITransport(app=broken.app, raise_app_exceptions=False)
    async with LeasewebClient.create(
        broken.api_key, base_url=DEMO_BASE_URL, transport=transport
    ) as client:
        with pytest.raises(ApiError) as caught:
            await client.stop_vps(_vps(broken).id)
    error = caught.value
    assert error.status == 500
    assert error.user_message == "Cannot handle your request at the moment. Please try again later."
    assert error.reference == "https://developer.leaseweb.com/errors/APP00800"
    assert error.user_message in error.describe() and error.reference in error.describe()
