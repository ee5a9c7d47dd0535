"""Contract check of simulator responses against Leaseweb's spec (vps-subset.openapi.yaml).

The spec is loaded, patched where the simulator deliberately follows the newer reference text
(DEVIATIONS below, each with its reason), its $refs inlined and its allOf merged, and then
*tightened* so that a typo in the simulator cannot hide behind the spec's leniency:
every documented property of a success body is required and no undocumented property is
allowed. Bodies are validated with openapi-schema-validator's OAS30Validator, formats included.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from openapi_schema_validator import OAS30Validator, oas30_format_checker

SPEC_PATH = Path(__file__).parent / "spec" / "vps-subset.openapi.yaml"
BASE_PATH = "/publicCloud/v1"
Spec = dict[str, Any]


# ---------------------------------------------------------------------------------- deviations
# Where the simulator follows Leaseweb's current reference text (vps-api-reference.txt, which
# wins) rather than the Jan 2025 spec. Each patch edits the loaded spec, never the file.


def _schemas(spec: Spec) -> dict[str, Any]:
    return spec["components"]["schemas"]


def _json_request_body(required: str, max_length: int) -> dict[str, Any]:
    schema = {
        "type": "object",
        "required": [required],
        "properties": {required: {"type": "string", "maxLength": max_length}},
    }
    return {"required": True, "content": {"application/json": {"schema": schema}}}


def _add_put_vps(spec: Spec) -> None:
    get = spec["paths"]["/vps/{vpsId}"]["get"]
    put = copy.deepcopy(get)
    put["operationId"] = "updateVps"
    put["requestBody"] = _json_request_body("reference", 255)
    spec["paths"]["/vps/{vpsId}"]["put"] = put


def _snapshot_create_takes_name(spec: Spec) -> None:
    spec["paths"]["/vps/{vpsId}/snapshots"]["post"]["requestBody"] = _json_request_body("name", 255)


def _camel_case_traffic_keys(spec: Spec) -> None:
    for name in ("dataTrafficMetrics", "summary"):
        props = _schemas(spec)[name]["properties"]
        props["downPublic"] = props.pop("DOWN_PUBLIC")
        props["upPublic"] = props.pop("UP_PUBLIC")


def _add_enum_value(schema: str, value: str) -> Callable[[Spec], None]:
    def patch(spec: Spec) -> None:
        _schemas(spec)[schema]["enum"].append(value)

    return patch


def _iso_id_not_uuid(spec: Spec) -> None:
    del _schemas(spec)["iso"]["properties"]["id"]["format"]


def _snapshot_created_without_colon(spec: Spec) -> None:
    created = _schemas(spec)["snapshot"]["properties"]["created"]
    del created["format"]
    created["pattern"] = r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$"


def _market_app_id_nullable(spec: Spec) -> None:
    enum = _schemas(spec)["marketAppId"]["enum"]
    _schemas(spec)["vpsBase"]["properties"]["marketAppId"] = {
        "type": "string",
        "nullable": True,
        "enum": [*enum, None],
    }


def _error_user_message_and_reference(spec: Spec) -> None:
    props = _schemas(spec)["errorResult"]["properties"]
    props["userMessage"] = {"type": "string"}
    props["reference"] = {"type": "string", "format": "uri"}


@dataclass(frozen=True)
class Deviation:
    what: str
    why: str
    patch: Callable[[Spec], None] | None  # None: handled in the lookup, or request-side only


DEVIATIONS: tuple[Deviation, ...] = (
    Deviation(
        "PUT /vps/{vpsId} {reference} -> 200 vpsDetails",
        "Reference text documents the reference update; the spec lacks the operation.",
        _add_put_vps,
    ),
    Deviation(
        "traffic metric keys downPublic/upPublic (not DOWN_PUBLIC/UP_PUBLIC)",
        "Reference text example; the reference wins over the spec, so the simulator emits its form.",
        _camel_case_traffic_keys,
    ),
    Deviation(
        "regionName enum + ap-northeast-1",
        "Reference text lists 8 regions; the spec 7.",
        _add_enum_value("regionName", "ap-northeast-1"),
    ),
    Deviation(
        "datacenter enum + TYO-10",
        "Follows from ap-northeast-1 (Tokyo); no source names its datacenter code.",
        _add_enum_value("datacenter", "TYO-10"),
    ),
    Deviation(
        "iso.id is not a UUID",
        "Reference: ISO ids look like GRML / ACRONIS_BOOT_MEDIA.",
        _iso_id_not_uuid,
    ),
    Deviation(
        "snapshot.created offset +0000 (not RFC 3339)",
        "Reference example 2023-11-02T07:31:28+0000; checked by pattern instead.",
        _snapshot_created_without_colon,
    ),
    Deviation(
        "VPS marketAppId nullable",
        "Reference examples show marketAppId: null for VPSes without a market app.",
        _market_app_id_nullable,
    ),
    Deviation(
        "errorResult + userMessage, reference (on 5xx)",
        "The general error format in the reference text (and the spec's own Errors "
        "section) shows them; the spec's errorResult schema lacks them.",
        _error_user_message_and_reference,
    ),
    Deviation(
        "undocumented error statuses validated against errorResult",
        "404 on GET /vps/{vpsId}, 400 on list filters, 405, unknown routes: the real API "
        "answers them, undocumented; every error uses the one error schema.",
        None,
    ),
    Deviation(
        "POST /vps/{vpsId}/snapshots requires {name}",
        "Reference text: name is required; the spec has no request body.",
        _snapshot_create_takes_name,
    ),
    Deviation(
        "GET /vps takes ip", "Reference text; request-side only, responses are unaffected.", None
    ),
)


# ---------------------------------------------------------------------------------- schema prep


def _inline(node: Any, schemas: dict[str, Any]) -> Any:
    if isinstance(node, dict):
        if "$ref" in node:
            return _inline(schemas[node["$ref"].rsplit("/", 1)[-1]], schemas)
        return {k: _inline(v, schemas) for k, v in node.items()}
    if isinstance(node, list):
        return [_inline(v, schemas) for v in node]
    return node


def _merge_all_of(node: Any) -> Any:
    if isinstance(node, list):
        return [_merge_all_of(v) for v in node]
    if not isinstance(node, dict):
        return node
    node = {k: _merge_all_of(v) for k, v in node.items()}
    parts = node.pop("allOf", None)
    if parts:
        properties: dict[str, Any] = {}
        required: list[str] = []
        for part in [*parts, node]:
            properties.update(part.get("properties", {}))
            required += part.get("required", [])
        node = {**node, "type": "object", "properties": properties, "required": required}
    return node


def _tighten(node: Any, *, require_all: bool) -> Any:
    if isinstance(node, list):
        return [_tighten(v, require_all=require_all) for v in node]
    if not isinstance(node, dict):
        return node
    node = {k: _tighten(v, require_all=require_all) for k, v in node.items()}
    if "properties" in node:
        node["additionalProperties"] = False
        if require_all:
            node["required"] = sorted(node["properties"])
    return node


@functools.cache
def patched_spec() -> Spec:
    spec = yaml.safe_load(SPEC_PATH.read_text())
    for deviation in DEVIATIONS:
        if deviation.patch:
            deviation.patch(spec)
    return spec


@functools.cache
def _operations() -> tuple[tuple[str, re.Pattern[str], str, dict[str, Any]], ...]:
    spec = patched_spec()
    ops = []
    for path, item in spec["paths"].items():
        pattern = re.compile("^" + BASE_PATH + re.sub(r"\{[^}]+\}", "[^/]+", path) + "$")
        for method, op in item.items():
            ops.append((method.upper(), pattern, op["operationId"], op["responses"]))
    return tuple(ops)


def all_operation_ids() -> set[str]:
    return {op_id for _, _, op_id, _ in _operations()}


@functools.cache
def _validator(schema_json: str, success: bool) -> OAS30Validator:
    schemas = patched_spec()["components"]["schemas"]
    schema = _tighten(_merge_all_of(_inline(json.loads(schema_json), schemas)), require_all=success)
    if not success:
        schema["required"] = ["correlationId", "errorCode", "errorMessage"]
    OAS30Validator.check_schema(schema)
    return OAS30Validator(schema, format_checker=oas30_format_checker)


ERROR_SCHEMA = {"$ref": "#/components/schemas/errorResult"}


def find_operation(method: str, path: str) -> tuple[str | None, dict[str, Any]]:
    for op_method, pattern, op_id, responses in _operations():
        if op_method == method and pattern.match(path):
            return op_id, responses
    return None, {}


def check_response(method: str, path: str, status: int, headers: Any, content: bytes) -> str | None:
    """Validate one simulator response; return the operationId it matched (None for an error
    on an unknown route). Raises AssertionError with the reason on any mismatch."""
    correlation_id = headers.get("APIGW-CORRELATION-ID")
    assert correlation_id and re.fullmatch(r"[0-9a-f-]{36}", correlation_id), (
        f"{method} {path}: no correlation id"
    )
    op_id, responses = find_operation(method, path)
    documented = responses.get(str(status))
    if status in (202, 204):
        assert documented is not None, f"{method} {path}: {status} not documented"
        assert content == b"", f"{method} {path}: {status} must have no body, got {content[:80]!r}"
        return op_id
    body = json.loads(content)
    if status >= 400:
        schema = ERROR_SCHEMA  # documented or not: every error shares the one schema
        assert body["errorCode"] == str(status), body
        assert body["correlationId"] == correlation_id, body
        if status == 400:
            assert "errorDetails" in body, body
    else:
        assert documented is not None, f"{method} {path}: {status} not documented for {op_id}"
        schema = documented["content"]["application/json"]["schema"]
    errors = sorted(_validator(json.dumps(schema), status < 400).iter_errors(body), key=str)
    assert not errors, f"{method} {path} -> {status} ({op_id}) violates the spec:\n" + "\n".join(
        f"  at {'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}" for e in errors[:10]
    )
    return op_id


async def validate_response(response: Any) -> None:
    """httpx response hook: every response a test receives is validated."""
    await response.aread()
    request = response.request
    check_response(
        request.method, request.url.path, response.status_code, response.headers, response.content
    )
