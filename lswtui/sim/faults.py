"""Fault injection: the failures a real API and its gateway produce, on demand and reproducibly.

A :class:`Faults` plan is parsed from a compact spec (``lswtui sim --faults``, ``lswtui --demo
--demo-faults``), for example::

    latency=200ms,jitter=100ms,5xx=0.1,429=0.05,drop=0.02,timeout=0.01,malformed=0.02,html=0.02,unknown=0.1,readonly

and plugged in with ``Simulator(extra_layers=[faults.layer()])``. Every decision is drawn from a
generator seeded by the plan's seed and the request itself (method, URL, and how often that URL
was asked for before), so a run is reproducible even when concurrent requests interleave.

Gateway-like failures follow what a real gateway does to a write: a 502 or 504, a dropped
connection, a timeout and a garbled body arrive *after* the API handled the request (so a write
may have been applied); a 500, 503, 429 or 403 arrives *before* it (nothing happened).
"""

from __future__ import annotations

import asyncio
import json
import random
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from typing import Any

import httpx
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import SERVER_ERROR, error_body

WRITE_METHODS = frozenset({"POST", "PUT", "DELETE"})
FORBIDDEN = "Access to the requested resource is forbidden."
UNAVAILABLE = "The API is not available at the moment."
GATEWAY = "The server took too long to respond."
TOO_MANY = "Too many requests, slow down."
FAULT_MESSAGES = {500: SERVER_ERROR, 502: GATEWAY, 503: UNAVAILABLE, 504: GATEWAY}
#: Statuses a gateway sends after the API already handled the request.
AFTER_HANDLING = frozenset({502, 504})
HTML_TITLES = {
    502: "502 Bad Gateway",
    503: "503 Service Temporarily Unavailable",
    504: "504 Gateway Time-out",
}
UNKNOWN_FIELD = "lswtuiFutureField"
UNKNOWN_STATE = "MAINTENANCE"

#: Spec key -> field, for the rates that pick at most one fault per request, in draw order.
EXCLUSIVE_RATES = {
    "5xx": "server_error",
    "429": "rate_limited",
    "drop": "drop",
    "timeout": "timeout",
    "malformed": "malformed",
    "html": "html",
}
RATES = {**EXCLUSIVE_RATES, "unknown": "unknown"}
DURATIONS = {"latency": "latency", "jitter": "jitter", "retry_after": "retry_after", "hang": "hang"}
FLAGS = {"readonly": "readonly"}
_DURATION = re.compile(r"^(\d+(?:\.\d+)?)(ms|s)?$")


class FaultSpecError(ValueError):
    """A fault spec that cannot be parsed; the message says which part and why."""


