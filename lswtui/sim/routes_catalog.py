"""The account-wide catalogue: ISOs, images, market apps and regions."""

from __future__ import annotations

from starlette.responses import Response

from .catalog import REGIONS
from .context import Call, paged, route, whole
from .model import Image
from .params import query_bool, query_choice, query_str
from .views import image_details, iso_view, market_app_view, region_view

IMAGE_STATES = ("CREATING", "READY", "DESTROYED", "DESTROYING", "FAILED")
MARKET_APP_IDS = ("CPANEL_30", "CPANEL_100", "PLESK_WEB_PRO", "PLESK_WEB_ADMIN")
STORAGE_TYPES = ("LOCAL", "CENTRAL")
FLAVOURS = (
    "ubuntu",
    "debian",
    "freebsd",
    "centos",
    "almalinux",
    "rockylinux",
    "archlinux",
    "windows",
)


def kind_filter(call: Call) -> tuple[bool | None, bool | None]:
    """The ``custom`` and ``standard`` flags: ``custom=true`` keeps only custom images,
    ``custom=false`` drops them; ``standard`` likewise for standard images."""
    return query_bool(call.request, "custom"), query_bool(call.request, "standard")


def keep_kind(image: Image, custom: bool | None, standard: bool | None) -> bool:
    return (custom is None or image.custom == custom) and (
        standard is None or (not image.custom) == standard
    )


@route("GET", "/isos")
async def list_isos(call: Call) -> Response:
    return paged(call, "isos", list(call.world.isos.values()), iso_view)


@route("GET", "/images")
async def list_images(call: Call) -> Response:
    request = call.request
    custom, standard = kind_filter(call)
    state = query_choice(request, "state", IMAGE_STATES)
    market_app = query_choice(request, "marketAppId", MARKET_APP_IDS)
    storage = query_choice(request, "storageType", STORAGE_TYPES)
    name = query_str(request, "name")
    flavour = query_choice(request, "flavour", FLAVOURS)
    region = query_choice(request, "region", (r.name for r in REGIONS))

    def keep(image: Image) -> bool:
        # Standard images exist in every region; a custom image lives in one.
        return (
            keep_kind(image, custom, standard)
            and (state is None or image.state == state)
            and (market_app is None or market_app in image.market_apps)
            and (storage is None or storage in image.storage_types)
            and (name is None or image.name == name)
            and (flavour is None or image.flavour == flavour)
            and (region is None or not image.custom or image.region == region)
        )

    images = [image for image in call.world.images.values() if keep(image)]
    return paged(call, "images", images, lambda image: image_details(image, region))


@route("GET", "/marketApps")
async def list_market_apps(call: Call) -> Response:
    world = call.world
    apps = [market_app_view(app, world.images[app.image_id]) for app in world.market_apps.values()]
    return whole("marketApps", apps)


@route("GET", "/regions")
async def list_regions(call: Call) -> Response:
    return paged(call, "regions", list(call.world.regions.values()), region_view)


routes = [list_isos, list_images, list_market_apps, list_regions]
