"""A hostile fake Leaseweb VPS API: a real HTTP server on 127.0.0.1 (a free port, a daemon
thread) whose data and answers attack the client, in named modes (one or several at once).

It is written with the standard library only, on purpose: it must not share a line with
``lswtui.sim``, so a flaw in the simulator cannot hide the same flaw in the client. Every
request is recorded (method, path, query, time, body) so a test can assert what was sent.

Modes (``MODES``): see each constant below. Data-poisoning modes (escape, query, spoof,
confusable, odd-ids, nan, echo-key) change what is served; transport modes (trickle, endless,
gzip-bomb) answer each path's *first* request normally and attack every later one, so the
client has a screen to draw before it is attacked; ignore-offset and slow-write change paging
and writes.
"""

from __future__ import annotations

import base64
import json
import threading
import time
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

API_BASE = "/publicCloud/v1"
API_KEY = "hostile-test-key-9f2c"

# -- what the data carries ----------------------------------------------------------------------
OSC52_WRITE = "\x1b]52;c;" + base64.b64encode(b"Xyyyy").decode() + "\x07"  # sets the clipboard
OSC_TITLE = "\x1b]0;pwned\x07"  # sets the window title
CLEAR_SCREEN = "\x1b[2J"
LEAVE_ALT_SCREEN = "\x1b[?1049l"
BEL = "\x07"
C1_CSI, C1_OSC = "\u009b", "\u009d"  # 8-bit CSI and OSC (UTF-8: c2 9b, c2 9d)
DEL = "\x7f"
OSC52_QUERY = "\x1b]52;c;?\x07"  # asks the terminal for the clipboard: the reply comes on stdin
XTVERSION_QUERY = "\x1b[>0q"
DA1_QUERY = "\x1b[c"
SPOOF = "\x1b[45G VPS 100000009 (prod-db-01)"  # moves the cursor to forge the dialog's text
ZERO_WIDTH, RTL_OVERRIDE = "\u200b", "\u202e"

#: Every escape-mode payload: each starts a field shown on the first screen or on a detail tab
#: (at the start, so a truncated column still shows its visible form); all of them start the
#: error texts.
ESCAPES = (
    OSC52_WRITE,
    OSC_TITLE,
    CLEAR_SCREEN,
    LEAVE_ALT_SCREEN,
    BEL,
    C1_CSI + "31m",
    C1_OSC + "0;pwned" + BEL,
    DEL,
    "\r",
)
NON_FINITE = ("NaN", "Infinity", "1.5e308")  # raw JSON text: not valid JSON, as a gateway may send

MODES = frozenset(
    {
        "escape",
        "query",
        "spoof",
        "confusable",
        "nan",
        "trickle",
        "endless",
        "gzip-bomb",
        "odd-ids",
        "ignore-offset",
        "echo-key",
        "slow-write",
    }
)
TRANSPORT_ATTACKS = ("trickle", "endless", "gzip-bomb")
TRICKLE_EVERY = 15.0  # seconds between two chunks of a trickled body
SLOW_WRITE_DELAY = 30.0  # seconds before a write is answered in slow-write mode
ENDLESS_RATE = 32 * 1024 * 1024  # bytes per second of an endless body (enough to find no cap)
IGNORED_OFFSET_TOTAL = 50_000
GZIP_BOMB_INFLATED = 1024**3  # what the bomb's ~1 MB inflate to
ERROR_TEXT = "The API could not handle your request at this time."
WRITES = ("POST", "PUT", "DELETE")


@dataclass(frozen=True, slots=True)
class Seen:
    """One request the fake received."""

    method: str
    path: str  # relative to the API base: /vps/100000001/stop
    query: dict[str, list[str]]
    at: float  # time.monotonic()
    body: bytes


