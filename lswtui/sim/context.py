"""What a route handler works with: the ``Call`` (world, time, path parameters) and the
response helpers. 202 and 204 responses carry no body."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from typing import Any, TypeVar

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .errors import not_found
from .model import Vps
from .params import DEFAULT_LIMIT, page_window
from .views import metadata
from .world import World

T = TypeVar("T")


class Call:
    """One API request as a handler sees it."""

    __slots__ = ("now", "request", "world")

    def __init__(self, request: Request) -> None:
        self.request = request
        self.world: World = request.app.state.world
        # Set by the clock middleware, which also applied every change due by this moment.
        self.now: datetime = request.scope["state"]["now"]

    def path(self, name: str) -> str:
        return str(self.request.path_params[name])

    def vps(self) -> Vps:
        vps_id = self.path("vpsId")
        vps = self.world.vps.get(vps_id)
        if vps is None:
            raise not_found(f"VPS with id {vps_id} not found")
        return vps


Handler = Callable[[Call], Awaitable[Response]]


def route(method: str, path: str) -> Callable[[Handler], Route]:
    """Turn ``async def handler(call) -> Response`` into a Starlette ``Route``."""

    def wrap(handler: Handler) -> Route:
        async def endpoint(request: Request) -> Response:
            return await handler(Call(request))

        endpoint.__name__ = handler.__name__
        return Route(path, endpoint, methods=[method], name=handler.__name__)

    return wrap


def ok(body: Any) -> JSONResponse:
    return JSONResponse(body)


def accepted() -> Response:
    return Response(status_code=202)


def no_content() -> Response:
    return Response(status_code=204)


def paged(call: Call, key: str, items: Sequence[T], render: Callable[[T], Any]) -> JSONResponse:
    """One page of ``items`` (``limit``/``offset`` from the query) with its ``_metadata``."""
    limit, offset = page_window(call.request)
    window = items[offset : offset + limit]
    return ok({"_metadata": metadata(len(items), limit, offset), key: [render(i) for i in window]})


def whole(key: str, rendered: list[Any]) -> JSONResponse:
    """A list the API does not page but still wraps with ``_metadata`` (credentials, IPs)."""
    limit = max(DEFAULT_LIMIT, len(rendered))
    return ok({"_metadata": metadata(len(rendered), limit, 0), key: rendered})
