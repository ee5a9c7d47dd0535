"""ConfirmDialog, TypeToConfirmDialog, the target header and markup safety."""

from __future__ import annotations

import pytest

from lswtui.tui.dialogs import ActionTarget, ConfirmDialog, TypeToConfirmDialog
from tests.tui.dialog_host import DialogHost, opened, press, screen_text, type_text

TARGET = ActionTarget("123581321", "web-01", "203.0.113.5", "prod")


def confirm(**kwargs: object) -> DialogHost:
    options = {"warnings": ["The main IP is null-routed."], "confirm_label": "Stop"} | kwargs
    return DialogHost(
        lambda: ConfirmDialog("Stop VPS", TARGET, "The VPS will be stopped.", **options)
    )


async def test_confirm_shows_what_happens_to_which_vps() -> None:
    app = confirm()
    async with opened(app):
        text = screen_text(app)
        for expected in (
            "Stop VPS",
            "VPS 123581321",
            "Reference web-01",
            "Main IP 203.0.113.5",
            "Profile prod",
            "The VPS will be stopped.",
            "WARNING: The main IP is null-routed.",
            "y Stop",
            "n/esc Cancel",
        ):
            assert expected in text
        assert app.results == []


@pytest.mark.parametrize(("key", "expected"), [("y", True), ("n", False), ("escape", False)])
async def test_confirm_keys(key: str, expected: bool) -> None:
    app = confirm()
    async with opened(app) as pilot:
        await press(pilot, key)
        assert not isinstance(app.screen, ConfirmDialog)
    assert app.results == [expected]


async def test_confirm_keys_are_not_ambiguous_after_tab() -> None:
    """Tab cannot move focus onto a button, so y still confirms and Enter does nothing."""
    app = confirm()
    async with opened(app) as pilot:
        await press(pilot, "tab", "tab", "enter")
        assert isinstance(app.screen, ConfirmDialog)
        assert app.results == []
        await press(pilot, "y")
    assert app.results == [True]


async def test_confirm_buttons_click() -> None:
    app = confirm(warnings=[])
    async with opened(app) as pilot:
        cancel = app.screen.query("#dialog-buttons Button").last()
        await pilot.click(cancel)
        await pilot.pause()
    assert app.results == [False]


async def test_markup_in_api_text_is_shown_literally() -> None:
    target = ActionTarget("42", "[red]boom[/]", "[b]1.2.3.4", "[i]p")
    app = DialogHost(
        lambda: ConfirmDialog("Stop [x]", target, "Effect [bold]x[/bold]", warnings=["[blink]w"])
    )
    async with opened(app):
        text = screen_text(app)
        for literal in (
            "Reference [red]boom[/]",
            "[b]1.2.3.4",
            "[i]p",
            "Effect [bold]x[/bold]",
            "[blink]w",
        ):
            assert literal in text


def type_confirm() -> DialogHost:
    return DialogHost(
        lambda: TypeToConfirmDialog(
            "Reinstall VPS", TARGET, "The disk will be wiped.", confirm_label="Reinstall"
        )
    )


async def test_type_to_confirm_rejects_wrong_id_then_accepts_right_one() -> None:
    app = type_confirm()
    async with opened(app) as pilot:
        assert "Type the VPS id 123581321 to confirm" in screen_text(app)
        await type_text(pilot, "12358132")
        await press(pilot, "enter")
        dialog = app.screen
        assert isinstance(dialog, TypeToConfirmDialog)
        assert dialog.error_message and "type 123581321 exactly" in dialog.error_message
        assert "type 123581321 exactly" in screen_text(app)
        assert app.results == []
        await press(pilot, "1", "enter")
    assert app.results == [True]


async def test_type_to_confirm_strips_whitespace() -> None:
    app = type_confirm()
    async with opened(app) as pilot:
        await type_text(pilot, " 123581321 ")
        await press(pilot, "enter")
    assert app.results == [True]


async def test_type_to_confirm_y_is_just_a_character_and_escape_cancels() -> None:
    app = type_confirm()
    async with opened(app) as pilot:
        await press(pilot, "y")
        assert isinstance(app.screen, TypeToConfirmDialog)
        assert app.results == []
        await press(pilot, "enter")
        assert isinstance(app.screen, TypeToConfirmDialog)
        await press(pilot, "escape")
    assert app.results == [False]
