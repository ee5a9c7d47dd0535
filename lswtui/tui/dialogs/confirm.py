"""Yes/no confirmation for a mutating action (Stop, Reboot, Detach ISO, …)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType

from lswtui.core.dialogs import ActionTarget
from lswtui.tui.dialogs.base import DialogScreen


class ConfirmationScreen(DialogScreen[bool]):
    """Base of the two confirmations: title, target, effect, advisories; cancelling gives False."""

    CANCEL_RESULT = False
    SUBMIT_LABEL = "Confirm"

    def __init__(
        self,
        title: str,
        target: ActionTarget | None,
        description: str | Text,
        *,
        warnings: Sequence[str] = (),
        confirm_label: str | None = None,
    ) -> None:
        super().__init__(
            title, target, description=description, warnings=warnings, submit_label=confirm_label
        )


class ConfirmDialog(ConfirmationScreen):
    """``y`` confirms (True); ``n`` or Escape cancels (False).

    Nothing in the dialog takes focus, so ``y``/``n`` can never be swallowed or re-routed
    by a focused button; the buttons are for the mouse only.
    """

    HELP_TITLE = "Yes/no confirmations"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "submit", "Confirm"),
        Binding("n", "cancel", "Cancel"),
    ]

    def dialog_buttons(self) -> Sequence[tuple[str, str, str]]:
        return (
            (f"{self._submit_label} (y)", "submit", "primary"),
            (f"{self.CANCEL_LABEL} (n)", "cancel", "default"),
        )

    def build_result(self) -> bool:
        return True
