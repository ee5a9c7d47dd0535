"""Null-route an IPv4 address (optionally with automatic removal after N hours)."""

from __future__ import annotations

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


class NullRouteDialog(DialogScreen[NullRouteInput | None]):
    """Enter submits when the hours field is empty or 1–17520. Which addresses may be
    null-routed at all (IPv4, not INTERNAL, not already) is the action's rule
    (``core.rules.null_route_refusal``), checked before this dialog opens."""

    HELP_TITLE = "Null route"

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "submit", "Null-route")]
    SUBMIT_LABEL = "Null-route"

    def __init__(self, target: ActionTarget, ip: str) -> None:
        super().__init__(f"Null-route {ip}", target, description=_EFFECT)
        self.ip = ip
        self.is_main_ip = target.main_ip is not None and ip == target.main_ip

    def compose_body(self) -> Iterable[Widget]:
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
        return ((self._submit_label, "submit", "error"), ("Cancel", "cancel", "default"))

    def build_result(self) -> NullRouteInput:
        try:
            hours = parse_unnull_hours(self.query_one("#null-hours", Input).value)
        except ValueError as error:
            self.set_focus(self.query_one("#null-hours", Input))
            raise InvalidInput(str(error)) from None
        comment = self.query_one("#null-comment", Input).value.strip() or None
        return NullRouteInput(ip=self.ip, comment=comment, automated_unnuling_hours=hours)
