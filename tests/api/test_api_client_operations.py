"""Every client method sends the documented request and parses the reference text's example."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from lsw_api_examples import (
    API_KEY,
    BASE,
    CONSOLE,
    CORRELATION,
    CREDENTIAL,
    CREDENTIALS,
    IMAGES,
    IP_DETAILS,
    IPS,
    ISOS,
    MARKET_APPS,
    REGIONS,
    SNAPSHOT,
    SNAPSHOTS,
    TRAFFIC,
    VPS_DETAILS,
    VPS_ID,
    VPS_LIST,
    Harness,
    reply,
)

from lswtui.api import Accepted, LeasewebClient, Page, ReadOnlyError

SNAP = SNAPSHOT["id"]
V = f"vps/{VPS_ID}"


@dataclass
class Case:
    call: Callable[[LeasewebClient], Awaitable[Any]]
    method: str
    path: str
    params: dict[str, str] = field(default_factory=dict)
    body: Any = None
    status: int = 200
    payload: Any = None
    check: Callable[[Any], bool] = lambda result: True


def page_of(n: int) -> Callable[[Any], bool]:
    return lambda result: isinstance(result, Page) and len(result.items) == n


def accepted(status: int) -> Callable[[Any], bool]:
    return lambda result: result == Accepted(status_code=status).answering(CORRELATION)


CASES: dict[str, Case] = {
    "list_vps": Case(
        lambda c: c.list_vps(state="RUNNING", pack="Leaseweb VPS 2", region="eu-central-1"),
        "GET",
        "vps",
        {"limit": "50", "state": "RUNNING", "pack": "Leaseweb VPS 2", "region": "eu-central-1"},
        payload=VPS_LIST,
        check=lambda r: r.items[0].main_ip.ip == "88.17.128.0" and r.metadata.limit == 10,
    ),
    "list_vps_all_filters": Case(
        lambda c: c.list_vps(limit=10, offset=20, id=VPS_ID, reference="Foo bar", ip="88.17.128.0"),
        "GET",
        "vps",
        {"limit": "10", "offset": "20", "id": VPS_ID, "reference": "Foo bar", "ip": "88.17.128.0"},
        payload=VPS_LIST,
        check=page_of(1),
    ),
    "get_vps": Case(
        lambda c: c.get_vps(VPS_ID),
        "GET",
        V,
        payload=VPS_DETAILS,
        check=lambda r: (
            r.contract.data_traffic.value == 30 and r.ips[0].ddos.protection_type == "STANDARD"
        ),
    ),
    "update_vps_reference": Case(
        lambda c: c.update_vps_reference(VPS_ID, "updated reference"),
        "PUT",
        V,
        body={"reference": "updated reference"},
        payload=VPS_DETAILS,
        check=lambda r: r.resources.public_network_speed.unit == "Mbps",
    ),
    "start_vps": Case(
        lambda c: c.start_vps(VPS_ID), "POST", f"{V}/start", status=202, check=accepted(202)
    ),
    "stop_vps": Case(
        lambda c: c.stop_vps(VPS_ID), "POST", f"{V}/stop", status=202, check=accepted(202)
    ),
    "reboot_vps": Case(
        lambda c: c.reboot_vps(VPS_ID), "POST", f"{V}/reboot", status=202, check=accepted(202)
    ),
    "get_console": Case(
        lambda c: c.get_console(VPS_ID),
        "GET",
        f"{V}/console",
        payload=CONSOLE,
        check=lambda r: r.url == CONSOLE["url"],
    ),
    "list_credentials": Case(
        lambda c: c.list_credentials(VPS_ID),
        "GET",
        f"{V}/credentials",
        payload=CREDENTIALS,
        check=lambda r: r[0].username == "root",
    ),
    "list_credentials_by_type": Case(
        lambda c: c.list_credentials_by_type(VPS_ID, "CONTROL_PANEL"),
        "GET",
        f"{V}/credentials/CONTROL_PANEL",
        payload=CREDENTIALS,
        check=lambda r: len(r) == 1,
    ),
    "get_credential": Case(
        lambda c: c.get_credential(VPS_ID, "OPERATING_SYSTEM", "admin@example.com"),
        "GET",
        f"{V}/credentials/OPERATING_SYSTEM/admin@example.com",
        payload=CREDENTIAL,
        check=lambda r: r.password == "12341234" and "12341234" not in repr(r),
    ),
    "store_credential": Case(
        lambda c: c.store_credential(VPS_ID, "OPERATING_SYSTEM", "root", "12341234"),
        "POST",
        f"{V}/credentials",
        body={"type": "OPERATING_SYSTEM", "username": "root", "password": "12341234"},
        payload=CREDENTIAL,
        check=lambda r: r.type == "OPERATING_SYSTEM",
    ),
    "update_credential": Case(
        lambda c: c.update_credential(VPS_ID, "OPERATING_SYSTEM", "first.last-1_x", "n3w"),
        "PUT",
        f"{V}/credentials/OPERATING_SYSTEM/first.last-1_x",
        body={"password": "n3w"},
        payload=CREDENTIAL,
        check=lambda r: r.username == "root",
    ),
    "delete_credential": Case(
        lambda c: c.delete_credential(VPS_ID, "OPERATING_SYSTEM", "root"),
        "DELETE",
        f"{V}/credentials/OPERATING_SYSTEM/root",
        status=204,
        check=accepted(204),
    ),
    "delete_all_credentials": Case(
        lambda c: c.delete_all_credentials(VPS_ID),
        "DELETE",
        f"{V}/credentials",
        status=204,
        check=accepted(204),
    ),
    "reset_password": Case(
        lambda c: c.reset_password(VPS_ID),
        "POST",
        f"{V}/resetPassword",
        status=202,
        check=accepted(202),
    ),
    "list_isos": Case(
        lambda c: c.list_isos(limit=20, offset=10),
        "GET",
        "isos",
        {"limit": "20", "offset": "10"},
        payload=ISOS,
        check=lambda r: r.items[1].id == "ACRONIS_BOOT_MEDIA",
    ),
    "attach_iso": Case(
        lambda c: c.attach_iso(VPS_ID, "GRML"),
        "POST",
        f"{V}/attachIso",
        body={"isoId": "GRML"},
        status=202,
        check=accepted(202),
    ),
    "detach_iso": Case(
        lambda c: c.detach_iso(VPS_ID), "POST", f"{V}/detachIso", status=202, check=accepted(202)
    ),
    "list_images": Case(
        lambda c: c.list_images(
            custom=False,
            standard=True,
            state="READY",
            market_app_id="CPANEL_30",
            storage_type="LOCAL",
            name="Ubuntu 20.04 LTS (x86_64)",
            flavour="ubuntu",
            region="eu-west-3",
        ),
        "GET",
        "images",
        {
            "limit": "50",
            "custom": "false",
            "standard": "true",
            "state": "READY",
            "marketAppId": "CPANEL_30",
            "storageType": "LOCAL",
            "name": "Ubuntu 20.04 LTS (x86_64)",
            "flavour": "ubuntu",
            "region": "eu-west-3",
        },
        payload=IMAGES,
        check=lambda r: (
            r.items[0].market_apps == ["PLESK_WEB_ADMIN"] and r.items[1].storage_size.size == 2.03
        ),
    ),
    "list_reinstall_images": Case(
        lambda c: c.list_reinstall_images(VPS_ID, standard=True),
        "GET",
        f"{V}/reinstall/images",
        {"limit": "50", "standard": "true"},
        payload=IMAGES,
        check=lambda r: r.items[1].custom,
    ),
    "reinstall_vps": Case(
        lambda c: c.reinstall_vps(VPS_ID, "UBUNTU_22_04_64BIT"),
        "PUT",
        f"{V}/reinstall",
        body={"imageId": "UBUNTU_22_04_64BIT"},
        status=202,
        check=accepted(202),
    ),
    "reinstall_vps_with_app": Case(
        lambda c: c.reinstall_vps(VPS_ID, "UBUNTU_22_04_64BIT", "PLESK_WEB_ADMIN"),
        "PUT",
        f"{V}/reinstall",
        body={"imageId": "UBUNTU_22_04_64BIT", "marketAppId": "PLESK_WEB_ADMIN"},
        status=202,
        check=accepted(202),
    ),
    "get_data_traffic": Case(
        lambda c: c.get_data_traffic(VPS_ID, dt.date(2023, 10, 1), dt.date(2023, 10, 31)),
        "GET",
        f"{V}/metrics/datatraffic",
        {"from": "2023-10-01", "to": "2023-10-31", "granularity": "DAY", "aggregation": "SUM"},
        payload=TRAFFIC,
        check=lambda r: (
            r.metrics.down_public.values[1].value == 1249243
            and r.metadata.summary.up_public.average == 59920023.67
        ),
    ),
    "list_snapshots": Case(
        lambda c: c.list_snapshots(VPS_ID),
        "GET",
        f"{V}/snapshots",
        {"limit": "50"},
        payload=SNAPSHOTS,
        check=lambda r: r.items[0].created.year == 2023,
    ),
    "get_snapshot": Case(
        lambda c: c.get_snapshot(VPS_ID, SNAP),
        "GET",
        f"{V}/snapshots/{SNAP}",
        payload=SNAPSHOT,
        check=lambda r: r.display_name == "snapshot 1",
    ),
    "create_snapshot": Case(
        lambda c: c.create_snapshot(VPS_ID, "my snapshot"),
        "POST",
        f"{V}/snapshots",
        body={"name": "my snapshot"},
        status=202,
        check=accepted(202),
    ),
    "restore_snapshot": Case(
        lambda c: c.restore_snapshot(VPS_ID, SNAP),
        "PUT",
        f"{V}/snapshots/{SNAP}",
        status=202,
        check=accepted(202),
    ),
    "delete_snapshot": Case(
        lambda c: c.delete_snapshot(VPS_ID, SNAP),
        "DELETE",
        f"{V}/snapshots/{SNAP}",
        status=202,
        check=accepted(202),
    ),
    "list_ips": Case(
        lambda c: c.list_ips(VPS_ID, version=4, null_routed=False, ips=["10.0.0.1", "10.0.0.2"]),
        "GET",
        f"{V}/ips",
        {"version": "4", "nullRouted": "false", "ips": "10.0.0.1|10.0.0.2"},
        payload=IPS,
        check=lambda r: r[0].reverse_lookup is None and r[0].prefix_length == "28",
    ),
    "list_ips_unfiltered": Case(
        lambda c: c.list_ips(VPS_ID, ips=[]),
        "GET",
        f"{V}/ips",
        payload=IPS,
        check=lambda r: len(r) == 1,
    ),
    "get_ip_v6": Case(
        lambda c: c.get_ip(VPS_ID, "2001:db8::1"),
        "GET",
        f"{V}/ips/2001:db8::1",
        payload=IP_DETAILS,
        check=lambda r: r.reverse_lookup == "a-valid-domain.xpto",
    ),
    "update_reverse_lookup": Case(
        lambda c: c.update_reverse_lookup(VPS_ID, "10.0.0.1", "a-valid-domain.xpto"),
        "PUT",
        f"{V}/ips/10.0.0.1",
        body={"reverseLookup": "a-valid-domain.xpto"},
        payload=IP_DETAILS,
        check=lambda r: r.ip == "10.0.0.1",
    ),
    "null_route_ip": Case(
        lambda c: c.null_route_ip(
            VPS_ID, "10.0.0.1", comment="Getting DDoS", automated_unnuling_at=2
        ),
        "POST",
        f"{V}/ips/10.0.0.1/null",
        body={"automatedUnnulingAt": 2, "comment": "Getting DDoS"},
        payload=IP_DETAILS,
        check=lambda r: r.null_routed,
    ),
    "null_route_ip_bare": Case(
        lambda c: c.null_route_ip(VPS_ID, "10.0.0.1"),
        "POST",
        f"{V}/ips/10.0.0.1/null",
        payload=IP_DETAILS,
        check=lambda r: r.null_routed,
    ),
    "unnull_ip": Case(
        lambda c: c.unnull_ip(VPS_ID, "10.0.0.1"),
        "POST",
        f"{V}/ips/10.0.0.1/unnull",
        payload=IP_DETAILS,
        check=lambda r: r.ddos.detection_profile == "STANDARD_DEFAULT",
    ),
    "list_market_apps": Case(
        lambda c: c.list_market_apps(),
        "GET",
        "marketApps",
        payload=MARKET_APPS,
        check=lambda r: r[0].image.id == "UBUNTU_22_04_64BIT",
    ),
    "list_regions": Case(
        lambda c: c.list_regions(),
        "GET",
        "regions",
        {"limit": "50"},
        payload=REGIONS,
        check=lambda r: r.items[0].location == "Amsterdam",
    ),
}

MUTATING = {name: case for name, case in CASES.items() if case.method != "GET"}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
async def test_sends_documented_request_and_parses_example(case: Case) -> None:
    h = Harness(reply(case.status, case.payload))
    result = await case.call(h.client)

    assert len(h.api.requests) == 1
    request = h.api.last
    assert request.method == case.method
    assert str(request.url.copy_with(query=None)) == BASE + case.path
    assert dict(request.url.params) == case.params
    assert h.api.body() == case.body
    if case.body is not None:
        assert request.headers["Content-Type"] == "application/json"
    assert case.check(result), result


async def test_headers_identify_the_client_and_carry_the_key() -> None:
    h = Harness(reply(200, VPS_LIST))
    await h.client.list_vps()
    headers = h.api.last.headers
    assert headers["X-LSW-Auth"] == API_KEY
    assert headers["User-Agent"].startswith("lswtui/0.1.0 ")
    assert headers["Accept"] == "application/json"


async def test_ips_filter_is_percent_encoded() -> None:
    h = Harness(reply(200, IPS))
    await h.client.list_ips(VPS_ID, ips=["10.0.0.1", "10.0.0.2"])
    assert "ips=10.0.0.1%7C10.0.0.2" in str(h.api.last.url)


@pytest.mark.parametrize("case", MUTATING.values(), ids=MUTATING.keys())
async def test_read_only_mode_sends_nothing(case: Case) -> None:
    h = Harness(reply(case.status, case.payload), read_only=True)
    with pytest.raises(ReadOnlyError) as caught:
        await case.call(h.client)
    assert h.api.requests == [] and h.records == []
    assert caught.value.mutating and not caught.value.outcome_unknown
    assert "Read-only" in str(caught.value)


async def test_read_only_can_be_switched_off_again() -> None:
    h = Harness(reply(202), read_only=True)
    h.client.read_only = False
    assert (await h.client.start_vps(VPS_ID)).status_code == 202


async def test_read_only_mode_still_reads() -> None:
    h = Harness(reply(200, VPS_DETAILS), read_only=True)
    assert (await h.client.get_vps(VPS_ID)).id == VPS_ID


async def test_accepted_never_reads_the_body() -> None:
    h = Harness(httpx.Response(202, content=b"<html>not json</html>"))
    assert (await h.client.stop_vps(VPS_ID)).correlation_id is None


@pytest.mark.parametrize(
    ("username", "expected"),
    [("a b", "a%20b"), ("x/y", "x%2Fy"), ("50%", "50%25"), ("q?#", "q%3F%23")],
)
async def test_path_segments_are_quoted(username: str, expected: str) -> None:
    h = Harness(reply(204))
    await h.client.delete_credential(VPS_ID, "OPERATING_SYSTEM", username)
    assert h.api.last.url.raw_path.decode().endswith(f"/credentials/OPERATING_SYSTEM/{expected}")


@pytest.mark.parametrize("username", ["..", ".", ""])
async def test_dot_segments_are_refused_before_sending(username: str) -> None:
    """httpx would resolve ``..`` and turn this into "delete ALL credentials"."""
    h = Harness(reply(204))
    with pytest.raises(ValueError, match="path segment"):
        await h.client.delete_credential(VPS_ID, "OPERATING_SYSTEM", username)
    assert h.api.requests == []


@pytest.mark.parametrize("hours", [0, -1, 17521])
async def test_null_route_hours_are_validated_client_side(hours: int) -> None:
    h = Harness(reply(200, IP_DETAILS))
    with pytest.raises(ValueError, match=r"1\.\.17520"):
        await h.client.null_route_ip(VPS_ID, "10.0.0.1", automated_unnuling_at=hours)
    assert h.api.requests == []


async def test_null_route_accepts_the_bounds() -> None:
    h = Harness(reply(200, IP_DETAILS))
    for hours in (1, 17520):
        await h.client.null_route_ip(VPS_ID, "10.0.0.1", automated_unnuling_at=hours)
    assert [h.api.body(i) for i in (0, 1)] == [
        {"automatedUnnulingAt": 1},
        {"automatedUnnulingAt": 17520},
    ]


async def test_data_traffic_needs_to_after_from() -> None:
    h = Harness(reply(200, TRAFFIC))
    with pytest.raises(ValueError, match="after"):
        await h.client.get_data_traffic(VPS_ID, dt.date(2025, 1, 28), dt.date(2025, 1, 28))
    assert h.api.requests == []


async def test_unknown_filter_is_a_type_error() -> None:
    h = Harness(reply(200, VPS_LIST))
    with pytest.raises(TypeError, match="unknown filter"):
        await h.client.list_vps(status="RUNNING")  # type: ignore[call-arg]
    assert h.api.requests == []


async def test_none_filters_are_not_sent() -> None:
    h = Harness(reply(200, VPS_LIST))
    await h.client.list_vps(state=None, region=None)
    assert dict(h.api.last.url.params) == {"limit": "50"}


async def test_ip_filter_is_also_applied_client_side() -> None:
    """The ip filter is in the reference's prose only; drop VPSes the server failed to filter."""
    other = {**VPS_LIST["vps"][0], "id": "2", "ips": [{"ip": "10.9.9.9", "version": 4}]}
    h = Harness(
        reply(
            200,
            {
                "_metadata": {"totalCount": 2, "limit": 50, "offset": 0},
                "vps": [VPS_LIST["vps"][0], other],
            },
        )
    )
    page = await h.client.list_vps(ip="88.17.128.0")
    assert [vps.id for vps in page.items] == [VPS_ID]
    assert [vps.id for vps in await h.client.list_all_vps(ip="88.17.128.0")] == [VPS_ID]


async def test_custom_base_url_keeps_its_path() -> None:
    api = []
    client = LeasewebClient.create(
        API_KEY,
        base_url="http://sim.local:8080/publicCloud/v1/",
        transport=httpx.MockTransport(lambda r: api.append(r) or reply(202)),
    )
    async with client:
        await client.start_vps(VPS_ID)
    assert str(api[0].url) == f"http://sim.local:8080/publicCloud/v1/vps/{VPS_ID}/start"
