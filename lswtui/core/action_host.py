"""What the action runner and the flows need of the front end they act from.

A protocol, so that the core never imports a UI: the TUI's main screen implements it (dialogs
as modal screens, notices as toasts), a test or a headless front end implements it otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any, Protocol

from lswtui.api.models import Credential, IpDetails, Snapshot
from lswtui.core.dialogs import Dialogs
from lswtui.core.failures import Severity
from lswtui.core.fleet import FleetRow


@dataclass(frozen=True)
class Selection:
    """What the user has selected in a detail view of one VPS (at most one of them)."""

    ip: IpDetails | None = None
    snapshot: Snapshot | None = None
    credential: Credential | None = None


class ActionHost(Protocol):
    @property
    def dialogs(self) -> Dialogs: ...

    @property
    def selected(self) -> FleetRow | None:
        """The VPS the user has selected, if any."""

    @property
    def no_selection_reason(self) -> str:
        """What to tell the user when an action finds no VPS selected."""
        ...

    def selection(self, vps_id: str) -> Selection:
        """The IP, snapshot or credential selected in the view showing ``vps_id``, if any."""

    def tell(
        self,
        message: str,
        *,
        title: str = "",
        severity: Severity = "information",
        timeout: float | None = None,
    ) -> None:
        """Show a notice; ``message`` is plain text (API strings included), never markup."""

    def show_tab(self, tab: str) -> None: ...

    def mark_pending(self, vps_id: str, pending: bool) -> None:
        """Show (or stop showing) that an action on the VPS is on its way."""

    def after_action(self) -> None:
        """An action changed something: refresh so its effect shows."""

    def refresh_bindings(self) -> None:
        """Which actions are available may have changed."""

    def run_action_worker(self, work: Callable[[], Coroutine[Any, Any, None]]) -> None:
        """Run ``work`` in the background, ended with the front end."""
