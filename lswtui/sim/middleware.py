"""Pure-ASGI layers around the routes: request log, correlation id, body cap, API key, clock.

Each wraps an ASGI app and adds one concern, so more (fault injection, for one) can be slotted
into the chain that ``app.build_app`` assembles.
"""

from __future__ import annotations

import secrets
import uuid
from collections import deque
from dataclasses import dataclass
from typing import Any, SupportsIndex, cast, overload

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .clock import Clock
from .errors import CORRELATION_HEADER, SERVER_ERROR, TOO_LARGE, UNAUTHORIZED, error_response
from .world import World

API_BASE_PATH = "/publicCloud/v1"
#: How many request records the simulator keeps (the oldest go first): a long-running
#: ``lswtui sim`` must not grow without bound, whoever sends it requests.
REQUEST_HISTORY = 10_000
#: The largest request body read; the API's bodies are a few hundred bytes at most.
MAX_BODY_BYTES = 64 * 1024


@dataclass(frozen=True, slots=True)
class RequestRecord:
    """One request the simulator received, as the client sent it, and the status it got."""

    method: str
    path: str  # the full URL path, e.g. /publicCloud/v1/vps/123/reboot
    query: str
    status: int
    correlation_id: str
    fault: str | None = None  # the injected fault (faults.py), if any; ``status`` is what was sent

    @property
    def api_path(self) -> str:
        """The path relative to the API base, as the reference names endpoints (``/vps/123/reboot``)."""
        if self.path.startswith(API_BASE_PATH + "/"):
            return self.path[len(API_BASE_PATH) :]
        return self.path


class RequestHistory(deque[RequestRecord]):
    """The latest ``maxlen`` records, oldest first; slices like a list (``history[-4:]``)."""

    def __init__(self, maxlen: int = REQUEST_HISTORY) -> None:
        super().__init__((), maxlen)

    @overload
    def __getitem__(self, index: SupportsIndex) -> RequestRecord: ...
    @overload
    def __getitem__(self, index: slice) -> list[RequestRecord]: ...

    def __getitem__(self, index: SupportsIndex | slice) -> RequestRecord | list[RequestRecord]:
        if isinstance(index, slice):
            return list(self)[index]
        return super().__getitem__(index)


def _state(scope: Scope) -> dict[str, Any]:
    return cast(dict[str, Any], scope.setdefault("state", {}))


class RequestLog:
    def __init__(self, app: ASGIApp, records: RequestHistory) -> None:
        self.app, self.records = app, records

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        status = 500

        async def send_and_note(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_note)
        finally:
            self.records.append(
                RequestRecord(
                    scope["method"],
                    scope["path"],
                    scope.get("query_string", b"").decode("latin-1"),
                    status,
                    _state(scope).get("correlation_id", ""),
                    _state(scope).get("fault"),
                )
            )


class CorrelationId:
    """A fresh UUID4 per request, in the ``APIGW-CORRELATION-ID`` header of every response and
    in ``scope["state"]`` for error bodies. A crash becomes a Leaseweb-style 500 (then re-raises,
    so tests still see the bug)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        correlation_id = str(uuid.uuid4())
        _state(scope)["correlation_id"] = correlation_id
        started = False

        async def send_with_id(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                MutableHeaders(scope=message).append(CORRELATION_HEADER, correlation_id)
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            if not started:
                await error_response(500, SERVER_ERROR, correlation_id)(
                    scope, receive, send_with_id
                )
            raise


class BodyLimit:
    """Reads the whole request body before the routes see it, and answers 413 instead if it is
    longer than ``MAX_BODY_BYTES`` (declared or sent): no handler ever buffers an unbounded body."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            return await self._too_large(scope, receive, send)
        chunks: list[bytes] = []
        size, more = 0, True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return None
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                return await self._too_large(scope, receive, send)
            chunks.append(chunk)
            more = message.get("more_body", False)
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if delivered:
                return await receive()
            delivered = True
            return {"type": "http.request", "body": b"".join(chunks), "more_body": False}

        await self.app(scope, replay, send)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        await error_response(413, TOO_LARGE, _state(scope).get("correlation_id", ""))(
            scope, receive, send
        )


class ApiKeyAuth:
    """401 unless ``X-LSW-Auth`` carries the simulator's key."""

    def __init__(self, app: ASGIApp, api_key: str) -> None:
        self.app, self.key = app, api_key.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            given = Headers(scope=scope).get("x-lsw-auth", "").encode("latin-1", "replace")
            if not secrets.compare_digest(given, self.key):
                correlation_id = _state(scope).get("correlation_id", "")
                return await error_response(401, UNAUTHORIZED, correlation_id)(scope, receive, send)
        await self.app(scope, receive, send)


class AdvanceClock:
    """Applies every change due by now before the request is handled, and hands the handler
    that same moment (``scope["state"]["now"]``)."""

    def __init__(self, app: ASGIApp, world: World, clock: Clock) -> None:
        self.app, self.world, self.clock = app, world, clock

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            now = self.clock.now()
            self.world.advance_to(now)
            _state(scope)["now"] = now
        await self.app(scope, receive, send)
