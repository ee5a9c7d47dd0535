"""The ISO catalogue, attach and detach."""

from __future__ import annotations

from sim_helpers import pick


async def iso_of(client, vps):
    return (await client.get(f"/vps/{vps.id}")).json()["iso"]


async def test_iso_catalogue_pages(client, sim):
    first = (await client.get("/isos", params={"limit": 2})).json()
    assert first["isos"] == [
        {"id": "GRML", "name": "GRML 2022.11"},
        {"id": "ACRONIS_BOOT_MEDIA", "name": "Acronis Boot Media"},
    ]
    total = first["_metadata"]["totalCount"]
    assert total == len(sim.state.isos) >= 6
    rest = (await client.get("/isos", params={"limit": 50, "offset": 2})).json()["isos"]
    assert len(rest) == total - 2


async def test_attach_takes_effect_after_a_short_delay(client, sim, clock):
    vps = pick(sim, lambda v: v.iso is None)
    response = await client.post(f"/vps/{vps.id}/attachIso", json={"isoId": "SYSTEMRESCUE"})
    assert (response.status_code, response.content) == (202, b"")
    assert await iso_of(client, vps) is None
    clock.advance(sim.timings.iso)
    assert await iso_of(client, vps) == {"id": "SYSTEMRESCUE", "name": "SystemRescue 11.02"}


async def test_detach_takes_effect_after_a_short_delay(client, sim, clock):
    vps = pick(sim, lambda v: v.iso is not None)
    assert (await client.post(f"/vps/{vps.id}/detachIso")).status_code == 202
    assert await iso_of(client, vps) is not None
    clock.advance(sim.timings.iso)
    assert await iso_of(client, vps) is None


async def test_attach_needs_no_iso_attached_or_on_its_way(client, sim):
    attached = pick(sim, lambda v: v.iso is not None)
    response = await client.post(f"/vps/{attached.id}/attachIso", json={"isoId": "GRML"})
    assert response.status_code == 400
    assert "already has an ISO attached" in response.json()["errorMessage"]
    free = pick(sim, lambda v: v.iso is None)
    assert (
        await client.post(f"/vps/{free.id}/attachIso", json={"isoId": "GRML"})
    ).status_code == 202
    again = await client.post(f"/vps/{free.id}/attachIso", json={"isoId": "FINNIX"})
    assert again.status_code == 400


async def test_attach_needs_a_known_iso(client, sim):
    vps = pick(sim, lambda v: v.iso is None)
    unknown = await client.post(f"/vps/{vps.id}/attachIso", json={"isoId": "WINDOWS_95"})
    assert unknown.status_code == 400 and list(unknown.json()["errorDetails"]) == ["isoId"]
    missing = await client.post(f"/vps/{vps.id}/attachIso", json={})
    assert missing.json()["errorDetails"] == {"isoId": ["This field is required."]}
    assert vps.iso_target is None


async def test_detach_needs_an_iso(client, sim):
    vps = pick(sim, lambda v: v.iso is None)
    response = await client.post(f"/vps/{vps.id}/detachIso")
    assert response.status_code == 400
    assert response.json()["errorMessage"] == "The VPS has no ISO attached."
    attached = pick(sim, lambda v: v.iso is not None)
    assert (await client.post(f"/vps/{attached.id}/detachIso")).status_code == 202
    assert (await client.post(f"/vps/{attached.id}/detachIso")).status_code == 400
