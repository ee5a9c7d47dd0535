"""``LeasewebClient``: one typed async method per Leaseweb Public Cloud VPS API operation.

Method names follow the operation names of Leaseweb's Public Cloud API reference
(https://developer.leaseweb.com/api-docs/publiccloud_v1.html). Writes answered with 202/204
return :class:`~lswtui.api.models.Accepted`; completion is observed by polling.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
from collections.abc import Awaitable, Callable, Hashable, Mapping, Sequence
from operator import attrgetter
from typing import Any, TypedDict, TypeVar, Unpack
from urllib.parse import quote

from .base import BaseClient
from .models import (
    Accepted,
    Console,
    Credential,
    CredentialWithPassword,
    Image,
    IpDetails,
    IsoImage,
    ItemList,
    MarketApp,
    Page,
    Region,
    Snapshot,
    TrafficMetrics,
    VpsDetails,
    VpsSummary,
)
from .pagination import OnPage, paginate
from .responses import items_parser, page_parser

T = TypeVar("T")

MAX_UNNULL_HOURS = 17520

_VPS_PAGE = page_parser("vps", VpsSummary)
_ISO_PAGE = page_parser("isos", IsoImage)
_IMAGE_PAGE = page_parser("images", Image)
_SNAPSHOT_PAGE = page_parser("snapshots", Snapshot)
_REGION_PAGE = page_parser("regions", Region)
_CREDENTIALS = items_parser("credentials", Credential)
_IPS = items_parser("ips", IpDetails)
_MARKET_APPS = items_parser("marketApps", MarketApp)


class VpsFilters(TypedDict, total=False):
    """Filters of ``GET /vps`` (one value each)."""

    id: str | None
    reference: str | None
    ip: str | None
    state: str | None
    pack: str | None
    region: str | None


class ImageFilters(TypedDict, total=False):
    """Filters of ``GET /images``."""

    custom: bool | None
    standard: bool | None
    state: str | None
    market_app_id: str | None
    storage_type: str | None
    name: str | None
    flavour: str | None
    region: str | None


class ReinstallImageFilters(TypedDict, total=False):
    """Filters of ``GET /vps/{vpsId}/reinstall/images`` (``custom`` is in the spec only)."""

    standard: bool | None
    custom: bool | None


def _segment(value: str | int) -> str:
    """One percent-quoted path segment. IPv6 colons and ``@`` stay as they are.

    ``.`` and ``..`` are refused: httpx would resolve them, so deleting the credential ``..``
    would become ``DELETE /vps/{id}/credentials``, which deletes them all.
    """
    text = str(value)
    if text in ("", ".", ".."):
        raise ValueError(f"invalid path segment: {text!r}")
    return quote(text, safe="@:")


def _vps(vps_id: str, *segments: str | int) -> str:
    """The relative path ``vps/{vpsId}/...`` (relative, so it extends the base URL's path)."""
    return "/".join(_segment(part) for part in ("vps", vps_id, *segments))


def _camel(name: str) -> str:
    head, *rest = name.rstrip("_").split("_")
    return head + "".join(part.title() for part in rest)


def _query(params: Mapping[str, object]) -> dict[str, str]:
    """Wire query parameters: None dropped, booleans as true/false, snake_case camelCased."""
    return {
        _camel(key): ("true" if value else "false") if isinstance(value, bool) else str(value)
        for key, value in params.items()
        if value is not None
    }


def _same_ip(a: str, b: str) -> bool:
    try:
        return ipaddress.ip_address(a) == ipaddress.ip_address(b)
    except ValueError:
        return a == b


def _with_ip(items: list[VpsSummary], ip: str | None) -> list[VpsSummary]:
    """Client-side ``ip`` filter, in case the server ignores it (the reference documents it only
    in prose)."""
    if ip is None:
        return items
    return [vps for vps in items if any(_same_ip(a.ip, ip) for a in vps.ips)]


class LeasewebClient(BaseClient):
    """The Leaseweb Public Cloud VPS API.

    Every method raises :class:`~lswtui.api.errors.ApiError` (or a subclass) on failure;
    GETs are retried on transient failures, writes are sent exactly once.
    ``list_all_*`` methods read every page, de-duplicated; their ``on_page`` gets each page's
    new items in list order as they arrive. Whole lists come as an ``ItemList`` (a ``list``
    whose ``skipped`` counts the invalid items left out), pages as a ``Page`` (``skipped`` too).
    """

    async def _page(
        self,
        path: str,
        operation: str,
        parse: Callable[[Any], Page[T]],
        limit: int | None,
        offset: int | None,
        filters: Mapping[str, Any] | None = None,
        allowed: type | None = None,
    ) -> Page[T]:
        """One page of a list; ``limit`` is always sent (the default is undocumented).

        ``filters`` are checked against the TypedDict ``allowed``: a misspelt filter would
        otherwise be sent, ignored by the server, and silently list everything.
        """
        filters = filters or {}
        if allowed is not None and (unknown := filters.keys() - allowed.__annotations__.keys()):
            raise TypeError(f"unknown filter(s): {', '.join(sorted(unknown))}")
        limit = self.page_size if limit is None else limit
        params = _query({"limit": limit, "offset": offset, **filters})
        return await self._call("GET", path, operation, parse, params=params)

    async def _all(
        self,
        fetch: Callable[[int, int], Awaitable[Page[T]]],
        on_page: OnPage[T] | None,
        key: Callable[[T], Hashable] = attrgetter("id"),
        keep: bool = True,
    ) -> ItemList[T]:
        return await paginate(
            fetch,
            page_size=self.page_size,
            concurrency=self.page_concurrency,
            key=key,
            on_page=on_page,
            keep=keep,
        )

    # VPS

    async def _vps_page(
        self, limit: int | None, offset: int | None, filters: Mapping[str, Any]
    ) -> Page[VpsSummary]:
        return await self._page("vps", "List VPS", _VPS_PAGE, limit, offset, filters, VpsFilters)

    async def list_vps(
        self, *, limit: int | None = None, offset: int | None = None, **filters: Unpack[VpsFilters]
    ) -> Page[VpsSummary]:
        page = await self._vps_page(limit, offset, filters)
        return page.model_copy(update={"items": _with_ip(page.items, filters.get("ip"))})

    async def list_all_vps(
        self,
        *,
        on_page: OnPage[VpsSummary] | None = None,
        keep: bool = True,
        **filters: Unpack[VpsFilters],
    ) -> ItemList[VpsSummary]:
        """``keep=False``: the items only go to ``on_page`` (see ``paginate``); returns []."""
        ip = filters.get("ip")

        def matching(items: list[VpsSummary]) -> None:
            if on_page is not None and (found := _with_ip(items, ip)):
                on_page(found)

        items = await self._all(
            lambda offset, limit: self._vps_page(limit, offset, filters), matching, keep=keep
        )
        return ItemList(_with_ip(items, ip), items.skipped)

    async def get_vps(self, vps_id: str) -> VpsDetails:
        return await self._call("GET", _vps(vps_id), f"Get VPS {vps_id}", VpsDetails.model_validate)

    async def update_vps_reference(self, vps_id: str, reference: str) -> VpsDetails:
        """``PUT /vps/{vpsId}``: in the reference text only, method unverified."""
        return await self._call(
            "PUT",
            _vps(vps_id),
            f"Update reference of VPS {vps_id}",
            VpsDetails.model_validate,
            json={"reference": reference},
        )

    # Power

    async def start_vps(self, vps_id: str) -> Accepted:
        return await self._accepted("POST", _vps(vps_id, "start"), f"Start VPS {vps_id}")

    async def stop_vps(self, vps_id: str) -> Accepted:
        return await self._accepted("POST", _vps(vps_id, "stop"), f"Stop VPS {vps_id}")

    async def reboot_vps(self, vps_id: str) -> Accepted:
        return await self._accepted("POST", _vps(vps_id, "reboot"), f"Reboot VPS {vps_id}")

    # Console

    async def get_console(self, vps_id: str) -> Console:
        """A short-lived noVNC URL carrying a token: use it at once, never cache or log it."""
        return await self._call(
            "GET", _vps(vps_id, "console"), f"Open console of VPS {vps_id}", Console.model_validate
        )

    # Credentials

    async def list_credentials(self, vps_id: str) -> ItemList[Credential]:
        return await self._call(
            "GET", _vps(vps_id, "credentials"), f"List credentials of VPS {vps_id}", _CREDENTIALS
        )

    async def list_credentials_by_type(
        self, vps_id: str, credential_type: str
    ) -> ItemList[Credential]:
        return await self._call(
            "GET",
            _vps(vps_id, "credentials", credential_type),
            f"List {credential_type} credentials of VPS {vps_id}",
            _CREDENTIALS,
        )

    async def get_credential(
        self, vps_id: str, credential_type: str, username: str
    ) -> CredentialWithPassword:
        return await self._call(
            "GET",
            _vps(vps_id, "credentials", credential_type, username),
            f"Get credential {username} of VPS {vps_id}",
            CredentialWithPassword.model_validate,
        )

    async def store_credential(
        self, vps_id: str, credential_type: str, username: str, password: str
    ) -> CredentialWithPassword:
        return await self._call(
            "POST",
            _vps(vps_id, "credentials"),
            f"Store credential {username} of VPS {vps_id}",
            CredentialWithPassword.model_validate,
            json={"type": credential_type, "username": username, "password": password},
            secrets=(password,),
        )

    async def update_credential(
        self, vps_id: str, credential_type: str, username: str, password: str
    ) -> CredentialWithPassword:
        return await self._call(
            "PUT",
            _vps(vps_id, "credentials", credential_type, username),
            f"Update credential {username} of VPS {vps_id}",
            CredentialWithPassword.model_validate,
            json={"password": password},
            secrets=(password,),
        )

    async def delete_credential(self, vps_id: str, credential_type: str, username: str) -> Accepted:
        return await self._accepted(
            "DELETE",
            _vps(vps_id, "credentials", credential_type, username),
            f"Delete credential {username} of VPS {vps_id}",
        )

    async def delete_all_credentials(self, vps_id: str) -> Accepted:
        return await self._accepted(
            "DELETE", _vps(vps_id, "credentials"), f"Delete all credentials of VPS {vps_id}"
        )

    async def reset_password(self, vps_id: str) -> Accepted:
        """Leaseweb picks the new password; read it with ``get_credential`` a little later."""
        return await self._accepted(
            "POST", _vps(vps_id, "resetPassword"), f"Reset password of VPS {vps_id}"
        )

    # ISOs

    async def list_isos(
        self, *, limit: int | None = None, offset: int | None = None
    ) -> Page[IsoImage]:
        return await self._page("isos", "List ISOs", _ISO_PAGE, limit, offset)

    async def list_all_isos(self, *, on_page: OnPage[IsoImage] | None = None) -> ItemList[IsoImage]:
        return await self._all(
            lambda offset, limit: self.list_isos(limit=limit, offset=offset), on_page
        )

    async def attach_iso(self, vps_id: str, iso_id: str) -> Accepted:
        return await self._accepted(
            "POST",
            _vps(vps_id, "attachIso"),
            f"Attach ISO {iso_id} to VPS {vps_id}",
            json={"isoId": iso_id},
        )

    async def detach_iso(self, vps_id: str) -> Accepted:
        return await self._accepted(
            "POST", _vps(vps_id, "detachIso"), f"Detach ISO from VPS {vps_id}"
        )

    # Images and reinstall

    async def list_images(
        self,
        *,
        limit: int | None = None,
        offset: int | None = None,
        **filters: Unpack[ImageFilters],
    ) -> Page[Image]:
        return await self._page(
            "images", "List images", _IMAGE_PAGE, limit, offset, filters, ImageFilters
        )

    async def list_all_images(
        self, *, on_page: OnPage[Image] | None = None, **filters: Unpack[ImageFilters]
    ) -> ItemList[Image]:
        return await self._all(
            lambda offset, limit: self.list_images(limit=limit, offset=offset, **filters), on_page
        )

    async def list_reinstall_images(
        self,
        vps_id: str,
        *,
        limit: int | None = None,
        offset: int | None = None,
        **filters: Unpack[ReinstallImageFilters],
    ) -> Page[Image]:
        return await self._page(
            _vps(vps_id, "reinstall", "images"),
            f"List reinstall images of VPS {vps_id}",
            _IMAGE_PAGE,
            limit,
            offset,
            filters,
            ReinstallImageFilters,
        )

    async def list_all_reinstall_images(
        self,
        vps_id: str,
        *,
        on_page: OnPage[Image] | None = None,
        **filters: Unpack[ReinstallImageFilters],
    ) -> ItemList[Image]:
        return await self._all(
            lambda offset, limit: self.list_reinstall_images(
                vps_id, limit=limit, offset=offset, **filters
            ),
            on_page,
        )

    async def reinstall_vps(
        self, vps_id: str, image_id: str, market_app_id: str | None = None
    ) -> Accepted:
        """Recreates the VPS and wipes its disk; refused (400) while it has a snapshot."""
        body = {"imageId": image_id}
        if market_app_id is not None:
            body["marketAppId"] = market_app_id
        return await self._accepted(
            "PUT", _vps(vps_id, "reinstall"), f"Reinstall VPS {vps_id}", json=body
        )

    # Metrics

    async def get_data_traffic(
        self,
        vps_id: str,
        from_: dt.date,
        to: dt.date,
        *,
        granularity: str = "DAY",
        aggregation: str = "SUM",
    ) -> TrafficMetrics:
        """Bytes per day, down and up. ``to`` must be after ``from_`` (else ValueError)."""
        if to <= from_:
            raise ValueError(f"'to' ({to}) must be after 'from' ({from_})")
        params = {
            "from": from_.isoformat(),
            "to": to.isoformat(),
            "granularity": granularity,
            "aggregation": aggregation,
        }
        return await self._call(
            "GET",
            _vps(vps_id, "metrics", "datatraffic"),
            f"Get data traffic of VPS {vps_id}",
            TrafficMetrics.model_validate,
            params=params,
        )

    # Snapshots

    async def list_snapshots(
        self, vps_id: str, *, limit: int | None = None, offset: int | None = None
    ) -> Page[Snapshot]:
        return await self._page(
            _vps(vps_id, "snapshots"),
            f"List snapshots of VPS {vps_id}",
            _SNAPSHOT_PAGE,
            limit,
            offset,
        )

    async def list_all_snapshots(
        self, vps_id: str, *, on_page: OnPage[Snapshot] | None = None
    ) -> ItemList[Snapshot]:
        return await self._all(
            lambda offset, limit: self.list_snapshots(vps_id, limit=limit, offset=offset), on_page
        )

    async def get_snapshot(self, vps_id: str, snapshot_id: str) -> Snapshot:
        return await self._call(
            "GET",
            _vps(vps_id, "snapshots", snapshot_id),
            f"Get snapshot {snapshot_id} of VPS {vps_id}",
            Snapshot.model_validate,
        )

    async def create_snapshot(self, vps_id: str, name: str) -> Accepted:
        """VPS must be RUNNING; only one snapshot per VPS."""
        return await self._accepted(
            "POST",
            _vps(vps_id, "snapshots"),
            f"Create snapshot of VPS {vps_id}",
            json={"name": name},
        )

    async def restore_snapshot(self, vps_id: str, snapshot_id: str) -> Accepted:
        """Rolls the VPS back to the snapshot, overwriting its disk."""
        return await self._accepted(
            "PUT",
            _vps(vps_id, "snapshots", snapshot_id),
            f"Restore snapshot {snapshot_id} of VPS {vps_id}",
        )

    async def delete_snapshot(self, vps_id: str, snapshot_id: str) -> Accepted:
        return await self._accepted(
            "DELETE",
            _vps(vps_id, "snapshots", snapshot_id),
            f"Delete snapshot {snapshot_id} of VPS {vps_id}",
        )

    # IPs

    async def list_ips(
        self,
        vps_id: str,
        *,
        version: int | None = None,
        null_routed: bool | None = None,
        ips: Sequence[str] | None = None,
    ) -> ItemList[IpDetails]:
        params = _query(
            {"version": version, "null_routed": null_routed, "ips": "|".join(ips) if ips else None}
        )
        return await self._call(
            "GET", _vps(vps_id, "ips"), f"List IPs of VPS {vps_id}", _IPS, params=params
        )

    async def get_ip(self, vps_id: str, ip: str) -> IpDetails:
        return await self._call(
            "GET", _vps(vps_id, "ips", ip), f"Get IP {ip} of VPS {vps_id}", IpDetails.model_validate
        )

    async def update_reverse_lookup(self, vps_id: str, ip: str, reverse_lookup: str) -> IpDetails:
        return await self._call(
            "PUT",
            _vps(vps_id, "ips", ip),
            f"Set reverse DNS of IP {ip} of VPS {vps_id}",
            IpDetails.model_validate,
            json={"reverseLookup": reverse_lookup},
        )

    async def null_route_ip(
        self,
        vps_id: str,
        ip: str,
        *,
        comment: str | None = None,
        automated_unnuling_at: int | None = None,
    ) -> IpDetails:
        """IPv4 only. ``automated_unnuling_at`` is a number of HOURS (1..17520), not a time."""
        if automated_unnuling_at is not None and not 1 <= automated_unnuling_at <= MAX_UNNULL_HOURS:
            raise ValueError(
                f"automated_unnuling_at must be 1..{MAX_UNNULL_HOURS} hours,"
                f" not {automated_unnuling_at}"
            )
        body: dict[str, Any] = {}
        if comment is not None:
            body["comment"] = comment
        if automated_unnuling_at is not None:
            body["automatedUnnulingAt"] = automated_unnuling_at
        return await self._call(
            "POST",
            _vps(vps_id, "ips", ip, "null"),
            f"Null-route IP {ip} of VPS {vps_id}",
            IpDetails.model_validate,
            json=body or None,
        )

    async def unnull_ip(self, vps_id: str, ip: str) -> IpDetails:
        """The echoed ``nullRouted`` may be stale: the change takes minutes; re-read later."""
        return await self._call(
            "POST",
            _vps(vps_id, "ips", ip, "unnull"),
            f"Remove null route of IP {ip} of VPS {vps_id}",
            IpDetails.model_validate,
        )

    # Catalogue

    async def list_market_apps(self) -> ItemList[MarketApp]:
        return await self._call("GET", "marketApps", "List market apps", _MARKET_APPS)

    async def list_regions(
        self, *, limit: int | None = None, offset: int | None = None
    ) -> Page[Region]:
        return await self._page("regions", "List regions", _REGION_PAGE, limit, offset)

    async def list_all_regions(self, *, on_page: OnPage[Region] | None = None) -> ItemList[Region]:
        return await self._all(
            lambda offset, limit: self.list_regions(limit=limit, offset=offset),
            on_page,
            key=attrgetter("name"),
        )