@dataclass(frozen=True)
class Faults:
    """What to break, how often (rates are probabilities per request), and the seed."""

    latency: float = 0.0  # seconds added to every response
    jitter: float = 0.0  # +/- seconds around the latency
    server_error: float = 0.0  # a 500, 502, 503 or 504 with a Leaseweb error body
    rate_limited: float = 0.0  # a 429 with Retry-After
    drop: float = 0.0  # the connection closes in the middle of the body
    timeout: float = 0.0  # no answer in time
    malformed: float = 0.0  # a 2xx whose JSON body is cut short
    html: float = 0.0  # a 502, 503 or 504 HTML page from the gateway
    unknown: float = 0.0  # a 2xx with unknown fields and an unknown state value
    readonly: bool = False  # 403 for every write, as for a read-only API key
    retry_after: float = 1.0  # the Retry-After of a 429, in seconds
    hang: float = 30.0  # over HTTP: how long a "timeout" keeps the client waiting
    seed: int = 0

    def __post_init__(self) -> None:
        for key, name in RATES.items():
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise FaultSpecError(f"{key} must be a rate between 0 and 1")
        if sum(getattr(self, name) for name in EXCLUSIVE_RATES.values()) > 1.0:
            raise FaultSpecError(f"the rates of {', '.join(EXCLUSIVE_RATES)} add up to more than 1")

    @classmethod
    def parse(cls, spec: str, *, seed: int = 0) -> Faults:
        """A plan from ``key=value`` items and flags separated by commas (see the module doc)."""
        values: dict[str, Any] = {"seed": seed}
        for item in filter(None, (part.strip() for part in spec.split(","))):
            key, sep, raw = (part.strip() for part in item.partition("="))
            if key in FLAGS and not sep:
                values[FLAGS[key]] = True
            elif key in RATES and sep:
                values[RATES[key]] = _rate(key, raw)
            elif key in DURATIONS and sep:
                values[DURATIONS[key]] = _duration(key, raw)
            elif key in FLAGS:
                raise FaultSpecError(f"{key} is a flag and takes no value")
            elif key in RATES or key in DURATIONS:
                example = "0.05" if key in RATES else "200ms"
                raise FaultSpecError(f"{key} needs a value, e.g. {key}={example}")
            else:
                known = ", ".join([*RATES, *DURATIONS, *FLAGS])
                raise FaultSpecError(f"unknown fault {key!r} (known: {known})")
        return cls(**values)

    def describe(self) -> str:
        """The plan as a spec (only what differs from no faults), e.g. for a banner."""
        default = Faults()
        names = {**{v: k for k, v in RATES.items()}, **{v: k for k, v in DURATIONS.items()}}
        parts = []
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "seed" or value == getattr(default, f.name):
                continue
            if f.name in FLAGS.values():
                parts.append(f.name)
            elif f.name in DURATIONS.values():
                parts.append(
                    f"{names[f.name]}={value:g}s"
                    if value >= 1
                    else f"{names[f.name]}={value * 1000:g}ms"
                )
            else:
                parts.append(f"{names[f.name]}={value:g}")
        return ",".join(parts) or "none"

    def pick(self, draw: float) -> str | None:
        """The exclusive fault (a spec key) a uniform ``draw`` in [0, 1) lands on, if any."""
        edge = 0.0
        for key, name in EXCLUSIVE_RATES.items():
            edge += getattr(self, name)
            if draw < edge:
                return key
        return None

    def layer(self, *, in_process: bool = True) -> Callable[[ASGIApp], ASGIApp]:
        """The ASGI layer for ``Simulator(extra_layers=...)``.

        ``in_process`` (``httpx.ASGITransport``): a drop or timeout raises the httpx error a real
        connection would give. Over HTTP (``in_process=False``) a drop cuts the body and a
        timeout keeps the client waiting ``hang`` seconds.
        """
        return lambda app: FaultInjector(app, self, in_process=in_process)


def _rate(key: str, raw: str) -> float:
    try:
        return float(raw)
    except ValueError:
        raise FaultSpecError(f"{key} needs a rate such as 0.05, not {raw!r}") from None


def _duration(key: str, raw: str) -> float:
    match = _DURATION.match(raw)
    if match is None:
        raise FaultSpecError(f"{key} needs a duration such as 200ms or 2s, not {raw!r}")
    number, unit = match.groups()
    return float(number) / (1000 if unit == "ms" else 1)


# -- the ASGI layer ----------------------------------------------------------------------------


@dataclass
class _Captured:
    start: Message
    body: bytes

    @property
    def ok(self) -> bool:
        return 200 <= int(self.start["status"]) < 300

    @property
    def is_json(self) -> bool:
        return any(k == b"content-type" and b"json" in v for k, v in self.start.get("headers", []))


