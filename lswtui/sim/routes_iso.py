"""Attaching and detaching an ISO (the catalogue is in routes_catalog)."""

from __future__ import annotations

from starlette.responses import Response

from .context import Call, accepted, route
from .errors import bad_request, invalid_field
from .params import json_body


@route("POST", "/vps/{vpsId}/attachIso")
async def attach_iso(call: Call) -> Response:
    vps = call.vps()
    body = await json_body(call.request, required={"isoId": str})
    iso = call.world.isos.get(body["isoId"])
    if iso is None:
        raise invalid_field("isoId", f"Unknown ISO id {body['isoId']!r}; see GET /isos.")
    # iso_target counts an attach or detach that was accepted but has not landed yet.
    if vps.iso_target is not None:
        raise bad_request(
            f"The VPS already has an ISO attached ({vps.iso_target.id}); detach it first."
        )
    call.world.attach_iso(vps, iso, call.now)
    return accepted()


@route("POST", "/vps/{vpsId}/detachIso")
async def detach_iso(call: Call) -> Response:
    vps = call.vps()
    if vps.iso_target is None:
        raise bad_request("The VPS has no ISO attached.")
    call.world.detach_iso(vps, call.now)
    return accepted()


routes = [attach_iso, detach_iso]
