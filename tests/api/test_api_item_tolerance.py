"""One bad item never hides a list: each item is validated on its own, a null, a non-object or
an invalid item (no ``id``, a credential without ``username``) is skipped, and the count is
reported on the result (``Page.skipped``, ``ItemList.skipped``) and to ``on_skipped``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from lsw_api_examples import (
    CREDENTIALS,
    IMAGES,
    IPS,
    ISOS,
    MARKET_APPS,
    REGIONS,
    SNAPSHOTS,
    VPS_ID,
    VPS_LIST,
    VPS_SUMMARY,
    Harness,
    example,
    reply,
)

from lswtui.api import InvalidResponseError, ItemList, LeasewebClient, Page

JUNK = [None, "VPS", 7, [], {"state": "RUNNING"}]
"""A null, three non-objects and an object without the fields every item needs."""

LISTS: dict[str, tuple[Callable[[LeasewebClient], Awaitable[Any]], dict, str]] = {
    "list_vps": (lambda c: c.list_vps(), VPS_LIST, "vps"),
    "list_credentials": (lambda c: c.list_credentials(VPS_ID), CREDENTIALS, "credentials"),
    "list_isos": (lambda c: c.list_isos(), ISOS, "isos"),
    "list_images": (lambda c: c.list_images(), IMAGES, "images"),
    "list_reinstall_images": (lambda c: c.list_reinstall_images(VPS_ID), IMAGES, "images"),
    "list_snapshots": (lambda c: c.list_snapshots(VPS_ID), SNAPSHOTS, "snapshots"),
    "list_ips": (lambda c: c.list_ips(VPS_ID), IPS, "ips"),
    "list_market_apps": (lambda c: c.list_market_apps(), MARKET_APPS, "marketApps"),
    "list_regions": (lambda c: c.list_regions(), REGIONS, "regions"),
}


@pytest.mark.parametrize("name", LISTS)
async def test_bad_items_are_skipped_counted_and_reported(name: str) -> None:
    call, payload, key = LISTS[name]
    body = example(payload)
    good = body[key]
    body[key] = [JUNK[0], *good[:1], *JUNK[1:], *good[1:]]
    reported: list[tuple[str, int]] = []
    h = Harness(reply(200, body), on_skipped=lambda op, n: reported.append((op, n)))
    result = await call(h.client)
    items = result.items if isinstance(result, Page) else result
    assert len(items) == len(good) and result.skipped == len(JUNK)
    assert isinstance(result, Page | ItemList)
    assert [(op.split()[0], n) for op, n in reported] == [("List", len(JUNK))]


async def test_a_credential_without_username_is_skipped_not_fatal() -> None:
    nameless, admin = {"type": "OPERATING_SYSTEM"}, {"type": "CONTROL_PANEL", "username": "a"}
    body = {"credentials": [nameless, admin]}
    creds = await Harness(reply(200, body)).client.list_credentials(VPS_ID)
    assert [c.username for c in creds] == ["a"] and creds.skipped == 1


@pytest.mark.parametrize(
    "name", ["list_vps", "list_isos", "list_snapshots", "list_market_apps", "list_images"]
)
async def test_an_otherwise_complete_item_without_its_id_is_skipped(name: str) -> None:
    call, payload, key = LISTS[name]
    body = example(payload)
    idless = {k: v for k, v in body[key][0].items() if k != "id"}
    body[key] = [idless, *body[key]]
    result = await call(Harness(reply(200, body)).client)
    items = result.items if isinstance(result, Page) else result
    assert len(items) == len(body[key]) - 1 and result.skipped == 1


async def test_a_null_iso_is_skipped_and_the_others_listed() -> None:
    body = example(ISOS)
    body["isos"] = [None, *body["isos"]]
    isos = await Harness(reply(200, body)).client.list_isos()
    assert [i.id for i in isos.items] == [i["id"] for i in ISOS["isos"]] and isos.skipped == 1


async def test_a_vps_with_a_wrongly_typed_ip_is_skipped_and_the_rest_still_listed() -> None:
    broken = {**VPS_SUMMARY, "id": "2", "ips": [{"ip": None}]}
    page = await Harness(reply(200, {"vps": [broken, VPS_SUMMARY]})).client.list_vps()
    assert [v.id for v in page.items] == [VPS_SUMMARY["id"]] and page.skipped == 1


async def test_a_clean_list_reports_nothing() -> None:
    reported: list[tuple[str, int]] = []
    h = Harness(reply(200, CREDENTIALS), on_skipped=lambda op, n: reported.append((op, n)))
    creds = await h.client.list_credentials(VPS_ID)
    assert creds.skipped == 0 and reported == [] and creds == [creds[0]]


async def test_list_all_adds_up_what_every_page_skipped() -> None:
    def handler(request):
        offset = int(request.url.params.get("offset", 0))
        items = [{**VPS_SUMMARY, "id": str(offset + n)} for n in range(2)]
        return reply(
            200,
            {"_metadata": {"totalCount": 6, "limit": 3, "offset": offset}, "vps": [*items, None]},
        )

    reported: list[tuple[str, int]] = []
    h = Harness(handler, on_skipped=lambda op, n: reported.append((op, n)))
    everything = await h.client.list_all_vps()
    assert [v.id for v in everything] == ["0", "1", "3", "4"]
    assert isinstance(everything, ItemList) and everything.skipped == 2
    assert reported == [("List VPS", 1), ("List VPS", 1)]


async def test_items_that_are_not_a_list_still_make_the_body_invalid() -> None:
    with pytest.raises(InvalidResponseError, match="'vps' list"):
        await Harness(reply(200, {"vps": {"id": "1"}})).client.list_vps()
