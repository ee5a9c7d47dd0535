"""Reinstall: the images a VPS may get, and the reinstall itself."""

from __future__ import annotations

from starlette.responses import Response

from .context import Call, accepted, paged, route
from .errors import invalid_field
from .params import json_body
from .routes_catalog import keep_kind, kind_filter
from .rules import require_no_snapshot, require_settled
from .views import image_details


@route("GET", "/vps/{vpsId}/reinstall/images")
async def list_reinstall_images(call: Call) -> Response:
    vps = call.vps()
    custom, standard = kind_filter(call)
    images = [i for i in call.world.reinstall_images(vps) if keep_kind(i, custom, standard)]
    return paged(call, "images", images, lambda image: image_details(image, vps.region.name))


@route("PUT", "/vps/{vpsId}/reinstall")
async def reinstall_vps(call: Call) -> Response:
    vps = call.vps()
    body = await json_body(call.request, required={"imageId": str}, optional={"marketAppId": str})
    world = call.world
    image = next((i for i in world.reinstall_images(vps) if i.id == body["imageId"]), None)
    if image is None:
        raise invalid_field(
            "imageId",
            f"Image {body['imageId']!r} is not available for this VPS; "
            "see GET /vps/{vpsId}/reinstall/images.",
        )
    app_id = body.get("marketAppId")
    if app_id is not None and app_id not in image.market_apps:
        raise invalid_field(
            "marketAppId", f"Market app {app_id!r} is not supported by image {image.id}."
        )
    require_no_snapshot(vps)
    require_settled(vps, "a reinstall")
    world.reinstall(vps, image, world.market_apps.get(app_id) if app_id else None, call.now)
    return accepted()


routes = [list_reinstall_images, reinstall_vps]
