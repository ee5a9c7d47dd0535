"""Assembly of the simulator's ASGI app: the routes under /publicCloud/v1, wrapped in the
middleware chain (outermost first):

    RequestLog -> CorrelationId -> BodyLimit -> [extra layers, e.g. fault injection]
      -> ApiKeyAuth -> AdvanceClock -> Starlette (routing, Leaseweb error bodies)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route, Router
from starlette.types import ASGIApp

from . import (
    routes_catalog,
    routes_credentials,
    routes_ips,
    routes_iso,
    routes_metrics,
    routes_power,
    routes_reinstall,
    routes_snapshots,
    routes_vps,
)
from .clock import Clock
from .errors import METHOD_NOT_ALLOWED, NOT_FOUND, SERVER_ERROR, ApiError, error_response
from .middleware import (
    API_BASE_PATH,
    AdvanceClock,
    ApiKeyAuth,
    BodyLimit,
    CorrelationId,
    RequestHistory,
    RequestLog,
)
from .world import World

Layer = Callable[[ASGIApp], ASGIApp]
ROUTE_MODULES = (
    routes_vps,
    routes_power,
    routes_credentials,
    routes_iso,
    routes_catalog,
    routes_reinstall,
    routes_ips,
    routes_metrics,
    routes_snapshots,
)


def _correlation_id(request: Request) -> str:
    return str(request.scope.get("state", {}).get("correlation_id", ""))


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.message, _correlation_id(request), exc.details)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    message = {404: NOT_FOUND, 405: METHOD_NOT_ALLOWED}.get(exc.status_code, str(exc.detail))
    # The exception's headers matter: a 405 must name the allowed methods (``Allow``, RFC 9110).
    return error_response(exc.status_code, message, _correlation_id(request), headers=exc.headers)


async def _server_error(request: Request, exc: Exception) -> Response:
    # Starlette sends this, then re-raises, so a bug still surfaces in tests and server logs.
    return error_response(500, SERVER_ERROR, _correlation_id(request))


def _one_route_per_path(routes: Sequence[Route]) -> list[Route]:
    """Merge the routes of one path into one ``Route`` that dispatches on the method.

    Starlette's 405 names the methods of the first route that matched the path only, so a
    path served by several routes must be one route for ``Allow`` to list all its methods."""
    endpoints: dict[str, dict[str, Callable[[Request], Awaitable[Response]]]] = defaultdict(dict)
    for r in routes:
        for method in r.methods or ():
            endpoints[r.path][method] = r.endpoint
    return [
        Route(path, _dispatch(by_method), methods=list(by_method))
        for path, by_method in endpoints.items()
    ]


def _dispatch(
    by_method: dict[str, Callable[[Request], Awaitable[Response]]],
) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        return await by_method[request.method](request)

    return endpoint


def build_routes_app(world: World) -> Starlette:
    """The bare Starlette app: routing and error rendering, no auth or clock."""
    routes = [r for m in ROUTE_MODULES for r in m.routes]
    mount = Mount(API_BASE_PATH, routes=_one_route_per_path(routes))
    app = Starlette(
        routes=[mount],
        exception_handlers={
            ApiError: _api_error,
            HTTPException: _http_error,
            Exception: _server_error,
        },
    )
    # No 307 redirects for a trailing slash: /vps/ is an unknown route (404), as on the real API.
    app.router.redirect_slashes = False
    assert isinstance(mount.app, Router)
    mount.app.redirect_slashes = False
    app.state.world = world
    return app


def build_app(
    world: World,
    clock: Clock,
    api_key: str,
    records: RequestHistory,
    extra_layers: Sequence[Layer] = (),
) -> ASGIApp:
    """The full simulator app. ``extra_layers`` wrap the authenticated app (innermost last) and
    sit inside the correlation id and the request log, so whatever they answer is logged and
    carries an id: the slot for fault injection. Bodies are capped before any of them."""
    app: ASGIApp = AdvanceClock(build_routes_app(world), world, clock)
    app = ApiKeyAuth(app, api_key)
    for layer in reversed(extra_layers):
        app = layer(app)
    return RequestLog(CorrelationId(BodyLimit(app)), records)
