"""Every read is bounded: one deadline per attempt (connect, headers and the whole body) and a
cap on the decoded size, counted while streaming, so trickling, endless and gzip-bomb bodies
end as the client's own errors with memory bounded; retries are announced to ``on_retry``."""

from __future__ import annotations

import asyncio
import gzip
import json
import time
import tracemalloc
import zlib
from collections.abc import AsyncIterator

import httpx
import pytest
from lsw_api_examples import API_KEY, VPS_DETAILS, VPS_ID, Harness, reply

from lswtui.api import ApiConnectionError, ApiError, InvalidResponseError, RetryWait

CHUNK = 64 * 1024


async def trickle() -> AsyncIterator[bytes]:
    yield b'{"id": "1",'
    while True:
        await asyncio.sleep(15)
        yield b" "


async def endless() -> AsyncIterator[bytes]:
    yield b'{"id": "1", "reference": "'
    while True:
        yield b"x" * CHUNK


def gzip_bomb(inflated_mib: int) -> bytes:
    """About ``inflated_mib`` KiB of gzip that inflates to ``inflated_mib`` MiB of zeros: one
    flushed block repeated (the reader gives up long before the missing trailer)."""
    mib = bytes(1024 * 1024)
    compressor = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    head = compressor.compress(mib) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(mib) + compressor.flush(zlib.Z_FULL_FLUSH)
    return head + block * (inflated_mib - 1)


def streamed(data: bytes) -> AsyncIterator[bytes]:
    async def chunks() -> AsyncIterator[bytes]:
        for start in range(0, len(data), CHUNK):
            yield data[start : start + CHUNK]

    return chunks()


async def peak_memory_of(coro) -> tuple[BaseException | None, int]:
    tracemalloc.start()
    try:
        await coro
    except BaseException as exc:
        return exc, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return None, 0


async def test_a_trickling_body_fails_at_the_deadline() -> None:
    h = Harness(httpx.Response(200, content=trickle()), deadline=0.3, max_retries=0)
    started = time.perf_counter()
    with pytest.raises(ApiConnectionError, match="did not answer in time") as caught:
        await h.client.get_vps(VPS_ID)
    assert time.perf_counter() - started < 3
    assert "0.3 s" in caught.value.error_message
    assert [r.error for r in h.records] == ["deadline"]


async def test_a_write_whose_answer_never_completes_has_an_unknown_outcome() -> None:
    async def silent(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(15)
        return httpx.Response(202)

    for call in (
        lambda c: c.stop_vps(VPS_ID),
        lambda c: c.update_vps_reference(VPS_ID, "renamed"),
    ):
        h = Harness(silent, deadline=0.2)
        with pytest.raises(ApiConnectionError, match="did not answer in time") as caught:
            await call(h.client)
        assert caught.value.outcome_unknown and len(h.api.requests) == 1
    h = Harness(httpx.Response(200, content=trickle()), deadline=0.2)
    with pytest.raises(ApiConnectionError) as caught:
        await h.client.update_vps_reference(VPS_ID, "renamed")
    assert caught.value.outcome_unknown


async def test_an_endless_body_stops_at_the_size_cap_with_memory_bounded() -> None:
    h = Harness(httpx.Response(200, content=endless()), max_retries=0)
    error, peak = await peak_memory_of(h.client.get_vps(VPS_ID))
    assert isinstance(error, InvalidResponseError), error
    assert "the response is too large (over 32 MiB)" in error.error_message
    assert peak < 200 * 1024 * 1024
    assert len(h.api.requests) == 1


async def test_a_gzip_bomb_stops_at_the_size_cap_with_memory_bounded() -> None:
    bomb = gzip_bomb(inflated_mib=1024)
    assert len(bomb) < 1.2 * 1024 * 1024
    response = httpx.Response(200, content=streamed(bomb), headers={"Content-Encoding": "gzip"})
    h = Harness(response, max_retries=0)
    error, peak = await peak_memory_of(h.client.get_vps(VPS_ID))
    assert isinstance(error, InvalidResponseError), error
    assert "too large" in error.error_message
    assert peak < 200 * 1024 * 1024


async def test_the_cap_is_injectable_and_an_error_body_past_it_still_gives_the_status() -> None:
    h = Harness(httpx.Response(503, content=endless()), max_retries=0, max_response_bytes=CHUNK)
    with pytest.raises(ApiError) as caught:
        await h.client.get_vps(VPS_ID)
    assert caught.value.status == 503 and "HTTP 503" in caught.value.error_message


async def test_gzip_is_asked_for_and_decoded_within_the_cap() -> None:
    body = gzip.compress(json.dumps(VPS_DETAILS).encode())
    h = Harness(httpx.Response(200, content=streamed(body), headers={"Content-Encoding": "gzip"}))
    assert (await h.client.get_vps(VPS_ID)).id == VPS_ID
    assert h.api.last.headers["Accept-Encoding"] == "gzip"


@pytest.mark.parametrize("coding", ["gzip, gzip", "br", "zstd", "compress"])
async def test_codings_never_asked_for_are_refused_before_inflating(coding: str) -> None:
    body = gzip.compress(gzip.compress(json.dumps(VPS_DETAILS).encode()))
    h = Harness(httpx.Response(200, content=streamed(body), headers={"Content-Encoding": coding}))
    with pytest.raises(InvalidResponseError, match="unsupported Content-Encoding"):
        await h.client.get_vps(VPS_ID)


async def test_corrupt_gzip_is_an_invalid_response() -> None:
    corrupt = streamed(b"\x1f\x8bnot gzip")
    h = Harness(httpx.Response(200, content=corrupt, headers={"Content-Encoding": "gzip"}))
    with pytest.raises(InvalidResponseError, match="could not be decompressed"):
        await h.client.get_vps(VPS_ID)


async def test_every_retry_wait_is_announced_capped_and_without_the_key() -> None:
    waits: list[RetryWait] = []
    h = Harness(
        reply(429, {"errorMessage": "slow down"}, headers={"Retry-After": "999999"}),
        reply(200, VPS_DETAILS),
        max_retries=2,
    )
    h.client.on_retry = waits.append
    assert (await h.client.get_vps(VPS_ID)).id == VPS_ID
    assert waits == [
        RetryWait(
            operation=f"Get VPS {VPS_ID}",
            path=f"vps/{VPS_ID}",
            attempt=1,
            delay=60.0,
            status=429,
            reason="HTTP 429",
        )
    ]
    assert h.sleeps == [60.0] and API_KEY not in repr(waits)


async def test_a_retry_after_a_missed_deadline_is_announced_as_such() -> None:
    waits: list[RetryWait] = []
    h = Harness(
        lambda request: httpx.Response(200, content=trickle()),
        deadline=0.1,
        max_retries=1,
        on_retry=waits.append,
    )
    with pytest.raises(ApiConnectionError):
        await h.client.get_vps(VPS_ID)
    assert [(w.attempt, w.status, w.reason) for w in waits] == [(1, None, "deadline")]
