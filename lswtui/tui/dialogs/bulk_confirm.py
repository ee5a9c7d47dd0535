"""The confirmation of an action on several marked VPSes: every target (id, reference,
account) and every skipped VPS with its reason; Enter confirms only once the number of
targets is typed (:func:`lswtui.core.bulk.count_error`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import Input, Static

from lswtui.core.dialogs import ActionTarget, Skipped
from lswtui.core.validators import count_error
from lswtui.tui.dialogs.base import DialogInput, InvalidInput
from lswtui.tui.dialogs.confirm import ConfirmationScreen


def target_line(target: ActionTarget) -> Text:
    """``126855092  db-primary  (prod)``: the reference in plain text, never markup."""
    return Text.assemble(
        (target.vps_id, "bold"),
        "  ",
        target.reference or ("(no reference)", "italic"),
        "  ",
        f"({target.profile})",
    )


class BulkConfirmDialog(ConfirmationScreen):
    """Confirms (True) an action on ``targets``; Escape cancels (False). No ``y``: every
    printable key goes into the count field."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "submit", "Confirm")]
    HELP_TITLE = "Several VPSes: type their number"

    def __init__(
        self,
        title: str,
        description: str,
        targets: Sequence[ActionTarget],
        skipped: Sequence[Skipped] = (),
    ) -> None:
        super().__init__(title, None, description)
        self.targets = tuple(targets)
        self.skipped = tuple(skipped)

    def compose_body(self) -> Iterable[Widget]:
        yield Static(
            Text("\n").join(
                [Text(f"{len(self.targets)} VPSes:", style="bold")]
                + [Text("  ") + target_line(t) for t in self.targets]
            ),
            id="bulk-targets",
        )
        if self.skipped:
            yield Static(
                Text("\n").join(
                    [Text(f"Skipped, not sent ({len(self.skipped)}):", style="bold")]
                    + [
                        Text("  ") + target_line(s.target) + Text(f": {s.reason}")
                        for s in self.skipped
                    ]
                ),
                id="bulk-skipped",
                classes="dialog-warning",
            )
        yield Static(
            Text.assemble(
                "Type ", (str(len(self.targets)), "bold"), " (the number of VPSes) to confirm:"
            ),
            id="bulk-count-label",
        )
        yield DialogInput(placeholder=str(len(self.targets)), id="bulk-count")

    def build_result(self) -> bool:
        error = count_error(self.query_one("#bulk-count", Input).value, len(self.targets))
        if error:
            raise InvalidInput(error)
        return True
