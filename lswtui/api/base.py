"""The request machinery under :class:`~lswtui.api.client.LeasewebClient`.

One place decides, for every call: refuse writes in read-only mode, send, retry GETs on
transient failures, report each attempt to ``on_request``, and turn failures into ``ApiError``.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Self, TypeVar

import httpx

from lswtui import __version__

from .errors import ApiConnectionError, ApiError, ReadOnlyError
from .models import Accepted
from .responses import (
    accepted,
    connection_error,
    correlation_id,
    error_from_response,
    invalid_response,
)
from .retry import RETRY_STATUSES, retry_delay

T = TypeVar("T")

DEFAULT_BASE_URL = "https://api.leaseweb.com/publicCloud/v1"
DEFAULT_TIMEOUT = httpx.Timeout(20.0, connect=5.0)
AUTH_HEADER = "X-LSW-Auth"
USER_AGENT = f"lswtui/{__version__} (+python-httpx)"


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
class _Call:
    """What every attempt of one call sends, and what its errors need."""

    method: str
    path: str
    operation: str
    params: Mapping[str, str] | None
    json: Any
    mutating: bool
    secrets: tuple[str, ...]


class BaseClient:
    """Owns one ``httpx.AsyncClient`` and sends every request of the client through it.

    - ``read_only`` (settable): POST/PUT/DELETE raise ``ReadOnlyError`` without sending.
    - ``max_retries``, ``backoff_base``, ``backoff_cap``: GET retries (see ``retry.py``);
      ``sleep`` waits between them (tests inject a fake).
    - ``page_size``, ``page_concurrency``: ``list_all_*`` paging.
    - ``on_request`` (settable, e.g. by the app) is called after every HTTP attempt, from the
      calling task; it must not raise.
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
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        on_request: Callable[[RequestRecord], None] | None = None,
    ) -> None:
        self.read_only = read_only
        self.max_retries = max_retries
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.page_size = page_size
        self.page_concurrency = page_concurrency
        self._http = http
        self._sleep = sleep
        self.on_request = on_request

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
        """A client with its own ``httpx.AsyncClient``; ``kwargs`` go to ``__init__``."""
        http = httpx.AsyncClient(
            base_url=base_url,
            transport=transport,
            timeout=timeout,
            headers={
                AUTH_HEADER: api_key.strip(),
                "User-Agent": USER_AGENT,
                "Accept": "application/json",
            },
        )
        return cls(http, **kwargs)

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
        call = self._prepare(method, path, operation, params, json, secrets)
        response = await self._request(call)
        try:
            return parse(response.json())
        except (ValueError, RecursionError) as exc:
            # "from None": a pydantic error's text would quote the body, maybe a password.
            raise invalid_response(
                exc, response, operation=operation, mutating=call.mutating
            ) from None

    async def _accepted(
        self, method: str, path: str, operation: str, *, json: Any = None
    ) -> Accepted:
        """Send a write answered with 202/204 and no body (which is never read)."""
        return accepted(await self._request(self._prepare(method, path, operation, None, json)))

    def _prepare(
        self,
        method: str,
        path: str,
        operation: str,
        params: Mapping[str, str] | None,
        json: Any,
        secrets: Sequence[str] = (),
    ) -> _Call:
        mutating = method != "GET"
        if mutating and self.read_only:
            raise ReadOnlyError(
                f"Read-only mode is on, so this was not sent: {operation}.",
                operation=operation,
                mutating=True,
            )
        api_key = self._http.headers.get(AUTH_HEADER, "")
        return _Call(method, path, operation, params, json, mutating, (*secrets, api_key))

    async def _request(self, call: _Call) -> httpx.Response:
        """A 2xx response, after retrying a GET on transient failures; else an ``ApiError``."""
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
            await self._sleep(delay)
            attempt += 1

    async def _attempt(self, call: _Call, attempt: int) -> httpx.Response:
        """Send once and report it to ``on_request``."""
        started = time.perf_counter()
        try:
            response = await self._http.request(
                call.method, call.path, params=call.params, json=call.json
            )
        except httpx.RequestError as exc:
            self._record(call, started, attempt, None, None, type(exc).__name__)
            raise connection_error(
                exc, operation=call.operation, mutating=call.mutating, secrets=call.secrets
            ) from exc
        if response.is_success:
            self._record(call, started, attempt, response.status_code, correlation_id(response))
            return response
        error = error_from_response(
            response, operation=call.operation, mutating=call.mutating, secrets=call.secrets
        )
        self._record(
            call,
            started,
            attempt,
            response.status_code,
            error.correlation_id,
            f"HTTP {response.status_code}",
        )
        raise error

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
