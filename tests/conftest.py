"""Shared fixtures: a simulator on a fake clock, a client on it, and the app on both."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest
from textual.widgets import Input

from lswtui.api import LeasewebClient
from lswtui.sim import DEMO_BASE_URL, Simulator
from lswtui.sim.clock import FakeClock

SIM_START = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path) -> Iterator[None]:
    """No real config, state dir, key or colour settings leak into a test."""
    for var in ("NO_COLOR", "LEASEWEB_API_KEY", "LEASEWEB_TOKEN", "LEASEWEB_API_URL"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LSWTUI_CONFIG", str(tmp_path / "config" / "config.toml"))
    monkeypatch.setenv("LSWTUI_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    return


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(SIM_START)


@pytest.fixture
def sim(clock: FakeClock) -> Simulator:
    return Simulator(seed=42, vps_count=25, clock=clock)


@pytest.fixture
def make_client(sim: Simulator) -> Callable[..., LeasewebClient]:
    def make(**kwargs) -> LeasewebClient:
        return LeasewebClient.create(
            sim.api_key, base_url=DEMO_BASE_URL, transport=sim.transport(), **kwargs
        )

    return make


def requests_to(sim: Simulator, method: str, path_suffix: str) -> list:
    """The simulator's log of requests with that method whose path ends with the suffix."""
    return [r for r in sim.requests if r.method == method and r.path.endswith(path_suffix)]


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> Iterator[list]:
    """The apps the CLI would have run: their ``run`` is faked, and so is the terminal."""
    import logging

    from lswtui import cli
    from lswtui.core.log_file import PrivateFileHandler
    from lswtui.tui import gc_freeze
    from lswtui.tui.app import LswApp

    apps: list[LswApp] = []
    monkeypatch.setattr(LswApp, "run", lambda self: apps.append(self))
    monkeypatch.setattr(gc_freeze, "enable", lambda: None)
    monkeypatch.setattr(cli, "_not_a_terminal", lambda: None)
    yield apps
    logger = logging.getLogger("lswtui")
    for handler in [h for h in logger.handlers if isinstance(h, PrivateFileHandler)]:
        logger.removeHandler(handler)


#: Files whose tests take minutes of wall time (a two-minute watch, the soak): collected
#: first, so that a test worker starts them while the other runs the many short files, and
#: the run does not end waiting on one of them. (``--no-loadscope-reorder`` in ``addopts``
#: keeps xdist to this order: by default it sends the files with the most tests first, and
#: these one-test files last.)
LONG_FILES = ("test_tmux_watching.py", "test_soak.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: item.path.name not in LONG_FILES)
