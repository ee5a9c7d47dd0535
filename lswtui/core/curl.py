"""Copy as curl: the exact request lswtui would send, as a shell command, never with the key.

The request is not rebuilt here: it is captured from the client's own request-building code.
A *twin* client (:func:`dry_run_client`: the same base URL and client code, no key, and a
transport that records the first request instead of sending it) runs the call; for an action,
the action's flow asks its questions as usual (titled "Copy as curl: …", so nobody mistakes
them for the real thing) and its confirmed plan is sent to the twin. The key is written as
``$LEASEWEB_API_KEY``, for the shell to fill in; a typed password as ``<password>``.
"""

from __future__ import annotations

import shlex
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import httpx

from lswtui.api import LeasewebClient
from lswtui.api.base import AUTH_HEADER
from lswtui.api.models import Image
from lswtui.core.dialogs import (
    ActionTarget,
    CredentialInput,
    CredentialMode,
    Dialogs,
    NullRouteInput,
    PickerItem,
    ReinstallChoice,
)
from lswtui.core.flows import Flow
from lswtui.core.session import Session
from lswtui.core.validators import Validator

KEY_VARIABLE = "$LEASEWEB_API_KEY"
PASSWORD_PLACEHOLDER = "<password>"
TITLE_PREFIX = "Copy as curl: "
NOTHING_SENT = "\n\nNothing is sent: the request is copied as a curl command."

Call = Callable[[LeasewebClient], Awaitable[object]]


class Captured(Exception):
    """The twin's transport stopped a request before it left: here it is."""

    def __init__(self, request: httpx.Request) -> None:
        super().__init__(f"{request.method} {request.url}")
        self.request = request


class NothingRequested(Exception):
    """The call finished without sending a request (e.g. it was answered from a cache)."""


class _CaptureTransport(httpx.AsyncBaseTransport):
    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        raise Captured(request)


def dry_run_client(client: LeasewebClient) -> LeasewebClient:
    """A twin of ``client`` that captures its first request instead of sending it."""
    return LeasewebClient.create(
        KEY_VARIABLE, base_url=client.base_url, transport=_CaptureTransport(), max_retries=0
    )


async def capture(client: LeasewebClient, call: Call) -> httpx.Request:
    """The first request ``call`` makes of a twin of ``client`` (nothing is sent)."""
    twin = dry_run_client(client)
    try:
        await call(twin)
    except Captured as captured:
        return captured.request
    finally:
        await twin.aclose()
    raise NothingRequested("the call sent no request")


def as_curl(request: httpx.Request) -> str:
    """``request`` as a curl command line, every part shell-quoted, the key as a variable."""
    words = ["curl"]
    if request.method != "GET":
        words += ["-X", request.method]
    words += [shlex.quote(str(request.url)), "-H", f'"{AUTH_HEADER}: {KEY_VARIABLE}"']
    for header in ("Accept", "Content-Type"):
        if header in request.headers:
            words += ["-H", shlex.quote(f"{header}: {request.headers[header]}")]
    if request.content:
        words += ["--data-raw", shlex.quote(request.content.decode("utf-8", "replace"))]
    return " ".join(words)


#: The first request each detail tab makes to show a VPS (``days``: the Traffic tab's range).
TAB_READS: dict[str, Callable[[Session, str, int], Awaitable[object]]] = {
    "overview": lambda session, vps_id, days: session.client.get_vps(vps_id),
    "ips": lambda session, vps_id, days: session.client.list_ips(vps_id),
    "credentials": lambda session, vps_id, days: session.client.list_credentials(vps_id),
    "snapshots": lambda session, vps_id, days: session.client.list_all_snapshots(vps_id),
    "iso": lambda session, vps_id, days: session.client.get_vps(vps_id),
    "traffic": lambda session, vps_id, days: session.traffic(vps_id, days),
}


async def tab_read(session: Session, tab: str, vps_id: str, days: int) -> httpx.Request:
    """The request the tab ``tab`` sends to show ``vps_id``, on a session twin without caches."""
    read = TAB_READS[tab]

    async def call(twin: LeasewebClient) -> object:
        shadow = Session(twin, account=session.account, audit=session.audit, clock=session.clock)
        return await read(shadow, vps_id, days)

    return await capture(session.client, call)


async def action_request(flow: Flow, *, mutating: bool) -> httpx.Request | None:
    """The request the action of ``flow`` would send, after its questions (None: cancelled).

    The flow reads what it needs as usual (those GETs are sent); a write's confirmed plan is
    sent to the twin (``Plan.send`` calls the flow's client when it runs); a read-only action
    (the console) plans against the twin, so its read is the request copied.
    """
    flow.dialogs = DryRunDialogs(flow.dialogs)
    ctx = await flow.context()
    real = flow.client
    if not mutating:
        return await capture(real, lambda twin: _plan_with(flow, twin, ctx))
    plan = await flow.plan(ctx)
    if plan is None:
        return None
    return await capture(real, lambda twin: _send_with(flow, twin, plan.send))


async def _plan_with(flow: Flow, twin: LeasewebClient, ctx: Any) -> object:
    flow.client = twin
    return await flow.plan(ctx)


async def _send_with(flow: Flow, twin: LeasewebClient, send: Callable[[], Awaitable[Any]]) -> Any:
    flow.client = twin
    return await send()


@dataclass(frozen=True)
class DryRunDialogs:
    """The front end's dialogs, each titled "Copy as curl: …" and saying nothing is sent. A
    typed confirmation becomes a plain one, and a typed password is not copied."""

    inner: Dialogs

    async def confirm(
        self, target: ActionTarget, title: str, text: str, warnings: Sequence[str] = ()
    ) -> bool:
        return await self.inner.confirm(target, TITLE_PREFIX + title, text + NOTHING_SENT, warnings)

    async def type_to_confirm(
        self, target: ActionTarget, title: str, text: str, warnings: Sequence[str] = ()
    ) -> bool:
        return await self.confirm(target, title, text, warnings)

    async def prompt(
        self,
        target: ActionTarget,
        title: str,
        *,
        label: str,
        value: str,
        description: str,
        validator: Validator,
        max_length: int = 0,
    ) -> str | None:
        return await self.inner.prompt(
            target,
            TITLE_PREFIX + title,
            label=label,
            value=value,
            description=description + NOTHING_SENT,
            validator=validator,
            max_length=max_length,
        )

    async def pick(
        self, target: ActionTarget, title: str, items: Sequence[PickerItem], empty: str
    ) -> str | None:
        return await self.inner.pick(target, TITLE_PREFIX + title, items, empty)

    async def credential(
        self,
        target: ActionTarget,
        mode: CredentialMode,
        *,
        credential_type: str | None = None,
        username: str | None = None,
    ) -> CredentialInput | None:
        entered = await self.inner.credential(
            target, mode, credential_type=credential_type, username=username
        )
        return None if entered is None else replace(entered, password=PASSWORD_PLACEHOLDER)

    async def null_route(self, target: ActionTarget, ip: str) -> NullRouteInput | None:
        return await self.inner.null_route(target, ip)

    async def reinstall(
        self, target: ActionTarget, images: Sequence[Image], *, has_snapshot: bool
    ) -> ReinstallChoice | str | None:
        return await self.inner.reinstall(target, images, has_snapshot=has_snapshot)

    async def console(self, target: ActionTarget, url: str) -> None:
        await self.inner.console(target, url)
