"""The IPs of a VPS: list, details, reverse lookup, null route and un-null."""

from __future__ import annotations

import re
from typing import Any

from starlette.responses import Response

from .context import Call, ok, route, whole
from .errors import bad_request, invalid_field, not_found
from .model import NULLED_BY_MITIGATION, IpAddress, Vps
from .params import canonical_ip, json_body, query_bool, query_choice, query_str
from .rules import require_null_routable
from .views import ip_view

HOSTNAME = re.compile(
    r"(?=.{1,253}\.?$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}\.?"
)
MAX_UNNULL_HOURS = 17520


def _details(ip: IpAddress) -> dict[str, Any]:
    return ip_view(ip, details=True, unset_reverse=None)


def _find(call: Call) -> tuple[Vps, IpAddress]:
    vps = call.vps()
    ip = vps.find_ip(canonical_ip(call.path("ip")))
    if ip is None:
        raise not_found(f"IP {call.path('ip')} not found for VPS {vps.id}")
    return vps, ip


@route("GET", "/vps/{vpsId}/ips")
async def list_ips(call: Call) -> Response:
    vps = call.vps()
    version = query_choice(call.request, "version", ("4", "6"))
    null_routed = query_bool(call.request, "nullRouted")
    wanted = query_str(call.request, "ips")
    addresses = None if wanted is None else {canonical_ip(a) for a in wanted.split("|") if a}
    ips = [
        ip
        for ip in vps.ips
        if (version is None or ip.version == int(version))
        and (null_routed is None or ip.null_routed == null_routed)
        and (addresses is None or ip.ip in addresses)
    ]
    return whole("ips", [_details(ip) for ip in ips])


@route("GET", "/vps/{vpsId}/ips/{ip}")
async def get_ip(call: Call) -> Response:
    _, ip = _find(call)
    return ok(_details(ip))


@route("PUT", "/vps/{vpsId}/ips/{ip}")
async def update_ip(call: Call) -> Response:
    _, ip = _find(call)
    body = await json_body(call.request, required={"reverseLookup": str})
    name = body["reverseLookup"].strip()
    if name and not HOSTNAME.fullmatch(name):
        raise invalid_field("reverseLookup", f"{name!r} is not a valid hostname.")
    ip.reverse_lookup = name or None
    return ok(_details(ip))


@route("POST", "/vps/{vpsId}/ips/{ip}/null")
async def null_route_ip(call: Call) -> Response:
    vps, ip = _find(call)
    body = (
        await json_body(
            call.request, optional={"comment": str, "automatedUnnulingAt": int}, body_optional=True
        )
        or {}
    )
    hours = body.get("automatedUnnulingAt")
    if hours is not None and not 1 <= hours <= MAX_UNNULL_HOURS:
        raise invalid_field(
            "automatedUnnulingAt", f"This value should be between 1 and {MAX_UNNULL_HOURS}."
        )
    require_null_routable(ip)
    call.world.null_route(vps, ip, call.now, comment=body.get("comment"), unnull_after_hours=hours)
    return ok(_details(ip))


@route("POST", "/vps/{vpsId}/ips/{ip}/unnull")
async def unnull_ip(call: Call) -> Response:
    _, ip = _find(call)
    if not ip.null_routed:
        raise bad_request(f"IP {ip.ip} is not null routed.")
    if ip.nulled_by == NULLED_BY_MITIGATION:
        raise bad_request(
            f"IP {ip.ip} is null routed by Leaseweb's DDoS mitigation and cannot be "
            "un-nulled until the mitigation ends."
        )
    call.world.unnull(ip)
    return ok(_details(ip))


routes = [list_ips, get_ip, update_ip, null_route_ip, unnull_ip]
