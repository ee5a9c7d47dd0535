"""End to end in a real terminal: the installed ``lswtui`` in tmux, against ``lswtui sim``.

Each test starts its own simulator (a free loopback port, a fixed API key, ``--request-log``)
and its own tmux server (``tmux -L lswtui-e2e-<pid>-<n>``) with a plain shell in one pane; both
are torn down afterwards. Keys go in with ``send-keys``, the screen comes back with
``capture-pane``; every wait is a bounded poll.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.hostile.hostile_api import HostileApi

pytestmark = pytest.mark.e2e

TMUX = shutil.which("tmux")
LSWTUI = Path(sys.executable).with_name("lswtui")  # the command installed next to this Python
API_KEY = "lswtui-e2e-key"
PROMPT = "e2e$ "
EXIT_MARK = "lswtui-exit="
KEY_GUARD = 0.5  # longer than the dialogs' key guard (0.35 s)
_servers = itertools.count()


def tmux_command(server: str) -> list[str]:
    """tmux on a server of its own (``-L server``), without the user's configuration."""
    assert TMUX is not None
    return [TMUX, "-u", "-L", server, "-f", "/dev/null"]


def kill_tmux_server(tmux: list[str]) -> None:
    """Stop the server and remove its socket (tmux 3.3 leaves it behind)."""
    done = subprocess.run(
        [*tmux, "display-message", "-p", "#{socket_path}"],
        capture_output=True,
        text=True,
        timeout=10,
    )
    subprocess.run([*tmux, "kill-server"], capture_output=True, timeout=10)
    if done.stdout.strip():
        Path(done.stdout.strip()).unlink(missing_ok=True)


def _tmux_works() -> str | None:
    """Why tmux cannot run here (no binary, or it cannot start a server), or None."""
    if TMUX is None:
        return "tmux is not installed (.ci/run installs it)"
    probe = tmux_command(f"lswtui-e2e-probe-{os.getpid()}")
    started = subprocess.run(
        [*probe, "new-session", "-d", "sleep 5"], capture_output=True, text=True, timeout=10
    )
    kill_tmux_server(probe)
    return (
        None if started.returncode == 0 else f"tmux cannot start a server: {started.stderr.strip()}"
    )


if (_reason := _tmux_works()) is not None:
    pytest.skip(_reason, allow_module_level=True)


