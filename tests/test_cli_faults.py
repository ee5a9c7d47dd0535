"""``lswtui sim --faults`` and ``lswtui --demo --demo-faults``: parsed, seeded, refused when wrong."""

from __future__ import annotations

import asyncio

import pytest

from lswtui import cli
from lswtui.api import ApiError
from lswtui.cli import main
from lswtui.sim import server
from lswtui.sim.faults import Faults
from lswtui.tui.app import LswApp


def test_sim_passes_the_parsed_faults_and_seed(monkeypatch):
    calls = []
    monkeypatch.setattr(server, "serve", lambda *a, **kw: calls.append(kw))
    assert main(["sim", "--faults", "5xx=0.1,readonly", "--fault-seed", "3"]) == 0
    assert calls[0]["faults"] == Faults(server_error=0.1, readonly=True, seed=3)
    assert main(["sim"]) == 0 and calls[1]["faults"] is None


@pytest.mark.parametrize(
    "argv", [["sim", "--faults", "boom=1"], ["--demo", "--demo-faults", "drop"]]
)
def test_a_bad_fault_spec_exits_2_with_the_reason(argv, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert ("unknown fault 'boom'" in err or "drop needs a value" in err) and "Traceback" not in err


def test_demo_faults_reach_the_demo_api(monkeypatch):
    outcomes = []

    def run(app: LswApp) -> None:
        async def probe() -> None:
            vps = (await app.session.client.list_vps(limit=1)).items[0]
            try:
                await app.session.client.start_vps(vps.id)
            except ApiError as error:
                outcomes.append(error.status)
            await app.session.client.aclose()

        asyncio.run(probe())

    monkeypatch.setattr(LswApp, "run", run)
    monkeypatch.setattr(
        cli, "_not_a_terminal", lambda: None
    )  # the run is faked, and so is the terminal
    assert main(["--demo", "--demo-faults", "readonly", "--demo-fault-seed", "1"]) == 0
    assert outcomes == [403]
