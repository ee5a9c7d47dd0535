"""The help screen: every key, generated from the bindings so it cannot drift.

The rows come from the command registry, the widgets' and the dialogs' ``BINDINGS`` (a key
added to any of them appears here by itself); ``LABELS`` only words a terse description more
fully, keyed by the action it runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.keys import format_key
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Static, Tabs

from lswtui.core.actions import ACTIONS
from lswtui.core.flows import CONFIRMATIONS
from lswtui.tui.command_registry import (
    APP_COMMANDS,
    COMMANDS_BY_ID,
    FLEET_COMMANDS,
    PALETTE_COMMANDS,
    Command,
    action_command_id,
    keys_of,
)
from lswtui.tui.dialogs.base import (
    KEY_GUARD_SECONDS,
    DialogScreen,
    DialogSelect,
    declared_bindings,
    dialog_classes,
)
from lswtui.tui.dialogs.picker import ChoiceList, FilterList
from lswtui.tui.panes.tabs import TAB_ACTIONS
from lswtui.tui.tab_names import TABS
from lswtui.tui.widgets.fleet_table import FleetTable

FILTER_HELP = (
    "Filter syntax: words match id, reference, any IP, region, datacenter, state, pack or image;\n"
    "field:value narrows (state: region: dc: ip: ref: id: pack: image:); watch: keeps the\n"
    "watched VPSes; !word excludes."
)
MARKS_HELP = (
    "Row marks: Δ changed, + new (kept until the cursor passes over the row, or m), ✗ gone,\n"
    "⟳ action in flight, ★ watched (its changes ring the bell). The line under the status bar\n"
    "counts the VPSes per state; a number that moved since the last refresh shows ▲/▼."
)
#: Fuller wording of terse binding descriptions, by the action they run.
LABELS = {
    "help": "This screen",
    "cursor(-1)": "Previous VPS",
    "cursor(1)": "Next VPS",
    "page(-1)": "A page up",
    "page(1)": "A page down",
    "edge(0)": "First VPS",
    "edge(1)": "Last VPS",
    "reveal_password": "Reveal the selected credential's password (again: hide it)",
    "copy_password": "Copy the selected credential's password to the clipboard",
    "traffic_range": "Traffic over the last 7, 30 or 90 days",
    "app.focus_next": "Focus the next part: the VPS list, the tab bar, the detail table",
    "app.focus_previous": "Focus the previous part",
    "previous_tab": "On the tab bar: the previous / next tab",
    "cursor_up": "In a detail table: choose the row (IP, credential, …) its actions act on",
    "cursor_left": "In a wide detail table: scroll sideways (or shift + mouse wheel)",
}
#: How the help names what each kind of confirmation asks for.
#: Widgets inside dialogs whose keys the help lists, and where they are.
DIALOG_WIDGETS: tuple[tuple[type[Any], str], ...] = (
    (FilterList, "lists"),
    (ChoiceList, "lists"),
    (DialogSelect, "drop-downs"),
)

Row = tuple[str, str] | tuple[str, str, str]


def binding_table(title: str, rows: Sequence[Row], *, where: str | None = None) -> Table:
    """A section of (keys, what they do[, where]) rows; keys are Textual key names."""
    table = Table(title=title, title_justify="left", title_style="bold", box=None, padding=(0, 2))
    table.add_column("Key", style="bold", no_wrap=True)
    table.add_column("Action", ratio=3)
    if where is not None:
        table.add_column(where, ratio=2)
    for keys, *texts in rows:
        table.add_row(keys_label(keys), *(Text(text) for text in texts))
    return table


def keys_label(keys: str) -> str:
    """``up,k`` -> ``↑ / k`` (Textual's own key names: ⏎, esc, ?, ctrl+p); ``1,2,3`` -> ``1–3``."""
    names = [format_key(key.strip()) for key in keys.split(",")]
    digits = [int(name) for name in names if len(name) == 1 and name.isdigit()]
    if len(names) > 2 and digits and digits == list(range(digits[0], digits[0] + len(names))):
        return f"{names[0]}–{names[-1]}"
    return " / ".join(names)


def label(binding: Binding) -> str:
    return LABELS.get(binding.action, binding.description)


def paired(bindings: Iterable[Binding], *actions: str) -> Row:
    """One row for the keys of ``actions`` (e.g. ← and →), in that order."""
    chosen = sorted(
        (b for b in bindings if b.action in actions), key=lambda b: actions.index(b.action)
    )
    text = next((LABELS[b.action] for b in chosen if b.action in LABELS), chosen[0].description)
    return (",".join(b.key for b in chosen), text)


def by_action(bindings: Iterable[Binding]) -> list[Row]:
    """One row per action, with all its keys (``↑ / k``)."""
    keys: dict[str, list[Binding]] = {}
    for binding in bindings:
        keys.setdefault(binding.action, []).append(binding)
    return [(",".join(b.key for b in same), label(same[0])) for same in keys.values()]


def dialog_rows() -> list[Row]:
    """(keys, action, dialogs) for every key of every dialog; a shared key lists its dialogs."""
    where: dict[tuple[str, str], list[str]] = {}
    common = declared_bindings(DialogScreen)
    for binding in [b for b in common if b.action == "cancel"]:
        where.setdefault((binding.key, binding.description), []).append("every dialog")
    where[paired(common, "app.focus_next", "app.focus_previous")[0], "Next / previous field"] = [
        "forms"
    ]
    for cls in dialog_classes():
        for binding in declared_bindings(cls, below=DialogScreen):
            where.setdefault((binding.key, binding.description), []).append(cls.HELP_TITLE)
    for widget, place in DIALOG_WIDGETS:
        for binding in Binding.make_bindings(widget.BINDINGS):
            if binding.show:
                places = where.setdefault((binding.key, binding.description), [])
                places.extend([] if place in places else [place])
    merged: dict[tuple[str, str], list[str]] = {}
    for (key, text), places in where.items():  # ↑ and ↓ of one list: one row
        keys = next((k for (k, t), p in merged.items() if t == text and p == places), None)
        if keys is None:
            merged[key, text] = places
        else:
            merged[f"{keys},{key}", text] = merged.pop((keys, text))
    return [(keys, text, "; ".join(places)) for (keys, text), places in merged.items()]


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,f1,q", "dismiss", "Close")
    ]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90%; max-width: 110; height: 90%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    HelpScreen Static { margin-bottom: 1; }
    """

    def __init__(self, keymap: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self.keymap = keymap or {}

    def _keys(self, command: Command) -> str:
        return keys_of(command, self.keymap)

    def _row(self, command: Command) -> Row:
        text = f"{command.title}: {command.help}" if command.title else command.label
        return (self._keys(command), LABELS.get(command.action, text))

    def main_rows(self) -> list[Row]:
        """The main screen's commands but the tab-specific ones; the six tab keys in one row."""
        tabs = [c for c in FLEET_COMMANDS if c.id.startswith("fleet.tab.")]
        rows = [
            self._row(c) for c in FLEET_COMMANDS if c not in tabs and c.action not in TAB_ACTIONS
        ]
        names = ", ".join(name for _, name in TABS)
        rows.append((",".join(self._keys(c) for c in tabs), f"Show a detail tab: {names}"))
        rows += [("ctrl+p", f"{c.title}: {c.help} (palette)") for c in PALETTE_COMMANDS]
        return rows

    def tab_rows(self) -> list[Row]:
        names = dict(TABS)
        return [
            (*self._row(c), f"{names[TAB_ACTIONS[c.action]]} tab")
            for c in FLEET_COMMANDS
            if c.action in TAB_ACTIONS
        ]

    def moving_rows(self) -> list[Row]:
        screen, tabs, table = (declared_bindings(cls) for cls in (Screen, Tabs, DataTable))
        return [
            paired(screen, "app.focus_next"),
            paired(screen, "app.focus_previous"),
            *by_action(Binding.make_bindings(FleetTable.BINDINGS)),
            paired(tabs, "previous_tab", "next_tab"),
            paired(table, "cursor_up", "cursor_down"),
            paired(table, "cursor_left", "cursor_right"),
        ]

    def action_rows(self) -> list[Row]:
        rows: list[Row] = []
        for action in ACTIONS:
            keys = (
                self._keys(COMMANDS_BY_ID[action_command_id(action.id)]) if action.key else "ctrl+p"
            )
            where = "in the palette only" if not action.key else ""
            guard = CONFIRMATIONS[action.flow.ASKS]
            rows.append(
                (keys, f"{action.title}: {action.help}", ", ".join(filter(None, (guard, where))))
            )
        return rows

    def compose(self) -> ComposeResult:
        palette = ("ctrl+p", "Command palette: every command; Go to VPS by id, reference or IP")
        sections = [
            binding_table("Everywhere", [*(self._row(c) for c in APP_COMMANDS), palette]),
            binding_table("Main screen", self.main_rows()),
            binding_table("Keys of one tab", self.tab_rows(), where="Where"),
            binding_table("Moving around", self.moving_rows()),
            binding_table(
                "Actions on the selected VPS (confirmed before anything is sent)",
                self.action_rows(),
                where="Confirmation",
            ),
            binding_table(
                "In dialogs: Enter submits a form from any field; y/n dialogs take only y or n",
                dialog_rows(),
                where="In",
            ),
        ]
        with VerticalScroll():
            yield Static(Text("lswtui keys", style="bold"))
            for section in sections:
                yield Static(section)
            yield Static(
                Text(
                    f"Keys pressed in the first {KEY_GUARD_SECONDS:g} s after a dialog opens are "
                    "ignored, so a key meant for the list cannot answer it.",
                    style="italic",
                )
            )
            yield Static(Text(FILTER_HELP, style="italic"))
            yield Static(Text(MARKS_HELP, style="italic"))
            yield Static(Text("esc closes this screen; ↑/↓ scroll it.", style="dim"))
