"""Property: whatever text the API puts in any string (values, keys, error fields, the
correlation header), no control, format, bidi, zero-width or surrogate character survives into a
str attribute of a parsed model or of an ApiError: the client is the one sanitising boundary."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lsw_api_examples import Harness
from pydantic import BaseModel
from test_api_models_properties import PARSERS, PROPERTY_SETTINGS, Call

from lswtui.api import ApiError

HOSTILE_CHARS = (
    [chr(cp) for cp in range(0x20)]
    + ["\x7f"]
    + [chr(cp) for cp in range(0x80, 0xA0)]
    + list("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
    + list("\u200b\u200c\u200d\u2060\ufeff\u180e\u00ad\u2028\u2029")
    + ["\ud800", "\udc00", "\udfff", "\ufffe", "\U0010ffff", "\U000e0041", "\U000e007f"]
)
HOSTILE = st.text(alphabet=st.sampled_from(HOSTILE_CHARS) | st.characters(), max_size=12)


def unsafe(char: str) -> bool:
    code = ord(char)
    return (
        unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp")
        or 0xFDD0 <= code <= 0xFDEF
        or code & 0xFFFE == 0xFFFE
    )


def strings_in(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from strings_in(getattr(value, name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings_in(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings_in(key)
            yield from strings_in(item)


def error_strings(error: ApiError) -> Iterator[str]:
    yield from error.describe().split("\n")  # its own line structure; no line may hold one
    yield error.operation
    yield from strings_in(
        [
            error.error_message,
            error.error_code,
            error.user_message,
            error.correlation_id,
            error.reference,
            error.error_details,
            error.detail_lines,
        ]
    )


def assert_clean(strings: Iterator[str]) -> None:
    for text in strings:
        bad = [char for char in text if unsafe(char)]
        assert not bad, (text, bad)


@st.composite
def hostile_copy(draw: st.DrawFn, payload: Any) -> Any:
    """``payload`` with any of its strings, and sometimes its keys, replaced by hostile text or
    given a hostile tail; now and then a hostile extra key."""
    if isinstance(payload, str):
        return draw(st.just(payload) | HOSTILE | HOSTILE.map(lambda tail: payload + tail))
    if isinstance(payload, list):
        return [draw(hostile_copy(item)) for item in payload]
    if isinstance(payload, dict):
        copy = {
            (draw(st.just(key) | HOSTILE.map(lambda tail: key + tail))): draw(hostile_copy(v))
            for key, v in payload.items()
        }
        if draw(st.booleans()):
            copy[draw(HOSTILE)] = draw(HOSTILE)
        return copy
    return payload


def ascii_escaped(payload: Any) -> bytes:
    """JSON with every non-ASCII character as a \\u escape, lone surrogates included."""
    return json.dumps(payload).encode()


async def outcome(call: Call, response: httpx.Response) -> Any:
    h = Harness(response, max_retries=0)
    try:
        return await call(h.client)
    except ApiError as error:
        return error
    finally:
        await h.client.aclose()


def correlation_header(value: str) -> list[tuple[bytes, bytes]]:
    return [(b"APIGW-CORRELATION-ID", value.encode("utf-8", "surrogatepass"))]


@pytest.mark.parametrize("name", PARSERS)
@settings(PROPERTY_SETTINGS, max_examples=12)
@given(data=st.data())
async def test_no_unsafe_character_survives_into_a_parsed_model(
    name: str, data: st.DataObject
) -> None:
    call, payload = PARSERS[name]
    body = ascii_escaped(data.draw(hostile_copy(payload)))
    headers = correlation_header(data.draw(HOSTILE))
    result = await outcome(call, httpx.Response(200, content=body, headers=headers))
    assert_clean(error_strings(result) if isinstance(result, ApiError) else strings_in(result))


ERROR_BODY = {
    "errorCode": "400",
    "errorMessage": "m",
    "userMessage": "u",
    "correlationId": "c",
    "reference": "r",
    "errorDetails": {"field": ["bad", {"nested": ["worse"]}]},
}


@PROPERTY_SETTINGS
@given(
    status=st.sampled_from([400, 401, 403, 404, 409, 429, 500, 503]),
    body=hostile_copy(ERROR_BODY),
    header=HOSTILE,
)
async def test_no_unsafe_character_survives_into_an_api_error(
    status: int, body: Any, header: str
) -> None:
    for call, _ in (PARSERS["get_vps"], PARSERS["list_vps"], PARSERS["store_credential"]):
        error = await outcome(
            call,
            httpx.Response(status, content=ascii_escaped(body), headers=correlation_header(header)),
        )
        assert isinstance(error, ApiError) and error.status == status
        assert_clean(error_strings(error))


@PROPERTY_SETTINGS
@given(text=HOSTILE)
async def test_no_unsafe_character_survives_into_a_connection_error(text: str) -> None:
    h = Harness(httpx.ConnectError(f"proxy said: {text}"), max_retries=0)
    typed_id = "".join(char for char in text if unicodedata.category(char) != "Cs")
    try:
        await h.client.get_vps(f"id-{typed_id}")
    except ApiError as caught:
        assert_clean(error_strings(caught))
    else:
        pytest.fail("a connection error was expected")
