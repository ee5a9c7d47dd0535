"""Every key hint a dialog shows is true (issue 11, item 3): each test presses what it reads.

One rule: Enter runs the dialog's own Enter binding from any field (Tab moves between fields,
an open drop-down takes Enter to pick); without one, Enter says which keys answer. Only the
button Enter presses is drawn as the default button.
"""

from __future__ import annotations

import pytest
from textual.widgets import Button, Input, Select

from lswtui.core.dialogs import GOTO_SNAPSHOTS, ReinstallChoice
from lswtui.tui.dialogs import (
    ConfirmDialog,
    ConsoleDialog,
    CredentialInput,
    DialogScreen,
    NullRouteInput,
)
from lswtui.tui.dialogs.picker import FilterList
from tests.tui.dialog_catalogue import DIALOGS, TARGET
from tests.tui.dialog_host import DialogHost, flat_text, opened, press, type_text


def hints(app: DialogHost) -> list[tuple[str, str]]:
    dialog = app.screen
    assert isinstance(dialog, DialogScreen)
    return dialog.hints()


def hint_line(app: DialogHost) -> str:
    return "  ".join(f"{keys} {text}" for keys, text in hints(app))


def default_looking_buttons(app: DialogHost) -> list[str]:
    return [str(b.label) for b in app.screen.query(Button) if b.variant != "default"]


@pytest.mark.parametrize("name", DIALOGS)
async def test_the_hints_shown_are_the_live_keys_and_only_enter_s_button_looks_default(
    name: str,
) -> None:
    app = DialogHost(DIALOGS[name])
    async with opened(app):
        dialog = app.screen
        assert isinstance(dialog, DialogScreen)
        assert " ".join(hint_line(app).split()) in flat_text(app)
        enter = dialog.enter_binding()
        expected = [
            str(b.label)
            for b in dialog.query(Button)
            if enter and b.action == f"screen.{enter.action}"
        ]
        assert default_looking_buttons(app) == expected


async def test_confirm_enter_says_which_keys_answer_and_no_button_looks_default() -> None:
    app = DialogHost(DIALOGS["confirm"])
    async with opened(app) as pilot:
        assert hints(app) == [("y", "Stop"), ("n/esc", "Cancel")]
        assert default_looking_buttons(app) == []
        await press(pilot, "enter")
        assert isinstance(app.screen, ConfirmDialog) and app.results == []
        assert "Enter does nothing here; the keys are: y Stop, n/esc Cancel." in flat_text(app)
        await press(pilot, "y")
    assert app.results == [True]


@pytest.mark.parametrize("key", ["n", "escape"])
async def test_confirm_cancel_keys(key: str) -> None:
    app = DialogHost(DIALOGS["confirm"])
    async with opened(app) as pilot:
        await press(pilot, key)
    assert app.results == [False]


async def test_null_route_enter_in_the_comment_null_routes() -> None:
    app = DialogHost(DIALOGS["null-route"])
    async with opened(app) as pilot:
        assert hints(app) == [("⏎", "Null-route"), ("tab", "Next field"), ("esc", "Cancel")]
        assert app.focused is app.screen.query_one("#null-comment", Input)
        await type_text(pilot, "dos")
        await press(pilot, "enter")
    assert app.results == [NullRouteInput("198.51.100.7", "dos", None)]


async def test_null_route_tab_moves_to_the_hours_and_esc_cancels() -> None:
    app = DialogHost(DIALOGS["null-route"])
    async with opened(app) as pilot:
        await press(pilot, "tab")
        assert app.focused is app.screen.query_one("#null-hours", Input)
        await press(pilot, "tab")
        assert app.focused is app.screen.query_one("#null-comment", Input)
        await press(pilot, "escape")
    assert app.results == [None]


async def test_store_credential_enter_on_the_type_saves_and_space_opens_the_list() -> None:
    app = DialogHost(DIALOGS["store-credential"])
    async with opened(app) as pilot:
        dialog = app.screen
        kind = dialog.query_one("#credential-type", Select)
        assert app.focused is kind
        assert hints(app) == [
            ("⏎", "Save"),
            ("space", "Open list"),
            ("^r", "Show/hide password"),
            ("tab", "Next field"),
            ("esc", "Cancel"),
        ]
        await press(pilot, "enter")  # Save: refused for the empty username, the list stays shut
        assert not kind.expanded
        assert dialog.error_message and "Username" in dialog.error_message
        assert app.focused is dialog.query_one("#credential-username", Input)
        await press(pilot, "shift+tab", "space")
        assert kind.expanded
        assert hints(app) == [("⏎", "Pick"), ("esc", "Close the list")]
        await press(pilot, "escape")  # closes the list, not the dialog
        assert not kind.expanded and app.results == []
        await press(pilot, "space", "down", "enter")  # Enter in the open list picks
        assert kind.value == "CONTROL_PANEL" and not kind.expanded and app.results == []
        await press(pilot, "tab")
        await type_text(pilot, "admin")
        await press(pilot, "tab")
        assert app.focused is dialog.query_one("#credential-password", Input)
        await type_text(pilot, "Hunter2-Hunter2")
        await press(pilot, "ctrl+r")
        assert "Hunter2-Hunter2" in flat_text(app)
        await press(pilot, "enter")
    assert app.results == [CredentialInput("CONTROL_PANEL", "admin", "Hunter2-Hunter2")]


