"""The platform rules the UI applies before sending anything (lswtui.core.actions)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from lswtui.api.models import IpDetails, Snapshot, VpsDetails
from lswtui.core.actions import ACTIONS, ACTIONS_BY_ID
from lswtui.core.fleet import FleetRow
from lswtui.core.rules import ActionContext


def _row(state: str = "RUNNING") -> FleetRow:
    return FleetRow(
        "123581321",
        state,
        "web-01",
        "203.0.113.5",
        False,
        "eu-west-3",
        "AMS-01",
        "Leaseweb VPS 2",
        "Ubuntu",
        "UBUNTU_22_04_64BIT",
        ("203.0.113.5",),
    )


def _snapshot(state: str) -> Snapshot:
    return Snapshot(
        id="624c53c3-48e9-41d1-833f-90a9abf5fd95",
        displayName="s",
        state=state,
        created=datetime(2026, 1, 1, tzinfo=UTC),
    )


def _ip(address: str, version: int = 4, nulled: bool = False, network: str = "PUBLIC") -> IpDetails:
    return IpDetails(ip=address, version=version, nullRouted=nulled, networkType=network)


def reason(action: str, **ctx) -> str | None:
    return ACTIONS_BY_ID[action].reason(ActionContext(vps=ctx.pop("vps", _row()), **ctx))


@pytest.mark.parametrize(
    ("action", "state", "allowed"),
    [
        ("start", "STOPPED", True),
        ("start", "RUNNING", False),
        ("stop", "RUNNING", True),
        ("stop", "STOPPING", False),
        ("reboot", "RUNNING", True),
        ("reboot", "STOPPED", False),
        ("stop", "MAINTENANCE", False),
        ("console", "RUNNING", True),
        ("console", "STOPPED", False),
    ],
)
def test_power_rules(action, state, allowed):
    assert (reason(action, vps=_row(state)) is None) is allowed


def test_snapshot_rules():
    assert "already has a snapshot" in reason("create_snapshot", snapshots=[_snapshot("READY")])
    assert "needs RUNNING" in reason("create_snapshot", vps=_row("STOPPED"), snapshots=[])
    assert reason("create_snapshot", snapshots=[]) is None
    assert "refuses a reinstall" in reason("reinstall", snapshots=[_snapshot("CREATING")])
    assert reason("reinstall", snapshots=[]) is None
    for action in ("restore_snapshot", "delete_snapshot"):
        assert "no READY snapshot" in reason(action, snapshots=[_snapshot("CREATING")])
        assert "no snapshot" in reason(action, snapshots=[])
        assert reason(action, snapshots=[_snapshot("READY")]) is None


def test_iso_rules():
    attached = VpsDetails(id="1", iso={"id": "GRML", "name": "GRML"})
    bare = VpsDetails(id="1")
    assert "GRML is attached" in reason("attach_iso", details=attached)
    assert reason("attach_iso", details=bare) is None
    assert "no ISO is attached" in reason("detach_iso", details=bare)
    assert reason("detach_iso", details=attached) is None


def test_ip_rules():
    assert "IPv4 only" in reason("null_route", ip=_ip("2001:db8::1", version=6))
    assert "already null-routed" in reason("null_route", ip=_ip("192.0.2.1", nulled=True))
    assert reason("null_route", ip=_ip("192.0.2.1")) is None
    assert "no public IPv4 address" in reason(
        "null_route", ips=[_ip("2001:db8::1", 6), _ip("192.0.2.1", nulled=True)]
    )
    assert "no public IPv4 address" in reason(
        "null_route", ips=[_ip("192.0.2.1", nulled=True), _ip("10.32.0.4", network="INTERNAL")]
    )
    assert "is not null-routed" in reason("remove_null_route", ip=_ip("192.0.2.1"))
    assert "no IP of the VPS is null-routed" in reason("remove_null_route", ips=[_ip("192.0.2.1")])
    assert reason("remove_null_route", ips=[_ip("192.0.2.1", nulled=True)]) is None


def test_unknown_facts_do_not_block():
    """Rules whose facts are not loaded yet let the flow fetch them and decide."""
    for action in ACTIONS:
        if action.id not in ("start",):
            assert action.reason(ActionContext(vps=_row())) is None, action.id


def test_every_action_has_a_unique_key_and_a_family():
    keys = [a.key for a in ACTIONS if a.key]
    assert len(keys) == len(set(keys))
    assert all(a.family for a in ACTIONS)


def test_an_internal_ip_cannot_be_null_routed():
    """A null route drops traffic from the internet; an INTERNAL address is not reachable from it."""
    assert reason("null_route", ip=_ip("10.32.0.4", network="INTERNAL")) == (
        "10.32.0.4 is an INTERNAL address; only public IPv4 addresses can be null-routed"
    )
