"""A watched VPS with a hostile reference changes: the bell rings and the desktop notification
(OSC 9) is written, and its text carries no raw control, whatever the reference holds."""

from __future__ import annotations

import re

from hostile_api import OSC52_WRITE

from tests.terminal.pty_app import PtyApp, wait_for

OSC9 = re.compile(rb"\x1b\]9;(.*?)\x07", re.S)
#: Sequences ending in BEL that are not the bell: Textual's (pointer shape, hyperlinks), ours.
NOT_THE_BELL = re.compile(rb"\x1b\](?:22|8|9);[^\x07\x1b]*(?:\x07|\x1b\\)")


def test_the_notification_of_a_hostile_watched_vps_carries_no_control(hostile_api, tmp_path):
    api = hostile_api("escape")
    watched = api.fleet[0]  # selected at start; its reference starts with an OSC 52 write
    assert watched["reference"].startswith(OSC52_WRITE)
    env = {"LEASEWEB_API_KEY": api.api_key, "TERM_PROGRAM": "WezTerm"}
    with PtyApp(tmp_path, "--api-url", api.base_url, "--refresh", "1", env=env) as app:
        app.wait_for_screen("the first screen", lambda s: "refreshed" in s.splitlines()[0])
        app.write(b"w")
        app.wait_for_screen("the watch mark", lambda s: "Watching VPS" in s or "★" in s)
        marked = len(app.output)
        watched["state"] = "STOPPED"
        found = wait_for(
            "the desktop notification",
            lambda: OSC9.findall(app.output[marked:]),
            15,
            app.describe,
        )
        assert app.quit() == 0
    assert len(found) == 1, found
    text = found[0].decode()
    assert "RUNNING → STOPPED" in text and "web-01" in text
    assert not re.search("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]", text), text
    assert b"\x07" in NOT_THE_BELL.sub(b"", app.output[marked : app.quit_at])  # the bell rang
    assert b"\x1b]52" not in app.output