def _vps(
    vps_id: str,
    reference: str,
    *,
    region: str = "eu-west-3",
    pack: str = "Leaseweb VPS 2",
    image: str = "Ubuntu 24.04 LTS (x86_64)",
    reverse: str = "web.example.com",
    ip_octet: int = 10,
) -> dict:
    return {
        "id": vps_id,
        "pack": pack,
        "region": region,
        "datacenter": "AMS-01",
        "reference": reference,
        "image": {
            "id": "UBUNTU_24_04_64BIT",
            "name": image,
            "family": "linux",
            "flavour": "ubuntu",
            "custom": False,
        },
        "marketAppId": None,
        "state": "RUNNING",
        "hasPublicIpV4": True,
        "rootDiskSize": 50,
        "ips": [
            {
                "ip": f"203.0.113.{ip_octet}",
                "prefixLength": "24",
                "version": 4,
                "nullRouted": False,
                "reverseLookup": reverse,
                "mainIp": True,
                "networkType": "PUBLIC",
            }
        ],
        "startedAt": "2026-11-01T09:00:00+00:00",
    }


def build_fleet(modes: frozenset[str]) -> list[dict]:
    """The account's VPSes (list form), poisoned as ``modes`` ask."""
    fleet = [
        _vps("100000001", "web-01", ip_octet=11),
        _vps("100000002", "web-02", ip_octet=12),
        _vps("100000009", "prod-db-01", ip_octet=19),
    ]
    first, second, third = (
        fleet  # the first is the one selected at start: its details are on screen
    )
    if "spoof" in modes:
        first["reference"] = SPOOF
    if "escape" in modes:
        for vps, payload in zip(fleet, (OSC52_WRITE, OSC_TITLE, CLEAR_SCREEN), strict=True):
            vps["reference"] = payload + vps["reference"]
        first["region"] = LEAVE_ALT_SCREEN + first["region"]
        first["pack"] = BEL + first["pack"]
        first["datacenter"] = C1_CSI + "31m" + first["datacenter"]
        first["image"]["name"] = C1_OSC + "0;pwned" + BEL + first["image"]["name"]
        first["ips"][0]["reverseLookup"] = (
            DEL + "\r" + OSC52_WRITE + first["ips"][0]["reverseLookup"]
        )
    if "query" in modes:
        first["region"] = OSC52_QUERY + first["region"]
        first["reference"] = XTVERSION_QUERY + first["reference"]
        second["reference"] = DA1_QUERY + second["reference"]
    if "confusable" in modes:
        second["id"], second["reference"] = (
            "1000000" + ZERO_WIDTH + "01",
            "web" + ZERO_WIDTH + "-01",
        )
        third["id"], third["reference"] = RTL_OVERRIDE + "100000001", RTL_OVERRIDE + "10-bew"
    if "odd-ids" in modes:
        fleet += [
            _vps("\u2460", "circled-one", ip_octet=21),
            _vps("9" * 5000, "long-id", ip_octet=22),
            _vps("0100000001", "leading-zero", ip_octet=23),
        ]
    return fleet


def _details(vps: dict) -> dict:
    ips = [
        {**ip, "ddos": {"detectionProfile": "STANDARD_DEFAULT", "protectionType": "STANDARD"}}
        for ip in vps["ips"]
    ]
    return {
        **vps,
        "ips": ips,
        "iso": None,
        "resources": {
            "cpu": {"value": 2, "unit": "vCPU"},
            "memory": {"value": 4, "unit": "GiB"},
            "publicNetworkSpeed": {"value": 10000, "unit": "Mbps"},
        },
        "contract": {
            "id": "9310" + vps["id"][-8:],
            "billingFrequency": 1,
            "term": 0,
            "type": "HOURLY",
            "state": "ACTIVE",
            "endsAt": None,
            "createdAt": "2026-11-01T08:55:00+00:00",
            "sla": "Basic",
            "controlPanel": None,
            "inModification": False,
            "dataTraffic": {"value": 30, "unit": "TB"},
        },
    }


def _whole(key: str, items: list) -> dict:
    return {
        "_metadata": {"totalCount": len(items), "limit": max(20, len(items)), "offset": 0},
        key: items,
    }


