"""Fixtures of the hostile tests: ``hostile_api(*modes)`` starts a fake Leaseweb API that
attacks (see ``hostile_api.py``), ``lswtui_pty(api, *args)`` runs lswtui against it in a pty
(see ``tests/terminal/pty_app.py``). Both are stopped when the test ends, whatever happened."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hostile_api import HostileApi

from tests.terminal.pty_app import PtyApp


@pytest.fixture
def hostile_api() -> Iterator[Callable[..., HostileApi]]:
    started: list[HostileApi] = []

    def start(*modes: str) -> HostileApi:
        api = HostileApi(modes).start()
        started.append(api)
        return api

    yield start
    for api in started:
        api.stop()


@pytest.fixture
def lswtui_pty(tmp_path: Path) -> Iterator[Callable[..., PtyApp]]:
    running: list[PtyApp] = []

    def run(api: HostileApi, *args: str) -> PtyApp:
        home = tmp_path / f"home-{len(running)}"
        home.mkdir()
        app = PtyApp(home, "--api-url", api.base_url, *args, env={"LEASEWEB_API_KEY": api.api_key})
        running.append(app)
        return app

    yield run
    for app in running:
        app.close()
