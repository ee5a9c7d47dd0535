"""Show the VPS console (noVNC) URL, copy it, and open it when a local browser exists.

The URL carries an access token: it is shown in the dialog (so it can be selected by hand
when the terminal ignores OSC 52) but never logged, notified or kept after the dialog closes.
"""

from __future__ import annotations

import os
import sys
import webbrowser
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import Static

from lswtui.core.dialogs import ActionTarget
from lswtui.tui.dialogs.base import DialogScreen

#: Opens a URL; returns False when no browser could be started.
Opener = Callable[[str], bool]

_NOTE = (
    "The link contains an access token: treat it like a password. It is short-lived; "
    "open the console again for a fresh one."
)
_COPIED = (
    "Copied to the clipboard. If your terminal ignores clipboard requests (OSC 52), "
    "select the URL above with shift+drag."
)


def browser_unavailable_reason(
    environ: Mapping[str, str] | None = None, platform: str | None = None
) -> str | None:
    """Why a browser cannot be opened on the user's screen, or None when it plausibly can."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if environ.get("SSH_CONNECTION") or environ.get("SSH_TTY"):
        return "this session runs over SSH, so a browser would open on the remote host"
    if platform.startswith(("darwin", "win", "cygwin")):
        return None
    if not (environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY")):
        return "no graphical display here (DISPLAY and WAYLAND_DISPLAY are unset)"
    return None


def default_opener(url: str) -> bool:
    return webbrowser.open(url, new=2)


class ConsoleDialog(DialogScreen[None]):
    """Copies the URL on open and on ``c``; ``o`` opens it locally when possible; Escape closes."""

    HELP_TITLE = "Console"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "copy", "Copy URL"),
        Binding("o", "open_browser", "Open in browser"),
    ]

    CANCEL_LABEL = "Close"

    def __init__(
        self,
        target: ActionTarget,
        url: str,
        *,
        opener: Opener | None = None,
        environ: Mapping[str, str] | None = None,
        platform: str | None = None,
    ) -> None:
        super().__init__(f"Console of VPS {target.vps_id}", target, description=_NOTE)
        self._url = url
        self._opener = opener or default_opener
        self._browser_problem = browser_unavailable_reason(environ, platform)

    def compose_body(self) -> Iterable[Widget]:
        yield Static(Text(self._url, overflow="fold"), id="console-url")
        yield Static(id="console-status", classes="dialog-label")
        if self._browser_problem is not None:
            yield Static(
                Text(f"Opening a browser is not possible: {self._browser_problem}."),
                id="console-browser-note",
                classes="dialog-note",
            )

    def dialog_buttons(self) -> Sequence[tuple[str, str, str]]:
        return (
            ("Copy (c)", "copy", "primary"),
            ("Open (o)", "open_browser", "default"),
            (self.CANCEL_LABEL, "cancel", "default"),
        )

    def on_mount(self, event: events.Mount) -> None:
        self.action_copy()

    def _status(self, message: str) -> None:
        self.query_one("#console-status", Static).update(Text(message))

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self._url)
        self._status(_COPIED)

    def action_open_browser(self) -> None:
        if self._browser_problem is not None:
            self._status("Not opened (see below). The URL is on the clipboard; c copies it again.")
            return
        try:
            opened = self._opener(self._url)
        except Exception as error:
            self._status(f"Could not start a browser ({type(error).__name__}). Use the copied URL.")
            return
        self._status(
            "Opened in your browser."
            if opened
            else "No browser could be started. Use the copied URL."
        )
