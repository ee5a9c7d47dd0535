"""The help screen: every key, generated from the bindings so it cannot drift."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from lswtui.core.actions import ACTIONS
from lswtui.tui.command_registry import (
    APP_COMMANDS,
    COMMANDS_BY_ID,
    FLEET_COMMANDS,
    PALETTE_COMMANDS,
    Command,
    action_command_id,
    key_label,
    keys_of,
)
from lswtui.tui.widgets.fleet_table import FleetTable

FILTER_HELP = (
    "Filter syntax: words match id, reference, any IP, region, datacenter, state, pack or image;\n"
    "field:value narrows (state: region: dc: ip: ref: id: pack: image:); !word excludes."
)


def binding_table(title: str, rows: list[tuple[str, str]]) -> Table:
    """A section of (keys, what they do) rows."""
    table = Table(title=title, title_justify="left", title_style="bold", box=None, padding=(0, 2))
    table.add_column("Key", style="bold", no_wrap=True)
    table.add_column("Action")
    for keys, description in rows:
        table.add_row(key_label(keys), Text(description))
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,f1,q", "dismiss", "Close")
    ]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90%; max-width: 100; height: 90%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    """

    def __init__(self, keymap: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self.keymap = keymap or {}

    def _rows(self, commands: Iterable[Command]) -> list[tuple[str, str]]:
        return [(keys_of(command, self.keymap), command.label) for command in commands]

    def compose(self) -> ComposeResult:
        actions = [
            (
                keys_of(COMMANDS_BY_ID[action_command_id(action.id)], self.keymap)
                if action.key
                else "ctrl+p",
                f"{action.title}: {action.help}" + ("" if action.key else " (palette)"),
            )
            for action in ACTIONS
        ]
        sections = [
            (
                "Global",
                [
                    *self._rows(APP_COMMANDS),
                    ("ctrl+p", "Command palette: every command, Go to VPS by id/reference/IP"),
                ],
            ),
            (
                "Main screen",
                [
                    *self._rows(FLEET_COMMANDS),
                    *(("ctrl+p", f"{c.label}: {c.help} (palette)") for c in PALETTE_COMMANDS),
                ],
            ),
            (
                "VPS list",
                [(b.key, b.description) for b in FleetTable.BINDINGS if isinstance(b, Binding)],
            ),
            ("Actions on the selected VPS (confirmed before anything is sent)", actions),
        ]
        with VerticalScroll():
            yield Static(Text("lswtui keys", style="bold"))
            for title, bindings in sections:
                yield Static(binding_table(title, bindings))
            yield Static(Text(FILTER_HELP, style="italic"))
            yield Static(Text("esc closes this screen.", style="dim"))
