"""The watch list and its desktop notification, without an App."""

from __future__ import annotations

import stat

from lswtui.core.watch import (
    WatchList,
    notification_sequence,
    notification_text,
    watch_file,
)


def test_the_watch_list_is_saved_0600_per_profile_and_read_back(tmp_path):
    path = watch_file(tmp_path / "state", "prod/../eu")
    assert path.parent == tmp_path / "state" and "/" not in path.name
    watched = WatchList(path)
    assert watched.toggle("2") and watched.toggle("1") and not watched.toggle("2")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert list(WatchList(path)) == ["1"] and "1" in WatchList(path)
    assert list(WatchList(watch_file(tmp_path / "state", "other"))) == []


def test_an_unreadable_watch_list_starts_empty_and_says_why(tmp_path):
    path = tmp_path / "watch-x.json"
    path.write_text("{not json")
    watched = WatchList(path)
    assert len(watched) == 0 and watched.problem and str(path) in watched.problem


def test_the_notification_carries_no_control_or_format_character():
    hostile = "web\x1b]0;owned\x07\x9b31m\u202e\u200b-01\nnext\x00" + "x" * 500
    text = notification_text(hostile)
    assert all(ch.isprintable() or ch == " " for ch in text)
    assert text.startswith("web]0;owned31m-01 next") and len(text) == 200
    sequence = notification_sequence({"TERM_PROGRAM": "WezTerm"}, hostile)
    assert sequence.startswith("\x1b]9;lswtui: web]0;owned") and sequence.endswith("\x07")
    assert sequence.count("\x1b") == 1 and sequence.count("\x07") == 1


def test_the_sequence_follows_the_terminal_and_is_none_where_unknown_or_swallowed():
    assert notification_sequence({"TERM": "foot"}, "a").startswith("\x1b]777;notify;lswtui;a")
    assert notification_sequence({"TERM": "xterm", "VTE_VERSION": "7600"}, "a").startswith(
        "\x1b]777;"
    )
    assert notification_sequence({"TERM": "xterm-kitty"}, "a") == "\x1b]9;lswtui: a\x07"
    assert notification_sequence({"TERM": "xterm-256color"}, "a") == ""
    assert notification_sequence({"TERM_PROGRAM": "WezTerm", "TMUX": "/tmp/t,1,0"}, "a") == ""
