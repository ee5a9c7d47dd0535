"""Schemathesis (a tool we did not write) against the in-process simulator, with Leaseweb's spec.

The spec is the vendored Jan 2025 one, patched where the simulator follows the newer reference
text (``sim_contract.DEVIATIONS``). Every built-in check runs on every generated case, positive
and negative; what remains that is a known spec-vs-reference difference, not a bug, is dropped
by ``schemathesis_allowlist.ALLOWED`` (each entry says why). Anything else fails, and so does a
crash (the ASGI transport re-raises the simulator's exception).

Deterministic: derandomized generation, a fixed seed, no example database, no values learnt
from responses, and a fresh simulator on a fake clock for each operation, so a run of this file
repeats exactly. In a larger run the values (not the number of cases) differ a little, because
Hypothesis also draws constants from whatever local modules are loaded; the allowlist holds for
other seeds too (checked with seeds 1 to 12, and 150 examples).
"""

from __future__ import annotations

import json
import zlib
from collections import Counter
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig
from schemathesis_allowlist import allowing_entry
from sim_contract import patched_spec
from sim_helpers import SCHEMATHESIS_COUNTS
from starlette.types import Receive, Scope, Send

from lswtui.sim import DEMO_API_KEY, FakeClock, Simulator

#: Examples per operation and phase: bounds the run (1,759 cases, about 12 s on 2 cores).
MAX_EXAMPLES = 25


class CurrentSimulator:
    """The ASGI app Schemathesis calls: it forwards to the simulator of the running test."""

    sim: Simulator
    counts: Counter[str]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.sim.app(scope, receive, send)


def _json_ready(spec: dict[str, Any]) -> dict[str, Any]:
    # PyYAML reads the spec's example timestamps as datetimes; Schemathesis wants JSON values.
    return json.loads(json.dumps(spec, default=lambda value: value.isoformat()))


TARGET = CurrentSimulator()

schema = schemathesis.openapi.from_dict(
    _json_ready(patched_spec()),
    config=SchemathesisConfig.from_dict(
        {
            "seed": 20250108,
            "generation": {
                "mode": "all",
                "max-examples": MAX_EXAMPLES,
                "deterministic": True,
                "database": "none",
            },
            "checks": {"enabled": True},
            # No learning from responses: they carry random ids and passwords, so runs would differ.
            "phases": {
                phase: {"extra-data-sources": {"responses": False}}
                for phase in ("examples", "coverage")
            }
            | {
                "fuzzing": {
                    "extra-data-sources": {"responses": False},
                    "error-feedback": {"enabled": False},
                }
            },
            "headers": {"X-LSW-Auth": DEMO_API_KEY},
        }
    ),
)
schema.app = TARGET


@schema.hook
def map_path_parameters(context: Any, path_parameters: dict[str, Any]) -> dict[str, Any]:
    """Aim at a VPS that exists (a random id is only ever a 404): the generated id picks one
    of the world's, stably, so VPSes in every state are reached. (The coverage phase does
    not draw through this hook; its ids still get 404s.)"""
    if path_parameters and "vpsId" in path_parameters:
        ids = sorted(TARGET.sim.state.vps)
        chosen = ids[zlib.crc32(str(path_parameters["vpsId"]).encode()) % len(ids)]
        return {**path_parameters, "vpsId": chosen}
    return path_parameters


@schema.hook
def filter_failure(context: Any, failure: Any, case: Any, response: Any) -> bool:
    """Keep a failure unless the allowlist allows it; count every one by check."""
    check = type(failure).checks[0] if type(failure).checks else type(failure).__name__
    allowed = allowing_entry(
        case.operation.label, type(failure).checks, response.status_code, response.content
    )
    TARGET.counts[f"{check} {'allowlisted' if allowed else 'failed'}"] += 1
    return allowed is None


@pytest.fixture(autouse=True)
def fresh_simulator(request: pytest.FixtureRequest) -> None:
    TARGET.sim = Simulator(clock=FakeClock())
    TARGET.counts = request.config.stash.setdefault(SCHEMATHESIS_COUNTS, Counter())


@schema.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck))
def test_the_simulator_passes_every_schemathesis_check(case: Any) -> None:
    TARGET.counts["cases"] += 1
    case.call_and_validate()
