"""The incident kit in the app: ssh (a fake ssh command records its argv and environment),
the probe against the demo's reachability, rescue boot, and copy as curl."""

from __future__ import annotations

import asyncio
import contextlib
import json
import shlex
import sys

from lswtui.core.probe import ProbeLimits, connect_to
from lswtui.tui.dialogs import ConfirmDialog, ConsoleDialog, PickerDialog
from lswtui.tui.dialogs.curl import CurlDialog
from lswtui.tui.incident_kit import KitSettings
from tests.conftest import requests_to
from tests.tui.actions_helpers import (
    answer,
    label,
    mutations,
    palette_run,
    pick,
    refresh_after,
    select,
)
from tests.tui.helpers import (
    make_app,
    notifications,
    screen_text,
    settle,
    until_dialog_takes_keys,
)

FAKE_SSH = """\
import json, os, sys
with open(sys.argv[1], "w") as out:
    json.dump({"argv": sys.argv[2:], "env": dict(os.environ)}, out)
"""


async def press(pilot, key: str) -> None:
    """A key for the open dialog, after its guard, without waiting for the workers: the
    rescue's worker goes on (it waits for the step to take effect)."""
    await until(lambda: getattr(pilot.app.screen, "keys_from", None) is not None, "a dialog")
    await until_dialog_takes_keys(pilot)
    await pilot.press(key)
    await pilot.pause()