def _traffic_json(modes: frozenset[str]) -> str:
    """``metrics/datatraffic`` as JSON text: in nan mode its numbers are NaN, Infinity, 1.5e308."""
    days = ["2026-11-28", "2026-11-29", "2026-11-30"]
    bad = iter(NON_FINITE * 8)

    def number(good: int) -> str:
        return next(bad) if "nan" in modes else str(good)

    def series(scale: int) -> str:
        values = ", ".join(
            f'{{"value": {number(scale * (i + 1))}, "timestamp": "{d}T00:00:00+00:00"}}'
            for i, d in enumerate(days)
        )
        summary = (
            f'{{"average": {number(scale * 2)}, "expected": {number(scale * 60)},'
            f' "total": {number(scale * 6)},'
            f' "peak": {{"value": {number(scale * 3)}, "timestamp": "{days[-1]}T00:00:00+00:00"}}}}'
        )
        return f'{{"unit": "B", "values": [{values}]}}', summary

    (down, down_summary), (up, up_summary) = series(7_000_000_000), series(900_000_000)
    return (
        '{"_metadata": {"from": "2026-11-01T00:00:00+00:00", "to": "2026-12-01T00:00:00+00:00",'
        ' "granularity": "DAY", "aggregation": "SUM", "unit": "B",'
        f' "summary": {{"downPublic": {down_summary}, "upPublic": {up_summary}}}}},'
        f' "metrics": {{"downPublic": {down}, "upPublic": {up}}}}}'
    )


