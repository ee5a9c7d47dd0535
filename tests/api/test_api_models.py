"""The response models tolerate what the BETA API actually sends ."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from lsw_api_examples import (
    IMAGES,
    IP_DETAILS,
    SNAPSHOT,
    TRAFFIC,
    VPS_DETAILS,
    VPS_ID,
    VPS_SUMMARY,
    Harness,
    example,
    reply,
)

from lswtui.api import (
    Image,
    Ip,
    IpDetails,
    MarketApp,
    Snapshot,
    TrafficMetrics,
    VpsDetails,
    VpsSummary,
)
from lswtui.api.models import SETTLED_VPS_STATES


def test_unknown_state_is_kept_and_counts_as_transitional() -> None:
    vps = VpsSummary.model_validate({**VPS_SUMMARY, "state": "REINSTALLING"})
    assert vps.state == "REINSTALLING" and vps.state not in SETTLED_VPS_STATES


def test_extra_fields_are_ignored() -> None:
    vps = VpsDetails.model_validate(
        {**VPS_DETAILS, "newField": {"x": 1}, "ips": [{**IP_DETAILS, "zone": "a"}]}
    )
    assert vps.id == VPS_ID and not hasattr(vps, "newField")


def test_missing_fields_get_defaults() -> None:
    vps = VpsDetails.model_validate({"id": VPS_ID})
    assert (vps.state, vps.ips, vps.contract, vps.iso, vps.main_ip) == (
        "UNKNOWN",
        [],
        None,
        None,
        None,
    )


def test_blank_and_null_optional_strings() -> None:
    vps = VpsSummary.model_validate(
        {**VPS_SUMMARY, "reference": "", "marketAppId": "", "startedAt": None}
    )
    assert (vps.reference, vps.market_app_id, vps.started_at) == (None, None, None)


def test_numeric_vps_id_becomes_a_string() -> None:
    assert VpsSummary.model_validate({**VPS_SUMMARY, "id": 123581321}).id == VPS_ID


@pytest.mark.parametrize("value", ["", None])
def test_unset_reverse_lookup_is_none(value: str | None) -> None:
    assert Ip.model_validate({"ip": "10.0.0.1", "reverseLookup": value}).reverse_lookup is None


@pytest.mark.parametrize("value", ["28", 28])
def test_prefix_length_as_string_or_int(value: str | int) -> None:
    assert IpDetails.model_validate({**IP_DETAILS, "prefixLength": value}).prefix_length == "28"


@pytest.mark.parametrize(
    "stamp", ["2023-11-02T07:31:28+0000", "2023-11-02T07:31:28+00:00", "2023-11-02T07:31:28Z"]
)
def test_timestamp_offsets_with_or_without_colon(stamp: str) -> None:
    created = Snapshot.model_validate({**SNAPSHOT, "created": stamp}).created
    assert created == datetime(2023, 11, 2, 7, 31, 28, tzinfo=UTC)
    assert created.utcoffset() == timedelta(0)


def test_traffic_in_reference_form() -> None:
    traffic = TrafficMetrics.model_validate(TRAFFIC)
    assert traffic.metadata.summary.down_public.peak.value == 896116855
    assert traffic.metadata.from_.day == 1
    assert [v.value for v in traffic.metrics.up_public.values] == [437565, 6938590]


def test_traffic_in_spec_form_with_summary_strings() -> None:
    payload = example(TRAFFIC)
    metrics = payload["metrics"]
    metrics["DOWN_PUBLIC"], metrics["UP_PUBLIC"] = (
        metrics.pop("downPublic"),
        metrics.pop("upPublic"),
    )
    summary = payload["_metadata"]["summary"]
    summary["DOWN_PUBLIC"] = {"average": "855.28 KB", "total": "25.66 MB"}
    summary["UP_PUBLIC"] = summary.pop("upPublic")
    del summary["downPublic"]
    payload["_metadata"]["granularity"] = "5m"
    traffic = TrafficMetrics.model_validate(payload)
    assert traffic.metrics.down_public.values[0].value == 461323
    assert traffic.metadata.summary.down_public.average == "855.28 KB"
    assert traffic.metadata.summary.up_public.average == 59920023.67
    assert traffic.metadata.granularity == "5m"


def test_empty_traffic() -> None:
    traffic = TrafficMetrics.model_validate({})
    assert traffic.metrics.down_public.values == [] and traffic.metadata.summary is None


def test_image_with_null_lists() -> None:
    image = Image.model_validate({**IMAGES["images"][0], "marketApps": None, "storageTypes": None})
    assert (image.market_apps, image.storage_types) == ([], [])


@pytest.mark.parametrize(
    "image", [{"id": "UBUNTU_22_04_64BIT", "name": "Ubuntu"}, "UBUNTU_22_04_64BIT", None]
)
def test_market_app_image_as_object_or_id(image: object) -> None:
    app = MarketApp.model_validate({"id": "CPANEL_30", "image": image})
    assert app.image is None if image is None else app.image.id == "UBUNTU_22_04_64BIT"


async def test_tolerant_list_through_the_client() -> None:
    odd = {
        **VPS_SUMMARY,
        "state": "FAILED",
        "ips": [
            {
                "ip": "2001:db8::1",
                "prefixLength": 64,
                "version": 6,
                "reverseLookup": None,
                "unexpected": True,
            }
        ],
    }
    page = await Harness(
        reply(
            200,
            {"vps": [odd], "_metadata": {"totalCount": 1, "limit": 50, "offset": 0}, "links": {}},
        )
    ).client.list_vps()
    (vps,) = page.items
    assert vps.state == "FAILED" and vps.main_ip.prefix_length == "64"
