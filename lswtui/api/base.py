"""The request machinery under :class:`~lswtui.api.client.LeasewebClient`.

One place decides, for every call: refuse writes in read-only mode, send, bound each attempt
in time (``deadline``) and size (``max_response_bytes``), retry GETs on transient failures,
report each attempt to ``on_request`` and each wait to ``on_retry``, and turn failures into
``ApiError``.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Self, TypeVar

import httpx

from lswtui import __version__

from .bodies import ACCEPT_ENCODING, MAX_RESPONSE_BYTES, BodyError, decode_json, read_body
from .errors import ApiConnectionError, ApiError, InvalidResponseError, ReadOnlyError
from .models import Accepted, ApiModel, ItemList, Page
from .redact import secret_forms
from .responses import (
    accepted,
    connection_error,
    correlation_id,
    error_from_response,
    invalid_response,
)
from .retry import RETRY_STATUSES, retry_delay
from .safe_text import safe_text

T = TypeVar("T")

DEFAULT_BASE_URL = "https://api.leaseweb.com/publicCloud/v1"
DEFAULT_TIMEOUT = httpx.Timeout(20.0, connect=5.0)
"""Per connect and per read; ``DEFAULT_DEADLINE`` bounds the whole attempt."""
DEFAULT_DEADLINE = 30.0
"""Seconds one attempt may take, connect + headers + the whole body."""
AUTH_HEADER = "X-LSW-Auth"
USER_AGENT = f"lswtui/{__version__} (+python-httpx)"

_PRINTABLE_ASCII = re.compile(r"[\x21-\x7e]*")


def validate_api_key(key: str) -> str:
    """``key`` without surrounding whitespace, or a ``ValueError`` that does not quote it.

    Only printable ASCII can go into the header: anything else would fail deep in httpx with a
    traceback (or an error text quoting the key).
    """
    key = key.strip()
    if not _PRINTABLE_ASCII.fullmatch(key):
        raise ValueError(
            "the API key contains a space, a control or a non-ASCII character;"
            " check LEASEWEB_API_KEY or the profile"
        )
    return key


@dataclass(frozen=True, slots=True)
class RequestRecord:
    """One HTTP attempt, for the API-health indicator and request counting.

    ``path`` is relative to the base URL (``vps/123581321/stop``). The record holds no
    headers, query string or body, so it can be shown and logged freely. ``error`` is a short
    tag (``HTTP 503``, ``ReadTimeout``) or None for a 2xx.
    """

    method: str
    path: str
    status: int | None
    elapsed: float
    correlation_id: str | None
    attempt: int
    error: str | None = None


@dataclass(frozen=True, slots=True)
class RetryWait:
    """A GET about to be retried, told to ``on_retry`` before the wait (to say "rate limited,
    retrying in 12 s" rather than "ok"). Holds no headers, query or body, like ``RequestRecord``.

    ``attempt`` is the failed attempt (1-based), ``delay`` the seconds until the next one
    (``Retry-After`` honoured, at most ``retry.MAX_RETRY_DELAY``), ``status`` the failed
    attempt's HTTP status (None without an answer), ``reason`` a short tag: ``HTTP 429``,
    ``ReadTimeout``, ``deadline``.
    """

    operation: str
    path: str
    attempt: int
    delay: float
    status: int | None
    reason: str


@dataclass(frozen=True, slots=True)
class _Call:
    """What every attempt of one call sends, and what its errors need."""

    method: str
    path: str
    operation: str
    params: Mapping[str, str] | None
    json: Any
    mutating: bool
    reads_body: bool
    secrets: tuple[str, ...]
    """Every spelling of the secrets to mask (``redact.secret_forms``)."""


class BaseClient:
    """Owns one ``httpx.AsyncClient`` and sends every request of the client through it.

    - ``read_only`` (settable): POST/PUT/DELETE raise ``ReadOnlyError`` without sending.
    - ``max_retries``, ``backoff_base``, ``backoff_cap``: GET retries (see ``retry.py``);
      ``sleep`` waits between them (tests inject a fake).
    - ``page_size``, ``page_concurrency``: ``list_all_*`` paging.
    - ``deadline``: seconds one attempt may take in all (connect, headers, whole body);
      passing it is an ``ApiConnectionError`` ("did not answer in time").
    - ``max_response_bytes``: cap on a decoded body; passing it is an ``InvalidResponseError``
      ("the response is too large"), or, for an error status, an error without body fields.
    - ``on_request`` (settable, e.g. by the app) is called after every HTTP attempt,
      ``on_retry`` just before each retry's wait, ``on_skipped(operation, count)`` for each
      list response that had invalid items skipped (see ``Page.skipped``,
      ``ItemList.skipped``); all from the calling task, and they must not raise.
    """

    def __init__(
        self,
        http: httpx.AsyncClient,
        *,
        read_only: bool = False,
        max_retries: int = 3,
        backoff_base: float = 0.5,
        backoff_cap: float = 8.0,
        page_size: int = 50,
        page_concurrency: int = 4,
        deadline: float = DEFAULT_DEADLINE,
        max_response_bytes: int = MAX_RESPONSE_BYTES,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        on_request: Callable[[RequestRecord], None] | None = None,
        on_retry: Callable[[RetryWait], None] | None = None,
        on_skipped: Callable[[str, int], None] | None = None,
    ) -> None:
        self.read_only = read_only
        self.max_retries = max_retries
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.page_size = page_size
        self.page_concurrency = page_concurrency
        self.deadline = deadline
        self.max_response_bytes = max_response_bytes
        self._http = http
        self._sleep = sleep
        self.on_request = on_request
        self.on_retry = on_retry
        self.on_skipped = on_skipped

    @classmethod
    def create(
        cls,
        api_key: str,
        *,
        base_url: str = DEFAULT_BASE_URL,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        **kwargs: Any,
    ) -> Self:
        """A client with its own ``httpx.AsyncClient``; ``kwargs`` go to ``__init__``.

        A key that is not printable ASCII is refused (``validate_api_key``).
        """
        http = httpx.AsyncClient(
            base_url=base_url,
            transport=transport,
            timeout=timeout,
            headers={
                AUTH_HEADER: validate_api_key(api_key),
                "User-Agent": USER_AGENT,
                "Accept": "application/json",
                "Accept-Encoding": ACCEPT_ENCODING,
            },
        )
        return cls(http, **kwargs)

    @property
    def base_url(self) -> str:
        """The base URL every path is relative to (with a trailing ``/``)."""
        return str(self._http.base_url)

    async def aclose(self) -> None:
        """Close the underlying ``httpx.AsyncClient`` (also when it was injected)."""
        await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def _call(
        self,
        method: str,
        path: str,
        operation: str,
        parse: Callable[[Any], T],
        *,
        params: Mapping[str, str] | None = None,
        json: Any = None,
        secrets: Sequence[str] = (),
    ) -> T:
        """Send, then parse the JSON body with ``parse``."""
        call = self._prepare(method, path, operation, params, json, True, secrets)
        response, content = await self._request(call)
        try:
            result = parse(decode_json(content))
        except ValueError as exc:  # BodyError, pydantic's ValidationError
            # "from None": a pydantic error's text would quote the body, maybe a password.
            raise _invalid(call, exc, response) from None
        if call.mutating and isinstance(result, ApiModel):
            result.answering(correlation_id(response, call.secrets))
        skipped = result.skipped if isinstance(result, Page | ItemList) else 0
        if skipped and self.on_skipped is not None:
            self.on_skipped(call.operation, skipped)
        return result

    async def _accepted(
        self, method: str, path: str, operation: str, *, json: Any = None
    ) -> Accepted:
        """Send a write answered with 202/204 and no body (which is never read)."""
        call = self._prepare(method, path, operation, None, json, False)
        response, _ = await self._request(call)
        return accepted(response, call.secrets)

    def _prepare(
        self,
        method: str,
        path: str,
        operation: str,
        params: Mapping[str, str] | None,
        json: Any,
        reads_body: bool,
        secrets: Sequence[str] = (),
    ) -> _Call:
        mutating = method != "GET"
        operation = safe_text(operation)  # it quotes ids and names, some typed by the user
        if mutating and self.read_only:
            raise ReadOnlyError(
                f"Read-only mode is on, so this was not sent: {operation}.",
                operation=operation,
                mutating=True,
            )
        forms = secret_forms((*secrets, self._http.headers.get(AUTH_HEADER, "")))
        return _Call(method, path, operation, params, json, mutating, reads_body, forms)

    async def _request(self, call: _Call) -> tuple[httpx.Response, bytes]:
        """A 2xx response and its body, after retrying a GET on transient failures; else an
        ``ApiError``."""
        attempts = 1 if call.mutating else 1 + self.max_retries
        attempt = 1
        while True:
            try:
                return await self._attempt(call, attempt)
            except ApiError as error:
                transient = isinstance(error, ApiConnectionError) or error.status in RETRY_STATUSES
                if not transient or attempt >= attempts:
                    raise
                delay = retry_delay(attempt, self.backoff_base, self.backoff_cap, error.retry_after)
                if self.on_retry is not None:
                    reason = _failure_tag(error.status, error.__cause__)
                    self.on_retry(
                        RetryWait(call.operation, call.path, attempt, delay, error.status, reason)
                    )
            await self._sleep(delay)
            attempt += 1

    async def _attempt(self, call: _Call, attempt: int) -> tuple[httpx.Response, bytes]:
        """Send once, within the deadline and the size cap, and report it to ``on_request``."""
        started = time.perf_counter()
        request = self._http.build_request(
            call.method, call.path, params=call.params, json=call.json
        )
        unreadable: BodyError | None = None
        try:
            async with asyncio.timeout(self.deadline):
                response = await self._http.send(request, stream=True)
                try:
                    content = await self._body(call, response)
                except BodyError as exc:  # an error status is then told by its status line
                    unreadable, content = exc, b""
                finally:
                    await response.aclose()
        except (httpx.RequestError, TimeoutError) as exc:
            self._record(call, started, attempt, None, None, _failure_tag(None, exc))
            raise connection_error(
                exc,
                operation=call.operation,
                mutating=call.mutating,
                secrets=call.secrets,
                deadline=self.deadline,
            ) from exc
        if not response.is_success:
            error = error_from_response(
                response,
                content,
                operation=call.operation,
                mutating=call.mutating,
                secrets=call.secrets,
            )
            status = response.status_code
            self._record(call, started, attempt, status, error.correlation_id, f"HTTP {status}")
            raise error
        correlation = correlation_id(response, call.secrets)
        self._record(call, started, attempt, response.status_code, correlation)
        if unreadable is not None:
            raise _invalid(call, unreadable, response) from None
        return response, content

    async def _body(self, call: _Call, response: httpx.Response) -> bytes:
        """The decoded body, if needed: always for an error, for a 2xx if the call reads it."""
        if response.is_success and not call.reads_body:
            return b""
        return await read_body(response, self.max_response_bytes)

    def _record(
        self,
        call: _Call,
        started: float,
        attempt: int,
        status: int | None,
        correlation: str | None,
        error: str | None = None,
    ) -> None:
        if self.on_request is not None:
            self.on_request(
                RequestRecord(
                    method=call.method,
                    path=call.path,
                    status=status,
                    elapsed=time.perf_counter() - started,
                    correlation_id=correlation,
                    attempt=attempt,
                    error=error,
                )
            )


def _failure_tag(status: int | None, cause: BaseException | None) -> str:
    """``HTTP 503``, or the kind of failure without an answer (``ReadTimeout``, ``deadline``)."""
    if status is not None:
        return f"HTTP {status}"
    if isinstance(cause, TimeoutError):
        return "deadline"
    return type(cause).__name__ if cause is not None else "no answer"


def _invalid(call: _Call, exc: Exception, response: httpx.Response) -> InvalidResponseError:
    """The ``InvalidResponseError`` for a body ``call`` could not read or parse."""
    return invalid_response(
        exc, response, operation=call.operation, mutating=call.mutating, secrets=call.secrets
    )
