"""VPS list, details, reference update and console access."""

from __future__ import annotations

from starlette.responses import Response

from .catalog import PACKS, REGIONS
from .context import Call, ok, paged, route
from .errors import bad_request
from .ids import console_token
from .model import RUNNING, Vps
from .params import canonical_ip, json_body, query_choice, query_str
from .rules import require_reference
from .views import vps_details, vps_summary

VPS_STATES = ("RUNNING", "STARTING", "STOPPED", "STOPPING")
CONSOLE_URL = (
    "https://public-cloud.leaseweb.com/resource/noVNC/vnc.html?autoconnect=true&port=8080&token="
)


@route("GET", "/vps")
async def list_vps(call: Call) -> Response:
    request = call.request
    wanted_id = query_str(request, "id")
    reference = query_str(request, "reference")
    ip = query_str(request, "ip")
    ip = None if ip is None else canonical_ip(ip)
    state = query_choice(request, "state", VPS_STATES)
    pack = query_choice(request, "pack", (p.name for p in PACKS))
    region = query_choice(request, "region", (r.name for r in REGIONS))
    world = call.world
    if wanted_id is not None:
        candidates = [world.vps[wanted_id]] if wanted_id in world.vps else []
    elif ip is not None:
        candidates = [world.ip_index[ip]] if ip in world.ip_index else []
    else:
        candidates = world.vps_list

    def keep(vps: Vps) -> bool:
        return (
            (reference is None or vps.reference == reference)
            and (ip is None or vps.find_ip(ip) is not None)
            and (state is None or vps.state == state)
            and (pack is None or vps.pack.name == pack)
            and (region is None or vps.region.name == region)
        )

    if any(f is not None for f in (reference, state, pack, region, wanted_id, ip)):
        candidates = [vps for vps in candidates if keep(vps)]
    return paged(call, "vps", candidates, vps_summary)


@route("GET", "/vps/{vpsId}")
async def get_vps(call: Call) -> Response:
    return ok(vps_details(call.vps()))


@route("PUT", "/vps/{vpsId}")
async def update_vps(call: Call) -> Response:
    vps = call.vps()
    body = await json_body(call.request, required={"reference": str})
    reference = body["reference"]
    require_reference(reference)
    vps.reference = reference
    return ok(vps_details(vps))


@route("GET", "/vps/{vpsId}/console")
async def get_console(call: Call) -> Response:
    vps = call.vps()
    if vps.state != RUNNING:
        raise bad_request("The VPS must be running to open a console.")
    return ok({"url": CONSOLE_URL + console_token()})


routes = [list_vps, get_vps, update_vps, get_console]
