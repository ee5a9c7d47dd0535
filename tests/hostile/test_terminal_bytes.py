"""lswtui in a real pty against the hostile fake API: assertions on the raw bytes it writes, on
what the screen shows, and on what reached the server.

Threat model: hostile account data (any string may carry terminal control sequences or
confusables), a hostile gateway (trickled, endless, compressed-bomb, non-finite, paging-blind
or key-echoing answers) and hostile terminal replies (stdin bytes nobody typed). Whatever
comes, no byte of data may act on the terminal, no reply may act for the user, and the app
stays up, bounded, and quits on ``q``.
"""

from __future__ import annotations

import json
import re
import time

import pytest
from hostile_api import DA1_QUERY, OSC52_QUERY, RTL_OVERRIDE, XTVERSION_QUERY, ZERO_WIDTH

from tests.terminal.pty_app import PtyApp, wait_for

MAX_RSS_MB = 400
#: Textual's own sequences that end in BEL (OSC 22: the pointer shape; OSC 8: hyperlinks).
TEXTUAL_OSC = re.compile(rb"\x1b\](?:22|8);[^\x07\x1b]*(?:\x07|\x1b\\)")
VISIBLE_ESC = ("\\x1b", "\u241b", "^[", "\\e", "\\033")  # forms a sanitiser may show ESC as
ROW_ID = re.compile(r"\s*\S [A-Z_]+\s+(\S+)")  # a list row: state symbol, state, then the id
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
TERMINAL_REPLIES = (
    b"\x1b]52;c;WHl5eXl5eQ==\x07",  # the clipboard ("Xyyyyy"), answering OSC 52 ?
    b"\x1bP>|tmux 3.3a\x1b\\",  # XTVERSION's answer
    b"\x1b[?1;2c",  # DA1's answer
)


def status_line(screen: str) -> str:
    return screen.splitlines()[0]


def start(lswtui_pty, api, refresh: str = "1") -> tuple[PtyApp, int]:
    """lswtui on ``api``, once its first screen is drawn; returns it and how many bytes that took."""
    app = lswtui_pty(api, "--refresh", refresh)
    app.wait_for_screen("the first screen", lambda s: "refreshed" in status_line(s))
    return app, len(app.output)


def wait_watching_memory(app: PtyApp, what: str, condition, timeout: float) -> float:
    """``wait_for(condition)``, failing as soon as the app exits or its RSS passes the bound
    (then killing it); returns the largest RSS seen."""
    peak = 0.0

    def probe() -> object:
        nonlocal peak
        if app.process.poll() is not None:
            raise AssertionError(f"lswtui exited while waiting for {what}\n{app.describe()}")
        peak = max(peak, app.rss_mb())
        if peak > MAX_RSS_MB:
            app.close()
            raise AssertionError(f"lswtui grew to {peak:.0f} MB of RSS while waiting for {what}")
        return condition()

    wait_for(what, probe, timeout, app.describe)
    return peak


def next_refresh(api, app: PtyApp, timeout: float = 10.0) -> None:
    """Wait until one more ``GET /vps`` than now has been answered, plus a moment to draw it."""
    count = api.list_requests()
    wait_watching_memory(app, "a refresh", lambda: api.list_requests() > count, timeout)
    time.sleep(0.5)


def absent(output: bytes, sequence: bytes, what: str) -> None:
    """Fails with where ``sequence`` was found (not with pytest's diff of 100 kB of bytes)."""
    if (at := output.find(sequence)) >= 0:
        pytest.fail(
            f"{what}: {sequence!r} at byte {at} of {len(output)}: ...{output[max(0, at - 60) : at + 60]!r}..."
        )


def assert_quits(app: PtyApp) -> None:
    assert app.quit() == 0, app.describe()


