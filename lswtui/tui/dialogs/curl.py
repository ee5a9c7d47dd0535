"""Show a request as a curl command and copy it (OSC 52). It holds no key: the shell fills in
``$LEASEWEB_API_KEY``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import Static

from lswtui.core.dialogs import ActionTarget
from lswtui.tui.dialogs.base import DialogScreen

_NOTE = (
    "The API key is not in it: the shell that runs it fills in $LEASEWEB_API_KEY. Nothing was sent."
)
_COPIED = (
    "Copied to the clipboard. If your terminal ignores clipboard requests (OSC 52), "
    "select the command above with shift+drag."
)


class CurlDialog(DialogScreen[None]):
    """Copies the command on open and on ``c``; Escape closes."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("c", "copy", "Copy")]
    CANCEL_LABEL = "Close"
    HELP_TITLE = "Copy as curl"

    def __init__(self, title: str, target: ActionTarget | None, command: str) -> None:
        super().__init__(title, target, description=_NOTE)
        self.command = command

    def compose_body(self) -> Iterable[Widget]:
        yield Static(Text(self.command, overflow="fold"), id="curl-command")
        yield Static(id="curl-status", classes="dialog-label")

    def dialog_buttons(self) -> Sequence[tuple[str, str, str]]:
        return (("Copy (c)", "copy", "primary"), (self.CANCEL_LABEL, "cancel", "default"))

    def on_mount(self, event: events.Mount) -> None:
        self.action_copy()

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.command)
        self.query_one("#curl-status", Static).update(Text(_COPIED))
