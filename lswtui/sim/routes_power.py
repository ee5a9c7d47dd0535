"""Start, stop and reboot: one rule each (the state the VPS must be in), then 202."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from starlette.responses import Response
from starlette.routing import Route

from .context import Call, accepted, route
from .model import RUNNING, STOPPED, Vps
from .rules import require_state
from .world import World

PowerAction = Callable[[World, Vps, datetime], None]


def _power_route(action: str, needs: str, act: PowerAction) -> Route:
    async def handler(call: Call) -> Response:
        vps = call.vps()
        require_state(vps, needs)
        act(call.world, vps, call.now)
        return accepted()

    handler.__name__ = f"{action}_vps"
    return route("POST", f"/vps/{{vpsId}}/{action}")(handler)


routes = [
    _power_route("start", STOPPED, World.start),
    _power_route("stop", RUNNING, World.stop),
    _power_route("reboot", RUNNING, World.reboot),
]
