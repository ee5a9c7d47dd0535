"""Test support: host a dialog in a bare App and read what the user sees."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from textual.app import App
from textual.screen import Screen

from tests.tui.helpers import screen_text, until_dialog_takes_keys


class DialogHost(App[None]):
    """Pushes ``make_dialog()`` on mount and records every dismiss value in ``results``."""

    def __init__(self, make_dialog: Callable[[], Screen[Any]]) -> None:
        super().__init__()
        self._make_dialog = make_dialog
        self.results: list[Any] = []

    def on_mount(self) -> None:
        self.push_screen(self._make_dialog(), self.results.append)


_FRAME = " █▌▎▊▀▄"


def flat_text(app: App[Any]) -> str:
    """:func:`screen_text` with frame glyphs dropped and wrapped lines joined by one space."""
    lines = (line.strip(_FRAME) for line in screen_text(app).splitlines())
    return re.sub(r"\s+", " ", " ".join(line for line in lines if line))


async def type_text(pilot: Any, text: str) -> None:
    """Insert ``text`` into the focused Input in one step (one key press per character is slow)."""
    from textual.widgets import Input

    focused = pilot.app.focused
    assert isinstance(focused, Input), f"focus is on {focused!r}, not an Input"
    focused.insert_text_at_cursor(text)
    await pilot.pause()


@asynccontextmanager
async def opened(app: DialogHost, size: tuple[int, int] = (80, 24)) -> AsyncIterator[Any]:
    """Run ``app`` headless at ``size`` (80x24 by default) until its dialog is up; yield the Pilot."""
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        yield pilot


async def press(pilot: Any, *keys: str) -> None:
    """Press keys, each after the dialog's key guard is over, then let the dialog settle."""
    for key in keys:
        await until_dialog_takes_keys(pilot)
        await pilot.press(key)
    await pilot.pause()
