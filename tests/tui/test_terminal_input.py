"""Terminal input: a reply the app did not ask for never becomes key presses (issue 10)."""

from __future__ import annotations

import base64
import time

import pytest
from textual import events
from textual.drivers.headless_driver import HeadlessDriver

from lswtui.tui.driver import HardenedDriver, HardenedParser
from tests.tui.helpers import make_app

OSC52_REPLY = (
    "\x1b]52;c;" + base64.b64encode(b"Xyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy").decode() + "\x07"
)
REPLIES = {
    "OSC 52 clipboard reply (BEL)": OSC52_REPLY,
    "OSC 52 clipboard reply (ST)": OSC52_REPLY[:-1] + "\x1b\\",
    "OSC 11 colour reply": "\x1b]11;rgb:0000/0000/0000\x1b\\",
    "XTVERSION (DCS)": "\x1bP>|tmux 3.3a\x1b\\",
    "DA1": "\x1b[?1;2c",
    "DA2": "\x1b[>0;10;1c",
    "DECRQSS (DCS)": "\x1bP1$r0m\x1b\\",
    "APC": "\x1b_Gi=1;OK\x1b\\",
    "8-bit CSI DA1": "\x9b?1;2c",
    "8-bit OSC": "\x9d52;c;WA==\x9c",
}


def parse(data: str, *, chunk: int | None = None) -> list:
    """Everything the parser makes of ``data`` (fed whole or in chunks), pauses included."""
    parser = HardenedParser()
    chunks = [data] if chunk is None else [data[i : i + chunk] for i in range(0, len(data), chunk)]
    out = []
    for part in chunks:
        out += parser.feed(part)
    time.sleep(0.12)  # past ESCDELAY: a pending ESC is the escape key
    out += parser.tick()
    return out


def keys(messages: list) -> list[str]:
    return [m.key for m in messages if isinstance(m, events.Key)]


@pytest.mark.parametrize("reply", REPLIES.values(), ids=REPLIES.keys())
@pytest.mark.parametrize("chunk", [None, 7], ids=["one read", "split reads"])
def test_an_unrecognised_terminal_reply_gives_no_key_press(reply, chunk):
    assert parse(reply, chunk=chunk) == []


def test_keys_typed_around_a_reply_still_arrive():
    assert keys(parse("j" + REPLIES["DA1"] + "k" + OSC52_REPLY + "q")) == ["j", "k", "q"]


def test_normal_keys_escape_alt_arrows_mouse_focus_and_paste_still_arrive():
    assert keys(parse("Xy")) == ["X", "y"]
    assert keys(parse("\x1b")) == ["escape"]
    assert keys(parse("\x1bj")) == ["alt+j"]
    assert keys(parse("\x1b[A\x1b[B\x1bOP\x1b[15~\r")) == ["up", "down", "f1", "f5", "enter"]
    (down,) = parse("\x1b[<0;10;5M")
    assert isinstance(down, events.MouseDown) and (down.x, down.y) == (9, 4)
    assert [type(m) for m in parse("\x1b[I\x1b[O")] == [events.AppFocus, events.AppBlur]
    (paste,) = parse("\x1b[200~web-02\nline two\x1b[201~")
    assert isinstance(paste, events.Paste) and paste.text == "web-02\nline two"


def test_escape_sequences_inside_a_paste_are_not_keys():
    (paste,) = parse("\x1b[200~ab\x1b[Ac\x1b]52;c;WA==\x07d\x1b[201~")
    assert isinstance(paste, events.Paste) and paste.text == "abcd"


async def test_the_app_runs_on_the_hardened_driver_and_tests_stay_headless(make_client):
    app = make_app(make_client())
    assert app.driver_class is HardenedDriver
    async with app.run_test() as pilot:
        assert type(pilot.app._driver) is HeadlessDriver
