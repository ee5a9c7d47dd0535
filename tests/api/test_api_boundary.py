"""Everything the API sends is made safe once, in the client: strings (values and keys, in
bodies, error fields and headers) arrive escaped, secrets are masked in every spelling, numbers
are finite, nesting is bounded."""

from __future__ import annotations

import datetime as dt
import json
import math

import httpx
import pytest
from lsw_api_examples import (
    API_KEY,
    TRAFFIC,
    VPS_DETAILS,
    VPS_ID,
    VPS_LIST,
    VPS_SUMMARY,
    Harness,
    example,
    reply,
)

from lswtui.api import ApiConnectionError, ApiError, InvalidResponseError
from lswtui.api.models import SETTLED_VPS_STATES

OSC52_WRITE = "\x1b]52;c;WHl5eXl5\x07"
OSC52_QUERY = "\x1b]52;c;?\x07"


async def test_control_sequences_in_a_vps_list_arrive_as_visible_escapes() -> None:
    vps = example(VPS_SUMMARY)
    vps.update(
        reference=OSC52_WRITE,
        region=OSC52_QUERY,
        pack="\x9b2J\x1b[?1049l",
        datacenter="AMS\u202e10",
        state="RUNNING\x1b[c",
    )
    vps["image"]["name"] = "Ubuntu\r| forged | row |"
    vps["ips"][0]["reverseLookup"] = "web\u200b01.example\x1b[>0q"
    page = await Harness(reply(200, {"vps": [vps]})).client.list_vps()
    got = page.items[0]
    assert got.reference == r"\x1b]52;c;WHl5eXl5\x07"
    assert got.region == r"\x1b]52;c;?\x07"
    assert got.pack == r"\x9b2J\x1b[?1049l"
    assert got.datacenter == r"AMS\u202e10"
    assert got.state == r"RUNNING\x1b[c" and got.state not in SETTLED_VPS_STATES
    assert got.image is not None and got.image.name == r"Ubuntu\r| forged | row |"
    assert got.ips[0].reverse_lookup == r"web\u200b01.example\x1b[>0q"


async def test_error_fields_and_detail_keys_arrive_escaped() -> None:
    body = {
        "errorCode": "4\x1b[2J00",
        "errorMessage": f"bad {OSC52_QUERY}",
        "userMessage": "\x1b]0;pwned\x07",
        "correlationId": "c\x9d0;t\x9c",
        "reference": "r\u2066",
        "errorDetails": {"\x1b]0;key\x07": ["v\x1b[45G"]},
    }
    with pytest.raises(ApiError) as caught:
        await Harness(reply(400, body)).client.get_vps(VPS_ID)
    error = caught.value
    assert error.error_code == r"4\x1b[2J00"
    assert error.error_message == r"bad \x1b]52;c;?\x07"
    assert error.user_message == r"\x1b]0;pwned\x07"
    assert error.correlation_id == r"c\x9d0;t\x9c"
    assert error.reference == r"r\u2066"
    assert error.detail_lines == [r"\x1b]0;key\x07: v\x1b[45G"]
    assert not any(c in error.describe() for c in "\x1b\x07\x9b\x9d\x9c\u2066")


async def test_the_correlation_header_arrives_escaped_on_success_and_in_records() -> None:
    h = Harness(reply(202, headers={"APIGW-CORRELATION-ID": "id\x1b]0;t\x07"}))
    accepted = await h.client.stop_vps(VPS_ID)
    assert accepted.correlation_id == r"id\x1b]0;t\x07"
    assert h.records[0].correlation_id == r"id\x1b]0;t\x07"


async def test_a_key_echoed_in_the_correlation_id_is_masked_in_body_and_header() -> None:
    h = Harness(reply(400, {"errorMessage": "no", "correlationId": f"echo-{API_KEY}"}))
    with pytest.raises(ApiError) as caught:
        await h.client.get_vps(VPS_ID)
    assert caught.value.correlation_id == "echo-***"
    h = Harness(reply(202, headers={"APIGW-CORRELATION-ID": f"echo-{API_KEY}"}))
    assert (await h.client.stop_vps(VPS_ID)).correlation_id == "echo-***"
    assert API_KEY not in repr(h.records)
    h = Harness(reply(503, headers={"APIGW-CORRELATION-ID": API_KEY}), max_retries=0)
    with pytest.raises(ApiError) as caught:
        await h.client.get_vps(VPS_ID)
    assert API_KEY not in caught.value.describe() + repr(h.records)


PASSWORD = "pä\nss'wörd\x1b"


