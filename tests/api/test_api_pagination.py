"""``list_all_*`` and ``paginate``: server-capped limits, bounded concurrency, streaming, de-dup."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import httpx
import pytest
from lsw_api_examples import VPS_ID, VPS_SUMMARY, Harness

from lswtui.api import ApiError, Metadata, Page, Region, VpsSummary, pagination


def vps(n: int) -> dict:
    return {**VPS_SUMMARY, "id": str(n), "reference": f"vps-{n}"}


class PagedServer:
    """Serves ``items`` under ``key``, capping ``limit`` like a real server may."""

    def __init__(self, items: list[dict], key: str = "vps", cap: int = 20, delay=None) -> None:
        self.items, self.key, self.cap, self.delay = items, key, cap, delay
        self.calls: list[tuple[int, int]] = []
        self.in_flight = self.max_in_flight = 0

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        limit = int(request.url.params["limit"])
        offset = int(request.url.params.get("offset", 0))
        self.calls.append((offset, limit))
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            await asyncio.sleep(self.delay(offset) if self.delay else 0.002)
        finally:
            self.in_flight -= 1
        limit = min(limit, self.cap)
        return httpx.Response(
            200,
            json={
                "_metadata": {"totalCount": len(self.items), "limit": limit, "offset": offset},
                self.key: self.items[offset : offset + limit],
            },
        )


def scripted(total: int, limit: int, page: Callable[[int], list[dict]]) -> Callable:
    """A server whose ``_metadata`` says ``total``/``limit`` and whose page at ``offset`` is
    ``page(offset)``, whatever was asked: for lists that change or lie while being paged."""

    def handler(request: httpx.Request) -> httpx.Response:
        offset = int(request.url.params.get("offset", 0))
        meta = {"totalCount": total, "limit": limit, "offset": offset}
        return httpx.Response(200, json={"_metadata": meta, "vps": page(offset)})

    return handler


def ids(items: list[VpsSummary]) -> list[str]:
    return [item.id for item in items]


async def test_server_capped_limit_drives_the_offsets() -> None:
    server = PagedServer([vps(n) for n in range(95)], cap=20)
    h = Harness(server)
    items = await h.client.list_all_vps()
    assert ids(items) == [str(n) for n in range(95)]
    assert server.calls == [(0, 50), (20, 20), (40, 20), (60, 20), (80, 20)]
    assert all("limit" in r.url.params for r in h.api.requests)


async def test_single_page_needs_one_request() -> None:
    server = PagedServer([vps(n) for n in range(3)])
    assert len(await Harness(server).client.list_all_vps()) == 3
    assert server.calls == [(0, 50)]


async def test_concurrency_is_bounded() -> None:
    server = PagedServer([vps(n) for n in range(200)], cap=10)
    h = Harness(server, page_concurrency=4)
    assert len(await h.client.list_all_vps()) == 200
    assert len(server.calls) == 20
    assert server.max_in_flight == 4


async def test_on_page_streams_in_offset_order_even_when_pages_arrive_out_of_order() -> None:
    server = PagedServer(
        [vps(n) for n in range(60)], cap=20, delay=lambda offset: 0.02 - offset / 5000
    )
    pages: list[list[str]] = []
    items = await Harness(server).client.list_all_vps(on_page=lambda page: pages.append(ids(page)))
    assert pages == [[str(n) for n in range(i, i + 20)] for i in (0, 20, 40)]
    assert ids(items) == [str(n) for n in range(60)]


async def test_items_seen_twice_are_kept_once_in_first_position() -> None:
    """An item inserted at the front while paging shifts the list: page 2 repeats item 19."""
    items = [vps(n) for n in range(40)]
    shifted = [vps(99), *items]

    handler = scripted(40, 20, lambda offset: (shifted if offset else items)[offset : offset + 20])
    pages: list[list[str]] = []
    result = await Harness(handler).client.list_all_vps(on_page=lambda p: pages.append(ids(p)))
    assert ids(result) == [str(n) for n in range(39)]
    assert pages[1] == [str(n) for n in range(20, 39)]


async def test_empty_page_stops_reading() -> None:
    """totalCount says 100 but the list shrank to 30 meanwhile."""

    handler = scripted(
        100, 10, lambda offset: [vps(n) for n in range(offset, min(offset + 10, 30))]
    )
    h = Harness(handler, page_concurrency=1)
    assert ids(await h.client.list_all_vps()) == [str(n) for n in range(30)]
    assert len(h.api.requests) == 4  # offsets 0, 10, 20 and the empty 30


async def test_absurd_total_count_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pagination, "MAX_PAGES", 5)

    handler = scripted(10**12, 1, lambda offset: [vps(offset)])
    h = Harness(handler)
    assert len(await h.client.list_all_vps()) == 5
    assert len(h.api.requests) == 5


async def test_zero_limit_in_metadata_falls_back_to_the_page_length() -> None:
    handler = scripted(6, 0, lambda offset: [vps(n) for n in range(offset, min(offset + 3, 6))])
    assert len(await Harness(handler).client.list_all_vps()) == 6


async def test_empty_first_page() -> None:
    server = PagedServer([])
    assert await Harness(server).client.list_all_vps() == []
    assert len(server.calls) == 1


async def test_failing_page_raises_and_cancels_the_rest() -> None:
    server = PagedServer([vps(n) for n in range(100)], cap=10)

    async def handler(request: httpx.Request) -> httpx.Response:
        if request.url.params.get("offset") == "30":
            return httpx.Response(400, json={"errorMessage": "nope"})
        return await server(request)

    h = Harness(handler, page_concurrency=2)
    with pytest.raises(ApiError, match="nope"):
        await h.client.list_all_vps()
    await asyncio.sleep(0.01)
    assert server.in_flight == 0
    assert len(server.calls) < 9


async def test_filters_are_sent_on_every_page() -> None:
    server = PagedServer([vps(n) for n in range(30)], key="images", cap=10)
    h = Harness(server)
    await h.client.list_all_images(standard=True, region="eu-west-3")
    assert len(h.api.requests) == 3
    assert all(
        r.url.params["standard"] == "true" and r.url.params["region"] == "eu-west-3"
        for r in h.api.requests
    )


@pytest.mark.parametrize(
    ("method", "args", "key", "path"),
    [
        ("list_all_isos", (), "isos", "/isos"),
        ("list_all_snapshots", (VPS_ID,), "snapshots", f"/vps/{VPS_ID}/snapshots"),
        ("list_all_reinstall_images", (VPS_ID,), "images", f"/vps/{VPS_ID}/reinstall/images"),
    ],
)
async def test_other_lists_page_too(method: str, args: tuple, key: str, path: str) -> None:
    server = PagedServer([{"id": str(n), "name": f"n{n}"} for n in range(25)], key=key, cap=10)
    h = Harness(server)
    assert len(await getattr(h.client, method)(*args)) == 25
    assert all(r.url.path.endswith(path) for r in h.api.requests)


async def test_regions_are_deduplicated_by_name() -> None:
    regions = [{"name": "eu-west-3", "location": "Amsterdam"}] * 2 + [{"name": "us-east-1"}]
    server = PagedServer(regions, key="regions", cap=2)
    result = await Harness(server).client.list_all_regions()
    assert result == [Region(name="eu-west-3", location="Amsterdam"), Region(name="us-east-1")]


@pytest.mark.parametrize("concurrency", [1, 4, 8])
async def test_a_fetch_ignoring_offset_costs_at_most_one_page_per_slot(concurrency: int) -> None:
    """totalCount says 50,000 but every page is the first one again: stop at the first page
    that brings no new id, not after MAX_PAGES requests."""
    calls: list[int] = []
    first = Page[VpsSummary](
        items=[VpsSummary(id=str(n)) for n in range(50)],
        metadata=Metadata(totalCount=50_000, limit=50, offset=0),
    )

    async def fetch(offset: int, limit: int) -> Page[VpsSummary]:
        calls.append(offset)
        await asyncio.sleep(0)
        return first

    items = await pagination.paginate(fetch, page_size=50, concurrency=concurrency)
    assert ids(items) == [str(n) for n in range(50)]
    assert len(calls) <= 1 + concurrency


async def test_a_server_ignoring_offset_costs_a_couple_of_requests() -> None:
    handler = scripted(50_000, 50, lambda offset: [vps(n) for n in range(50)])
    h = Harness(handler, page_concurrency=4)
    assert ids(await h.client.list_all_vps()) == [str(n) for n in range(50)]
    assert len(h.api.requests) <= 5


async def test_a_page_repeating_an_earlier_one_stops_reading() -> None:
    """Pages 0 and 1 are right, then the server starts over from the beginning."""
    handler = scripted(1000, 10, lambda offset: [vps(n + offset % 20) for n in range(10)])
    h = Harness(handler, page_concurrency=1)
    assert ids(await h.client.list_all_vps()) == [str(n) for n in range(20)]
    assert len(h.api.requests) == 3
