"""``list_all_vps(on_page=..., keep=False)``: items only stream, nothing is held to the end."""

from __future__ import annotations

from lsw_api_examples import Harness
from test_api_pagination import PagedServer, ids, vps


async def test_without_keep_the_pages_stream_and_nothing_is_returned() -> None:
    server = PagedServer([vps(n) for n in range(95)], cap=20)
    pages: list[list[str]] = []
    items = await Harness(server).client.list_all_vps(
        on_page=lambda page: pages.append(ids(page)), keep=False
    )
    assert items == []
    assert [n for page in pages for n in page] == [str(n) for n in range(95)]
