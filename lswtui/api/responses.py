"""Turning httpx responses and failures into models, ``Accepted`` outcomes or ``ApiError``s.

Nothing here may leak a secret or a control character: error texts come from the API's error
fields (decoded by ``bodies.decode_json``, so already escaped), from headers and exception texts
passed through ``safe_text``, or from fixed phrases; secrets are masked in every spelling
(``redact.secret_forms``), and validation errors are summarised without their input values.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, ValidationError

from .bodies import BodyError, decode_json
from .errors import ApiConnectionError, ApiError, InvalidResponseError
from .models import Accepted, ItemList, Metadata, Page
from .redact import mask_text, redacted_url
from .retry import retry_after_seconds
from .safe_text import safe_text

log = logging.getLogger(__name__)

CORRELATION_HEADER = "APIGW-CORRELATION-ID"
MAX_TEXT = 300

M = TypeVar("M", bound=BaseModel)

_STATUS_HINTS = {
    401: "the API key is missing, invalid or expired.",
    403: "this API key may not do that (method restriction or IP whitelist).",
    404: "not found.",
    429: "too many requests.",
    500: "the API could not handle the request.",
    502: "the API gateway got no valid answer from the API.",
    503: "the API is not available at the moment.",
    504: "the server took too long to respond.",
}


class ShapeError(BodyError):
    """A 2xx body that is JSON but not shaped like the documented response."""


def correlation_id(response: httpx.Response, secrets: tuple[str, ...]) -> str | None:
    """The ``APIGW-CORRELATION-ID`` header, escaped, masked and shortened."""
    return _text(response.headers.get(CORRELATION_HEADER), secrets)


def accepted(response: httpx.Response, secrets: tuple[str, ...]) -> Accepted:
    """The outcome of a 202/204 (or any 2xx whose body is not needed); the body is not read."""
    return Accepted(status_code=response.status_code).answering(correlation_id(response, secrets))


def _items(data: Any, key: str, model: type[M]) -> ItemList[M]:
    """The valid items of the list ``data[key]``, each validated on its own: one bad item is
    skipped (and counted), never fatal to the list. A missing or non-list ``key`` is.

    An item without its ``id`` (the spec leaves ids optional) is skipped too, not shown: every
    operation on it and every refresh of it names it by id, so it could be seen but neither
    acted on nor told apart from another."""
    if not isinstance(data, dict) or not isinstance(data.get(key, ()), list | None):
        raise ShapeError(f"expected a JSON object with a {key!r} list")
    items: ItemList[M] = ItemList()
    for item in data[key] or ():
        try:
            items.append(model.model_validate(item))
        except ValidationError:
            items.skipped += 1
    return items


def _metadata(data: dict[str, Any], count: int) -> Metadata:
    raw = data.get("_metadata")
    if raw is None:
        return Metadata(totalCount=count, limit=count, offset=0)
    return Metadata.model_validate(raw)


def page_parser(key: str, model: type[M]) -> Callable[[Any], Page[M]]:
    """A parser for a paged list body ``{key: [...], "_metadata": {...}}``."""

    def parse(data: Any) -> Page[M]:
        items = _items(data, key, model)
        page = Page[model]  # type: ignore[valid-type]
        return page(items=items, metadata=_metadata(data, len(items)), skipped=items.skipped)

    return parse


def items_parser(key: str, model: type[M]) -> Callable[[Any], ItemList[M]]:
    """A parser for a list body the API does not page (it still sends ``_metadata``)."""

    def parse(data: Any) -> ItemList[M]:
        items = _items(data, key, model)
        total = _metadata(data, len(items)).total_count
        if total > len(items):
            log.warning("%s: got %d of %d items (endpoint is not paged)", key, len(items), total)
        return items

    return parse


def _short(text: str) -> str:
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def _text(value: Any, secrets: tuple[str, ...]) -> str | None:
    """A short, escaped, masked string for an error field (None and "" give None)."""
    if value is None or value == "":
        return None
    text = value if isinstance(value, str) else json.dumps(value, default=str)
    return _short(mask_text(safe_text(text), secrets))


def _error_body(content: bytes) -> dict[str, Any]:
    try:
        body = decode_json(content)
    except BodyError:
        return {}
    return body if isinstance(body, dict) else {}


def _error_details(details: Any, secrets: tuple[str, ...]) -> Any:
    """``errorDetails`` masked, each string shortened (depth is bounded by ``decode_json``)."""
    if isinstance(details, str):
        return _short(mask_text(details, secrets))
    if isinstance(details, list):
        return [_error_details(item, secrets) for item in details]
    if isinstance(details, dict):
        return {
            _short(mask_text(key, secrets)): _error_details(value, secrets)
            for key, value in details.items()
        }
    return details


def error_from_response(
    response: httpx.Response,
    content: bytes,
    *,
    operation: str,
    mutating: bool,
    secrets: tuple[str, ...],
) -> ApiError:
    """An ``ApiError`` for a non-2xx response, from its JSON error body when there is one.

    A gateway page (HTML, truncated JSON, nothing) gives ``HTTP 504 Gateway Timeout: ...``
    instead of the page itself.
    """
    body = _error_body(content)
    status = response.status_code
    fallback = f"HTTP {status} {response.reason_phrase}".rstrip()
    if hint := _STATUS_HINTS.get(status):
        fallback += f": {hint}"
    code = body.get("errorCode")
    return ApiError(
        _text(body.get("errorMessage") or body.get("message"), secrets) or fallback,
        operation=operation,
        status=status,
        error_code=None if code is None else _text(str(code), secrets),
        user_message=_text(body.get("userMessage"), secrets),
        correlation_id=_text(body.get("correlationId"), secrets)
        or correlation_id(response, secrets),
        reference=_text(body.get("reference"), secrets),
        error_details=_error_details(body.get("errorDetails"), secrets),
        mutating=mutating,
        # Only ever a number (finite, >= 0, capped by retry.MAX_RETRY_DELAY), never shown as text.
        retry_after=retry_after_seconds(response.headers.get("Retry-After")),
    )


def connection_error(
    exc: httpx.RequestError | TimeoutError,
    *,
    operation: str,
    mutating: bool,
    secrets: tuple[str, ...],
    deadline: float,
) -> ApiConnectionError:
    """An ``ApiConnectionError`` for a request that got no (complete) HTTP answer.

    A ``TimeoutError`` is the client's overall deadline for the attempt passing.
    """
    timed_out = isinstance(exc, httpx.TimeoutException | TimeoutError)
    kind = "did not answer in time" if timed_out else "could not be reached"
    if isinstance(exc, TimeoutError):
        detail: str | None = f"no complete answer within {deadline:g} s"
        name = "deadline"
    else:
        detail = _text(redacted_url(str(exc)), secrets)
        name = type(exc).__name__
    return ApiConnectionError(
        f"The API {kind} ({name}: {detail})." if detail else f"The API {kind} ({name}).",
        operation=operation,
        mutating=mutating,
    )


def invalid_response(
    exc: Exception,
    response: httpx.Response,
    *,
    operation: str,
    mutating: bool,
    secrets: tuple[str, ...],
) -> InvalidResponseError:
    """An ``InvalidResponseError`` for a 2xx body that could not be parsed or validated."""
    if isinstance(exc, ValidationError):
        # include_input=False: the input may be a password or a console token.
        errors = exc.errors(include_url=False, include_input=False, include_context=False)
        first = errors[0]
        where = ".".join(str(part) for part in first["loc"]) or "body"
        detail = f"unexpected value at {where}: {first['msg']}"
        if len(errors) > 1:
            detail += f" (and {len(errors) - 1} more)"
    elif isinstance(exc, BodyError):
        detail = str(exc)
    else:
        detail = "the body could not be read"
    return InvalidResponseError(
        f"Unexpected response from the API: {detail}.",
        operation=operation,
        status=response.status_code,
        correlation_id=correlation_id(response, secrets),
        mutating=mutating,
    )
