"""``:`` reaches every palette command by its name, every action, and the argument commands;
nothing is listed twice (they come from the app's palette and the action catalogue)."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.app import SystemCommand

from lswtui.core.actions import ACTIONS
from lswtui.core.command_line import Invocation, LineError
from lswtui.tui.line_commands import line_commands, slug


@dataclass
class Host:
    calls: list[tuple[str, ...]] = field(default_factory=list)

    def line_vps(self, text: str = "") -> None:
        self.calls.append(("vps", text))

    def line_ip(self, address: str) -> None:
        self.calls.append(("ip", address))

    def line_id(self, vps_id: str) -> None:
        self.calls.append(("id", vps_id))

    def line_account(self, name: str) -> None:
        self.calls.append(("account", name))

    def line_sort(self, column: str, order: str = "") -> None:
        self.calls.append(("sort", column, order))

    def line_tab(self, tab: str) -> None:
        self.calls.append(("tab", tab))

    def action_vps_action(self, action_id: str) -> None:
        self.calls.append(("action", action_id))

    def accounts(self) -> list[str]:
        return ["prod", "lab"]

    def sort_columns(self) -> list[str]:
        return ["state", "id", "reference"]


def palette(host: Host) -> list[SystemCommand]:
    def entry(title: str) -> SystemCommand:
        return SystemCommand(
            title, f"help of {title}", lambda: host.calls.append(("palette", title))
        )

    return [
        entry("Refresh now"),
        entry("Show IPs tab"),
        entry("Sort by main IP"),
        entry("Theme"),
        entry("Quit"),
        entry("Reboot VPS"),
        entry("Help"),
    ]


def run(host: Host, text: str) -> list[tuple[str, ...]]:
    commands = line_commands(host, palette(host))
    parsed = commands.line.parse(text)
    assert isinstance(parsed, Invocation), parsed
    commands.run(parsed)
    return host.calls


def test_registry_commands_go_by_their_binding_id_and_others_by_their_title():
    assert run(Host(), "refresh") == [("palette", "Refresh now")]
    assert run(Host(), "tab-ips") == [("palette", "Show IPs tab")]
    assert run(Host(), "sort-by-main-ip") == [("palette", "Sort by main IP")]
    assert run(Host(), "theme") == [("palette", "Theme")]
    assert run(Host(), "q") == [("palette", "Quit")]
    assert run(Host(), "Refresh now") == [("palette", "Refresh now")]


def test_every_action_is_reachable_even_when_the_palette_leaves_it_out():
    host = Host()
    commands = line_commands(host, [])
    for action in ACTIONS:
        parsed = commands.line.parse(action.id.replace("_", "-"))
        assert isinstance(parsed, Invocation)
        commands.run(parsed)
    assert host.calls == [("action", a.id) for a in ACTIONS]
    assert run(Host(), "Reboot VPS") == [("action", "reboot")]  # not the palette's twin


def test_the_argument_commands_reach_the_screen_with_their_arguments():
    assert run(Host(), "vps web !running") == [("vps", "web !running")]
    assert run(Host(), "ip 10.0.0.1") == [("ip", "10.0.0.1")]
    assert run(Host(), "id 126855092") == [("id", "126855092")]
    assert run(Host(), "account lab") == [("account", "lab")]
    assert run(Host(), "sort reference desc") == [("sort", "reference", "desc")]
    assert run(Host(), "tab snapshots") == [("tab", "snapshots")]


def test_an_unknown_command_is_an_error_and_runs_nothing():
    host = Host()
    commands = line_commands(host, palette(host))
    assert isinstance(commands.line.parse("nosuch"), LineError)
    assert isinstance(commands.line.parse("account staging"), LineError)
    assert host.calls == []


def test_slugs():
    assert slug("Sort by main IP") == "sort-by-main-ip"
    assert slug("Pause / resume auto-refresh") == "pause-resume-auto-refresh"