async def test_update_credential_hints() -> None:
    app = DialogHost(DIALOGS["update-credential"])
    async with opened(app) as pilot:
        assert hints(app) == [("⏎", "Save"), ("^r", "Show/hide password"), ("esc", "Cancel")]
        await type_text(pilot, "Hunter2-Hunter2")
        await press(pilot, "enter")
    assert app.results == [CredentialInput("OPERATING_SYSTEM", "root", "Hunter2-Hunter2")]


@pytest.mark.parametrize(("name", "label"), [("type-to-confirm", "Confirm"), ("prompt", "Save")])
async def test_single_field_dialogs_enter_submits(name: str, label: str) -> None:
    app = DialogHost(DIALOGS[name])
    async with opened(app) as pilot:
        assert hints(app) == [("⏎", label), ("esc", "Cancel")]
        if name == "type-to-confirm":
            await type_text(pilot, TARGET.vps_id)
        await press(pilot, "enter")
    assert app.results == [True if name == "type-to-confirm" else "web-01"]


async def test_picker_arrows_move_tab_reaches_the_list_and_enter_chooses() -> None:
    app = DialogHost(DIALOGS["picker"])
    async with opened(app) as pilot:
        assert hints(app) == [
            ("⏎", "Choose"),
            ("↑/↓", "Move"),
            ("tab", "Next field"),
            ("esc", "Cancel"),
        ]
        picker = app.screen.query_one(FilterList)
        await press(pilot, "down")
        assert picker.selected is not None and picker.selected.id == "KNOPPIX"
        await press(pilot, "up")
        assert picker.selected is not None and picker.selected.id == "GRML"
        await press(pilot, "tab")
        assert app.focused is picker.options
        await press(pilot, "down", "enter")
    assert app.results == ["KNOPPIX"]


async def test_reinstall_hints_follow_the_step() -> None:
    app = DialogHost(DIALOGS["reinstall"])
    async with opened(app) as pilot:
        assert hints(app) == [
            ("⏎", "Choose"),
            ("↑/↓", "Move"),
            ("tab", "Next field"),
            ("esc", "Cancel"),
        ]
        await press(pilot, "down", "enter")  # AlmaLinux offers a market app: its step opens
        assert hints(app) == [
            ("⏎", "Choose"),
            ("↑/↓", "Move"),
            ("b", "Back to images"),
            ("esc", "Cancel"),
        ]
        await press(pilot, "b")
        assert app.screen.step == "image"  # type: ignore[attr-defined]
        await press(pilot, "enter", "down", "enter")
    assert app.results == [ReinstallChoice("ALMALINUX_9_64BIT", "CPANEL_30")]


async def test_reinstall_blocked_enter_says_so_and_g_goes_to_snapshots() -> None:
    app = DialogHost(DIALOGS["reinstall-blocked"])
    async with opened(app) as pilot:
        assert hints(app) == [("g", "Go to snapshots"), ("esc", "Cancel")]
        await press(pilot, "enter")
        assert app.results == [] and "Enter does nothing here" in flat_text(app)
        await press(pilot, "g")
    assert app.results == [GOTO_SNAPSHOTS]


async def test_console_keys_do_what_their_hints_say() -> None:
    opened_urls: list[str] = []
    url = "https://console.example/vnc?token=t"

    def opener(address: str) -> bool:
        opened_urls.append(address)
        return True

    app = DialogHost(
        lambda: ConsoleDialog(
            TARGET, url, opener=opener, environ={"DISPLAY": ":0"}, platform="linux"
        )
    )
    copies: list[str] = []
    app.copy_to_clipboard = copies.append  # type: ignore[method-assign]
    async with opened(app) as pilot:
        assert hints(app) == [("c", "Copy URL"), ("o", "Open in browser"), ("esc", "Close")]
        assert copies == [url]  # copied on open; c copies again
        await press(pilot, "c")
        assert copies == [url, url]
        await press(pilot, "o")
        assert opened_urls == [url] and "Opened in your browser." in flat_text(app)
        await press(pilot, "enter")
        assert app.results == [] and "Enter does nothing here" in flat_text(app)
        await press(pilot, "escape")
    assert app.results == [None]
