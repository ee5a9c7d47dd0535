"""Property: whatever JSON the API sends, a client method returns its model or raises the
client's own error (InvalidResponseError for a 2xx, ApiError otherwise), never anything else."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import lsw_api_examples as ex
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lsw_api_examples import Harness

from lswtui.api import ApiError, InvalidResponseError, LeasewebClient

Call = Callable[[LeasewebClient], Awaitable[Any]]

PARSERS: dict[str, tuple[Call, Any]] = {
    "list_vps": (lambda c: c.list_vps(), ex.VPS_LIST),
    "get_vps": (lambda c: c.get_vps(ex.VPS_ID), ex.VPS_DETAILS),
    "update_vps_reference": (lambda c: c.update_vps_reference(ex.VPS_ID, "r"), ex.VPS_DETAILS),
    "get_console": (lambda c: c.get_console(ex.VPS_ID), ex.CONSOLE),
    "list_credentials": (lambda c: c.list_credentials(ex.VPS_ID), ex.CREDENTIALS),
    "list_credentials_by_type": (
        lambda c: c.list_credentials_by_type(ex.VPS_ID, "OPERATING_SYSTEM"),
        ex.CREDENTIALS,
    ),
    "get_credential": (
        lambda c: c.get_credential(ex.VPS_ID, "OPERATING_SYSTEM", "root"),
        ex.CREDENTIAL,
    ),
    "store_credential": (
        lambda c: c.store_credential(ex.VPS_ID, "OPERATING_SYSTEM", "root", "pw"),
        ex.CREDENTIAL,
    ),
    "update_credential": (
        lambda c: c.update_credential(ex.VPS_ID, "OPERATING_SYSTEM", "root", "pw"),
        ex.CREDENTIAL,
    ),
    "list_isos": (lambda c: c.list_isos(), ex.ISOS),
    "list_images": (lambda c: c.list_images(), ex.IMAGES),
    "list_reinstall_images": (lambda c: c.list_reinstall_images(ex.VPS_ID), ex.IMAGES),
    "get_data_traffic": (
        lambda c: c.get_data_traffic(ex.VPS_ID, dt.date(2023, 10, 1), dt.date(2023, 10, 31)),
        ex.TRAFFIC,
    ),
    "list_snapshots": (lambda c: c.list_snapshots(ex.VPS_ID), ex.SNAPSHOTS),
    "get_snapshot": (lambda c: c.get_snapshot(ex.VPS_ID, ex.SNAPSHOT["id"]), ex.SNAPSHOT),
    "list_ips": (lambda c: c.list_ips(ex.VPS_ID), ex.IPS),
    "get_ip": (lambda c: c.get_ip(ex.VPS_ID, "10.0.0.1"), ex.IP_DETAILS),
    "update_reverse_lookup": (
        lambda c: c.update_reverse_lookup(ex.VPS_ID, "10.0.0.1", "x.example"),
        ex.IP_DETAILS,
    ),
    "null_route_ip": (lambda c: c.null_route_ip(ex.VPS_ID, "10.0.0.1"), ex.IP_DETAILS),
    "unnull_ip": (lambda c: c.unnull_ip(ex.VPS_ID, "10.0.0.1"), ex.IP_DETAILS),
    "list_market_apps": (lambda c: c.list_market_apps(), ex.MARKET_APPS),
    "list_regions": (lambda c: c.list_regions(), ex.REGIONS),
}

KEYS = st.sampled_from(
    [
        "id",
        "ip",
        "ips",
        "vps",
        "state",
        "_metadata",
        "totalCount",
        "limit",
        "offset",
        "images",
        "credentials",
        "password",
        "url",
        "metrics",
        "downPublic",
        "DOWN_PUBLIC",
        "values",
        "summary",
        "created",
        "prefixLength",
        "reverseLookup",
        "marketApps",
        "regions",
        "name",
        "image",
    ]
) | st.text(max_size=10)
LEAVES = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(2**80), max_value=2**80)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
    | st.sampled_from(
        [
            "[bold]x[/]",
            "[/]",
            "[link=http://x]y",
            "2023-11-02T07:31:28+0000",
            "9999-99-99T99:99",
            "RUNNING",
            "",
            "\u202e\u0000ünï😀",
            "x" * 100_000,
            "1e400",
            "-0",
        ]
    )
)
JSON = st.recursive(
    LEAVES,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(KEYS, children, max_size=4),
    max_leaves=12,
)


@st.composite
def mutated(draw: st.DrawFn, payload: Any) -> Any:
    """``payload`` with one value somewhere inside it replaced by arbitrary JSON."""
    paths: list[tuple] = []

    def walk(node: Any, path: tuple) -> None:
        paths.append(path)
        children = (
            node.items()
            if isinstance(node, dict)
            else enumerate(node)
            if isinstance(node, list)
            else ()
        )
        for key, child in children:
            walk(child, (*path, key))

    walk(payload, ())
    path = draw(st.sampled_from(paths))
    replacement = draw(JSON)
    if not path:
        return replacement

    def rebuild(node: Any, rest: tuple) -> Any:
        if not rest:
            return replacement
        head, *tail = rest
        copy = dict(node) if isinstance(node, dict) else list(node)
        copy[head] = rebuild(node[head], tuple(tail))
        return copy

    return rebuild(payload, path)


PROPERTY_SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


async def run(call: Call, response: httpx.Response) -> Any:
    h = Harness(response, max_retries=0)
    try:
        return await call(h.client)
    finally:
        await h.client.aclose()


async def parses_or_invalid(call: Call, payload: Any) -> None:
    with contextlib.suppress(InvalidResponseError):
        await run(call, httpx.Response(200, json=payload))


@pytest.mark.parametrize("name", PARSERS)
@PROPERTY_SETTINGS
@given(data=st.data())
async def test_near_valid_bodies_parse_or_raise_invalid_response(
    name: str, data: st.DataObject
) -> None:
    call, payload = PARSERS[name]
    await parses_or_invalid(call, data.draw(mutated(payload)))


@PROPERTY_SETTINGS
@given(payload=JSON)
async def test_arbitrary_bodies_parse_or_raise_invalid_response(payload: Any) -> None:
    for call, _ in PARSERS.values():
        await parses_or_invalid(call, payload)


@PROPERTY_SETTINGS
@given(
    status=st.integers(min_value=300, max_value=599),
    payload=JSON
    | mutated(
        {
            "errorCode": "400",
            "errorMessage": "m",
            "correlationId": "c",
            "errorDetails": {"a": ["b"]},
        }
    ),
)
async def test_any_error_body_gives_an_api_error(status: int, payload: Any) -> None:
    with pytest.raises(ApiError) as caught:
        await run(PARSERS["get_vps"][0], httpx.Response(status, json=payload))
    error = caught.value
    assert error.status == status
    assert error.error_code is None or isinstance(error.error_code, str)
    assert isinstance(error.describe(), str)


@PROPERTY_SETTINGS
@given(content=st.binary(max_size=200))
async def test_any_bytes_parse_or_raise_invalid_response(content: bytes) -> None:
    with contextlib.suppress(InvalidResponseError):
        await run(PARSERS["list_vps"][0], httpx.Response(200, content=content))