class FaultInjector:
    """Breaks requests according to a :class:`Faults` plan (see the module doc)."""

    def __init__(self, app: ASGIApp, faults: Faults, *, in_process: bool) -> None:
        self.app, self.faults, self.in_process = app, faults, in_process
        self._seen: Counter[str] = Counter()

    def _rng(self, scope: Scope) -> random.Random:
        url = (
            f"{scope['method']} {scope['path']}?{scope.get('query_string', b'').decode('latin-1')}"
        )
        self._seen[url] += 1
        return random.Random(f"{self.faults.seed}|{url}|{self._seen[url]}")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        rng = self._rng(scope)
        plan = self.faults
        if plan.latency or plan.jitter:
            await asyncio.sleep(max(0.0, plan.latency + rng.uniform(-plan.jitter, plan.jitter)))
        correlation_id = scope.setdefault("state", {}).get("correlation_id", "")
        if plan.readonly and scope["method"] in WRITE_METHODS:
            scope["state"]["fault"] = "readonly"
            return await _send_json(send, 403, error_body(403, FORBIDDEN, correlation_id))
        fault = plan.pick(rng.random())
        if fault is not None:
            scope["state"]["fault"] = fault
        status = rng.choice((500, 502, 503, 504) if fault == "5xx" else (502, 503, 504))
        if fault == "429":
            headers = [(b"retry-after", f"{plan.retry_after:g}".encode())]
            return await _send_json(send, 429, error_body(429, TOO_MANY, correlation_id), headers)
        if fault in ("5xx", "html") and status not in AFTER_HANDLING:
            return await self._gateway_error(send, fault, status, correlation_id)
        if fault is None and not (plan.unknown and rng.random() < plan.unknown):
            return await self.app(scope, receive, send)
        captured = await _capture(self.app, scope, receive)
        if fault in ("5xx", "html"):
            return await self._gateway_error(send, fault, status, correlation_id)
        if fault == "timeout":
            return await self._time_out(send, captured)
        if fault == "drop":
            return await self._drop(send, captured, rng)
        if fault == "malformed" and captured.ok and captured.body:
            return await _send(
                send, captured.start, captured.body[: rng.randrange(len(captured.body))] or b"{"
            )
        if fault is None and captured.ok and captured.is_json:
            scope["state"]["fault"] = "unknown"
            return await _send(send, captured.start, _with_unknowns(captured.body))
        await _send(send, captured.start, captured.body)

    async def _gateway_error(
        self, send: Send, fault: str, status: int, correlation_id: str
    ) -> None:
        if fault == "html":
            title = HTML_TITLES[status]
            page = (
                f"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}"
                "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
            )
            start = {
                "type": "http.response.start",
                "status": status,
                "headers": [(b"content-type", b"text/html")],
            }
            return await _send(send, start, page.encode())
        await _send_json(send, status, error_body(status, FAULT_MESSAGES[status], correlation_id))

    async def _time_out(self, send: Send, captured: _Captured) -> None:
        if self.in_process:
            raise httpx.ReadTimeout("simulated timeout: the API did not answer in time")
        await asyncio.sleep(self.faults.hang)
        await _send(send, captured.start, captured.body)

    async def _drop(self, send: Send, captured: _Captured, rng: random.Random) -> None:
        await send(_with_length(captured.start, len(captured.body) + 1))
        await send(
            {
                "type": "http.response.body",
                "body": captured.body[: rng.randrange(len(captured.body) + 1)],
                "more_body": True,
            }
        )
        if self.in_process:
            raise httpx.RemoteProtocolError(
                "simulated drop: the connection closed in the middle of the body"
            )
        # Over HTTP, returning without finishing makes the server close the connection.


async def _capture(app: ASGIApp, scope: Scope, receive: Receive) -> _Captured:
    """Run ``app`` to completion and keep its response instead of sending it."""
    start: Message = {}
    chunks: list[bytes] = []

    async def keep(message: Message) -> None:
        nonlocal start
        if message["type"] == "http.response.start":
            start = message
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, keep)
    return _Captured(start, b"".join(chunks))


def _with_length(start: Message, length: int) -> Message:
    headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
    return {**start, "headers": [*headers, (b"content-length", str(length).encode())]}


async def _send(send: Send, start: Message, body: bytes) -> None:
    await send(_with_length(start, len(body)))
    await send({"type": "http.response.body", "body": body})


async def _send_json(
    send: Send, status: int, body: dict[str, Any], headers: Sequence[tuple[bytes, bytes]] = ()
) -> None:
    start = {
        "type": "http.response.start",
        "status": status,
        "headers": [(b"content-type", b"application/json"), *headers],
    }
    await _send(send, start, json.dumps(body).encode())


def _with_unknowns(body: bytes) -> bytes:
    """The JSON body with a field no client knows in every object, and every ``state`` value
    replaced by one no client knows (the API is BETA: both happen)."""
    try:
        data = json.loads(body)
    except ValueError:
        return body

    def rewrite(value: Any) -> Any:
        if isinstance(value, list):
            return [rewrite(item) for item in value]
        if isinstance(value, dict):
            out = {
                k: UNKNOWN_STATE if k == "state" and isinstance(v, str) else rewrite(v)
                for k, v in value.items()
            }
            out[UNKNOWN_FIELD] = {"since": "v2", "values": [1, "two", None]}
            return out
        return value

    return json.dumps(rewrite(data)).encode()