def wait_until(
    what: str, probe: Callable[[], object], timeout: float, describe: Callable[[], str] = str
) -> object:
    """Poll ``probe`` until it returns something truthy; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}\n{describe()}")
        time.sleep(0.1)


# -- the simulator, over HTTP in its own process ---------------------------------------------


@dataclass
class SimServer:
    base_url: str
    request_log: Path

    def get(self, path: str, **params: object) -> dict:
        response = httpx.get(
            self.base_url + path, params=params, headers={"X-LSW-Auth": API_KEY}, timeout=5
        )
        response.raise_for_status()
        return response.json()

    def requests(self, method: str, path_suffix: str) -> list[dict]:
        """Requests the simulator received, from its request log."""
        if not self.request_log.exists():
            return []
        lines = [json.loads(line) for line in self.request_log.read_text().splitlines()]
        return [r for r in lines if r["method"] == method and r["path"].endswith(path_suffix)]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def sim(tmp_path: Path) -> Iterator[SimServer]:
    assert LSWTUI.exists(), f"no lswtui command next to {sys.executable}: pip install -e '.[test]'"
    port = _free_port()
    server = SimServer(f"http://127.0.0.1:{port}/publicCloud/v1", tmp_path / "requests.jsonl")
    output = (tmp_path / "sim.out").open("w")
    process = subprocess.Popen(
        [
            LSWTUI,
            "sim",
            "--port",
            str(port),
            "--api-key",
            API_KEY,
            "--request-log",
            str(server.request_log),
        ],
        stdout=output,
        stderr=subprocess.STDOUT,
    )

    def answers() -> bool:
        if process.poll() is not None:
            raise AssertionError(
                f"lswtui sim exited with {process.returncode}:\n{(tmp_path / 'sim.out').read_text()}"
            )
        try:
            return (
                httpx.get(
                    f"{server.base_url}/vps",
                    params={"limit": 1},
                    headers={"X-LSW-Auth": API_KEY},
                    timeout=1,
                ).status_code
                == 200
            )
        except httpx.TransportError:
            return False

    try:
        wait_until("lswtui sim to answer", answers, timeout=20)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        output.close()


# -- a terminal: a tmux server of our own with a shell in one pane ---------------------------


class Terminal:
    def __init__(self, size: tuple[int, int], home: Path) -> None:
        self.command = tmux_command(f"lswtui-e2e-{os.getpid()}-{next(_servers)}")
        env = {
            "HOME": str(home),
            "PATH": os.environ["PATH"],
            "LANG": "C.UTF-8",
            "LEASEWEB_API_KEY": API_KEY,
            "LSWTUI_CONFIG": str(home / "config.toml"),
            "LSWTUI_STATE_DIR": str(home / "state"),
            "PS1": PROMPT,
        }
        shell = [
            "env",
            "-i",
            *(f"{k}={v}" for k, v in env.items()),
            "bash",
            "--norc",
            "--noprofile",
        ]
        width, height = size
        self.tmux(
            "new-session", "-d", "-s", "e2e", "-x", str(width), "-y", str(height), shlex.join(shell)
        )
        wait_until(
            "the shell prompt",
            lambda: self.screen().rstrip().endswith(PROMPT.strip()),
            10,
            self.screen,
        )

    def tmux(self, *args: str) -> str:
        done = subprocess.run([*self.command, *args], capture_output=True, text=True, timeout=10)
        if done.returncode != 0:
            raise AssertionError(f"tmux {' '.join(args)} failed: {done.stderr.strip()}")
        return done.stdout

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "e2e", *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", "e2e", "-l", text)

    def screen(self, *, colours: bool = False) -> str:
        return self.tmux("capture-pane", "-p", *(["-e"] if colours else []), "-t", "e2e")

    def wait_for(self, what: str, check: Callable[[str], bool], timeout: float = 15) -> str:
        def matching_screen() -> str:
            screen = self.screen()
            return screen if check(screen) else ""

        return wait_until(what, matching_screen, timeout, self.screen)

    def kill(self) -> None:
        kill_tmux_server(self.command)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Callable[[tuple[int, int]], Terminal]]:
    opened: list[Terminal] = []

    def open_terminal(size: tuple[int, int]) -> Terminal:
        opened.append(Terminal(size, tmp_path))
        return opened[-1]

    yield open_terminal
    for term in opened:
        term.kill()


# -- the runs ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    size: tuple[int, int]
    env: str  # set on the lswtui command line, as a user would
    colours: str  # what the SGR codes on screen may be: "truecolor", "16", "grey"
    reboot: bool = True


RUNS = {
    "80x24": Run((80, 24), "TERM=xterm-256color COLORTERM=truecolor", "truecolor"),
    "120x40": Run((120, 40), "TERM=xterm-256color COLORTERM=truecolor", "truecolor"),
    "xterm-16color": Run((100, 30), "TERM=xterm-16color", "16", reboot=False),
    "NO_COLOR": Run(
        (100, 30), "NO_COLOR=1 TERM=xterm-256color COLORTERM=truecolor", "grey", reboot=False
    ),
}
SGR = re.compile(r"\x1b\[([0-9;]*)m")
RGB = re.compile(r"(?:38|48);2;(\d+);(\d+);(\d+)")
BASIC_16 = re.compile(r"^(?:[0-9]|2[0-9]|3[0-79]|4[0-79]|9[0-7]|10[0-7])$")


def colours_allowed(screen: str, kind: str) -> bool:
    codes = SGR.findall(screen)
    if kind == "16":  # no 256-colour or RGB codes at all
        return all(BASIC_16.match(part) for code in codes for part in code.split(";") if part)
    rgb = [tuple(map(int, m)) for code in codes for m in RGB.findall(code)]
    if kind == "grey":  # NO_COLOR: shades only, never a hue
        return all(r == g == b for r, g, b in rgb)
    return any(len({r, g, b}) > 1 for r, g, b in rgb)


def pick_target(sim: SimServer) -> dict:
    """A RUNNING VPS with an IPv4 main IP, a snapshot and credentials (every tab has content)."""
    for vps in sorted(sim.get("/vps", limit=50)["vps"], key=lambda v: int(v["id"])):
        main = next((ip for ip in vps["ips"] if ip["mainIp"] and ip["version"] == 4), None)
        if vps["state"] != "RUNNING" or main is None:
            continue
        if (
            sim.get(f"/vps/{vps['id']}/snapshots")["snapshots"]
            and sim.get(f"/vps/{vps['id']}/credentials")["credentials"]
        ):
            return {"id": vps["id"], "ip": main["ip"]}
    raise AssertionError("the simulator's world has no suitable VPS")


def list_row(screen: str, vps_id: str) -> str:
    """The VPS list's line for ``vps_id`` (marker, state, id, ...), or ""."""
    return next(
        (
            line
            for line in screen.splitlines()
            if re.search(r"(RUNNING|STOPPING|STOPPED|STARTING)\s+" + vps_id, line)
        ),
        "",
    )


