"""Reading a response body within a size cap, and decoding it into JSON that is safe to show.

Compression: the client asks for ``gzip`` only (``ACCEPT_ENCODING``) and inflates it here, with
``zlib``'s ``max_length``, so the decoded size is counted while it is produced: a 1 MB gzip bomb
stops at the cap instead of inflating to gigabytes first (httpx's own decoders inflate each
chunk whole, and stack one per listed coding). Any other or stacked ``Content-Encoding``, which
we never asked for, is refused before a byte is inflated. Large list pages compress about tenfold,
so asking for ``identity`` instead would cost bandwidth without making anything safer: a hostile
server sends whatever it likes either way.
"""

from __future__ import annotations

import json
import math
import zlib
from typing import Any

import httpx

from .safe_text import safe_text

ACCEPT_ENCODING = "gzip"
MAX_RESPONSE_BYTES = 32 * 1024 * 1024
"""Default cap on a decoded body (a VPS with 50,000 IPs is about 10 MB)."""
MAX_DEPTH = 64
"""No documented body nests deeper than 6; anything past this is refused, not walked."""

_GZIP = zlib.MAX_WBITS | 16


class BodyError(ValueError):
    """A body that cannot be used; the message is a fixed phrase, safe to show."""


def _inflater(response: httpx.Response) -> zlib._Decompress | None:
    coding = response.headers.get("Content-Encoding", "").strip().lower()
    if coding in ("", "identity"):
        return None
    if coding in ("gzip", "x-gzip"):
        return zlib.decompressobj(_GZIP)
    raise BodyError(f"unsupported Content-Encoding {safe_text(coding)[:40]!r}")


async def read_body(response: httpx.Response, limit: int) -> bytes:
    """The decoded body of a streamed ``response``; ``BodyError`` once it passes ``limit``."""
    too_large = BodyError(f"the response is too large (over {limit / 2**20:.3g} MiB)")
    if response.is_stream_consumed:  # an in-memory transport handed over a read response
        if len(response.content) > limit:
            raise too_large
        return response.content
    inflater = _inflater(response)
    body = bytearray()
    async for chunk in response.aiter_raw():
        if inflater is None:
            body += chunk
        else:
            try:
                # At most one byte past the limit is ever inflated (max_length >= 1 here).
                body += inflater.decompress(chunk, limit + 1 - len(body))
            except zlib.error:
                raise BodyError("the body could not be decompressed") from None
        if len(body) > limit:
            raise too_large
    return bytes(body)


def _refuse_constant(name: str) -> float:
    """``NaN``, ``Infinity`` and ``-Infinity`` are not JSON, but Python's parser accepts them."""
    raise BodyError(f"the body has {name}, which is not a finite number")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # overflowed: 1e400
        _refuse_constant(text[:20])
    return value


def _integer(text: str) -> int | str:
    """An integer literal; one past Python's conversion limit (4300 digits) is kept as text,
    so it costs only its own item (an id may be any string; an int field refuses it)."""
    try:
        return int(text)
    except ValueError:
        return text


def _sanitised(value: Any, depth: int) -> Any:
    if isinstance(value, str):
        return safe_text(value)
    if isinstance(value, (list, dict)) and depth >= MAX_DEPTH:
        raise BodyError("the body is nested too deeply")
    if isinstance(value, list):
        return [_sanitised(item, depth + 1) for item in value]
    if isinstance(value, dict):
        return {safe_text(key): _sanitised(item, depth + 1) for key, item in value.items()}
    return value


def decode_json(content: bytes) -> Any:
    """The JSON in ``content``, every string (keys too) passed through ``safe_text``.

    ``NaN``, ``Infinity`` and numbers that overflow a float are refused, and so is nesting
    deeper than ``MAX_DEPTH``; every failure is a ``BodyError``. An integer too long to convert
    stays a string (see ``_integer``).
    """
    try:
        data = json.loads(
            content, parse_constant=_refuse_constant, parse_float=_finite, parse_int=_integer
        )
    except BodyError:
        raise
    except RecursionError:
        raise BodyError("the body is nested too deeply") from None
    except ValueError:  # includes invalid UTF-8 and too many integer digits
        raise BodyError("the body is not valid JSON") from None
    return _sanitised(data, 0)
