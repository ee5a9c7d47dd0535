"""Stored credentials and the password reset."""

from __future__ import annotations

import re

from starlette.responses import Response

from .context import Call, accepted, no_content, ok, route, whole
from .errors import bad_request, invalid_field, not_found
from .model import CREDENTIAL_TYPES, Credential, Vps
from .params import json_body
from .views import credential_ref, credential_secret

USERNAME = re.compile(r"[A-Za-z0-9@._-]+")


def _credential_type(value: str) -> str:
    if value not in CREDENTIAL_TYPES:
        choices = ", ".join(CREDENTIAL_TYPES)
        raise invalid_field("type", f"The value you selected is not a valid choice: {choices}.")
    return value


def _password(value: str) -> str:
    if not value:
        raise invalid_field("password", "This value should not be blank.")
    return value


def _find(call: Call) -> tuple[Vps, Credential]:
    vps = call.vps()
    type_ = _credential_type(call.path("type"))
    username = call.path("username")
    credential = vps.find_credential(type_, username)
    if credential is None:
        raise not_found(f"Credential {type_}/{username} not found for VPS {vps.id}")
    return vps, credential


@route("GET", "/vps/{vpsId}/credentials")
async def list_credentials(call: Call) -> Response:
    return whole("credentials", [credential_ref(c) for c in call.vps().credentials])


@route("POST", "/vps/{vpsId}/credentials")
async def store_credential(call: Call) -> Response:
    vps = call.vps()
    body = await json_body(call.request, required={"type": str, "username": str, "password": str})
    type_ = _credential_type(body["type"])
    username = body["username"]
    if not USERNAME.fullmatch(username):
        raise invalid_field("username", "The username may only contain letters, digits and @ . - _")
    password = _password(body["password"])
    if vps.find_credential(type_, username) is not None:
        raise bad_request(f"A credential {type_}/{username} is already stored for this VPS.")
    credential = Credential(type_, username, password)
    vps.credentials.append(credential)
    return ok(credential_secret(credential))


@route("DELETE", "/vps/{vpsId}/credentials")
async def delete_all_credentials(call: Call) -> Response:
    call.vps().credentials.clear()
    return no_content()


@route("GET", "/vps/{vpsId}/credentials/{type}")
async def list_credentials_by_type(call: Call) -> Response:
    vps = call.vps()
    type_ = _credential_type(call.path("type"))
    return whole("credentials", [credential_ref(c) for c in vps.credentials if c.type == type_])


@route("GET", "/vps/{vpsId}/credentials/{type}/{username}")
async def get_credential(call: Call) -> Response:
    _, credential = _find(call)
    return ok(credential_secret(credential))


@route("PUT", "/vps/{vpsId}/credentials/{type}/{username}")
async def update_credential(call: Call) -> Response:
    _, credential = _find(call)
    body = await json_body(call.request, required={"password": str})
    credential.password = _password(body["password"])
    return ok(credential_secret(credential))


@route("DELETE", "/vps/{vpsId}/credentials/{type}/{username}")
async def delete_credential(call: Call) -> Response:
    vps, credential = _find(call)
    vps.credentials.remove(credential)
    return no_content()


@route("POST", "/vps/{vpsId}/resetPassword")
async def reset_password(call: Call) -> Response:
    # Accepted even while the main IP is null-routed: the reset then silently does nothing.
    call.world.reset_password(call.vps(), call.now)
    return accepted()


routes = [
    list_credentials,
    store_credential,
    delete_all_credentials,
    list_credentials_by_type,
    get_credential,
    update_credential,
    delete_credential,
    reset_password,
]
