"""The help screen: every key, generated from the bindings so it cannot drift."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from lswtui.core.actions import ACTIONS
from lswtui.tui.widgets.fleet_table import FleetTable

FILTER_HELP = (
    "Filter syntax: words match id, reference, any IP, region, datacenter, state, pack or image;\n"
    "field:value narrows (state: region: dc: ip: ref: id: pack: image:); !word excludes."
)


def _key_label(binding: Binding) -> str:
    keys = [k.strip() for k in binding.key.split(",")]
    names = {"slash": "/", "question_mark": "?", "escape": "esc"}
    return " / ".join(binding.key_display or names.get(k, k) for k in keys)


def binding_table(title: str, bindings: list[Binding]) -> Table:
    table = Table(title=title, title_justify="left", title_style="bold", box=None, padding=(0, 2))
    table.add_column("Key", style="bold", no_wrap=True)
    table.add_column("Action")
    for binding in bindings:
        table.add_row(_key_label(binding), Text(binding.description))
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,question_mark,f1,q", "dismiss", "Close")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 90%; max-width: 100; height: 90%; border: thick $primary; background: $surface; padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        from lswtui.tui.screens.fleet import FleetScreen

        app_bindings = [b for b in self.app.BINDINGS if isinstance(b, Binding)]
        screen_bindings = [b for b in FleetScreen.BINDINGS if isinstance(b, Binding)]
        actions = [
            Binding(action.key or "ctrl+p", "", f"{action.title}: {action.help}" + ("" if action.key else " (palette)"))
            for action in ACTIONS
        ]
        sections = [
            ("Global", [*app_bindings, Binding("ctrl+p", "", "Command palette: every command, Go to VPS by id/reference/IP")]),
            ("Main screen", [b for b in screen_bindings if not b.action.startswith("vps_action")]),
            ("VPS list", [b for b in FleetTable.BINDINGS if isinstance(b, Binding)]),
            ("Actions on the selected VPS (confirmed before anything is sent)", actions),
        ]
        with VerticalScroll():
            yield Static(Text("lswtui keys", style="bold"))
            for title, bindings in sections:
                yield Static(binding_table(title, bindings))
            yield Static(Text(FILTER_HELP, style="italic"))
            yield Static(Text("esc closes this screen.", style="dim"))
