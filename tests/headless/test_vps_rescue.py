"""``lswtui vps rescue boot|leave``: the TUI's stepped flows headless, each step confirmed by
--yes, sent once, logged as its action, in order."""

from __future__ import annotations

import pytest

from tests.headless.helpers import audit, mutations, pick, vps


@pytest.fixture
def state(tmp_path):
    return tmp_path


def running(v) -> bool:
    return v.state == "RUNNING" and v.iso is None


async def test_rescue_boot_attaches_grml_reboots_and_prints_the_console_url(sim, state):
    target = pick(sim, running)
    ran = await vps(sim, state, "rescue", "boot", target.id, "--yes")
    assert ran.code == 0, ran.err
    assert [(r.method, r.api_path) for r in mutations(sim)] == [
        ("POST", f"/vps/{target.id}/attachIso"),
        ("POST", f"/vps/{target.id}/reboot"),
    ]
    assert ran.out.strip().startswith("https://")
    assert [(e.operation, e.outcome) for e in audit(state)] == [
        ("attach_iso", "accepted"),
        ("attach_iso", "completed"),
        ("reboot", "accepted"),
        ("reboot", "completed"),
    ]
    assert sim.state.vps[target.id].iso.id == "GRML"


async def test_leave_rescue_detaches_and_reboots(sim, state):
    target = pick(sim, lambda v: v.state == "RUNNING" and v.iso is not None)
    ran = await vps(sim, state, "rescue", "leave", target.id, "--yes")
    assert ran.code == 0, ran.err
    assert [r.api_path.rsplit("/", 1)[-1] for r in mutations(sim)] == ["detachIso", "reboot"]
    assert sim.state.vps[target.id].iso is None


async def test_without_yes_off_a_terminal_nothing_is_sent(sim, state):
    target = pick(sim, running)
    ran = await vps(sim, state, "rescue", "boot", target.id, "--iso", "SYSTEMRESCUE")
    assert ran.code != 0 and mutations(sim) == []