def test_hostile_text_never_reaches_the_terminal(hostile_api, lswtui_pty):
    api = hostile_api("escape", "query", "spoof", "confusable")
    app, first_frame = start(lswtui_pty, api)
    for tab, endpoint in (
        ("2", "ips"),
        ("4", "snapshots"),
        ("3", "credentials"),
    ):  # reverse DNS, names, usernames
        app.write(tab.encode())
        wait_for(
            f"the {endpoint} tab's data",
            lambda e=endpoint: any(r.path.endswith("/" + e) for r in api.seen("GET")),
            10,
            app.describe,
        )
    next_refresh(api, app)
    screen = app.screen()
    assert_quits(app)
    out = app.output
    before_quit, after_first_frame = out[: app.quit_at], out[first_frame:]

    absent(out, b"\x1b]52", "an OSC 52 clipboard write or query reached the terminal")
    absent(out, b"\x1b]0;", "the window title was set (OSC 0)")
    absent(out, b"\x1b]2;", "the window title was set (OSC 2)")
    absent(after_first_frame, b"\x1b[2J", "the screen was cleared after the first frame")
    absent(before_quit, b"\x1b[?1049l", "the alternate screen was left before quitting")
    absent(TEXTUAL_OSC.sub(b"", out), b"\x07", "a raw BEL was written")
    absent(out, b"\xc2\x9b", "a C1 CSI was written")
    absent(out, b"\xc2\x9d", "a C1 OSC was written")
    absent(out, b"\x7f", "a DEL was written")
    absent(out, b"\x1b[45G", "the cursor-move spoof was written")
    for query in (OSC52_QUERY, XTVERSION_QUERY, DA1_QUERY):
        absent(out, query.encode(), f"the terminal query {query!r} was written")
    for invisible in (ZERO_WIDTH, RTL_OVERRIDE):  # they must be shown, not obeyed
        absent(out, invisible.encode(), f"{invisible!r} was written raw")
    assert any(form + "]52" in screen for form in VISIBLE_ESC), (
        f"no visible form of the OSC 52 text:\n{screen}"
    )

    # The ID cell of each list row ("  ● RUNNING   100000001  web-01 ..."), as a terminal shows it:
    # zero-width and bidi controls take no cell. Only the real 100000001 may read as that id.
    ids = [m.group(1) for line in screen.splitlines()[2:] if (m := ROW_ID.match(line[:58]))]
    look_alike = [cell for cell in ids if INVISIBLE.sub("", cell) == "100000001"]
    assert len(look_alike) <= 1, (
        f"{len(look_alike)} rows read as VPS 100000001: {look_alike!r}\n{screen}"
    )
    assert api.writes() == []


def test_terminal_replies_never_become_key_presses(hostile_api, lswtui_pty):
    api = hostile_api("query")
    app, _ = start(lswtui_pty, api)
    for reply in TERMINAL_REPLIES:  # as tmux answers the queries the data carries
        app.write(reply)
        time.sleep(0.1)
    next_refresh(api, app)
    screen = app.screen()
    assert api.writes() == [], f"terminal replies sent {api.writes()}"
    assert "(n)" not in screen and "(y)" not in screen, (
        f"a confirmation opened by itself:\n{screen}"
    )
    assert "Filter syntax" not in screen, f"the help screen opened by itself:\n{screen}"
    assert_quits(app)


@pytest.mark.parametrize("when", ["in-one-write", "once-the-form-is-open"])
def test_keys_typed_ahead_of_a_form_are_not_submitted_with_it(hostile_api, lswtui_pty, when):
    api = hostile_api()
    app, _ = start(lswtui_pty, api)
    typed = b"web-02" + b"\r" + b"jj"  # Enter and more keys in one read: a paste, or SSH coalescing
    if when == "in-one-write":
        app.write(b"E" + typed)
    else:
        app.write(b"E")
        app.wait_for_screen("the Edit reference form", lambda s: "Edit reference" in s, timeout=10)
        app.write(typed)
    deadline = time.monotonic() + 3
    while not api.writes() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # a second write, if one were coming
    sent = api.writes()
    assert len(sent) <= 1, f"more than one write: {sent}"
    assert all(r.method == "PUT" and json.loads(r.body) == {"reference": "web-02"} for r in sent), (
        sent
    )
    assert_quits(app)


# -- a hostile gateway: the app stays up, bounded, honest about its data, and quits on q -------


