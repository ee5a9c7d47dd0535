"""The Timeline screen: every change observed, every action sent from this machine with its
outcome, every API health change, newest first; filtered by kind and text, live, exportable
as an incident report."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, Static

from lswtui.core.audit_report import WINDOWS, Window, export_report, parse_since, since_error
from lswtui.core.timeline import KINDS, Timeline, TimelineEntry
from lswtui.tui.command_registry import APP_ACTIONS
from lswtui.tui.dialogs import PickerDialog, PromptDialog
from lswtui.tui.session_host import session_of, timeline_of
from lswtui.tui.textual_compat import OrderedInput
from lswtui.tui.widgets.footer import Footer
from lswtui.tui.widgets.timeline_table import TimelineTable

SINCE = "since"


class GoToVps(Message):
    """Select this VPS in the main list (``enter`` on a timeline entry)."""

    def __init__(self, account: str, vps_id: str) -> None:
        super().__init__()
        self.account = account
        self.vps_id = vps_id


class EntryRecorded(Message):
    def __init__(self, entry: TimelineEntry) -> None:
        super().__init__()
        self.entry = entry


class TimelineScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("q,a", "app.pop_screen", "Back", show=False),
        Binding("slash", "filter", "Filter"),
        Binding("t", "cycle_kind", "Kind"),
        Binding("e", "export", "Export report"),
    ]
    DEFAULT_CSS = """
    TimelineScreen > #timeline-title { height: auto; padding: 0 1; background: $panel; }
    TimelineScreen > #timeline-bar { height: auto; }
    TimelineScreen > #timeline-bar > Input { width: 1fr; }
    TimelineScreen > #timeline-bar > #timeline-kind { width: auto; padding: 1 1 0 1; }
    TimelineScreen > TimelineTable { height: 1fr; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.kind: str | None = None  # None: every kind
        self._words: list[str] = []

    @property
    def timeline(self) -> Timeline:
        return timeline_of(self)

    @property
    def table(self) -> TimelineTable:
        return self.query_one(TimelineTable)

    def compose(self) -> ComposeResult:
        yield Static(id="timeline-title", markup=False)
        with Horizontal(id="timeline-bar"):
            yield OrderedInput(
                placeholder="Filter: VPS id, reference, text (/)", id="timeline-filter"
            )
            yield Static(id="timeline-kind", markup=False)
        yield TimelineTable(self.timeline.max_entries, id="timeline")
        yield Footer(first=APP_ACTIONS, compact=True)

    def on_mount(self) -> None:
        self.timeline.subscribe(self._recorded)
        self._show()
        self.table.focus()

    def on_unmount(self) -> None:
        self.timeline.unsubscribe(self._recorded)

    def _recorded(self, entry: TimelineEntry) -> None:
        self.post_message(EntryRecorded(entry))

    def on_entry_recorded(self, message: EntryRecorded) -> None:
        self.table.add(message.entry)
        self._update_title()

    # -- filtering --------------------------------------------------------------------------

    def _matcher(self) -> Callable[[TimelineEntry], bool]:
        """The filter as one small function: it runs over every entry at each keystroke."""
        kind, words = self.kind, self._words
        if kind is None:
            return lambda entry: all(word in entry.search for word in words)
        return lambda entry: entry.kind == kind and all(word in entry.search for word in words)

    def _show(self) -> None:
        self.table.empty_text = (
            "Nothing matches the filter." if self.filtered else "Nothing recorded yet."
        )
        self.table.set_entries(self.timeline.oldest_first(), self._matcher())
        self.query_one("#timeline-kind", Static).update(f"Kind: {self.kind or 'all'} (t)")
        self._update_title()

    @property
    def filtered(self) -> bool:
        return self.kind is not None or bool(self._words)

    @property
    def scope(self) -> str:
        """What the filter keeps, in words ("" when it keeps everything)."""
        parts = [f"kind {self.kind}"] if self.kind else []
        if self._words:
            parts.append(f"matching {' '.join(self._words)!r}")
        return f"only entries of {' and '.join(parts)}" if parts else ""

    def _update_title(self) -> None:
        total, shown = len(self.timeline), self.table.row_count
        count = f"{shown} of {total}" if self.filtered else f"{total}"
        noun = "entry" if (shown if self.filtered else total) == 1 else "entries"
        self.query_one("#timeline-title", Static).update(
            Text(f"Timeline: {count} {noun}, newest first ({self.timeline.path})")
        )

    @on(Input.Changed, "#timeline-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._words = event.value.lower().split()
        self._show()

    @on(Input.Submitted, "#timeline-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        self.table.focus()

    def action_filter(self) -> None:
        self.query_one("#timeline-filter", Input).focus()

    def action_back(self) -> None:
        if isinstance(self.focused, Input):
            self.table.focus()
        else:
            self.app.pop_screen()

    def action_cycle_kind(self) -> None:
        kinds: list[str | None] = [None, *KINDS]
        self.kind = kinds[(kinds.index(self.kind) + 1) % len(kinds)]
        self._show()

    # -- going to the VPS -------------------------------------------------------------------

    @on(TimelineTable.Chosen)
    def _chosen(self, event: TimelineTable.Chosen) -> None:
        entry = event.entry
        if not entry.vps_id:
            self.notify("This entry is not about one VPS.", markup=False)
            return
        self.post_message(GoToVps(entry.account, entry.vps_id))

    # -- the incident report ----------------------------------------------------------------

    def action_export(self) -> None:
        items = [(window_id, label) for window_id, label, _ in WINDOWS]
        items.append((SINCE, "Since a time you type"))
        scope = self.scope
        description = (
            f"The report holds {scope} (the filter); clear it for every entry."
            if scope
            else "The report holds every entry of the window: changes, actions, API health."
        )
        self.app.push_screen(
            PickerDialog("Export an incident report", items, description=description),
            self._window_chosen,
        )

    def _window_chosen(self, choice: str | None) -> None:
        if choice is None:
            return
        now = session_of(self).clock.now()
        if choice != SINCE:
            _, label, length = next(w for w in WINDOWS if w[0] == choice)
            self._export(Window(now - length if length else None, now, label.lower(), self.scope))
            return

        def typed(text: str | None) -> None:
            since = parse_since(text, now) if text else None
            if since is not None and text is not None:
                self._export(Window(since, now, f"since {text}", self.scope))

        self.app.push_screen(
            PromptDialog(
                "Export an incident report",
                None,
                label="From (local time)",
                placeholder="14:05, or 2026-11-27 14:05",
                validator=since_error,
                submit_label="Export",
            ),
            typed,
        )

    def _export(self, window: Window) -> None:
        exported_at: datetime = session_of(self).clock.now()
        try:
            markdown, data, count = export_report(
                self.table.shown,
                window,
                directory=self.timeline.path.parent,
                exported_at=exported_at,
                name=self.timeline.report,
            )
        except OSError as exc:
            self.notify(f"Could not export the report: {exc}", severity="error", markup=False)
            return
        self.notify(
            f"Exported {count} {'entry' if count == 1 else 'entries'} ({window.label}) to\n"
            f"{markdown}\n{data}",
            title="Incident report",
            markup=False,
            timeout=15,
        )
