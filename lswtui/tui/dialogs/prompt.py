"""A single validated text field: Edit reference, Create snapshot (name), Set reverse DNS."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import Input, Static

from lswtui.core.dialogs import ActionTarget
from lswtui.core.validators import Validator
from lswtui.tui.dialogs.base import DialogInput, DialogScreen, InvalidInput


class PromptDialog(DialogScreen[str | None]):
    """Enter submits the (stripped) value when ``validator`` accepts it; Escape → None."""

    HELP_TITLE = "Reference, snapshot name, reverse DNS"

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "submit", "Submit")]
    SUBMIT_LABEL = "Save"

    def __init__(
        self,
        title: str,
        target: ActionTarget | None,
        *,
        label: str,
        value: str = "",
        placeholder: str = "",
        validator: Validator | None = None,
        description: str | Text | None = None,
        warnings: Sequence[str] = (),
        submit_label: str | None = None,
        strip: bool = True,
        max_length: int = 0,
    ) -> None:
        super().__init__(
            title, target, description=description, warnings=warnings, submit_label=submit_label
        )
        self._label = label
        self._initial = value
        self._placeholder = placeholder
        self._validator = validator
        self._strip = strip
        self._max_length = max_length

    def compose_body(self) -> Iterable[Widget]:
        yield Static(Text(self._label), classes="dialog-label")
        yield DialogInput(
            self._initial,
            placeholder=self._placeholder,
            max_length=self._max_length,
            id="prompt-input",
        )

    def _value(self) -> str:
        value = self.query_one("#prompt-input", Input).value
        return value.strip() if self._strip else value

    def _problem(self, value: str) -> str | None:
        return self._validator(value) if self._validator is not None else None

    def recheck(self) -> None:
        # Only called once an error is showing: no nagging while the user is still typing.
        problem = self._problem(self._value())
        if problem is None:
            self.clear_error()
        else:
            self.show_error(problem)

    def build_result(self) -> str:
        value = self._value()
        problem = self._problem(value)
        if problem is not None:
            raise InvalidInput(problem)
        return value