def test_a_trickled_answer_makes_the_data_stale_not_ok(hostile_api, lswtui_pty):
    api = hostile_api("trickle")  # every answer after each path's first: 16 bytes per 15 s
    app, _ = start(lswtui_pty, api)
    wait_for("a trickled refresh", lambda: api.list_requests() >= 2, 10, app.describe)
    # --refresh 1: the data is stale after 3 s; the status line must say so while the refresh hangs.
    app.wait_for_screen(
        "STALE or an error in the status line",
        lambda s: re.search(r"STALE|ERROR|error|timed out", status_line(s)),
        timeout=15,
    )
    assert_quits(app)


def test_an_endless_answer_is_cut_off(hostile_api, lswtui_pty):
    api = hostile_api("endless")
    app, _ = start(lswtui_pty, api)
    wait_watching_memory(app, "lswtui to hang up on the endless body", api.endless_cut.is_set, 15)
    assert max(api.endless_sent) < 160 * 1024 * 1024
    assert_quits(app)


def test_a_gzip_bomb_does_not_blow_up_memory(hostile_api, lswtui_pty):
    api = hostile_api("gzip-bomb")
    app, _ = start(lswtui_pty, api)
    wait_for("the bomb to be served", lambda: api.list_requests() >= 2, 10, app.describe)
    # the refresh after the bomb: the app survived it and carries on
    wait_watching_memory(app, "a refresh after the bomb", lambda: api.list_requests() >= 3, 15)
    assert_quits(app)


def test_a_server_ignoring_offset_gets_few_requests(hostile_api, lswtui_pty):
    api = hostile_api("ignore-offset")  # every page is page 0 of 50,000 VPSes
    app, _ = start(lswtui_pty, api, refresh="60")
    settled = {"count": -1, "since": time.monotonic()}

    def quiet() -> bool:  # no new list request for a second
        count = api.list_requests()
        if count != settled["count"]:
            settled.update(count=count, since=time.monotonic())
        return time.monotonic() - settled["since"] > 1.0

    wait_watching_memory(app, "the listing to settle", quiet, 15)
    assert api.list_requests() < 20, f"{api.list_requests()} list requests for one refresh"
    assert_quits(app)


def test_non_finite_traffic_values_do_not_crash(hostile_api, lswtui_pty):
    api = hostile_api("nan")  # NaN, Infinity, 1.5e308 in metrics/datatraffic
    app, _ = start(lswtui_pty, api)
    wait_for(
        "the traffic request",
        lambda: api.seen("GET", "/vps/100000001/metrics/datatraffic"),
        10,
        app.describe,
    )
    next_refresh(api, app)
    screen = app.screen()
    assert "Traceback" not in screen and "ValueError" not in screen, screen
    assert "web-02" in screen and "3 VPS" in status_line(screen), screen
    assert_quits(app)


def test_odd_ids_neither_hide_nor_duplicate_rows(hostile_api, lswtui_pty):
    api = hostile_api("odd-ids")  # ①, a 5000-digit id, 0100000001 beside 100000001
    app, _ = start(lswtui_pty, api)
    next_refresh(api, app)
    next_refresh(api, app)
    screen = app.screen()
    assert re.search(r"(?<![/\d])6 VPS", status_line(screen)), status_line(screen)
    rows = screen.splitlines()[2:]
    for reference in ("web-01", "web-02", "prod-db-01", "circled-one", "long-id", "leading-zero"):
        assert sum(reference in row[:60] for row in rows) == 1, (
            f"{reference} is not shown exactly once:\n{screen}"
        )
    assert "STALE" not in status_line(screen) and "ERRORS" not in status_line(screen), screen
    assert_quits(app)


def test_a_key_echoed_by_the_server_is_never_shown(hostile_api, lswtui_pty):
    api = hostile_api("echo-key")  # the key in correlationId and APIGW-CORRELATION-ID
    app, _ = start(lswtui_pty, api)
    next_refresh(api, app)  # a failing one: the error carries the key
    wait_for(
        "the error to show",
        lambda: "ERRORS" in status_line(app.screen()) or "STALE" in status_line(app.screen()),
        10,
        app.describe,
    )
    time.sleep(0.5)
    assert_quits(app)
    absent(app.output, api.api_key.encode(), "the API key was written to the terminal")
    assert api.api_key not in app.screen()
