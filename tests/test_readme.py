"""README.md stays true: CI runs its test command, and its key tables match the command
registry (which makes the app's bindings) and the dialogs' bindings."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

from textual.binding import Binding
from textual.dom import DOMNode

import lswtui.tui.dialogs
from lswtui.core.audit import OUTCOMES
from lswtui.tui.app import LswApp
from lswtui.tui.command_registry import COMMANDS_BY_ID
from lswtui.tui.widgets.fleet_table import FleetTable

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
DEMO_COMMAND = "pip install . && lswtui --demo"
# How the README writes a key -> Textual's key name.
KEY_NAMES = {
    "?": "question_mark",
    "/": "slash",
    "esc": "escape",
    "↑": "up",
    "↓": "down",
    "PgUp": "pageup",
    "PgDn": "pagedown",
    "Home": "home",
    "End": "end",
    "F1": "f1",
    "F2": "f2",
    ":": "colon",
    "[": "left_square_bracket",
    "]": "right_square_bracket",
    "+": "plus",
    "-": "minus",
    "shift+↑": "shift+up",
    "shift+↓": "shift+down",
}


def code_block_after(label: str) -> str:
    match = re.search(re.escape(label) + r"\s*```sh\n(.+?)\n```", README, re.S)
    assert match, f"README has no sh block after {label!r}"
    return match.group(1).strip()


def section(heading: str) -> str:
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", README, re.S | re.M)
    assert match, f"README has no '## {heading}' section"
    return match.group(1)


def cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def documented_keys() -> set[str]:
    """Every key in a "Key" column of the tables in the README's Keys section."""
    keys: set[str] = set()
    lines = section("Keys").splitlines()
    key_columns: list[int] = []
    for line in lines:
        if not line.startswith("|"):
            key_columns = []
            continue
        row = cells(line)
        if not key_columns:
            key_columns = [i for i, heading in enumerate(row) if heading == "Key"]
            continue
        for i in key_columns:
            cell = row[i]
            span = re.fullmatch(r"`(\d)`–`(\d)`", cell)
            if span:
                keys |= {str(n) for n in range(int(span[1]), int(span[2]) + 1)}
            else:
                keys |= {KEY_NAMES.get(token, token) for token in re.findall(r"`([^`]+)`", cell)}
    return keys


def binding_keys(*classes: type) -> set[str]:
    keys: set[str] = set()
    for cls in classes:
        for binding in cls.BINDINGS:
            key = binding.key if isinstance(binding, Binding) else binding[0]
            keys |= {k.strip() for k in key.split(",")}
    return keys


def dialog_classes() -> list[type]:
    found = []
    for info in pkgutil.iter_modules(lswtui.tui.dialogs.__path__):
        module = importlib.import_module(f"lswtui.tui.dialogs.{info.name}")
        found += [
            value
            for value in vars(module).values()
            if isinstance(value, type)
            and issubclass(value, DOMNode)
            and value.__module__ == module.__name__
            and "BINDINGS"
            in vars(value)  # its own keys, not those a field inherits from Textual's Input
        ]
    return found


MAIN_KEYS = (
    {key.strip() for command in COMMANDS_BY_ID.values() for key in command.keys.split(",")}
    | binding_keys(FleetTable)
    | {LswApp.COMMAND_PALETTE_BINDING}
)
DIALOG_KEYS = binding_keys(*dialog_classes())


def test_the_two_set_up_commands_are_there():
    assert code_block_after("Run the demo:") == DEMO_COMMAND
    assert code_block_after("Run the tests:").startswith("pip install -q -e '.[test]' && ")


def test_ci_runs_the_readme_test_command_exactly():
    command = code_block_after("Run the tests:")
    ci_lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    assert command in ci_lines


def test_every_documented_key_exists_in_the_app():
    documented = documented_keys()
    assert {
        "slash",
        "question_mark",
        "1",
        "6",
        "S",
        "y",
        "escape",
    } <= documented  # the parser works
    assert documented - (MAIN_KEYS | DIALOG_KEYS) == set()


def test_every_key_of_the_main_screen_and_the_dialogs_is_documented():
    assert (MAIN_KEYS | DIALOG_KEYS) - documented_keys() == set()


def test_the_action_log_outcomes_are_the_ones_the_log_writes():
    paragraph = re.search(r"\*\*The action log\.\*\*(.+?)\n\n", README, re.S)
    assert paragraph, "README has no action log paragraph"
    named = set(re.findall(r"`(\w+)`", paragraph.group(1)))
    assert set(OUTCOMES) <= named, (
        f"README's action log does not name {sorted(set(OUTCOMES) - named)}"
    )


def test_every_binding_id_is_in_the_keymap_section() -> None:
    from lswtui.tui.command_registry import COMMANDS_BY_ID

    section = README[README.index("**Your own keys.**") : README.index("## The simulator")]
    missing = [command_id for command_id in COMMANDS_BY_ID if f"`{command_id}`" not in section]
    assert not missing, f"README's keymap section does not name: {missing}"
