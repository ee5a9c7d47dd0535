"""``lswtui sim``: serve the simulator over HTTP on the loopback interface."""

from __future__ import annotations

import asyncio
import contextlib
import errno
import ipaddress
import secrets
import shlex
import socket
import warnings
from pathlib import Path

import uvicorn
from starlette.types import ASGIApp, Receive, Scope, Send

from .activity import ActivityEvent
from .clock import Clock
from .faults import Faults
from .http_limits import UVICORN_LIMITS
from .middleware import API_BASE_PATH
from .request_log import RequestLogFile
from .simulator import Simulator

#: How often ``lswtui sim`` applies what is due without waiting for a request, so the activity
#: log on stdout keeps time.
CATCH_UP_SECONDS = 1.0


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def host_port(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"{shown}:{port}"


def base_url(host: str, port: int) -> str:
    return f"http://{host_port(host, port)}{API_BASE_PATH}"


def banner(
    host: str,
    port: int,
    api_key: str,
    *,
    vps_count: int,
    seed: int,
    faults: Faults | None = None,
    request_log: Path | None = None,
    activity: str = "off",
) -> str:
    url = base_url(host, port)
    curl = f"curl -s -H {shlex.quote('X-LSW-Auth: ' + api_key)} {shlex.quote(url + '/vps?limit=5')}"
    lines = [
        f"Leaseweb API simulator: {vps_count} VPSes (seed {seed})",
        f"  base URL  {url}",
        f"  API key   {api_key}",
        f"  try       {curl}",
    ]
    if faults is not None:
        lines.append(f"  faults    {faults.describe()} (fault seed {faults.seed})")
    if request_log is not None:
        lines.append(f"  requests  logged to {request_log} (one JSON line each)")
    if activity != "off":
        lines.append(f"  activity  {activity}: what happens by itself follows, one line each")
    return "\n".join(lines)


def serve(
    host: str = "127.0.0.1",
    port: int = 8080,
    *,
    vps_count: int = 25,
    seed: int = 42,
    api_key: str | None = None,
    allow_remote: bool = False,
    faults: Faults | None = None,
    request_log: Path | None = None,
    activity: str = "off",
    clock: Clock | None = None,
) -> None:
    """Serve a fresh simulator until interrupted. Without ``api_key`` a random one is made;
    ``faults`` injects failures (see ``faults.py``); ``request_log`` names a file that gets
    one JSON line per request (see ``request_log.py``); ``activity`` makes the account live
    (``activity.py``), each event printed on stdout as it happens (``ActivityEvent.line``).
    ``clock`` is the simulator's (default: the system clock).

    Each client's requests are bounded in time and size (``http_limits.py``). The simulator has
    no real security, so a non-loopback ``host`` is refused unless
    ``allow_remote=True`` (and then still warned about).
    """
    if not is_loopback(host):
        if not allow_remote:
            raise ValueError(
                f"refusing to serve the simulator on non-loopback host {host!r} (it has no TLS); "
                "pass --allow-remote to do it anyway"
            )
        warnings.warn(f"the simulator is reachable from other machines on {host}", stacklevel=2)
    listening = listen(host, port)  # before the banner: nothing is announced that is not there
    api_key = api_key or secrets.token_urlsafe(24)
    layers = [faults.layer(in_process=False)] if faults is not None else []
    sim = Simulator(
        seed=seed,
        vps_count=vps_count,
        api_key=api_key,
        extra_layers=layers,
        clock=clock,
        activity=activity,
        on_activity=print_event,
    )
    app = sim.app if request_log is None else RequestLogFile(sim.app, sim.requests, request_log)
    if activity != "off":
        app = CatchingUp(app, sim)
    print(
        banner(
            host,
            port,
            api_key,
            vps_count=vps_count,
            seed=seed,
            faults=faults,
            request_log=request_log,
            activity=activity,
        ),
        flush=True,
    )
    config = uvicorn.Config(
        app, host=host.strip("[]"), port=port, log_level="warning", **UVICORN_LIMITS
    )
    uvicorn.Server(config).run(sockets=[listening])


def print_event(event: ActivityEvent) -> None:
    """One line on stdout; a closed stdout (``lswtui sim | head``) ends the log, not the API."""
    with contextlib.suppress(OSError):
        print(event.line(), flush=True)


class CatchingUp:
    """While the server runs (its ASGI lifespan), applies what is due every
    ``CATCH_UP_SECONDS``, so events are printed when they happen, not at the next request."""

    def __init__(self, app: ASGIApp, sim: Simulator) -> None:
        self.app, self.sim = app, sim

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "lifespan":
            return await self.app(scope, receive, send)
        ticker = asyncio.create_task(self._tick())
        try:
            await self.app(scope, receive, send)
        finally:
            ticker.cancel()

    async def _tick(self) -> None:
        while True:
            await asyncio.sleep(CATCH_UP_SECONDS)
            self.sim.catch_up()


def listen(host: str, port: int) -> socket.socket:
    """A socket listening on ``host:port``, or ValueError saying in one line why not."""
    address = host.strip("[]")
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    try:
        return socket.create_server((address, port), family=family, backlog=2048)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            why = "the address is already in use (choose another --port)"
        else:
            why = exc.strerror or str(exc)
        raise ValueError(f"cannot listen on {host_port(host, port)}: {why}") from None
