"""Catalogue lists (images and their filters, market apps, regions), reinstall images and
the reinstall itself."""

from __future__ import annotations

import pytest
from sim_helpers import pick

from lswtui.sim.model import CONTROL_PANEL, OPERATING_SYSTEM, RUNNING, STARTING, STOPPED, STOPPING


async def _image_ids(client, url="/images", **params):
    body = (await client.get(url, params={"limit": 100, **params})).json()
    assert body["_metadata"]["totalCount"] == len(body["images"])
    return [i["id"] for i in body["images"]], body["images"]


def _catalogue(sim, keep=lambda i: True):
    return [i.id for i in sim.state.images.values() if keep(i)]


@pytest.mark.parametrize(
    ("params", "keep"),
    [
        ({}, lambda i: True),
        ({"custom": "true"}, lambda i: i.custom),
        ({"custom": "false"}, lambda i: not i.custom),
        ({"standard": "true"}, lambda i: not i.custom),
        ({"standard": "false"}, lambda i: i.custom),
        ({"state": "FAILED"}, lambda i: i.state == "FAILED"),
        ({"state": "READY", "custom": "true"}, lambda i: i.custom and i.state == "READY"),
        ({"marketAppId": "CPANEL_30"}, lambda i: "CPANEL_30" in i.market_apps),
        ({"storageType": "CENTRAL"}, lambda i: "CENTRAL" in i.storage_types),
        ({"name": "Ubuntu 24.04 LTS (x86_64)"}, lambda i: i.id == "UBUNTU_24_04_64BIT"),
        ({"flavour": "windows"}, lambda i: i.family == "windows"),
        ({"region": "eu-central-1"}, lambda i: not i.custom or i.region == "eu-central-1"),
    ],
)
async def test_image_filters(client, sim, params, keep):
    ids, _ = await _image_ids(client, **params)
    assert ids == _catalogue(sim, keep)
    assert ids  # every filter above selects something


async def test_image_catalogue_contents(client, sim):
    ids, images = await _image_ids(client)
    for wanted in (
        "UBUNTU_24_04_64BIT",
        "DEBIAN_12_64BIT",
        "ALMALINUX_9_64BIT",
        "ROCKYLINUX_9_64BIT",
        "WINDOWS_SERVER_2022_STANDARD_64BIT",
    ):
        assert wanted in ids
    customs = [i for i in images if i["custom"]]
    assert len(customs) >= 2
    assert all(i["storageSize"]["unit"] == "GB" for i in customs if i["state"] == "READY")
    ubuntu22 = next(i for i in images if i["id"] == "UBUNTU_22_04_64BIT")
    assert "PLESK_WEB_ADMIN" in ubuntu22["marketApps"] and ubuntu22["region"] == "eu-west-3"
    _, frankfurt = await _image_ids(client, region="eu-central-1")
    assert {i["region"] for i in frankfurt} == {"eu-central-1"}


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("custom", "maybe"),
        ("state", "GONE"),
        ("marketAppId", "WORDPRESS"),
        ("storageType", "NVME"),
        ("flavour", "gentoo"),
        ("region", "eu-north-9"),
    ],
)
async def test_bad_image_filters_are_400(client, name, value):
    response = await client.get("/images", params={name: value})
    assert response.status_code == 400 and list(response.json()["errorDetails"]) == [name]


async def test_market_apps_and_regions(client):
    apps = (await client.get("/marketApps")).json()
    assert [a["id"] for a in apps["marketApps"]] == [
        "CPANEL_30",
        "CPANEL_100",
        "PLESK_WEB_PRO",
        "PLESK_WEB_ADMIN",
    ]
    assert apps["_metadata"]["totalCount"] == 4
    regions = (await client.get("/regions", params={"limit": 3, "offset": 6})).json()
    assert regions["_metadata"] == {"totalCount": 8, "limit": 3, "offset": 6}
    assert regions["regions"] == [
        {"name": "us-west-1", "location": "San Francisco"},
        {"name": "ap-northeast-1", "location": "Tokyo"},
    ]


async def test_reinstall_images_fit_the_vps(client, sim):
    small = pick(sim, lambda v: v.pack.disk_gb < 50 and v.region.name == "eu-west-3")
    ids, images = await _image_ids(client, f"/vps/{small.id}/reinstall/images")
    assert not any(i.startswith("WINDOWS") for i in ids)  # minDiskSize 50 > 40 GB
    assert {i["region"] for i in images} == {"eu-west-3"}
    customs = [i for i in images if i["custom"]]
    assert customs and all(i["state"] == "READY" for i in customs)  # not the FAILED one
    standard, _ = await _image_ids(client, f"/vps/{small.id}/reinstall/images", standard="true")
    only_custom, _ = await _image_ids(client, f"/vps/{small.id}/reinstall/images", custom="true")
    assert sorted(standard + only_custom) == sorted(ids)
    assert only_custom == [i["id"] for i in customs]
    big = pick(sim, lambda v: v.pack.disk_gb >= 50 and v.region.name == "us-east-1")
    big_ids, _ = await _image_ids(client, f"/vps/{big.id}/reinstall/images")
    assert "WINDOWS_SERVER_2022_STANDARD_64BIT" in big_ids
    assert not any(sim.state.images[i].custom for i in big_ids)  # no custom image in us-east-1


