"""Response examples from the reference text (vps-api-reference.txt) and test plumbing shared by
the api tests. Imported by name: pytest puts this folder on sys.path (no __init__.py here)."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import httpx

from lswtui.api import LeasewebClient, RequestRecord

API_KEY = "s3cret-api-key-0123456789"
BASE = "https://api.leaseweb.com/publicCloud/v1/"
VPS_ID = "123581321"
CORRELATION = "289346a1-3eaf-4da4-b707-62ef12eb08be"


def metadata(total: int, limit: int = 20, offset: int = 0) -> dict[str, int]:
    return {"totalCount": total, "limit": limit, "offset": offset}


IMAGE = {
    "id": "UBUNTU_22_04_64BIT",
    "name": "Ubuntu 22.04 LTS (x86_64)",
    "family": "linux",
    "flavour": "ubuntu",
    "custom": False,
}
LIST_IP = {
    "ip": "88.17.128.0",
    "prefixLength": "16",
    "version": 4,
    "nullRouted": False,
    "reverseLookup": "",
    "mainIp": True,
    "networkType": "PUBLIC",
}
DDOS = {"detectionProfile": "STANDARD_DEFAULT", "protectionType": "STANDARD"}

VPS_SUMMARY = {
    "id": VPS_ID,
    "pack": "Leaseweb VPS 2",
    "region": "eu-central-1",
    "datacenter": "FRA-01",
    "reference": "testing",
    "image": IMAGE,
    "marketAppId": None,
    "state": "RUNNING",
    "hasPublicIpV4": True,
    "rootDiskSize": 50,
    "ips": [LIST_IP],
    "startedAt": "2024-10-24T21:13:25+00:00",
}
VPS_LIST = {"_metadata": metadata(1, 10), "vps": [VPS_SUMMARY]}

VPS_DETAILS = {
    "contract": {
        "id": "41228459000100",
        "billingFrequency": 1,
        "term": 12,
        "type": "MONTHLY",
        "state": "ACTIVE",
        "endsAt": "2024-10-24T21:13:25+00:00",
        "createdAt": "2024-10-24T21:13:25+00:00",
        "sla": "Basic",
        "controlPanel": "cPanel Admin 5",
        "inModification": False,
        "dataTraffic": {"value": 30, "unit": "TB"},
    },
    "datacenter": "FRA-01",
    "hasPublicIpV4": True,
    "id": VPS_ID,
    "image": IMAGE,
    "ips": [{**LIST_IP, "ddos": DDOS}],
    "iso": None,
    "marketAppId": None,
    "pack": "Leaseweb VPS 2",
    "reference": "testing",
    "region": "eu-central-1",
    "resources": {
        "cpu": {"value": 4, "unit": "vCPU"},
        "memory": {"value": 6, "unit": "GiB"},
        "publicNetworkSpeed": {"value": 10000, "unit": "Mbps"},
    },
    "rootDiskSize": 50,
    "startedAt": "2024-10-24T21:13:25+00:00",
    "state": "RUNNING",
}

CONSOLE = {"url": "https://public-cloud.leaseweb.com/resource/noVNC/vnc.html?token=abc"}
CREDENTIALS = {
    "_metadata": metadata(1),
    "credentials": [{"type": "OPERATING_SYSTEM", "username": "root"}],
}
CREDENTIAL = {"password": "12341234", "type": "OPERATING_SYSTEM", "username": "root"}
ISOS = {
    "_metadata": metadata(2),
    "isos": [
        {"id": "GRML", "name": "GRML 2022.11"},
        {"id": "ACRONIS_BOOT_MEDIA", "name": "Acronis Boot Media"},
    ],
}
STANDARD_IMAGE = {
    "id": "UBUNTU_22_04_64BIT",
    "name": "Ubuntu 22.04 LTS (x86_64)",
    "version": "22.04",
    "family": "linux",
    "flavour": "ubuntu",
    "architecture": "x86_64",
    "marketApps": ["PLESK_WEB_ADMIN"],
    "storageTypes": ["LOCAL", "CENTRAL"],
    "storageSize": None,
    "state": "READY",
    "stateReason": None,
    "region": "eu-west-3",
    "createdAt": None,
    "updatedAt": None,
    "custom": False,
    "minDiskSize": None,
}
CUSTOM_IMAGE = {
    "id": "abcc1630-362f-48ba-832f-c496aff24121",
    "name": "Custom image - 01",
    "flavour": "ubuntu",
    "family": "linux",
    "version": None,
    "architecture": None,
    "marketApps": [],
    "storageTypes": [],
    "storageSize": {"size": 2.03, "unit": "GB"},
    "state": "READY",
    "stateReason": None,
    "region": "eu-west-3",
    "createdAt": "2024-07-05T10:44:08+00:00",
    "updatedAt": "2024-07-18T08:52:08+00:00",
    "custom": True,
    "minDiskSize": None,
}
IMAGES = {"images": [STANDARD_IMAGE, CUSTOM_IMAGE], "_metadata": metadata(2, 6)}
TRAFFIC = {
    "_metadata": {
        "from": "2023-10-01T00:00:00+00:00",
        "to": "2023-10-31T00:00:00+00:00",
        "granularity": "DAY",
        "aggregation": "SUM",
        "unit": "B",
        "summary": {
            "downPublic": {
                "average": 340733979,
                "expected": 10222019370,
                "total": 1022201937,
                "peak": {"value": 896116855, "timestamp": "2023-10-28T00:00:00+00:00"},
            },
            "upPublic": {
                "average": 59920023.67,
                "expected": 1797600710.1,
                "total": 179760071,
                "peak": {"value": 85089279, "timestamp": "2023-10-28T00:00:00+00:00"},
            },
        },
    },
    "metrics": {
        "downPublic": {
            "values": [
                {"value": 461323, "timestamp": "2023-10-27T00:00:00+00:00"},
                {"value": 1249243, "timestamp": "2023-10-28T00:00:00+00:00"},
            ],
            "unit": "B",
        },
        "upPublic": {
            "values": [
                {"value": 437565, "timestamp": "2023-10-27T00:00:00+00:00"},
                {"value": 6938590, "timestamp": "2023-10-28T00:00:00+00:00"},
            ],
            "unit": "B",
        },
    },
}
SNAPSHOT = {
    "id": "624c53c3-48e9-41d1-833f-90a9abf5fd95",
    "displayName": "snapshot 1",
    "state": "READY",
    "created": "2023-11-02T07:31:28+0000",
}
SNAPSHOTS = {"_metadata": metadata(1), "snapshots": [SNAPSHOT]}
IP_DETAILS = {
    "ip": "10.0.0.1",
    "prefixLength": "28",
    "version": 4,
    "reverseLookup": "a-valid-domain.xpto",
    "mainIp": False,
    "networkType": "INTERNAL",
    "nullRouted": True,
    "ddos": DDOS,
}
IPS = {
    "_metadata": metadata(1),
    "ips": [{**IP_DETAILS, "reverseLookup": None, "nullRouted": False}],
}
MARKET_APPS = {
    "_metadata": metadata(1),
    "marketApps": [
        {
            "id": "LOADBALANCER",
            "name": "Load Balancer",
            "category": "LOAD_BALANCER",
            "version": None,
            "family": "loadbalancer",
            "image": IMAGE,
        }
    ],
}
REGIONS = {
    "_metadata": metadata(2),
    "regions": [
        {"name": "eu-west-3", "location": "Amsterdam"},
        {"name": "eu-central-1", "location": "Frankfurt"},
    ],
}

ERROR_400 = {
    "correlationId": CORRELATION,
    "errorCode": "400",
    "errorDetails": {},
    "errorMessage": "The API could not interpret your request correctly.",
}


def example(payload: Any) -> Any:
    """A private deep copy, so a test may mutate it."""
    return copy.deepcopy(payload)


Reply = httpx.Response | Exception | Callable[[httpx.Request], httpx.Response]


class FakeApi:
    """A MockTransport handler: records requests and answers with ``replies`` in turn
    (the last one repeats). A reply may be a response, an exception to raise, or a callable."""

    def __init__(self, *replies: Reply) -> None:
        self.replies = list(replies) or [httpx.Response(200, json={})]
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        reply = self.replies.pop(0) if len(self.replies) > 1 else self.replies[0]
        if isinstance(reply, Exception):
            raise reply
        return reply(request) if callable(reply) else reply

    @property
    def last(self) -> httpx.Request:
        return self.requests[-1]

    def body(self, index: int = -1) -> Any:
        content = self.requests[index].content
        return json.loads(content) if content else None


class Harness:
    """A client over a FakeApi, with a fake sleep and the RequestRecords it reported."""

    def __init__(self, *replies: Reply, **client_kwargs: Any) -> None:
        self.api = FakeApi(*replies)
        self.sleeps: list[float] = []
        self.records: list[RequestRecord] = []

        async def sleep(seconds: float) -> None:
            self.sleeps.append(seconds)

        self.client = LeasewebClient.create(
            API_KEY,
            transport=httpx.MockTransport(self.api),
            sleep=sleep,
            on_request=self.records.append,
            **client_kwargs,
        )


def reply(
    status: int, payload: Any = None, headers: dict[str, str] | None = None
) -> httpx.Response:
    """A JSON response (or an empty one when payload is None) with the correlation header."""
    headers = {"APIGW-CORRELATION-ID": CORRELATION, **(headers or {})}
    if payload is None:
        return httpx.Response(status, headers=headers)
    return httpx.Response(status, json=payload, headers=headers)