@cache
def gzip_bomb() -> bytes:
    """About 1 MB of gzip that inflates to ``GZIP_BOMB_INFLATED`` bytes of JSON whitespace."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # wbits 31: a gzip stream
    spaces = b" " * (1024 * 1024)
    parts = [
        packer.compress(b'{"_metadata": {"totalCount": 1, "limit": 50, "offset": 0}, "vps": [')
    ]
    parts += [packer.compress(spaces) for _ in range(GZIP_BOMB_INFLATED // len(spaces))]
    parts += [packer.compress(b"]}"), packer.flush()]
    return b"".join(parts)


class HostileApi:
    """The fake API. Use as a context manager (or ``start``/``stop``); it also stops by itself
    after ``lifetime`` seconds, so a forgotten one never outlives its test for long."""

    def __init__(
        self, modes: Iterable[str] = (), *, api_key: str = API_KEY, lifetime: float = 120.0
    ) -> None:
        self.modes = frozenset(modes)
        if unknown := self.modes - MODES:
            raise ValueError(f"unknown hostile mode(s): {', '.join(sorted(unknown))}")
        self.api_key = api_key
        self.fleet = build_fleet(self.modes)
        self.requests: list[Seen] = []
        self.endless_sent: list[int] = []  # bytes sent by each endless body so far (the last grows)
        self.endless_cut = threading.Event()  # set when the client hung up on an endless body
        self.stopping = threading.Event()
        self.closed = threading.Event()  # set once the listening socket is closed
        self._lock = threading.Lock()
        self._answered: set[str] = set()
        self._server = _Server(("127.0.0.1", 0), _handler_for(self))
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="hostile-api",
            daemon=True,
        )
        self._timer = threading.Timer(lifetime, self.stop)
        self._timer.daemon = True

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}{API_BASE}"

    def start(self) -> HostileApi:
        if "gzip-bomb" in self.modes:
            gzip_bomb()  # built before the first request, not while the client waits for it
        self._thread.start()
        self._timer.start()
        return self

    def stop(self) -> None:
        """Stop serving and release every blocked answer (trickle, endless, slow-write)."""
        if self.stopping.is_set():
            return
        self.stopping.set()
        self._timer.cancel()
        self._server.shutdown()
        self._server.server_close()
        self.closed.set()

    def __enter__(self) -> HostileApi:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
        self._thread.join(5)

    # -- what the tests read ---------------------------------------------------------------------
    def seen(self, method: str | None = None, path: str | None = None) -> list[Seen]:
        with self._lock:
            return [
                r
                for r in self.requests
                if (method is None or r.method == method) and (path is None or r.path == path)
            ]

    def writes(self) -> list[Seen]:
        """Every non-GET request received (the ones that could change the account)."""
        with self._lock:
            return [r for r in self.requests if r.method != "GET"]

    def list_requests(self) -> int:
        return len(self.seen("GET", "/vps"))

    # -- what the handler asks -------------------------------------------------------------------
    def record(self, seen: Seen) -> bool:
        """Records ``seen``; returns whether a transport attack applies to it (not the path's first)."""
        with self._lock:
            self.requests.append(seen)
            first = seen.path not in self._answered
            self._answered.add(seen.path)
        return not first and any(mode in self.modes for mode in TRANSPORT_ATTACKS)

    def find(self, vps_id: str) -> dict | None:
        return next((v for v in self.fleet if v["id"] == vps_id), None)


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # a handler stuck in a trickle never holds the process up
    request_queue_size = 128  # the client opens several connections at once


def _handler_for(api: HostileApi) -> type[BaseHTTPRequestHandler]:
    class Handler(_Handler):
        pass

    Handler.api = api
    return Handler


class _Handler(BaseHTTPRequestHandler):
    """One request: recorded, then answered as the modes say."""

    api: HostileApi
    protocol_version = "HTTP/1.1"
    server_version = "hostile"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def do_PUT(self) -> None:
        self._serve("PUT")

    def do_DELETE(self) -> None:
        self._serve("DELETE")

    # -- dispatch --------------------------------------------------------------------------------
    def _serve(self, method: str) -> None:
        api = self.api
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(min(length, 1 << 20)) if length else b""
        path = unquote(url.path).removeprefix(API_BASE)
        attack = api.record(Seen(method, path, parse_qs(url.query), time.monotonic(), body))
        if self.headers.get("X-LSW-Auth") != api.api_key:
            return self._error(401, "You are not authorized to view this resource.")
        if method in WRITES and "slow-write" in api.modes and api.stopping.wait(SLOW_WRITE_DELAY):
            return self._hang_up()
        if method in WRITES:
            return self._write(method, path, body)
        if "echo-key" in api.modes and (path != "/vps" or api.list_requests() > 1):
            return self._error(503, ERROR_TEXT)  # the key comes back in the body and the header
        status, text = self._read(path, url.query)
        if status != 200:
            return self._error(status, text)
        if attack:
            return self._attack(text.encode())
        self._send(200, text.encode())

    def _read(self, path: str, query: str) -> tuple[int, str]:
        """(status, JSON text or error message) of a GET."""
        api = self.api
        parts = path.strip("/").split("/")
        if parts == ["vps"]:
            return 200, json.dumps(self._page(parse_qs(query)))
        if parts == ["isos"]:
            return 200, json.dumps(_whole("isos", [{"id": "GRML", "name": "GRML 2022.11"}]))
        if len(parts) < 2 or parts[0] != "vps" or (vps := api.find(parts[1])) is None:
            return 404, "Resource not found" if len(
                parts
            ) < 2 else f"VPS with id {parts[1]} not found"
        rest = parts[2:]
        escape = "escape" in api.modes
        if not rest:
            return 200, json.dumps(_details(vps))
        if rest == ["ips"]:
            return 200, json.dumps(_whole("ips", _details(vps)["ips"]))
        if rest == ["snapshots"]:
            name = (C1_CSI + "2J" + OSC_TITLE if escape else "") + "daily-backup"
            return 200, json.dumps(
                _whole(
                    "snapshots",
                    [
                        {
                            "id": "5c0f5c7e-0000-4000-8000-000000000001",
                            "displayName": name,
                            "state": "AVAILABLE",
                            "created": "2026-11-30T03:00:00+0000",
                        }
                    ],
                )
            )
        if rest == ["credentials"] or (rest[:1] == ["credentials"] and len(rest) == 2):
            username = (OSC52_WRITE + CLEAR_SCREEN if escape else "") + "root"
            return 200, json.dumps(
                _whole("credentials", [{"type": "OPERATING_SYSTEM", "username": username}])
            )
        if rest[:1] == ["credentials"] and len(rest) == 3:
            return 200, json.dumps(
                {"type": rest[1], "username": rest[2], "password": "Hunter2-Hunter2"}
            )
        if rest == ["console"]:
            return 200, json.dumps(
                {"url": "https://public-cloud.leaseweb.com/resource/noVNC/vnc.html?token=t0k3n"}
            )
        if rest == ["metrics", "datatraffic"]:
            if escape:
                return 500, ERROR_TEXT
            return 200, _traffic_json(api.modes)
        return 404, "Resource not found"

    def _page(self, query: dict[str, list[str]]) -> dict:
        fleet = self.api.fleet
        limit = int(query.get("limit", ["20"])[0])
        offset = int(query.get("offset", ["0"])[0])
        if "ignore-offset" in self.api.modes:  # always page 0, and a huge list to page through
            return {
                "_metadata": {"totalCount": IGNORED_OFFSET_TOTAL, "limit": limit, "offset": 0},
                "vps": fleet[:limit],
            }
        return {
            "_metadata": {"totalCount": len(fleet), "limit": limit, "offset": offset},
            "vps": fleet[offset : offset + limit],
        }

    def _write(self, method: str, path: str, body: bytes) -> None:
        parts = path.strip("/").split("/")
        vps = self.api.find(parts[1]) if len(parts) > 1 and parts[0] == "vps" else None
        if vps is None:
            return self._error(404, "Resource not found")
        if method == "PUT" and len(parts) == 2:
            try:
                vps["reference"] = json.loads(body)["reference"]
            except (ValueError, KeyError, TypeError):
                return self._error(400, "The API could not interpret your request correctly.")
            return self._send(200, json.dumps(_details(vps)).encode())
        self._send(202, b"")

    # -- answers ---------------------------------------------------------------------------------
    def _error(self, status: int, message: str) -> None:
        api = self.api
        correlation = (
            api.api_key if "echo-key" in api.modes else "0b7e6a52-5b3e-4c55-9a54-1f0c9d6a4b21"
        )
        body = {"correlationId": correlation, "errorCode": str(status), "errorMessage": message}
        if "escape" in api.modes:
            injected = "".join(ESCAPES)
            body |= {
                "errorMessage": injected + message,
                "userMessage": injected + "Try again later.",
                "correlationId": OSC_TITLE + correlation,
            }
        self._send(status, json.dumps(body).encode())

    def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        correlation = (
            self.api.api_key
            if "echo-key" in self.api.modes
            else "0b7e6a52-5b3e-4c55-9a54-1f0c9d6a4b21"
        )
        self.send_header("APIGW-CORRELATION-ID", correlation)
        if body or status not in (202, 204):
            self.send_header("Content-Type", "application/json")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if "Transfer-Encoding" not in (headers or {}):
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()

    def _attack(self, body: bytes) -> None:
        modes = self.api.modes
        if "gzip-bomb" in modes:
            bomb = gzip_bomb()
            self.send_response(200)
            for name, value in (
                ("Content-Type", "application/json"),
                ("Content-Encoding", "gzip"),
                ("Content-Length", str(len(bomb))),
            ):
                self.send_header(name, value)
            self.end_headers()
            return self._write_until_hung_up([bomb])
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        if "endless" in modes:
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            return self._endless()
        self.send_header("Content-Length", str(len(body)))  # trickle: the whole body, eventually
        self.end_headers()
        self._write_until_hung_up(body[i : i + 16] for i in range(0, len(body), 16))

    def _write_until_hung_up(self, chunks: Iterable[bytes]) -> None:
        try:
            for n, chunk in enumerate(chunks):
                if n and "trickle" in self.api.modes and self.api.stopping.wait(TRICKLE_EVERY):
                    return self._hang_up()
                self.wfile.write(chunk)
                self.wfile.flush()
        except OSError:  # the client hung up
            self.close_connection = True

    def _endless(self) -> None:
        """A chunked JSON list that never ends, at ``ENDLESS_RATE``, until the client hangs up."""
        api = self.api
        item = json.dumps(api.fleet[0]).encode() + b","
        chunk = item * max(1, 64 * 1024 // len(item))
        framed = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
        with api._lock:
            api.endless_sent.append(0)
            index = len(api.endless_sent) - 1
        started = time.monotonic()
        try:
            head = b'{"_metadata": {"totalCount": 3, "limit": 50, "offset": 0}, "vps": ['
            self.wfile.write(f"{len(head):x}\r\n".encode() + head + b"\r\n")
            while not api.stopping.is_set():
                self.wfile.write(framed)
                api.endless_sent[index] += len(chunk)
                ahead = api.endless_sent[index] / ENDLESS_RATE - (time.monotonic() - started)
                if ahead > 0:
                    time.sleep(ahead)
        except OSError:
            api.endless_cut.set()
        self.close_connection = True

    def _hang_up(self) -> None:
        self.close_connection = True