def _reinstallable(sim, state=RUNNING):
    return pick(
        sim,
        lambda v: (
            v.state == state
            and not v.snapshots
            and v.market_app_id is None
            and v.image.id != "ALMALINUX_9_64BIT"
        ),
    )


async def _view(client, vps):
    return (await client.get(f"/vps/{vps.id}")).json()


async def test_reinstall_walks_through_stopping_and_starting_with_the_new_image(client, sim, clock):
    vps = _reinstallable(sim)
    old_passwords = {c.password for c in vps.credentials}
    response = await client.put(
        f"/vps/{vps.id}/reinstall",
        json={"imageId": "ALMALINUX_9_64BIT", "marketAppId": "CPANEL_30"},
    )
    assert (response.status_code, response.content) == (202, b"")
    during = await _view(client, vps)
    assert during["state"] == STOPPING and during["image"]["id"] != "ALMALINUX_9_64BIT"
    clock.advance(sim.timings.stop)
    rebuilding = await _view(client, vps)
    assert rebuilding["state"] == STARTING
    assert rebuilding["image"]["id"] == "ALMALINUX_9_64BIT"
    assert rebuilding["marketAppId"] == "CPANEL_30"
    assert rebuilding["contract"]["controlPanel"] == "cPanel Pro 30"
    clock.advance(sim.timings.reinstall)
    assert (await _view(client, vps))["state"] == RUNNING
    credentials = (await client.get(f"/vps/{vps.id}/credentials")).json()["credentials"]
    assert credentials == [
        {"type": OPERATING_SYSTEM, "username": "root"},
        {"type": CONTROL_PANEL, "username": "root"},
    ]
    assert not {c.password for c in vps.credentials} & old_passwords


async def test_reinstalling_a_stopped_vps_skips_stopping(client, sim, clock):
    vps = _reinstallable(sim, STOPPED)
    await client.put(f"/vps/{vps.id}/reinstall", json={"imageId": "DEBIAN_12_64BIT"})
    view = await _view(client, vps)
    assert (view["state"], view["image"]["id"], view["marketAppId"]) == (
        STARTING,
        "DEBIAN_12_64BIT",
        None,
    )
    clock.advance(sim.timings.reinstall)
    assert (await _view(client, vps))["state"] == RUNNING


async def test_reinstall_is_refused_while_a_snapshot_exists(client, sim):
    vps = pick(sim, lambda v: v.snapshots and v.state == RUNNING)
    response = await client.put(f"/vps/{vps.id}/reinstall", json={"imageId": "DEBIAN_12_64BIT"})
    assert response.status_code == 400
    assert "snapshot" in response.json()["errorMessage"]
    assert vps.state == RUNNING


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"imageId": "NOT_AN_IMAGE"}, "imageId"),
        ({"imageId": "ace712e9-a166-47f1-9065-4af0f7e7fce1"}, "imageId"),  # the FAILED custom image
        ({"imageId": "8600b94b-45b4-4887-86e1-2792b06dbb32"}, "imageId"),  # custom, other region
        ({"imageId": "DEBIAN_11_64BIT", "marketAppId": "CPANEL_30"}, "marketAppId"),
        ({"imageId": "ALMALINUX_9_64BIT", "marketAppId": "WORDPRESS"}, "marketAppId"),
        ({}, "imageId"),
        ({"imageId": 12}, "imageId"),
    ],
)
async def test_reinstall_needs_a_valid_image_and_app(client, sim, body, field):
    vps = pick(
        sim, lambda v: v.state == RUNNING and not v.snapshots and v.region.name == "eu-west-3"
    )
    response = await client.put(f"/vps/{vps.id}/reinstall", json=body)
    assert response.status_code == 400
    assert list(response.json()["errorDetails"]) == [field]
    assert vps.state == RUNNING


async def test_windows_does_not_fit_a_40_gb_disk(client, sim):
    vps = pick(sim, lambda v: v.pack.disk_gb == 40 and not v.snapshots)
    response = await client.put(
        f"/vps/{vps.id}/reinstall", json={"imageId": "WINDOWS_SERVER_2022_STANDARD_64BIT"}
    )
    assert response.status_code == 400


async def test_no_reinstall_while_in_transition(client, sim):
    vps = _reinstallable(sim)
    await client.post(f"/vps/{vps.id}/stop")
    response = await client.put(f"/vps/{vps.id}/reinstall", json={"imageId": "DEBIAN_12_64BIT"})
    assert response.status_code == 400
    assert "STOPPING" in response.json()["errorMessage"]
