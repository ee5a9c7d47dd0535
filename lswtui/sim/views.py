"""Rendering of the simulator's records as Leaseweb API JSON (the shapes of the reference text's examples)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from .model import Credential, Image, IpAddress, Iso, MarketApp, Region, Snapshot, Vps

JSON = dict[str, Any]

#: Where the reference example lists standard images without a region filter.
DEFAULT_IMAGE_REGION = "eu-west-3"


def timestamp(when: datetime | None) -> str | None:
    """Most timestamps: ``2024-10-24T21:13:25+00:00``."""
    return None if when is None else when.replace(microsecond=0).isoformat()


def snapshot_timestamp(when: datetime) -> str:
    """Snapshot ``created`` has no colon in its offset: ``2023-11-02T07:31:28+0000``."""
    return when.strftime("%Y-%m-%dT%H:%M:%S+0000")


def metadata(total: int, limit: int, offset: int) -> JSON:
    return {"totalCount": total, "limit": limit, "offset": offset}


def image_ref(image: Image) -> JSON:
    return {
        "id": image.id,
        "name": image.name,
        "family": image.family,
        "flavour": image.flavour,
        "custom": image.custom,
    }


def image_details(image: Image, region: str | None = None) -> JSON:
    size = image.storage_size_gb
    return {
        "id": image.id,
        "name": image.name,
        "version": image.version,
        "family": image.family,
        "flavour": image.flavour,
        "architecture": image.architecture,
        "marketApps": list(image.market_apps),
        "storageTypes": list(image.storage_types),
        "storageSize": None if size is None else {"size": size, "unit": "GB"},
        "state": image.state,
        "stateReason": image.state_reason,
        "region": image.region or region or DEFAULT_IMAGE_REGION,
        "createdAt": timestamp(image.created_at),
        "updatedAt": timestamp(image.updated_at),
        "custom": image.custom,
        "minDiskSize": image.min_disk_size,
    }


def ip_view(ip: IpAddress, *, details: bool, unset_reverse: str | None) -> JSON:
    """An ``Ip`` (VPS list) or ``IpDetails`` (with ``ddos``). An unset reverse lookup is
    ``""`` inside VPS bodies and ``null`` from the IP endpoints, as in the reference examples."""
    body: JSON = {
        "ip": ip.ip,
        "prefixLength": str(ip.prefix_length),
        "version": ip.version,
        "nullRouted": ip.null_routed,
        "reverseLookup": ip.reverse_lookup if ip.reverse_lookup is not None else unset_reverse,
        "mainIp": ip.main,
        "networkType": ip.network_type,
    }
    if details:
        ddos = ip.ddos
        body["ddos"] = (
            None
            if ddos is None
            else {
                "detectionProfile": ddos.detection_profile,
                "protectionType": ddos.protection_type,
            }
        )
    return body


def vps_summary(vps: Vps) -> JSON:
    return _vps_base(vps, details=False)


def vps_details(vps: Vps) -> JSON:
    body = _vps_base(vps, details=True)
    body["iso"] = iso_view(vps.iso) if vps.iso else None
    pack = vps.pack
    body["resources"] = {
        "cpu": {"value": pack.cpu, "unit": "vCPU"},
        "memory": {"value": pack.memory_gib, "unit": "GiB"},
        "publicNetworkSpeed": {"value": pack.network_mbps, "unit": "Mbps"},
    }
    c = vps.contract
    body["contract"] = {
        "id": c.id,
        "billingFrequency": c.billing_frequency,
        "term": c.term,
        "type": c.type,
        "state": c.state,
        "endsAt": timestamp(c.ends_at),
        "createdAt": timestamp(c.created_at),
        "sla": c.sla,
        "controlPanel": c.control_panel,
        "inModification": c.in_modification,
        "dataTraffic": {"value": c.traffic_value, "unit": c.traffic_unit},
    }
    return body


def _vps_base(vps: Vps, *, details: bool) -> JSON:
    return {
        "id": vps.id,
        "pack": vps.pack.name,
        "region": vps.region.name,
        "datacenter": vps.region.datacenter,
        "reference": vps.reference,
        "image": image_ref(vps.image),
        "marketAppId": vps.market_app_id,
        "state": vps.state,
        "hasPublicIpV4": vps.has_public_ipv4,
        "rootDiskSize": vps.root_disk_size,
        "ips": [ip_view(ip, details=details, unset_reverse="") for ip in vps.ips],
        "startedAt": timestamp(vps.started_at),
    }


def iso_view(iso: Iso) -> JSON:
    return {"id": iso.id, "name": iso.name}


def snapshot_view(snapshot: Snapshot) -> JSON:
    return {
        "id": snapshot.id,
        "displayName": snapshot.display_name,
        "state": snapshot.state,
        "created": snapshot_timestamp(snapshot.created),
    }


def credential_ref(credential: Credential) -> JSON:
    return {"type": credential.type, "username": credential.username}


def credential_secret(credential: Credential) -> JSON:
    return {
        "type": credential.type,
        "username": credential.username,
        "password": credential.password,
    }


def market_app_view(app: MarketApp, image: Image) -> JSON:
    return {
        "id": app.id,
        "name": app.name,
        "category": app.category,
        "version": app.version,
        "family": app.family,
        "image": image_ref(image),
    }


def region_view(region: Region) -> JSON:
    return {"name": region.name, "location": region.location}
