"""Fetching every page of a paged list endpoint, a few pages at a time."""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable, Hashable
from itertools import islice
from operator import attrgetter
from typing import Any, TypeVar

from .models import ItemList, Page

T = TypeVar("T")

MAX_PAGES = 1000
"""Defensive stop: a list is never read beyond this many pages (50,000 items at 50 a page)."""

PageFetcher = Callable[[int, int], Awaitable[Page[T]]]
"""``fetch(offset, limit)``: one page of the list."""

OnPage = Callable[[list[T]], Any]


async def paginate(
    fetch: PageFetcher[T],
    *,
    page_size: int,
    concurrency: int,
    key: Callable[[T], Hashable] = attrgetter("id"),
    on_page: OnPage[T] | None = None,
    keep: bool = True,
) -> ItemList[T]:
    """All items of a list, de-duplicated by ``key`` (the first occurrence wins), with the
    invalid items every page skipped added up in ``skipped``.

    Page 0 is fetched with ``limit=page_size``. Its ``_metadata`` (the response's ``offset``
    and ``limit``, since the server may cap the limit, and ``totalCount``) gives the other
    offsets, which are fetched concurrently, at most ``concurrency`` at once.

    Pages are consumed in offset order: ``on_page`` gets each page's new items as soon as that
    page and every page before it have arrived, so rows stream in list order. Reading stops at
    the first page that brings no new item (empty: the list shrank meanwhile; only known ids: a
    server ignoring ``offset``), at ``totalCount`` and after ``MAX_PAGES`` pages. A page found
    stale on arrival also stops the pages not yet asked for, so a server ignoring ``offset``
    costs at most ``1 + concurrency`` requests. The first failing page raises its error; the
    pages still in flight are cancelled.

    With ``keep=False`` the items only go to ``on_page`` and an empty list is returned: each
    page is let go of once consumed, so a 10,000-item list is never all in memory at once.
    """
    seen: set[Hashable] = set()
    items: ItemList[T] = ItemList()

    def brings_new(page: Page[T]) -> bool:
        return any(key(item) not in seen for item in page.items)

    def take(page: Page[T]) -> bool:
        """Consume the page; False if it brought nothing new (then reading stops)."""
        items.skipped += page.skipped
        new = []
        for item in page.items:
            item_key = key(item)
            if item_key not in seen:
                seen.add(item_key)
                new.append(item)
        if keep:
            items.extend(new)
        if new and on_page is not None:
            on_page(new)
        return bool(new)

    first = await fetch(0, page_size)
    if not take(first):
        return items
    meta = first.metadata
    step = meta.limit if meta.limit > 0 else len(first.items)

    semaphore = asyncio.Semaphore(concurrency)
    end = meta.total_count

    async def fetch_bounded(offset: int) -> Page[T] | None:
        nonlocal end
        async with semaphore:
            if offset >= end:  # an earlier page was stale: don't ask for this one
                return None
            page = await fetch(offset, step)
            # Let the event loop run between pages: an in-process transport (the demo's
            # simulator) answers without ever suspending, and would fetch every page in one go.
            await asyncio.sleep(0)
            if not brings_new(page):  # still holding the slot, so no later page starts first
                end = min(end, offset)
        return page

    offsets = islice(range(meta.offset + step, end, step), MAX_PAGES - 1)
    tasks = deque(asyncio.ensure_future(fetch_bounded(offset)) for offset in offsets)
    try:
        while tasks:
            page = await tasks.popleft()  # a consumed task (and its page) is not kept
            if page is None or not take(page):
                break
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    return items
