"""The ``:`` command line without a UI: parsing, completion, history, the IP lookup."""

from __future__ import annotations

import stat

import pytest

from lswtui.core.command_line import (
    CommandHistory,
    CommandLine,
    Invocation,
    LineCommand,
    LineError,
    Param,
    TabCompletion,
    ip_address_error,
    owners_of_ip,
)
from lswtui.core.fleet import FleetRow

COLUMNS = ("state", "id", "reference", "main_ip")
TABS = ("overview", "ips", "snapshots")

COMMANDS = (
    LineCommand("reboot", "Restart a RUNNING VPS", title="Reboot VPS"),
    LineCommand("refresh", "Reload the list", title="Refresh now"),
    LineCommand("quit", "Leave", aliases=("q",)),
    LineCommand("vps", "Filter the list", (Param("TEXT", optional=True, rest=True),)),
    LineCommand("ip", "Jump to the owner", (Param("ADDR", check=ip_address_error),)),
    LineCommand(
        "sort",
        "Sort by a column",
        (Param("COLUMN", choices=lambda: COLUMNS), Param("desc", lambda: ("asc", "desc"), True)),
    ),
    LineCommand("tab", "Show a tab", (Param("NAME", choices=lambda: TABS),)),
)


@pytest.fixture
def line() -> CommandLine:
    return CommandLine(COMMANDS)


def run(line: CommandLine, text: str) -> tuple[str, tuple[str, ...]]:
    parsed = line.parse(text)
    assert isinstance(parsed, Invocation), parsed
    return parsed.name, parsed.args


def test_a_command_is_typed_by_name_alias_or_palette_title(line):
    assert run(line, "reboot") == ("reboot", ())
    assert run(line, ":reboot") == ("reboot", ())
    assert run(line, "  Reboot   VPS ") == ("reboot", ())
    assert run(line, "q") == ("quit", ())
    assert run(line, "refresh now") == ("refresh", ())
    assert line.parse("  ") is None and line.parse(":") is None


def test_arguments_are_parsed_checked_and_spelled_as_the_choices(line):
    assert run(line, "vps web db !running") == ("vps", ("web db !running",))
    assert run(line, "vps") == ("vps", ())
    assert run(line, "ip 2001:DB8::1") == ("ip", ("2001:DB8::1",))
    assert run(line, "sort Reference DESC") == ("sort", ("reference", "desc"))
    assert run(line, "sort state") == ("sort", ("state",))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("rebot", "Unknown command :rebot. Did you mean :reboot?"),
        ("xyzzy", "Unknown command :xyzzy. Tab completes a command."),
        ("ip", ":ip needs ADDR (:ip ADDR)."),
        ("ip 10.0.0.300", ":ip: '10.0.0.300' is not an IP address."),
        ("sort size", ":sort: 'size' is not one of state, id, reference, main_ip."),
        ("sort id up", ":sort: 'up' is not one of asc, desc."),
        ("tab ips extra", ":tab is :tab NAME; 'extra' is left over."),
        ("reboot now", ":reboot takes no argument; 'now' is left over."),
    ],
)
def test_a_bad_line_is_one_line_of_error(line, text, message):
    assert line.parse(text) == LineError(message)


def test_two_commands_cannot_share_a_name():
    with pytest.raises(ValueError, match="'q'"):
        CommandLine([LineCommand("quit", "", aliases=("q",)), LineCommand("q", "")])


def test_completion_of_names_and_of_choices(line):
    assert line.candidates("re") == ["reboot", "refresh"]
    assert line.candidates(":t") == ["tab"]
    assert line.candidates("sort ") == [f"sort {c}" for c in COLUMNS]
    assert line.candidates("sort re") == ["sort reference"]
    assert line.candidates("sort reference d") == ["sort reference desc"]
    assert line.candidates("vps we") == []  # free text: nothing to offer
    assert line.candidates("nosuch x") == []


def test_tab_gives_a_unique_completion_with_a_space_when_an_argument_follows(line):
    tab = TabCompletion(line)
    assert tab.next("s") == "sort "
    assert tab.next("sort m") == "sort main_ip "  # one more (optional) argument
    assert tab.next("tab o") == "tab overview"  # the last argument: no space
    assert tab.next("reb") == "reboot"  # no argument


def test_tab_gives_the_common_part_first(line):
    tab = TabCompletion(line)
    assert tab.next("sort re") == "sort reference "
    line = CommandLine([LineCommand("snapshot", ""), LineCommand("snapshots", "")])
    assert TabCompletion(line).next("sn") == "snapshot"


def test_tab_cycles_through_candidates_when_nothing_more_is_common(line):
    tab = TabCompletion(line)
    assert tab.next("re") == "reboot"
    assert tab.next("reboot") == "refresh"
    assert tab.next("refresh") == "reboot"
    assert tab.next("sort ") == "sort state"
    assert tab.next("sort state") == "sort id"
    assert tab.next("sort id") == "sort reference"
    assert tab.offered == [f"sort {c}" for c in COLUMNS]
    assert tab.next("sort x") == "sort x"  # no candidate: unchanged


def test_history_is_persisted_private_bounded_and_without_duplicates(tmp_path):
    path = tmp_path / "state" / "command-history"
    history = CommandHistory(path, kept=3)
    for entry in ("vps web", "reboot", "vps web", "ip 10.0.0.1", "tab ips", "", "bad\x1bline"):
        assert history.add(entry) is None
    assert history.lines == ["vps web", "ip 10.0.0.1", "tab ips"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again = CommandHistory(path, kept=3)
    assert again.lines == history.lines
    assert again.previous("typing") == "tab ips"
    assert again.previous("tab ips") == "ip 10.0.0.1"
    assert again.previous("") == "vps web"
    assert again.previous("") == "vps web"  # the oldest stays
    assert again.next() == "ip 10.0.0.1"
    assert again.next() == "tab ips"
    assert again.next() == "typing"  # back to what was being typed


def test_an_unwritable_history_is_reported_not_raised(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    history = CommandHistory(blocker / "command-history")
    assert history.lines == []
    error = history.add("reboot")
    assert error is not None and error.startswith("Could not save the command history:")
    assert history.lines == ["reboot"]


def _row(vps_id: str, *ips: str) -> FleetRow:
    return FleetRow(vps_id, "RUNNING", "", ips[0], False, "", "", "", "", "", ips)


def test_the_owners_of_an_ip_are_found_in_every_account_as_addresses():
    fleets = {
        "prod": {"1": _row("1", "10.0.0.1", "2001:db8::1"), "2": _row("2", "10.0.0.2")},
        "lab": {"1": _row("1", "10.0.0.9"), "7": _row("7", "10.0.0.1")},
    }
    found = owners_of_ip(fleets, "10.0.0.1")
    assert [(account, row.vps_id) for account, row in found] == [("prod", "1"), ("lab", "7")]
    assert [row.vps_id for _, row in owners_of_ip(fleets, "2001:DB8:0::1")] == ["1"]
    assert owners_of_ip(fleets, "10.0.0.3") == []
