"""The main screen's incident kit: ssh to the selected VPS, probe it, copy a request as curl.

Rescue boot and leave rescue are actions (the runner runs them); these three send no write.
The kit reaches the screen only through the runner's host (selection, toasts, dialogs,
workers) and two callables for the open tab and the Traffic tab's range.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Protocol, cast

from textual.app import App
from textual.dom import DOMNode

from lswtui.api import ApiError
from lswtui.config import DEFAULT_PROBE_PORTS, DEFAULT_SSH_COMMAND
from lswtui.core.actions import ACTIONS, ACTIONS_BY_ID
from lswtui.core.curl import NothingRequested, action_request, as_curl, tab_read
from lswtui.core.dialogs import ActionTarget, PickerItem
from lswtui.core.events import ProbeResult
from lswtui.core.failures import api_error_notice
from lswtui.core.fleet import FleetRow
from lswtui.core.probe import Connect, ProbeLimits, tcp_connect
from lswtui.core.runner import ActionRunner
from lswtui.core.session import Session
from lswtui.core.ssh import SshCommandError, SshTarget, child_environment, ssh_argv
from lswtui.core.steps import SteppedFlow
from lswtui.tui.dialogs.curl import CurlDialog
from lswtui.tui.probe_host import ProbeHost
from lswtui.tui.ssh_session import run_handed_over
from lswtui.tui.tab_names import TABS

TAB_READ = "tab-read"  # the picker's id for "the open tab's read"


@dataclass(frozen=True)
class KitSettings:
    """The config's ``ssh_command``, ``probe_ports`` and ``probe_in_read_only``, and how a
    probe connects (the demo: to the simulated world)."""

    ssh_command: str = DEFAULT_SSH_COMMAND
    probe_ports: tuple[int, ...] = DEFAULT_PROBE_PORTS
    probe_in_read_only: bool = False
    probe_connect: Connect = tcp_connect
    probe_limits: ProbeLimits = field(default_factory=ProbeLimits)


class KitHost(ProbeHost, Protocol):
    """The app, as the kit needs it: each account's session, prober and settings."""

    @property
    def sessions(self) -> list[Session]: ...

    @property
    def kits(self) -> Mapping[str, KitSettings]: ...


def kit_host(node: DOMNode) -> KitHost:
    return cast(KitHost, node.app)


class IncidentKit:
    def __init__(
        self,
        app: App[object],
        runner: ActionRunner,
        *,
        active_tab: Callable[[], str],
        traffic_days: Callable[[], int],
    ) -> None:
        self.app = app
        self.runner = runner
        self.host = runner.host
        self.session = runner.session
        self.prober = kit_host(app).probers[self.session.account]
        self.ssh_command = kit_host(app).kits[self.session.account].ssh_command
        self._active_tab = active_tab
        self._traffic_days = traffic_days

    def _row(self) -> FleetRow | None:
        row = self.host.selected
        if row is None:
            self.host.tell(self.host.no_selection_reason, severity="warning")
        return row

    # -- ssh --------------------------------------------------------------------------------

    def ssh(self) -> None:
        """Hand the terminal to the ssh command for the selected VPS, then take it back."""
        row = self._row()
        if row is None:
            return
        if self.runner.in_flight:
            waiting = ", ".join(self.runner.in_flight)
            self.host.tell(
                f"Wait for the answer to {waiting}: ssh takes the terminal meanwhile.",
                severity="warning",
            )
            return
        try:
            argv = ssh_argv(self.ssh_command, SshTarget.from_row(row))
        except SshCommandError as exc:
            self.host.tell(f"SSH to VPS: {exc}.", severity="warning")
            return
        ended = run_handed_over(self.app, argv, child_environment(os.environ))
        if ended.message:
            self.host.tell(ended.message, title="SSH to VPS", severity=ended.severity)

    # -- probe ------------------------------------------------------------------------------

    def probe(self) -> None:
        """Probe the selected VPS's main IP in the background; the result is told."""
        row = self._row()
        if row is None:
            return
        reason = self.prober.refusal(row)
        if reason is not None:
            self.host.tell(f"Probe VPS: {reason}.", severity="warning")
            return
        ports = ", ".join(map(str, self.prober.ports))
        self.host.tell(f"Probing {row.main_ip} (port {ports}) of VPS {row.label}…")
        self.host.run_action_worker(partial(self._probe, row))

    async def _probe(self, row: FleetRow) -> None:
        await self.prober.probe(row)

    def tell_probe_result(self, event: ProbeResult) -> None:
        """A probe of any account ended: say how it went."""
        sessions = {session.account: session for session in kit_host(self.app).sessions}
        if (session := sessions.get(event.account)) is not None:
            row = session.fleet.get(event.vps_id)
            label = row.label if row else event.vps_id
            self.host.tell(
                f"VPS {label} ({event.ip}): {event.text}.",
                title="Probe VPS",
                severity="information" if event.outcome == "up" else "warning",
            )

    # -- copy as curl -----------------------------------------------------------------------

    def copy_curl(self) -> None:
        """Ask which request (the open tab's read, or an action after its questions), then
        show it as curl and copy it."""
        row = self._row()
        if row is not None:
            self.host.run_action_worker(partial(self._copy_curl, row))

    def _why_not(self, action_id: str) -> str | None:
        if issubclass(ACTIONS_BY_ID[action_id].flow, SteppedFlow):
            return "it sends several requests: copy each step's action"
        return self.runner.unavailable(action_id)

    async def _copy_curl(self, row: FleetRow) -> None:
        tab = self._active_tab()
        label = dict(TABS).get(tab, tab)
        target = ActionTarget(row.vps_id, row.reference or None, row.main_ip or None)
        items = [PickerItem(TAB_READ, f"{label} tab", "what the tab reads (GET)")]
        items += [
            PickerItem(action.id, action.title, action.help, self._why_not(action.id))
            for action in ACTIONS
        ]
        picked = await self.host.dialogs.pick(target, "Copy as curl: which request?", items, "")
        if picked is None:
            return
        try:
            if picked == TAB_READ:
                title = f"{label} tab of VPS {row.vps_id} as curl"
                request = await tab_read(self.session, tab, row.vps_id, self._traffic_days())
            else:
                spec = ACTIONS_BY_ID[picked]
                title = f"{spec.title} of VPS {row.vps_id} as curl"
                flow = spec.flow(self.session, self.host, row)
                found = await action_request(flow, mutating=spec.mutating)
                if found is None:
                    return
                request = found
        except ApiError as exc:
            notice = api_error_notice(exc)
            self.host.tell(notice.message, title=notice.title, severity=notice.severity)
            return
        except NothingRequested:
            self.host.tell("Copy as curl: that sends no request.", severity="warning")
            return
        await self.app.push_screen_wait(CurlDialog(title, target, as_curl(request)))
