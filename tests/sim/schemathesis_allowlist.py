"""Known differences between the simulator and the (patched) spec that Schemathesis reports.

Where the reference text and the spec disagree the reference text wins, and the difference is
a patch of the spec in ``sim_contract.DEVIATIONS`` when a schema can express it. What no schema
can express (a status the spec does not document, a rule about the VPS's present state, an id
the world does not know) is listed here: the operations, the Schemathesis check, the status,
for a 400 the fields its ``errorDetails`` may name (empty: a platform rule, ``errorDetails``
``{}``), and why. A failure that matches no entry fails the test.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from sim_contract import DEVIATIONS

LISTS = (
    "GET /vps",
    "GET /regions",
    "GET /isos",
    "GET /images",
    "GET /vps/{vpsId}/snapshots",
    "GET /vps/{vpsId}/reinstall/images",
)
STATE_RULED = (
    "POST /vps/{vpsId}/start",
    "POST /vps/{vpsId}/stop",
    "POST /vps/{vpsId}/reboot",
    "GET /vps/{vpsId}/console",
    "POST /vps/{vpsId}/credentials",
    "POST /vps/{vpsId}/attachIso",
    "POST /vps/{vpsId}/detachIso",
    "PUT /vps/{vpsId}/reinstall",
    "POST /vps/{vpsId}/snapshots",
    "PUT /vps/{vpsId}/snapshots/{snapshotId}",
    "DELETE /vps/{vpsId}/snapshots/{snapshotId}",
    "POST /vps/{vpsId}/ips/{ip}/null",
    "POST /vps/{vpsId}/ips/{ip}/unnull",
)


@dataclass(frozen=True)
class Allowed:
    operations: tuple[str, ...]  # Schemathesis labels, e.g. "GET /vps/{vpsId}"
    check: str
    status: int
    why: str
    fields: frozenset[str] | None = None  # a 400's errorDetails names some of these, and only
    # these (empty: names none, a platform rule); None: any
    deviation: str | None = None  # the sim_contract.DEVIATIONS entry this follows from

    def matches(self, operation: str, checks: Iterable[str], status: int, fields: set[str]) -> bool:
        return (
            operation in self.operations
            and self.check in checks
            and status == self.status
            and (
                self.fields is None or (fields <= self.fields and bool(fields) == bool(self.fields))
            )
        )


UNDOCUMENTED_ERRORS = "undocumented error statuses validated against errorResult"

ALLOWED: tuple[Allowed, ...] = (
    Allowed(
        ("GET /vps/{vpsId}", "PUT /vps/{vpsId}"),
        "status_code_conformance",
        404,
        "An unknown VPS is a 404, as on the real API; the spec documents no 404 for these two.",
        deviation=UNDOCUMENTED_ERRORS,
    ),
    Allowed(
        (*LISTS, "GET /vps/{vpsId}/ips", "DELETE /vps/{vpsId}/credentials/{type}/{username}"),
        "status_code_conformance",
        400,
        "A malformed filter, page window or credential type is a 400 naming the field "
        "(as on the real API); the spec documents no 400 for these operations.",
        deviation=UNDOCUMENTED_ERRORS,
    ),
    Allowed(
        LISTS,
        "positive_data_acceptance",
        400,
        "Assumed: a negative limit or offset is refused (a page cannot start before the "
        "first item); the spec types both as bare integers.",
        fields=frozenset({"limit", "offset"}),
    ),
    Allowed(
        STATE_RULED,
        "positive_data_acceptance",
        400,
        "A platform rule refuses the request in the VPS's present state (the reference: "
        "'The VPS must be running before the execution'; the others are in README's "
        "Simulator rules); a schema cannot express state.",
        fields=frozenset(),
    ),
    Allowed(
        ("GET /images",),
        "positive_data_acceptance",
        400,
        "Assumed: region is checked against the simulator's fixed list of regions; the "
        "spec types it as any string.",
        fields=frozenset({"region"}),
    ),
    Allowed(
        ("POST /vps/{vpsId}/attachIso", "PUT /vps/{vpsId}/reinstall"),
        "positive_data_acceptance",
        400,
        "An ISO, image or market app the world does not offer (the spec types the ids as "
        "any string); the reference says to pick them from GET /isos and "
        "GET /vps/{vpsId}/reinstall/images.",
        fields=frozenset({"isoId", "imageId", "marketAppId"}),
    ),
    Allowed(
        ("POST /vps/{vpsId}/credentials", "PUT /vps/{vpsId}/credentials/{type}/{username}"),
        "positive_data_acceptance",
        400,
        "Assumed: a blank password, or a username outside letters, digits and @ . - _, is "
        "refused; the spec types both as any string.",
        fields=frozenset({"username", "password"}),
    ),
    Allowed(
        ("GET /vps/{vpsId}/metrics/datatraffic",),
        "positive_data_acceptance",
        400,
        "The reference: 'to' must be greater than the date provided in 'from'; the spec "
        "types both as any date.",
        fields=frozenset({"to"}),
    ),
    Allowed(
        ("POST /vps/{vpsId}/snapshots",),
        "positive_data_acceptance",
        400,
        "Assumed: the name is trimmed and must keep 1 to 255 characters.",
        fields=frozenset({"name"}),
    ),
)

_DEVIATIONS = {d.what for d in DEVIATIONS}
assert all(a.deviation in _DEVIATIONS for a in ALLOWED if a.deviation), "unknown deviation"


def _error_fields(content: bytes) -> set[str]:
    try:
        details = json.loads(content).get("errorDetails")
    except (ValueError, AttributeError):
        return set()
    return set(details) if isinstance(details, dict) else set()


def allowing_entry(
    operation: str, checks: Iterable[str], status: int, content: bytes
) -> Allowed | None:
    """The entry that allows this failure, if one does."""
    fields = _error_fields(content)
    checks = tuple(checks)
    return next((a for a in ALLOWED if a.matches(operation, checks, status, fields)), None)
