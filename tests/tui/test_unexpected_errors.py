"""An unexpected exception in a refresh or a tab's loader is reported (a toast naming its type,
never its message; the traceback in the log), the data stays on screen marked stale, and the
next refresh still runs."""

from __future__ import annotations

import asyncio
import logging

import pytest

from lswtui.tui.widgets.fleet_table import FleetTable
from tests.tui.faults_helpers import app_on
from tests.tui.helpers import notifications, screen_text, settle

SECRET_TEXT = "hunter2-in-the-message"


class FailOnce:
    """Wraps a client method: its ``nth`` call raises ``error``, every other call works."""

    def __init__(self, method, error: BaseException, nth: int = 1) -> None:
        self.method, self.error, self.nth, self.calls = method, error, nth, 0

    async def __call__(self, *args, **kwargs):
        self.calls += 1
        if self.calls == self.nth:
            raise self.error
        return await self.method(*args, **kwargs)


async def wait_for(pilot, condition, timeout: float = 10.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, "timed out"
        await pilot.pause(0.02)


@pytest.mark.parametrize(
    "error",
    [RuntimeError(SECRET_TEXT), MemoryError(SECRET_TEXT)],
    ids=["RuntimeError", "MemoryError"],
)
async def test_unexpected_refresh_error_is_reported_and_refresh_goes_on(sim, caplog, error):
    caplog.set_level(logging.ERROR)
    app, _ = app_on(sim, auto_refresh=True, refresh_interval=0.3)
    client = app.session.client
    client.list_all_vps = failing = FailOnce(client.list_all_vps, error, nth=2)
    name = type(error).__name__
    async with app.run_test(size=(140, 40)) as pilot:
        table = app.query_one(FleetTable)
        toast = f"Refresh failed: unexpected {name} — see the log"
        await wait_for(pilot, lambda: toast in notifications(app))
        assert table.total_count == 25  # the last known data stays, marked stale
        assert table.stale
        assert f"unexpected {name}" in screen_text(app)
        await wait_for(pilot, lambda: failing.calls >= 3 and not table.stale)
        assert table.total_count == 25
        assert "Refresh failed" not in screen_text(app)
        shown = "\n".join([*notifications(app), screen_text(app), caplog.text])
    assert SECRET_TEXT not in shown
    logged = [r for r in caplog.records if name in r.getMessage()]
    assert logged and "test_unexpected_errors.py" in logged[0].getMessage()  # the traceback


async def test_unexpected_error_in_a_tab_loader_is_reported_and_the_next_load_works(sim):
    app, _ = app_on(sim)
    app.session.client.get_vps = FailOnce(app.session.client.get_vps, RuntimeError(SECRET_TEXT))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        assert "Loading the tab failed: unexpected RuntimeError — see the log" in notifications(app)
        await pilot.press("r")
        await settle(pilot)
        assert "unexpected RuntimeError" not in screen_text(app)
        assert "Machine" in screen_text(app)  # the Overview shows the VPS
        assert SECRET_TEXT not in "\n".join([*notifications(app), screen_text(app)])


def test_the_log_goes_to_a_private_file_not_the_terminal(tmp_path, capsys):
    from lswtui.core.log_file import log_to_file

    path = log_to_file(tmp_path / "state")
    log_to_file(tmp_path / "state")  # a second call adds no second handler
    logging.getLogger("lswtui.tui.unexpected").error("Refresh failed: unexpected RuntimeError")
    try:
        assert path.read_text().count("unexpected RuntimeError") == 1
        assert path.stat().st_mode & 0o777 == 0o600
        assert capsys.readouterr().err == ""
    finally:
        logger = logging.getLogger("lswtui")
        for handler in list(logger.handlers):
            logger.removeHandler(handler)


async def test_unexpected_error_in_the_sparkline_loader_is_reported(sim):
    app, _ = app_on(sim)
    app.session.traffic = FailOnce(app.session.traffic, RuntimeError(SECRET_TEXT))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        assert (
            "Loading the traffic sparkline failed: unexpected RuntimeError — see the log"
            in notifications(app)
        )
        assert "Machine" in screen_text(app)


async def test_unexpected_error_after_the_list_arrived_is_reported_too(sim):
    app, _ = app_on(sim)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        runner = app.screen.actions
        runner.poll_pending = FailOnce(runner.poll_pending, RuntimeError(SECRET_TEXT))
        await pilot.press("r")
        await settle(pilot)
        assert "Refresh failed: unexpected RuntimeError — see the log" in notifications(app)
        await pilot.press("r")
        await settle(pilot)
        assert "Refresh failed" not in screen_text(app)
