"""The summary line's numbers: per state, in transition, null-routed IPs, and what moved."""

from __future__ import annotations

from lswtui.core.fleet import FleetRow
from lswtui.core.fleet_summary import FleetSummary


def row(vps_id: str, state: str, null_routed: tuple[str, ...] = ()) -> FleetRow:
    return FleetRow(vps_id, state, "", "", False, "", "", "", "", "", (), null_routed)


def test_counts_per_state_in_transition_and_null_routed_with_what_moved():
    summary = FleetSummary()
    first = summary.update([row("1", "RUNNING"), row("2", "RUNNING"), row("3", "STOPPING")])
    assert [(c.key, c.value, c.delta) for c in first] == [
        ("RUNNING", 2, 0),
        ("STOPPED", 0, 0),
        ("STOPPING", 1, 0),
        ("moving", 1, 0),
        ("null-routed", 0, 0),
    ]
    second = summary.update(
        [
            row("1", "RUNNING", ("10.0.0.1", "10.0.0.2")),
            row("2", "MAINTENANCE"),
            row("3", "STOPPED"),
        ]
    )
    assert [(c.key, c.value, c.delta) for c in second] == [
        ("RUNNING", 1, -1),
        ("STOPPED", 1, 1),
        ("MAINTENANCE", 1, 1),
        ("STOPPING", 0, -1),  # emptied: shown once with its drop
        ("moving", 1, 0),
        ("null-routed", 2, 2),
    ]
    third = summary.update([row("1", "RUNNING"), row("2", "MAINTENANCE"), row("3", "STOPPED")])
    assert "STOPPING" not in [c.key for c in third]