@pytest.mark.parametrize(
    "echo",
    [PASSWORD, repr(PASSWORD), repr(PASSWORD.encode()), json.dumps(PASSWORD)],
    ids=["raw", "repr", "bytes-repr", "json"],
)
async def test_a_password_is_masked_in_every_spelling_of_it(echo: str) -> None:
    h = Harness(reply(400, {"errorMessage": f"rejected {echo}", "errorDetails": {"p": [echo]}}))
    with pytest.raises(ApiError) as caught:
        await h.client.store_credential(VPS_ID, "OPERATING_SYSTEM", "root", PASSWORD)
    text = caught.value.describe()
    assert "***" in text
    for part in ("ss'w", "ss\\'w", "s\\u00f6", "w\\xc3\\xb6"):
        assert part not in text


async def test_a_password_repr_in_a_connection_error_is_masked() -> None:
    h = Harness(httpx.ConnectError(f"illegal header value {PASSWORD.encode()!r}"))
    with pytest.raises(ApiConnectionError) as caught:
        await h.client.store_credential(VPS_ID, "OPERATING_SYSTEM", "root", PASSWORD)
    assert "ss'w" not in str(caught.value) and "***" in str(caught.value)


async def test_exception_texts_in_connection_errors_are_escaped_and_lose_userinfo() -> None:
    failure = httpx.ConnectError("no route to https://admin:hunter2@proxy.example \x1b]0;t\x07")
    with pytest.raises(ApiConnectionError) as caught:
        await Harness(failure, max_retries=0).client.get_vps(VPS_ID)
    text = str(caught.value)
    assert "hunter2" not in text and "\x1b" not in text
    assert r"https://proxy.example \x1b]0;t\x07" in text


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity", "1e400"])
async def test_non_finite_numbers_make_the_body_invalid(constant: str) -> None:
    body = json.dumps(TRAFFIC).replace("461323", constant).encode()
    h = Harness(httpx.Response(200, content=body))
    with pytest.raises(InvalidResponseError, match="not a finite number"):
        await h.client.get_data_traffic(VPS_ID, dt.date(2023, 10, 1), dt.date(2023, 10, 31))


async def test_absurd_finite_traffic_values_are_clamped_so_sums_stay_finite() -> None:
    body = example(TRAFFIC)
    for series in body["metrics"].values():
        for value in series["values"]:
            value["value"] = 1.5e308
    body["_metadata"]["summary"]["downPublic"]["total"] = -1.5e308
    metrics = await Harness(reply(200, body)).client.get_data_traffic(
        VPS_ID, dt.date(2023, 10, 1), dt.date(2023, 10, 31)
    )
    series = metrics.metrics.down_public.values + metrics.metrics.up_public.values
    values = [v.value for v in series]
    assert math.isfinite(sum(values)) and math.isfinite(sum(v * 1000 for v in values))
    assert max(values) == 1e15
    summary = metrics.metadata.summary
    assert summary is not None and summary.down_public is not None
    assert summary.down_public.total == -1e15


async def test_a_body_nested_too_deeply_is_invalid() -> None:
    deep: object = "x"
    for _ in range(100):
        deep = [deep]
    h = Harness(reply(200, {**VPS_DETAILS, "extra": deep}))
    with pytest.raises(InvalidResponseError, match="nested too deeply"):
        await h.client.get_vps(VPS_ID)


async def test_a_deeply_nested_error_body_still_gives_the_status() -> None:
    deep: object = {}
    for _ in range(100):
        deep = {"a": deep}
    with pytest.raises(ApiError) as caught:
        h = Harness(reply(400, {"errorMessage": "m", "errorDetails": deep}))
        await h.client.get_vps(VPS_ID)
    assert caught.value.status == 400 and "HTTP 400" in caught.value.describe()


async def test_an_escaped_vps_list_still_parses_as_before() -> None:
    page = await Harness(reply(200, VPS_LIST)).client.list_vps()
    assert page.items[0].model_dump(by_alias=True, mode="json")["reference"] == "testing"


async def test_a_5000_digit_number_costs_at_most_its_own_row() -> None:
    """Past Python's int conversion limit: as an id it is just a (long) string; in an int
    field it makes that one item invalid, skipped and counted."""
    huge = "9" * 5000
    items = [f'{{"id": {huge}}}', f'{{"id": "2", "rootDiskSize": {huge}}}', json.dumps(VPS_SUMMARY)]
    body = f'{{"vps": [{", ".join(items)}]}}'.encode()
    page = await Harness(httpx.Response(200, content=body)).client.list_vps()
    assert [v.id for v in page.items] == [huge, VPS_SUMMARY["id"]] and page.skipped == 1


async def test_absurd_integers_are_clamped_so_they_stay_printable_and_summable() -> None:
    meta = {"totalCount": 10**400, "limit": -(10**300), "offset": 0}
    page = await Harness(reply(200, {"vps": [], "_metadata": meta})).client.list_vps()
    assert (page.metadata.total_count, page.metadata.limit) == (2**53, -(2**53))
