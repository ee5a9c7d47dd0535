"""PromptDialog and CredentialDialog: validation, masking, return values."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Select

from lswtui.tui.dialogs import (
    ActionTarget,
    CredentialDialog,
    CredentialInput,
    PromptDialog,
    hostname_error,
    username_error,
)
from tests.tui.dialog_host import DialogHost, opened, press, screen_text, type_text

TARGET = ActionTarget("123581321", "web-01", "203.0.113.5", "prod")


def snapshot_prompt() -> DialogHost:
    return DialogHost(
        lambda: PromptDialog(
            "Create snapshot",
            TARGET,
            label="Snapshot name",
            placeholder="name",
            validator=lambda value: None if value else "Snapshot name is required.",
            submit_label="Create",
        )
    )


async def test_prompt_refuses_invalid_then_submits_stripped_value() -> None:
    app = snapshot_prompt()
    async with opened(app) as pilot:
        assert "Snapshot name" in screen_text(app)
        await press(pilot, "space", "enter")
        assert isinstance(app.screen, PromptDialog)
        assert app.screen.error_message == "Snapshot name is required."
        assert "Snapshot name is required." in screen_text(app)
        await type_text(pilot, "pre")
        assert app.screen.error_message is None  # re-checked while typing once shown
        await press(pilot, "space", "enter")
    assert app.results == ["pre"]


async def test_prompt_initial_value_and_escape() -> None:
    app = DialogHost(
        lambda: PromptDialog("Edit reference", TARGET, label="Reference", value="web-01")
    )
    async with opened(app) as pilot:
        assert app.screen.query_one(Input).value == "web-01"
        await press(pilot, "escape")
    assert app.results == [None]


async def test_prompt_reverse_dns_validator() -> None:
    app = DialogHost(
        lambda: PromptDialog("Set reverse DNS", TARGET, label="Host name", validator=hostname_error)
    )
    async with opened(app) as pilot:
        await type_text(pilot, "-a.b")
        await press(pilot, "enter")
        assert app.screen.error_message and "host name" in app.screen.error_message
        await press(pilot, "home", "delete", "enter")
    assert app.results == ["a.b"]


@pytest.mark.parametrize(
    ("username", "ok"),
    [("root", True), ("a.b-c_d@x", True), ("", False), ("has space", False), ("semi;colon", False)],
)
def test_username_rule(username: str, ok: bool) -> None:
    assert (username_error(username) is None) is ok


async def test_credential_store_validates_and_masks_password() -> None:
    app = DialogHost(lambda: CredentialDialog(TARGET, mode="store"))
    async with opened(app) as pilot:
        dialog = app.screen
        assert isinstance(dialog, CredentialDialog)
        dialog.query_one("#credential-type", Select).value = "CONTROL_PANEL"
        dialog.query_one("#credential-username", Input).focus()
        await pilot.pause()
        username = dialog.query_one("#credential-username", Input)
        password = dialog.query_one("#credential-password", Input)
        await type_text(pilot, "a b")
        await press(pilot, "tab")  # Tab moves on to the password field
        assert dialog.focused is password and dialog.error_message is None
        await press(pilot, "enter")  # Enter submits from any field: the username is refused
        assert dialog.error_message and "letters, digits and @ . - _" in dialog.error_message
        assert dialog.focused is username
        await press(pilot, "ctrl+u")
        await type_text(pilot, "a@b.c")
        await press(pilot, "enter")
        assert dialog.error_message == "Password must not be empty."
        assert dialog.focused is password

        password.insert_text_at_cursor("Hunter2-secret")
        await pilot.pause()
        assert "Hunter2-secret" not in screen_text(app)
        assert "Password (hidden" in screen_text(app)
        await press(pilot, "ctrl+r")
        assert "Hunter2-secret" in screen_text(app)
        assert "Password (shown" in screen_text(app)
        await press(pilot, "ctrl+r")
        assert "Hunter2-secret" not in screen_text(app)
        assert "Hunter2-secret" not in repr(dialog)

        await press(pilot, "enter")
        assert not app._notifications
    assert app.results == [CredentialInput("CONTROL_PANEL", "a@b.c", "Hunter2-secret")]
    assert "Hunter2-secret" not in repr(app.results[0])
    assert "Hunter2-secret" not in str(app.results[0])


async def test_credential_update_asks_only_for_the_new_password() -> None:
    app = DialogHost(
        lambda: CredentialDialog(
            TARGET, mode="update", credential_type="OPERATING_SYSTEM", username="root"
        )
    )
    async with opened(app) as pilot:
        text = screen_text(app)
        assert "Type OPERATING_SYSTEM" in text and "Username root" in text
        assert not app.screen.query("#credential-username")
        await type_text(pilot, "n3w")
        await press(pilot, "enter")
    assert app.results == [CredentialInput("OPERATING_SYSTEM", "root", "n3w")]


def test_credential_update_requires_the_record() -> None:
    with pytest.raises(ValueError):
        CredentialDialog(TARGET, mode="update")
