"""The target of every dialog stays on screen at 80x24 and down to its minimum size, or the
dialog says the terminal is too small and submits nothing (issue 11, item 13)."""

from __future__ import annotations

import pytest

from lswtui.tui.dialogs import DialogScreen
from tests.tui.dialog_catalogue import DIALOGS, TARGET
from tests.tui.dialog_host import DialogHost, flat_text, opened, press

IDENTITY = (f"VPS {TARGET.vps_id}", f"Reference {TARGET.reference}", f"Main IP {TARGET.main_ip}")
MINIMUM = DialogScreen.MIN_SIZE


def target_and_keys_shown(app: DialogHost) -> None:
    dialog = app.screen
    assert isinstance(dialog, DialogScreen)
    text = flat_text(app)
    for identity in IDENTITY:
        assert identity in text
    for keys, _ in dialog.hints():
        assert keys in text
    assert "too small" not in text


@pytest.mark.parametrize("name", DIALOGS)
async def test_the_target_stays_on_screen_down_to_the_minimum_then_nothing_is_sent(
    name: str,
) -> None:
    app = DialogHost(DIALOGS[name])
    async with opened(app, size=(80, 24)) as pilot:
        dialog = app.screen
        assert isinstance(dialog, DialogScreen)
        # Moving to the last field scrolls the body; the target and the hints stay put.
        await press(pilot, *["tab"] * len(dialog.fields()))
        target_and_keys_shown(app)
        await pilot.resize_terminal(*MINIMUM)
        await pilot.pause()
        target_and_keys_shown(app)
        await pilot.resize_terminal(20, 5)
        await pilot.pause()
        assert "Terminal too small (20x5)" in flat_text(app)
        await press(pilot, "y", "enter", "g")
        assert app.results == []
        await press(pilot, "escape")
    assert len(app.results) == 1 and not app.results[0]


async def test_the_reinstall_target_stays_when_its_market_app_step_opens() -> None:
    app = DialogHost(DIALOGS["reinstall"])
    async with opened(app) as pilot:
        await press(pilot, "down", "enter")
        assert "Market app" in flat_text(app)
        assert all(identity in flat_text(app) for identity in IDENTITY)


@pytest.mark.parametrize("size", [(MINIMUM[0] - 1, 24), (80, MINIMUM[1] - 1)])
async def test_one_cell_short_of_the_minimum_is_too_small(size: tuple[int, int]) -> None:
    app = DialogHost(DIALOGS["confirm"])
    async with opened(app, size=size) as pilot:
        assert f"Terminal too small ({size[0]}x{size[1]})" in flat_text(app)
        await press(pilot, "y")
        assert app.results == []
        await pilot.resize_terminal(80, 24)  # growing it brings the dialog back
        await pilot.pause()
        target_and_keys_shown(app)
        await press(pilot, "y")
    assert app.results == [True]
