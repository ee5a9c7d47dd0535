"""Snapshots: list, create (one per VPS), get, restore (PUT) and delete."""

from __future__ import annotations

from starlette.responses import Response

from .context import Call, accepted, ok, paged, route
from .errors import invalid_field, not_found
from .ids import new_uuid
from .model import Snapshot, Vps
from .params import json_body
from .rules import require_ready, require_settled, require_snapshot_allowed
from .views import snapshot_view

MAX_NAME = 255


def _find(call: Call) -> tuple[Vps, Snapshot]:
    vps = call.vps()
    snapshot = vps.find_snapshot(call.path("snapshotId"))
    if snapshot is None:
        raise not_found(f"Snapshot {call.path('snapshotId')} not found for VPS {vps.id}")
    return vps, snapshot


@route("GET", "/vps/{vpsId}/snapshots")
async def list_snapshots(call: Call) -> Response:
    return paged(call, "snapshots", call.vps().snapshots, snapshot_view)


@route("POST", "/vps/{vpsId}/snapshots")
async def create_snapshot(call: Call) -> Response:
    vps = call.vps()
    # The reference text requires {"name"}; the Jan 2025 spec's body-less form is refused.
    body = await json_body(call.request, required={"name": str})
    assert body is not None
    name = body["name"].strip()
    if not name or len(name) > MAX_NAME:
        raise invalid_field("name", f"The name must have 1 to {MAX_NAME} characters.")
    require_snapshot_allowed(vps)
    call.world.create_snapshot(vps, new_uuid(), name, call.now)
    return accepted()


@route("GET", "/vps/{vpsId}/snapshots/{snapshotId}")
async def get_snapshot(call: Call) -> Response:
    _, snapshot = _find(call)
    return ok(snapshot_view(snapshot))


@route("PUT", "/vps/{vpsId}/snapshots/{snapshotId}")
async def restore_snapshot(call: Call) -> Response:
    vps, snapshot = _find(call)
    require_ready(snapshot)
    require_settled(vps, "a restore")
    call.world.restore_snapshot(vps, snapshot, call.now)
    return accepted()


@route("DELETE", "/vps/{vpsId}/snapshots/{snapshotId}")
async def delete_snapshot(call: Call) -> Response:
    vps, snapshot = _find(call)
    require_ready(snapshot)
    call.world.delete_snapshot(vps, snapshot, call.now)
    return accepted()


routes = [list_snapshots, create_snapshot, get_snapshot, restore_snapshot, delete_snapshot]
