"""NullRouteDialog: hours bounds and the main-IP warning (IPv6 is refused by the action's rule
before the dialog opens: tests/test_action_rules.py, tui/test_actions_ips.py)."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from lswtui.tui.dialogs import ActionTarget, NullRouteDialog, NullRouteInput, parse_unnull_hours
from tests.tui.dialog_host import DialogHost, flat_text, opened, press, screen_text

TARGET = ActionTarget("123581321", "web-01", "203.0.113.5", "prod")


@pytest.mark.parametrize(
    ("text", "hours"), [("", None), ("  ", None), ("1", 1), ("17520", 17520), (" 24 ", 24)]
)
def test_hours_accepted(text: str, hours: int | None) -> None:
    assert parse_unnull_hours(text) == hours


@pytest.mark.parametrize("text", ["0", "17521", "abc", "-1", "1.5", "+3", "1e3", "٣"])
def test_hours_refused(text: str) -> None:
    with pytest.raises(ValueError, match="1 to 17520"):
        parse_unnull_hours(text)


async def test_hours_bounds_in_the_dialog() -> None:
    app = DialogHost(lambda: NullRouteDialog(TARGET, "198.51.100.7"))
    async with opened(app) as pilot:
        dialog = app.screen
        assert isinstance(dialog, NullRouteDialog)
        text = screen_text(app)
        assert "198.51.100.7" in text and "MAIN IP" not in text
        hours = dialog.query_one("#null-hours", Input)
        hours.focus()
        for bad in ("0", "17521", "abc"):
            hours.value = bad
            await press(pilot, "enter")
            assert dialog.error_message and "1 to 17520" in dialog.error_message, bad
            assert "1 to 17520" in screen_text(app)
            assert app.results == []
        hours.value = "17520"
        await pilot.pause()
        assert dialog.error_message is None  # editing clears the error
        await press(pilot, "enter")
    assert app.results == [NullRouteInput("198.51.100.7", None, 17520)]


async def test_comment_and_lower_bound() -> None:
    app = DialogHost(lambda: NullRouteDialog(TARGET, "198.51.100.7"))
    async with opened(app) as pilot:
        await press(pilot, "d", "o", "s", "tab")  # Tab moves on to the hours
        assert app.results == []
        assert app.focused is app.screen.query_one("#null-hours", Input)
        await press(pilot, "1", "enter")
    assert app.results == [NullRouteInput("198.51.100.7", "dos", 1)]


async def test_empty_hours_means_no_automatic_removal() -> None:
    app = DialogHost(lambda: NullRouteDialog(TARGET, "198.51.100.7"))
    async with opened(app) as pilot:
        await press(pilot, "enter", "enter")
    assert app.results == [NullRouteInput("198.51.100.7", None, None)]


async def test_main_ip_warns_the_vps_goes_dark() -> None:
    app = DialogHost(lambda: NullRouteDialog(TARGET, "203.0.113.5"))
    async with opened(app) as pilot:
        assert "DANGER: 203.0.113.5 is the MAIN IP of VPS 123581321" in screen_text(app)
        assert "The VPS will go dark" in flat_text(app)
        await press(pilot, "escape")
    assert app.results == [None]
