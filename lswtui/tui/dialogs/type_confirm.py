"""Typed confirmation for destructive actions (reinstall, restore, null-route the main IP)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import Input, Static

from lswtui.tui.dialogs.base import DialogInput, InvalidInput
from lswtui.tui.dialogs.confirm import ConfirmationScreen


class TypeToConfirmDialog(ConfirmationScreen):
    """Enter confirms only when the typed text equals the VPS id; Escape cancels (False).

    There is deliberately no ``y`` binding: every printable key goes into the input.
    """

    HELP_TITLE = "Type the VPS id to confirm"

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "submit", "Confirm")]

    @property
    def expected(self) -> str:
        assert self.target is not None
        return self.target.vps_id

    def compose_body(self) -> Iterable[Widget]:
        yield Static(
            Text.assemble("Type the VPS id ", (self.expected, "bold"), " to confirm:"),
            id="type-confirm-label",
        )
        yield DialogInput(placeholder=self.expected, id="type-confirm-input")

    def build_result(self) -> bool:
        typed = self.query_one("#type-confirm-input", Input).value.strip()
        if typed != self.expected:
            shown = repr(typed) if typed else "nothing"
            raise InvalidInput(f"You typed {shown}; type {self.expected} exactly to confirm.")
        return True
