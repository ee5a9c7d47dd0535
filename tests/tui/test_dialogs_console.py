"""ConsoleDialog: clipboard, injected opener, no browser over SSH, URL never notified."""

from __future__ import annotations

import pytest

from lswtui.tui.dialogs import ActionTarget, ConsoleDialog, browser_unavailable_reason
from tests.tui.dialog_host import DialogHost, flat_text, opened, press

TARGET = ActionTarget("123581321", "web-01", "203.0.113.5", "prod")
URL = "https://console.example/vnc_auto.html?token=s3cr3t-tok"
GUI = {"DISPLAY": ":0"}


def console(environ: dict[str, str], launched: list[str], result: bool = True) -> DialogHost:
    def opener(url: str) -> bool:
        launched.append(url)
        return result

    return DialogHost(
        lambda: ConsoleDialog(TARGET, URL, opener=opener, environ=environ, platform="linux")
    )


@pytest.mark.parametrize(
    ("environ", "platform", "why"),
    [
        ({"DISPLAY": ":0"}, "linux", None),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", None),
        ({}, "darwin", None),
        ({}, "linux", "no graphical display"),
        ({"DISPLAY": ":0", "SSH_CONNECTION": "1 2 3 4"}, "linux", "over SSH"),
        ({"SSH_TTY": "/dev/pts/0"}, "darwin", "over SSH"),
    ],
)
def test_browser_availability(environ: dict[str, str], platform: str, why: str | None) -> None:
    reason = browser_unavailable_reason(environ, platform)
    assert (reason is None) if why is None else (why in (reason or ""))


async def test_copies_on_open_and_on_c_and_opens_with_injected_opener() -> None:
    launched: list[str] = []
    copies: list[str] = []
    app = console(GUI, launched)
    real_copy = app.copy_to_clipboard
    app.copy_to_clipboard = lambda text: (copies.append(text), real_copy(text))[-1]  # type: ignore[method-assign]
    async with opened(app) as pilot:
        assert app.clipboard == URL and copies == [URL]
        assert URL in flat_text(app)
        assert "Copied to the clipboard" in flat_text(app)
        await press(pilot, "c")
        assert copies == [URL, URL]
        await press(pilot, "o")
        assert launched == [URL]
        assert "Opened in your browser." in flat_text(app)
        assert not app._notifications
        assert "s3cr3t" not in repr(app.screen)
        await press(pilot, "escape")
    assert app.results == [None]


async def test_over_ssh_never_opens_and_says_why() -> None:
    launched: list[str] = []
    app = console({"DISPLAY": ":0", "SSH_CONNECTION": "10.0.0.1 5 10.0.0.2 22"}, launched)
    async with opened(app) as pilot:
        assert "runs over SSH" in flat_text(app)
        await press(pilot, "o")
        assert launched == []
        assert "Not opened" in flat_text(app)
        assert app.clipboard == URL


async def test_opener_failure_is_reported() -> None:
    launched: list[str] = []
    app = console(GUI, launched, result=False)
    async with opened(app) as pilot:
        await press(pilot, "o")
        assert launched == [URL]
        assert "No browser could be started" in flat_text(app)
