"""Test helpers for driving the app: build it on the simulator, wait, read what the user sees."""

from __future__ import annotations

import asyncio
import time

from textual.app import App
from textual.pilot import Pilot
from textual.screen import ModalScreen

from lswtui.api import LeasewebClient
from lswtui.core.probe import connect_to
from lswtui.tui.app import LswApp
from lswtui.tui.incident_kit import KitSettings

SIM_URL = "http://lswtui-sim/publicCloud/v1"


def make_app(client: LeasewebClient, **kwargs) -> LswApp:
    kwargs.setdefault("profile", "test")
    kwargs.setdefault("api_url", SIM_URL)
    kwargs.setdefault("auto_refresh", False)
    kwargs.setdefault("kit", KitSettings(probe_connect=connect_to(lambda ip, port: False)))
    return LswApp(client, **kwargs)


async def settle(pilot: Pilot, rounds: int = 3, timeout: float = 20.0) -> None:
    """Let workers finish and the screen repaint (workers may start further workers).

    An action worker waiting for the user's answer in a dialog counts as settled, and so does
    a reachability probe (it waits for a VPS to answer, for minutes: a test waits for it).
    """
    app = pilot.app
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    for _ in range(rounds):
        while any(w.is_running and w.group != "probes" for w in app.workers):
            if isinstance(app.screen, ModalScreen):
                break
            if loop.time() > deadline:
                raise TimeoutError(f"workers still running: {list(app.workers)}")
            await asyncio.sleep(0.005)
        await pilot.pause()


def notifications(app: App) -> list[str]:
    """Messages of the toasts shown so far (Textual keeps them in a private list)."""
    return [str(n.message) for n in app._notifications]


def screen_text(app: App) -> str:
    """The top screen as plain text lines, as a user would read it."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def until_shown(pilot: Pilot, text: str, timeout: float = 5.0) -> None:
    """Wait until ``text`` is on screen: tab reloads are debounced, so they may land after
    ``settle`` on a loaded machine. Fails after ``timeout`` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while text not in screen_text(pilot.app):
        assert loop.time() < deadline, f"{text!r} never showed"
        await asyncio.sleep(0.01)


async def until_dialog_takes_keys(pilot: Pilot) -> None:
    """Wait until the open dialog's key guard is over: keys read sooner are dropped, by design.

    The one way tests wait for a dialog to take keys; the guard itself stays on.
    """
    from lswtui.tui.dialogs import DialogScreen

    screen = pilot.app.screen
    if isinstance(screen, DialogScreen) and screen.keys_from is not None:
        await asyncio.sleep(max(0.0, screen.keys_from - time.monotonic()))