async def until(predicate, what: str, timeout: float = 10.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        assert loop.time() < deadline, f"never: {what}"
        await asyncio.sleep(0.01)


def running(v) -> bool:
    return v.state == "RUNNING" and v.iso is None and v.main_ip is not None


# -- ssh --------------------------------------------------------------------------------------


async def test_s_runs_the_ssh_command_with_the_ip_and_without_the_key(
    sim, make_client, tmp_path, monkeypatch
):
    script, record = tmp_path / "fake_ssh.py", tmp_path / "ssh.json"
    script.write_text(FAKE_SSH)
    monkeypatch.setenv("LEASEWEB_API_KEY", "lsw-secret-key")
    monkeypatch.setenv("LEASEWEB_TOKEN", "lsw-secret-token")
    monkeypatch.setenv("SOMETHING_ELSE", "kept")
    command = shlex.join([sys.executable, str(script), str(record)]) + " root@{ip} {id}"
    app = make_app(make_client(), kit=KitSettings(ssh_command=command))
    handed_over: list[bool] = []

    @contextlib.contextmanager
    def suspend():  # the headless test driver cannot suspend; a terminal's would
        handed_over.append(True)
        yield

    monkeypatch.setattr(app, "suspend", suspend)
    vps = pick(sim, running)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await select(pilot, vps.id)
        await answer(pilot, "s")
        assert handed_over == [True]
        seen = json.loads(record.read_text())
        assert seen["argv"] == [f"root@{vps.main_ip.ip}", vps.id]
        assert "LEASEWEB_API_KEY" not in seen["env"] and "LEASEWEB_TOKEN" not in seen["env"]
        assert (
            "lsw-secret" not in json.dumps(seen["env"]) and seen["env"]["SOMETHING_ELSE"] == "kept"
        )
        assert mutations(sim) == []


async def test_ssh_without_a_terminal_to_hand_over_says_so_and_runs_nothing(
    sim, make_client, tmp_path
):
    record = tmp_path / "ran"
    command = shlex.join(["touch", str(record)])
    app = make_app(make_client(), kit=KitSettings(ssh_command=command))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await select(pilot, pick(sim, running).id)
        await answer(pilot, "s")
        assert not record.exists()
        assert any("cannot be handed over" in n for n in notifications(app))


async def test_ssh_waits_for_a_write_in_flight_to_be_answered(sim, make_client, tmp_path):
    record = tmp_path / "ran"
    app = make_app(make_client(), kit=KitSettings(ssh_command=shlex.join(["touch", str(record)])))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await select(pilot, pick(sim, running).id)
        app.screen.actions.in_flight["Stop VPS 1"] = None  # sent, not answered yet
        await answer(pilot, "s")
        assert not record.exists()
        assert "Wait for the answer to Stop VPS 1: ssh takes the terminal meanwhile." in (
            notifications(app)
        )


async def test_ssh_to_a_missing_placeholder_value_says_why(sim, make_client):
    app = make_app(make_client(), kit=KitSettings(ssh_command="ssh {reference}"))
    vps = pick(sim, lambda v: running(v) and not v.reference)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await select(pilot, vps.id)
        await answer(pilot, "s")
        assert any(f"VPS {vps.id} has no reference" in n for n in notifications(app))


# -- probe ------------------------------------------------------------------------------------


def probe_app(sim, clock, make_client):
    """The app on the simulator's clock, its probe on the simulated world's reachability."""
    kit = KitSettings(
        probe_connect=connect_to(sim.reachable),
        probe_limits=ProbeLimits(interval=0.01, max_attempts=100_000, give_up_after=300),
    )
    return make_app(
        make_client(), kit=kit, clock=lambda: clock.now().timestamp(), wall_clock=clock.now
    )


async def test_a_reboot_is_followed_by_a_probe_that_says_when_ssh_came_back(
    sim, clock, make_client
):
    app = probe_app(sim, clock, make_client)
    vps = pick(sim, running)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await select(pilot, vps.id)
        await answer(pilot, "B", "y")
        await refresh_after(pilot, clock, sim.timings.reboot_down + 1)  # STARTING
        await refresh_after(pilot, clock, sim.timings.start)  # RUNNING: the reboot completed
        await until(lambda: vps.id in app.probers["test"].probing, "the probe started")
        assert not sim.reachable(vps.main_ip.ip, 22)  # still booting
        clock.advance(60)  # sshd is up after its boot time (15-45 s)
        await until(lambda: vps.id not in app.probers["test"].probing, "the probe ended")
        await settle(pilot)
        told = f"VPS {label(vps)} ({vps.main_ip.ip}): SSH up 1m after RUNNING."
        assert told in notifications(app)
        assert app.probers["test"].latest[vps.id] == "SSH up 1m after RUNNING"
        probes = [(e.vps_id, e.text) for e in app.timeline.newest_first() if e.kind == "probe"]
        assert probes == [(vps.id, "SSH up 1m after RUNNING")]  # in the timeline too
        [row] = [line for line in screen_text(app).splitlines() if "Reachable" in line]
        assert " ".join(row.split("▏")[-1].split()) == "Reachable SSH up 1m after RUNNING"


async def test_probe_vps_on_demand_and_never_to_a_null_routed_ip(sim, clock, make_client):
    up = pick(sim, lambda v: running(v) and not v.main_ip.null_routed)
    nulled = pick(sim, lambda v: v.main_ip is not None and v.main_ip.null_routed)
    asked: list[str] = []
    reachable = sim.reachable
    sim.reachable = lambda ip, port: asked.append(ip) is None and reachable(ip, port)
    app = probe_app(sim, clock, make_client)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await select(pilot, nulled.id)
        await palette_run(pilot, "Probe VPS")
        assert any(
            f"the main IP {nulled.main_ip.ip} is null-routed" in n for n in notifications(app)
        )
        await select(pilot, up.id)
        await palette_run(pilot, "Probe VPS")
        await until(lambda: up.id not in app.probers["test"].probing, "the probe ended")
        await settle(pilot)
        assert any(
            n.startswith(f"VPS {label(up)} ({up.main_ip.ip}): SSH up ") for n in notifications(app)
        )
    assert nulled.main_ip.ip not in asked and up.main_ip.ip in asked


# -- rescue boot ------------------------------------------------------------------------------


async def test_rescue_boot_sends_attach_then_reboot_once_each_and_opens_the_console(
    sim, clock, make_client
):
    app = make_app(make_client())
    vps = pick(sim, running)

    def reads() -> int:
        return len(requests_to(sim, "GET", f"/vps/{vps.id}"))

    async def after_a_read(seconds: float) -> None:
        """Let simulated time pass, then wait until the runner has looked at the VPS."""
        clock.advance(seconds)
        seen = reads()
        await until(lambda: reads() > seen, "the runner read the VPS")

    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        app.screen.actions.step_poll_interval = 0.01
        await select(pilot, vps.id)
        await palette_run(pilot, "Rescue boot")
        assert isinstance(app.screen, PickerDialog)
        await answer(pilot, "enter")  # GRML, the first and default
        assert isinstance(app.screen, ConfirmDialog)
        await press(pilot, "y")
        await until(lambda: mutations(sim), "the attach sent")
        assert [r.api_path for r in mutations(sim)] == [f"/vps/{vps.id}/attachIso"]
        await after_a_read(sim.timings.iso + 1)
        await until(lambda: isinstance(app.screen, ConfirmDialog), "step 2 asked")
        assert sim.state.vps[vps.id].iso.id == "GRML"
        await press(pilot, "y")
        await until(lambda: len(mutations(sim)) == 2, "the reboot sent")
        await after_a_read(sim.timings.reboot_down + 1)  # STARTING seen
        await after_a_read(sim.timings.start)  # RUNNING again
        await until(lambda: isinstance(app.screen, ConsoleDialog), "the console shown")
        await answer(pilot, "escape")
        assert [(r.method, r.api_path) for r in mutations(sim)] == [
            ("POST", f"/vps/{vps.id}/attachIso"),
            ("POST", f"/vps/{vps.id}/reboot"),
        ]
        outcomes = [(e.operation, e.outcome) for e in app.session.audit.read()]
        assert outcomes == [
            ("attach_iso", "accepted"),
            ("attach_iso", "completed"),
            ("reboot", "accepted"),
            ("reboot", "completed"),
        ]


# -- copy as curl -----------------------------------------------------------------------------


async def test_copy_as_curl_of_an_action_sends_nothing_and_never_holds_the_key(sim, make_client):
    app = make_app(make_client())
    vps = pick(sim, running)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await select(pilot, vps.id)
        await palette_run(pilot, "Copy as curl")
        assert isinstance(app.screen, PickerDialog)
        for key in "Stop VPS":
            await pilot.press(key if key != " " else "space")
        await answer(pilot, "enter")
        assert isinstance(app.screen, ConfirmDialog)
        await answer(pilot, "y")
        await until(lambda: isinstance(app.screen, CurlDialog), "the curl shown")
        text = app.screen.command
        assert app.clipboard == text
        assert text.startswith(
            f"curl -X POST http://lswtui-sim/publicCloud/v1/vps/{vps.id}/stop -H "
            '"X-LSW-Auth: $LEASEWEB_API_KEY"'
        )
        assert sim.api_key not in text
        await answer(pilot, "escape")
        assert mutations(sim) == []


async def test_copy_as_curl_of_the_open_tab_is_its_get(sim, make_client):
    app = make_app(make_client())
    vps = pick(sim, running)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await select(pilot, vps.id, tab="ips")
        await palette_run(pilot, "Copy as curl")
        await answer(pilot, "enter")  # the first item: the open tab's read
        await until(lambda: isinstance(app.screen, CurlDialog), "the curl shown")
        assert app.clipboard.startswith(
            f"curl http://lswtui-sim/publicCloud/v1/vps/{vps.id}/ips -H "
        )
        assert sim.api_key not in app.clipboard


# -- wiring -----------------------------------------------------------------------------------


async def test_the_demo_probes_the_simulated_world_and_a_real_account_the_network(
    started, monkeypatch, tmp_path
):
    from lswtui import cli
    from lswtui.core.probe import tcp_connect

    config = tmp_path / "config.toml"
    config.write_text('ssh_command = "mosh {ip}"\nprobe_ports = [22, 443]\n')
    assert cli.main(["--demo", "--activity", "off", "--config", str(config)]) == 0
    [demo] = started
    assert len(demo.sessions) == 2  # each demo account probes its own world
    for session in demo.sessions:
        settings = demo.kits[session.account]
        assert (settings.ssh_command, settings.probe_ports) == ("mosh {ip}", (22, 443))
        fleet = await session.client.list_all_vps()
        nulled = [v.main_ip.ip for v in fleet if v.main_ip and v.main_ip.null_routed]
        up = [v.main_ip.ip for v in fleet if v.state == "RUNNING" and v.main_ip]
        assert nulled and not any([await settings.probe_connect(ip, 22, 1.0) for ip in nulled])
        assert any([await settings.probe_connect(ip, 22, 1.0) for ip in up])
    monkeypatch.setenv("LEASEWEB_API_KEY", "k")
    assert cli.main(["--config", str(config)]) == 0
    assert started[1].kits["default"].probe_connect is tcp_connect
