"""The Action log screen: opened with ``a`` or the palette, newest first, exported with ``e``."""

from __future__ import annotations

import json
import stat

from lswtui.tui.screens.action_log import ActionLogScreen
from lswtui.tui.screens.fleet import FleetScreen
from tests.tui.actions_helpers import answer, select
from tests.tui.faults_helpers import WRITES, FaultSwitch, app_on, switched_sim
from tests.tui.helpers import make_app, notifications, screen_text, settle


async def test_actions_show_newest_first_and_export_to_private_files(clock):
    switch = FaultSwitch("5xx=1", seed=1, methods=WRITES, on=False)
    sim = switched_sim(clock, switch)
    app, _ = app_on(sim)
    first, second = [
        v for v in sorted(sim.state.vps.values(), key=lambda v: int(v.id)) if v.state == "RUNNING"
    ][:2]
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await select(pilot, first.id)
        await answer(pilot, "X")
        await answer(pilot, "y")
        switch.on = True
        await select(pilot, second.id)
        await answer(pilot, "B")
        await answer(pilot, "y")
        await answer(pilot, "a")
        assert isinstance(app.screen, ActionLogScreen)
        lines = screen_text(app).splitlines()
        stop_line = next(i for i, line in enumerate(lines) if first.id in line and "stop" in line)
        reboot_line = next(
            i for i, line in enumerate(lines) if second.id in line and "reboot" in line
        )
        assert reboot_line < stop_line
        sent = [r for r in sim.requests if r.method == "POST"]
        assert sent[0].correlation_id in lines[stop_line] and "accepted" in lines[stop_line]
        assert sent[1].correlation_id in lines[reboot_line] and "failed" in lines[reboot_line]

        await answer(pilot, "e")
        reports = sorted(app.session.audit.path.parent.glob("actions-report-*"))
        assert [p.suffix for p in reports] == [".json", ".md"]
        assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in reports)
        assert any(str(reports[1]) in n and str(reports[0]) in n for n in notifications(app))
        assert [e["operation"] for e in json.loads(reports[0].read_text())] == ["reboot", "stop"]
        assert sent[1].correlation_id in reports[1].read_text()

        await answer(pilot, "escape")
        assert isinstance(app.screen, FleetScreen)


async def test_the_palette_opens_it_and_an_empty_log_says_so(sim, make_client):
    app = make_app(make_client())
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        titles = {command.title: command for command in app.get_system_commands(app.screen)}
        titles["Action log"].callback()
        await settle(pilot)
        assert isinstance(app.screen, ActionLogScreen)
        assert "No actions yet." in screen_text(app)
        await answer(pilot, "a")
        assert isinstance(app.screen, FleetScreen)
