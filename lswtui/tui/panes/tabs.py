"""The detail tabs of the selected VPS: one pane per tab, each loading into the detail cache."""

from __future__ import annotations

from typing import cast

from textual.app import ComposeResult
from textual.widgets import ContentSwitcher, Static, TabbedContent, TabPane

from lswtui.tui.panes.base import DetailPane
from lswtui.tui.panes.credentials import CredentialsPane
from lswtui.tui.panes.ips import IpsPane
from lswtui.tui.panes.iso import IsoPane
from lswtui.tui.panes.overview import OverviewPane
from lswtui.tui.panes.snapshots import SnapshotsPane
from lswtui.tui.panes.traffic import TrafficPane
from lswtui.tui.tab_names import TABS

PANES: dict[str, type[DetailPane]] = {
    "overview": OverviewPane,
    "ips": IpsPane,
    "credentials": CredentialsPane,
    "snapshots": SnapshotsPane,
    "iso": IsoPane,
    "traffic": TrafficPane,
}
#: Keys that act on one tab only, and that tab.
TAB_ACTIONS = {
    "reveal_password": "credentials",
    "copy_password": "credentials",
    "traffic_range": "traffic",
}


class DetailTabs(TabbedContent):
    DEFAULT_CSS = """
    DetailTabs > #details-empty { padding: 1 2; text-style: italic; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(initial="overview", id=id)
        for tab, label in TABS:
            self.compose_add_child(TabPane(label, PANES[tab](id=f"pane-{tab}"), id=tab))

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield Static("", id="details-empty", markup=False)

    def on_mount(self) -> None:
        self.query_one("#details-empty").display = False

    def pane(self, tab: str) -> DetailPane:
        return self.query_one(f"#pane-{tab}", DetailPane)

    def show_vps(
        self, vps_id: str | None, *, force: bool = False, empty: str | None = None
    ) -> None:
        """Show ``vps_id`` in the open tab (the others load when opened); with no VPS, say
        why (``empty``) instead of the details of one no longer listed."""
        note = self.query_one("#details-empty", Static)
        note.update(empty or "")
        note.display = vps_id is None and empty is not None
        self.get_child_by_type(ContentSwitcher).display = not note.display
        self.pane(self.active).show_vps(vps_id, force=force)

    @property
    def credentials(self) -> CredentialsPane:
        return cast(CredentialsPane, self.pane("credentials"))

    @property
    def traffic(self) -> TrafficPane:
        return cast(TrafficPane, self.pane("traffic"))
