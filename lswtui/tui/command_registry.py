"""The one table of the app's commands: it makes the key bindings (each with an ``id``, the
name a user keymap uses), the command palette's entries and the help screen's rows.

A user keymap (``[keymap]`` in the config file: binding id = keys) replaces a command's keys
everywhere: bindings through Textual's ``App.set_keymap``, and the palette and help text here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from textual.binding import Binding

from lswtui.core.actions import ACTIONS
from lswtui.core.filtering import KEYS as FILTER_KEYS
from lswtui.tui.tab_names import TABS

# Footer labels of the actions shown there (the rest are in the help screen and the palette);
# short, so that the footer fits 80 columns.
FOOTER_ACTIONS = {"start": "Start", "stop": "Stop", "reboot": "Reboot"}
KEY_NAMES = {
    "slash": "/",
    "question_mark": "?",
    "escape": "esc",
    "colon": ":",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "plus": "+",
    "minus": "-",
}


@dataclass(frozen=True)
class Command:
    id: str  # the binding id
    keys: str  # Textual key names, comma-separated
    action: str  # the Textual action the key runs
    label: str  # in the footer and the help screen
    show: bool = False  # in the footer
    title: str | None = None  # in the palette (None: not there)
    help: str = ""  # the palette's line under the title
    action_id: str = ""  # of a VPS action: its id in lswtui.core.actions

    def binding(self) -> Binding:
        return Binding(self.keys, self.action, self.label, show=self.show, id=self.id)


def action_command_id(action_id: str) -> str:
    return f"vps.{action_id}"


APP_COMMANDS = (
    Command(
        "app.help", "question_mark,f1", "help", "Help", show=True, title="Help", help="Every key"
    ),
    Command("app.quit", "q", "quit", "Quit", show=True),
)
#: The app's actions, whose keys a footer shows first, in this order.
APP_ACTIONS = tuple(command.action for command in APP_COMMANDS)
FLEET_COMMANDS = (
    Command(
        "fleet.filter",
        "slash",
        "filter",
        "Filter",
        show=True,
        title="Filter the list",
        help=f"Words, {', '.join(key + ':' for key in FILTER_KEYS)}, !word to leave out",
    ),
    Command(
        "fleet.clear_marks",
        "escape",
        "clear_marks",
        "Clear the marks (when VPSes are marked)",
        title="Clear the marks",
        help="Unmark every VPS",
    ),
    Command(
        "fleet.clear_filter",
        "escape",
        "clear_filter",
        "Back to the list / clear filter",
        title="Clear the filter",
        help="Show every VPS",
    ),
    Command(
        "fleet.refresh",
        "r",
        "refresh",
        "Refresh",
        show=True,
        title="Refresh now",
        help="Reload the VPS list and the open tab",
    ),
    Command(
        "fleet.pause",
        "p",
        "toggle_pause",
        "Pause",
        show=True,
        title="Pause / resume auto-refresh",
        help="Freeze the view",
    ),
    Command(
        "fleet.next_account",
        "A",
        "next_account",
        "Next account",
        title="Narrow to the next account",
        help="With several accounts: one account, the next, then all again",
    ),
    Command(
        "fleet.watch",
        "w",
        "toggle_watch",
        "Watch / unwatch the VPS",
        title="Watch VPS",
        help="Toggle: a change on it rings the bell and notifies (watch: filters them)",
    ),
    Command(
        "fleet.mark_seen",
        "m",
        "mark_seen",
        "Mark all changes seen",
        title="Mark all changes seen",
        help="Clear the Δ and + marks of changed and new VPSes",
    ),
    Command(
        "fleet.cycle_sort",
        "o",
        "cycle_sort",
        "Sort",
        title="Sort by the next column",
        help="Through the columns shown",
    ),
    Command(
        "fleet.reverse_sort",
        "i",
        "reverse_sort",
        "Invert sort",
        title="Invert the sort",
        help="Ascending / descending",
    ),
    *(
        Command(
            f"fleet.tab.{tab}",
            str(n),
            f"show_tab('{tab}')",
            f"{label} tab",
            title=f"Show {label} tab",
            help=f"Details of the selected VPS: {label}",
        )
        for n, (tab, label) in enumerate(TABS, start=1)
    ),
    Command(
        "fleet.copy_id",
        "y",
        "copy_id",
        "Copy ID",
        title="Copy VPS id",
        help="To the clipboard over OSC 52",
    ),
    Command(
        "fleet.copy_ip",
        "Y",
        "copy_ip",
        "Copy main IP",
        title="Copy main IP",
        help="To the clipboard over OSC 52",
    ),
    Command("fleet.reveal_password", "v", "reveal_password", "Reveal password", show=True),
    Command("fleet.copy_password", "c", "copy_password", "Copy password", show=True),
    Command("fleet.traffic_range", "d", "traffic_range", "Range 7/30/90", show=True),
    Command(
        "fleet.ssh",
        "s",
        "ssh",
        "SSH to VPS",
        title="SSH to VPS",
        help="Hand the terminal to ssh_command (default ssh root@{ip}); back after",
    ),
    Command(
        "fleet.action_log",  # the id of the screen the Timeline replaced: keymaps keep working
        "a",
        "app.timeline",
        "Timeline",
        title="Timeline",
        help="Changes seen, actions sent and API health, newest first; e exports a report",
    ),
    Command(
        "fleet.command_line",
        "colon",
        "command_line",
        "Command line: :ip, :vps, :sort, :tab, any command by name (Tab completes)",
        title="Command line",
        help="Type a command: :ip ADDR, :vps TEXT, :sort COLUMN, :tab NAME, any command's name",
    ),
    Command(
        "fleet.mark",
        "space",
        "toggle_mark",
        "Mark / unmark the VPS: power actions and snapshot create then act on the marked",
        title="Mark / unmark the VPS",
        help="Power actions and snapshot create then apply to every marked VPS",
    ),
    Command(
        "fleet.mark_all",
        "ctrl+a",
        "mark_all",
        "Mark every VPS the filter shows",
        title="Mark every VPS shown",
        help="Every VPS the filter shows",
    ),
    Command(
        "fleet.columns",
        "f2",
        "choose_columns",
        "Choose the list's columns and their order",
        title="Choose columns",
        help="Which columns the list shows, in which order (remembered)",
    ),
    Command(
        "fleet.previous_tab",
        "left_square_bracket",
        "cycle_tab(-1)",
        "Previous detail tab",
        title="Previous tab",
        help="The detail tab on the left",
    ),
    Command(
        "fleet.next_tab",
        "right_square_bracket",
        "cycle_tab(1)",
        "Next detail tab",
        title="Next tab",
        help="The detail tab on the right",
    ),
    Command("fleet.focus_list", "h", "focus_list", "Keys to the VPS list"),
    Command("fleet.focus_details", "l", "focus_details", "Keys to the details (the tab's table)"),
    Command(
        "fleet.wider_list",
        "plus",
        "split(1)",
        "Wider list (remembered)",
        title="Wider list",
        help="Give the VPS list more of the width (remembered)",
    ),
    Command(
        "fleet.narrower_list",
        "minus",
        "split(-1)",
        "Narrower list (remembered)",
        title="Narrower list",
        help="Give the details more of the width (remembered)",
    ),
)
#: Commands of the main screen offered in the palette only: no key, so no binding id.
PALETTE_COMMANDS = (
    Command(
        "",
        "",
        "probe",
        "Probe VPS",
        title="Probe VPS",
        help="Connect to the main IP's probe_ports until they answer: up how long after RUNNING",
    ),
    Command(
        "",
        "",
        "copy_curl",
        "Copy as curl",
        title="Copy as curl",
        help="The open tab's read or an action's request as a curl command; nothing is sent",
    ),
)
ACTION_COMMANDS = tuple(
    Command(
        action_command_id(action.id),
        action.key,
        f"vps_action('{action.id}')",
        FOOTER_ACTIONS.get(action.id, action.title),
        show=action.id in FOOTER_ACTIONS,
        action_id=action.id,
    )
    for action in ACTIONS
    if action.key
)
COMMANDS_BY_ID = {
    command.id: command for command in (*APP_COMMANDS, *FLEET_COMMANDS, *ACTION_COMMANDS)
}


def keys_of(command: Command, keymap: Mapping[str, str]) -> str:
    return keymap.get(command.id, command.keys)


def action_keys(keymap: Mapping[str, str]) -> dict[str, str]:
    """Each key of a VPS action, as typed (the user's keymap applied) -> the action's id."""
    return {
        key.strip(): command.action_id
        for command in ACTION_COMMANDS
        for key in keys_of(command, keymap).split(",")
    }


def key_label(keys: str) -> str:
    """``question_mark,f1`` -> ``? / f1``."""
    return " / ".join(KEY_NAMES.get(k.strip(), k.strip()) for k in keys.split(","))


def binding_key_label(binding_id: str, keymap: Mapping[str, str]) -> str:
    """The key of the command ``binding_id`` (``vps.create_snapshot``) under ``keymap``, as
    shown (``N``)."""
    return key_label(keys_of(COMMANDS_BY_ID[binding_id], keymap))


def palette_entries(
    commands: tuple[Command, ...], keymap: Mapping[str, str]
) -> Iterator[tuple[Command, str]]:
    """(command, help line with its keys) for each command in the palette."""
    for command in commands:
        if command.title is not None:
            keys = keys_of(command, keymap)
            yield command, f"{command.help} ({key_label(keys)})" if keys else command.help


def unknown_ids(keymap: Mapping[str, str]) -> list[str]:
    return sorted(set(keymap) - set(COMMANDS_BY_ID))


def keymap_conflicts(keymap: Mapping[str, str], taken: Mapping[str, str]) -> list[str]:
    """What would keep a key of the user's keymap from working: a key it gives to a command
    that another command has too, or a key that ``taken`` (key -> whose, e.g. the list's own
    page keys) answers first. Keys shared by default (esc) are the commands' own business."""
    owners: dict[str, list[str]] = {}
    for command in COMMANDS_BY_ID.values():
        for key in keys_of(command, keymap).split(","):
            owners.setdefault(key.strip(), []).append(command.id)
    problems: dict[tuple[str, ...], str] = {}
    for binding_id, keys in keymap.items():
        if binding_id not in COMMANDS_BY_ID:
            continue  # unknown_ids says so
        for key in (k.strip() for k in keys.split(",")):
            sharing = tuple(sorted(owners[key]))  # it has this key now, the keymap applied
            if len(sharing) > 1:
                problems[(key, *sharing)] = f"{key_label(key)} is given to {' and '.join(sharing)}"
            elif key in taken:
                problems[(key, binding_id)] = (
                    f"{key_label(key)} of {binding_id} is {taken[key]}, which takes it first"
                )
    return list(problems.values())
