"""Null-route an IPv4 address (optionally with automatic removal after N hours)."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Input, Static

from lswtui.core.dialogs import ActionTarget, NullRouteInput
from lswtui.core.validators import UNNULL_HOURS_MAX, UNNULL_HOURS_MIN, parse_unnull_hours
from lswtui.tui.dialogs.base import DialogInput, DialogScreen, InvalidInput

_EFFECT = (
    "Leaseweb drops all traffic to this address at its edge. The change takes a few minutes "
    "to propagate, and so does removing it."
)


def ip_version(ip: str) -> int:
    try:
        return ipaddress.ip_address(ip.split("/")[0]).version
    except ValueError:
        return 6 if ":" in ip else 4


class NullRouteDialog(DialogScreen[NullRouteInput | None]):
    """Enter submits when the hours field is empty or 1–17520. IPv6 is refused outright."""

    HELP_TITLE = "Null route"

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "submit", "Null-route")]
    SUBMIT_LABEL = "Null-route"

    def __init__(self, target: ActionTarget, ip: str) -> None:
        super().__init__(f"Null-route {ip}", target, description=_EFFECT)
        self.ip = ip
        self.is_ipv6 = ip_version(ip) == 6
        self.is_main_ip = target.main_ip is not None and ip == target.main_ip
        if self.is_ipv6:
            self.CANCEL_LABEL = "Close"  # nothing can be submitted

    @property
    def refusal(self) -> str | None:
        if self.is_ipv6:
            return f"Null routing is IPv4 only: Leaseweb refuses it for the IPv6 address {self.ip}."
        return None

    def compose_body(self) -> Iterable[Widget]:
        if self.refusal is not None:
            yield Static(
                Text.assemble(("REFUSED: ", "bold"), self.refusal),
                classes="dialog-danger",
                id="null-refused",
            )
            return
        if self.is_main_ip:
            yield Static(
                Text.assemble(
                    ("DANGER: ", "bold"),
                    f"{self.ip} is the MAIN IP of VPS {self.target.vps_id if self.target else ''}. "
                    "The VPS will go dark: unreachable, including over SSH, until the null route "
                    "is removed.",
                ),
                classes="dialog-danger",
                id="null-main-ip",
            )
        with Horizontal(id="null-fields", classes="dialog-row"):
            with Vertical():
                yield Static("Comment (optional)", classes="dialog-label")
                yield DialogInput(placeholder="e.g. ticket or reason", id="null-comment")
            with Vertical(id="null-hours-column", classes="dialog-narrow"):
                yield Static("Auto-remove after", classes="dialog-label")
                yield DialogInput(placeholder="hours", id="null-hours")
        yield Static(
            f"Auto-remove: a number of hours, {UNNULL_HOURS_MIN}-{UNNULL_HOURS_MAX}; "
            "empty = stays null-routed until removed by hand.",
            classes="dialog-note",
        )

    def dialog_buttons(self) -> tuple[tuple[str, str, str], ...]:
        if self.refusal is not None:
            return ((self.CANCEL_LABEL, "cancel", "default"),)
        return ((self._submit_label, "submit", "error"), ("Cancel", "cancel", "default"))

    def allows(self, action: str) -> bool:
        return not (action == "submit" and self.refusal is not None)

    def build_result(self) -> NullRouteInput:
        if self.refusal is not None:
            raise InvalidInput(self.refusal)
        try:
            hours = parse_unnull_hours(self.query_one("#null-hours", Input).value)
        except ValueError as error:
            self.set_focus(self.query_one("#null-hours", Input))
            raise InvalidInput(str(error)) from None
        comment = self.query_one("#null-comment", Input).value.strip() or None
        return NullRouteInput(ip=self.ip, comment=comment, automated_unnuling_hours=hours)
