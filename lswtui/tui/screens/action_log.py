"""The action log screen: every mutating action of this machine, newest first, exportable."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Static

from lswtui.core.audit_report import COLUMNS, entry_cells, export_report
from lswtui.core.session import Session
from lswtui.tui.session_host import session_of
from lswtui.tui.widgets.footer import Footer

OUTCOME_STYLES = {
    "failed": "bold",
    "unknown": "bold reverse",
    "sent": "bold reverse",
    "refused": "dim",
}


class ActionLogScreen(Screen[None]):
    """Reads the audit log (``AuditLog``) when shown and on ``r``; ``e`` writes a report."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,a", "app.pop_screen", "Back"),
        Binding("r", "reload", "Reload"),
        Binding("e", "export", "Export report"),
    ]
    DEFAULT_CSS = """
    ActionLogScreen > #log-title { height: auto; padding: 0 1; background: $panel; }
    ActionLogScreen > DataTable { height: 1fr; }
    """

    @property
    def session(self) -> Session:
        return session_of(self)

    def compose(self) -> ComposeResult:
        yield Static(id="log-title")
        table: DataTable[Text] = DataTable(cursor_type="row", zebra_stripes=True, id="log")
        table.add_columns(*COLUMNS)
        yield table
        yield Footer()

    def on_mount(self) -> None:
        self.action_reload()
        self.query_one(DataTable).focus()

    def action_reload(self) -> None:
        entries = list(reversed(self.session.audit.read()))
        self.query_one("#log-title", Static).update(
            Text(f"Action log: {len(entries)} actions, newest first ({self.session.audit.path})")
        )
        table = self.query_one(DataTable)
        table.clear()
        for entry in entries:
            style = OUTCOME_STYLES.get(entry.outcome, "")
            table.add_row(
                *(
                    Text(cell, style=style if column == "Outcome" else "")
                    for column, cell in zip(COLUMNS, entry_cells(entry), strict=True)
                )
            )
        if not entries:
            table.add_row(Text("No actions yet.", style="italic"), *[Text("")] * (len(COLUMNS) - 1))

    def action_export(self) -> None:
        log = self.session.audit
        entries = list(reversed(log.read()))
        try:
            markdown, data = export_report(
                entries, source=log.path, exported_at=self.session.clock.now()
            )
        except OSError as exc:
            self.notify(f"Could not export the action log: {exc}", severity="error", markup=False)
            return
        self.notify(
            f"Exported {len(entries)} actions to\n{markdown}\n{data}",
            title="Action log",
            markup=False,
            timeout=15,
        )