@pytest.mark.parametrize("run", RUNS.values(), ids=RUNS.keys())
def test_lswtui_in_tmux(run: Run, sim: SimServer, terminal) -> None:
    target = pick_target(sim)
    vps_id = target["id"]
    # The list is sorted by id: the lowest id is on the first row at any size.
    other = min((v["id"] for v in sim.get("/vps", limit=50)["vps"] if v["id"] != vps_id), key=int)
    snapshot = sim.get(f"/vps/{vps_id}/snapshots")["snapshots"][0]["displayName"]
    credentials = sim.get(f"/vps/{vps_id}/credentials")["credentials"]
    passwords = [
        sim.get(f"/vps/{vps_id}/credentials/{c['type']}/{c['username']}")["password"]
        for c in credentials
    ]

    term = terminal(run.size)
    term.type(
        f"{run.env} {shlex.quote(str(LSWTUI))} --api-url {sim.base_url} --refresh 1; echo {EXIT_MARK}$?"
    )
    term.keys("Enter")

    # The list appears.
    term.wait_for("the VPS list", lambda s: "25 VPS" in s and other in s, timeout=20)
    assert colours_allowed(term.screen(colours=True), run.colours), term.screen(colours=True)

    # Filter by IP: only that VPS is left.
    term.keys("/")
    # Typed before the box has the focus, the IP would go to the list's keys: wait for the box,
    # and for the footer to show the box's keys instead of the list's.
    term.wait_for(
        "the focused filter box",
        lambda s: "Filter: words" in s and "Refresh" not in s.splitlines()[-1],
    )
    term.type(target["ip"])
    term.keys("Enter")
    term.wait_for(
        "the filtered list",
        lambda s: "1/25 VPS" in s and list_row(s, vps_id) and not list_row(s, other),
    )

    # Keys 1-6 open the detail tabs, each with its content (passwords stay masked).
    tabs = {
        "2": ["Reverse DNS", "PUBLIC"],
        "3": [credentials[0]["username"], "••••••••"],
        "4": [snapshot, "READY"],
        "5": ["Search the ISO catalogue"],
        "6": ["Total", "Per day", "Peak"],
        "1": ["Machine", "Pack"],
    }
    for key, expected in tabs.items():
        term.keys(key)
        screen = term.wait_for(
            f"tab {key}: {expected}", lambda s, e=expected: all(x in s for x in e)
        )
        assert not any(password in screen for password in passwords)

    if run.reboot:
        # Reboot, confirmed with y: exactly one request reaches the simulator, and the VPS (on
        # the simulator and on screen) goes through its states back to RUNNING.
        term.keys("B")
        term.wait_for("the reboot dialog", lambda s: "Reboot VPS" in s and "Confirm" in s)
        assert sim.requests("POST", f"/vps/{vps_id}/reboot") == []
        time.sleep(KEY_GUARD)  # a dialog drops keys read just after it opened
        term.keys("y")
        on_sim: set[str] = set()
        on_screen: set[str] = set()

        def back_to_running() -> bool:
            on_sim.add(sim.get(f"/vps/{vps_id}")["state"])
            row = list_row(term.screen(), vps_id)
            on_screen.update(state for state in ("RUNNING", "STOPPING", "STARTING") if state in row)
            done = "RUNNING" in row and not row.startswith("⟳")  # ⟳: the action is still tracked
            return done and len(on_sim) > 1 and len(on_screen) > 1

        wait_until("the reboot to finish", back_to_running, timeout=40, describe=term.screen)
        assert {"STOPPING", "STARTING"} <= on_sim, on_sim
        assert on_screen & {"STOPPING", "STARTING"}, on_screen
        assert sim.requests("POST", f"/vps/{vps_id}/reboot") == [
            {
                "method": "POST",
                "path": f"/publicCloud/v1/vps/{vps_id}/reboot",
                "query": "",
                "status": 202,
            }
        ]

    # q quits: the shell prompt is back and lswtui exited with status 0.
    term.keys("q")
    screen = term.wait_for(
        "the shell prompt", lambda s: f"{EXIT_MARK}0" in s and s.rstrip().endswith(PROMPT.strip())
    )
    assert "25 VPS" not in screen  # the alternate screen is gone


