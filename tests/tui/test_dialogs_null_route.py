"""NullRouteDialog: hours bounds, IPv6 refusal, main-IP warning."""

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


async def test_ipv6_is_refused_and_cannot_be_submitted() -> None:
    app = DialogHost(lambda: NullRouteDialog(TARGET, "2001:db8::1"))
    async with opened(app) as pilot:
        dialog = app.screen
        text = screen_text(app)
        assert "REFUSED: Null routing is IPv4 only" in text
        assert "esc Close" in text
        assert not dialog.query(Input)
        await press(pilot, "enter")
        assert app.screen is dialog and app.results == []
        dialog.action_submit()  # even a direct call cannot submit
        await pilot.pause()
        assert app.screen is dialog and app.results == []
        await press(pilot, "escape")
    assert app.results == [None]
