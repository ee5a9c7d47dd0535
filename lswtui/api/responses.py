"""Turning httpx responses and failures into models, ``Accepted`` outcomes or ``ApiError``s.

Nothing here may leak a secret: error texts come from the API's error fields or from fixed
phrases, secrets (the API key, a password being sent) are masked, and validation errors are
summarised without their input values.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, TypeAdapter, ValidationError

from .errors import ApiConnectionError, ApiError, InvalidResponseError
from .models import Accepted, Metadata, Page
from .retry import retry_after_seconds

log = logging.getLogger(__name__)

CORRELATION_HEADER = "APIGW-CORRELATION-ID"
MAX_TEXT = 300
MASK = "***"

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


class ShapeError(ValueError):
    """A 2xx body that is JSON but not shaped like the documented response."""


def correlation_id(response: httpx.Response) -> str | None:
    value: str | None = response.headers.get(CORRELATION_HEADER)
    return value


def accepted(response: httpx.Response) -> Accepted:
    """The outcome of a 202/204 (or any 2xx whose body is not needed); the body is not read."""
    return Accepted(status_code=response.status_code, correlation_id=correlation_id(response))


@cache
def _list_adapter(model: type[M]) -> TypeAdapter[list[M]]:
    return TypeAdapter(list[model])  # type: ignore[valid-type]


def _items(data: Any, key: str, model: type[M]) -> list[M]:
    if not isinstance(data, dict) or key not in data:
        raise ShapeError(f"expected a JSON object with a {key!r} list")
    raw = data[key]
    return _list_adapter(model).validate_python([] if raw is None else raw)


def _metadata(data: dict[str, Any], count: int) -> Metadata:
    raw = data.get("_metadata")
    if raw is None:
        return Metadata(totalCount=count, limit=count, offset=0)
    return Metadata.model_validate(raw)


def page_parser(key: str, model: type[M]) -> Callable[[Any], Page[M]]:
    """A parser for a paged list body ``{key: [...], "_metadata": {...}}``."""

    def parse(data: Any) -> Page[M]:
        items = _items(data, key, model)
        return Page[model](items=items, metadata=_metadata(data, len(items)))  # type: ignore[valid-type]

    return parse


def items_parser(key: str, model: type[M]) -> Callable[[Any], list[M]]:
    """A parser for a list body the API does not page (it still sends ``_metadata``)."""

    def parse(data: Any) -> list[M]:
        items = _items(data, key, model)
        total = _metadata(data, len(items)).total_count
        if total > len(items):
            log.warning("%s: got %d of %d items (endpoint is not paged)", key, len(items), total)
        return items

    return parse


def _mask_text(text: str, secrets: Sequence[str]) -> str:
    for secret in secrets:
        if secret:
            text = text.replace(secret, MASK)
    return text


def mask(value: Any, secrets: Sequence[str]) -> Any:
    """``value`` (a string, or JSON made of them) with every secret replaced by ``***``."""
    if isinstance(value, str):
        return _mask_text(value, secrets)
    if isinstance(value, list):
        return [mask(item, secrets) for item in value]
    if isinstance(value, dict):
        return {_mask_text(str(k), secrets): mask(v, secrets) for k, v in value.items()}
    return value


def _text(value: Any, secrets: Sequence[str]) -> str | None:
    """A short, masked string for an error field (None and "" give None)."""
    if value is None or value == "":
        return None
    text = value if isinstance(value, str) else json.dumps(value, default=str)
    text = _mask_text(text, secrets)
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def _error_body(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except (ValueError, RecursionError):
        return {}
    return body if isinstance(body, dict) else {}


def _error_details(details: Any, secrets: Sequence[str]) -> Any:
    try:
        return mask(details, secrets)
    except RecursionError:
        return None


def error_from_response(
    response: httpx.Response, *, operation: str, mutating: bool, secrets: Sequence[str]
) -> ApiError:
    """An ``ApiError`` for a non-2xx response, from its JSON error body when there is one.

    A gateway page (HTML, truncated JSON, nothing) gives ``HTTP 504 Gateway Timeout: ...``
    instead of the page itself.
    """
    body = _error_body(response)
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
        correlation_id=_text(body.get("correlationId"), ()) or correlation_id(response),
        reference=_text(body.get("reference"), secrets),
        error_details=_error_details(body.get("errorDetails"), secrets),
        mutating=mutating,
        retry_after=retry_after_seconds(response.headers.get("Retry-After")),
    )


def connection_error(
    exc: httpx.RequestError, *, operation: str, mutating: bool, secrets: Sequence[str]
) -> ApiConnectionError:
    """An ``ApiConnectionError`` for a request that got no HTTP answer."""
    kind = (
        "did not answer in time"
        if isinstance(exc, httpx.TimeoutException)
        else "could not be reached"
    )
    detail = _text(str(exc), secrets)
    name = type(exc).__name__
    return ApiConnectionError(
        f"The API {kind} ({name}: {detail})." if detail else f"The API {kind} ({name}).",
        operation=operation,
        mutating=mutating,
    )


def invalid_response(
    exc: Exception, response: httpx.Response, *, operation: str, mutating: bool
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
    elif isinstance(exc, ShapeError):
        detail = str(exc)
    elif isinstance(exc, RecursionError):
        detail = "the body is nested too deeply"
    else:
        detail = "the body is not valid JSON"
    return InvalidResponseError(
        f"Unexpected response from the API: {detail}.",
        operation=operation,
        status=response.status_code,
        correlation_id=correlation_id(response),
        mutating=mutating,
    )