# -- the attack of issue 10, as it was seen: hostile account data, tmux answering for the user --


@pytest.mark.parametrize("clipboard", ["on", "external"], ids=["set-clipboard-on", "tmux-default"])
def test_hostile_data_in_tmux_neither_reaches_the_terminal_nor_acts(
    clipboard: str, terminal
) -> None:
    """References and regions carrying OSC 52 writes and queries, XTVERSION and DA1: tmux would
    set its clipboard from them and answer the queries on lswtui's stdin (once typed in as
    ``X``, ``y``: a VPS stopped with nobody at the keyboard). Nothing may be written to the
    API, and tmux's clipboard must stay empty."""
    with HostileApi(("escape", "query", "spoof"), api_key=API_KEY, lifetime=60.0) as api:
        term = terminal((120, 40))
        term.tmux("set-option", "-g", "set-clipboard", clipboard)
        term.type(
            f"{shlex.quote(str(LSWTUI))} --api-url {api.base_url} --refresh 1; echo {EXIT_MARK}$?"
        )
        term.keys("Enter")
        term.wait_for("the VPS list", lambda s: "3 VPS" in s and "100000001" in s, timeout=20)
        wait_until(
            "three refreshes", lambda: api.list_requests() >= 4, timeout=20, describe=term.screen
        )
        for tab in "23456":  # every tab draws its hostile strings
            term.keys(tab)
            time.sleep(0.5)
        term.keys("1")
        screen = term.wait_for("the escaped reference", lambda s: "\\x1b" in s)
        assert api.writes() == [], api.writes()
        buffers = subprocess.run(
            [*term.command, "list-buffers"], capture_output=True, text=True, timeout=10
        )
        assert buffers.stdout == "", f"the data set tmux's clipboard: {buffers.stdout!r}"
        assert "Stop VPS" not in screen and "Reset password" not in screen
        term.keys("q")
        term.wait_for("the shell prompt", lambda s: f"{EXIT_MARK}0" in s)
