"""The target of every dialog stays on screen at 80x24 and up, or the dialog says the terminal
is too small and submits nothing (issue 11, item 13)."""

from __future__ import annotations

import pytest

from lswtui.tui.dialogs import DialogScreen
from tests.tui.dialog_catalogue import DIALOGS, TARGET
from tests.tui.dialog_host import DialogHost, flat_text, opened, press

IDENTITY = (f"VPS {TARGET.vps_id}", f"Reference {TARGET.reference}", f"Main IP {TARGET.main_ip}")


@pytest.mark.parametrize("size", [(80, 24), (60, 14)], ids=["80x24", "minimum"])
@pytest.mark.parametrize("name", DIALOGS)
async def test_the_target_and_the_keys_are_on_screen(name: str, size: tuple[int, int]) -> None:
    app = DialogHost(DIALOGS[name])
    async with opened(app, size=size) as pilot:
        dialog = app.screen
        assert isinstance(dialog, DialogScreen)
        # Moving to the last field scrolls the body; the target and the hints stay put.
        await press(pilot, *["tab"] * len(dialog.fields()))
        text = flat_text(app)
        for identity in IDENTITY:
            assert identity in text
        for keys, _ in dialog.hints():
            assert keys in text
        assert "too small" not in text


async def test_the_reinstall_target_stays_when_its_market_app_step_opens() -> None:
    app = DialogHost(DIALOGS["reinstall"])
    async with opened(app) as pilot:
        await press(pilot, "down", "enter")
        assert "Market app" in flat_text(app)
        assert all(identity in flat_text(app) for identity in IDENTITY)


@pytest.mark.parametrize(
    ("name", "size"),
    [*((name, (20, 5)) for name in DIALOGS), ("confirm", (59, 24)), ("confirm", (80, 13))],
)
async def test_a_terminal_too_small_is_said_and_nothing_is_submitted(
    name: str, size: tuple[int, int]
) -> None:
    app = DialogHost(DIALOGS[name])
    async with opened(app, size=size) as pilot:
        width, height = size
        assert f"Terminal too small ({width}x{height})" in flat_text(app)
        await press(pilot, "y", "enter", "g")
        assert app.results == []
        await press(pilot, "escape")
    assert len(app.results) == 1 and not app.results[0]


async def test_growing_the_terminal_brings_the_dialog_back() -> None:
    app = DialogHost(DIALOGS["confirm"])
    async with opened(app, size=(40, 10)) as pilot:
        assert "too small" in flat_text(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert "too small" not in flat_text(app)
        assert all(identity in flat_text(app) for identity in IDENTITY)
        await press(pilot, "y")
    assert app.results == [True]
