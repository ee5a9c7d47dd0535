"""Failures told to the user: API errors with their correlationId, and unexpected exceptions
in workers, logged and never swallowed.

The toast names the exception's type only, and the log gets its traceback without the message:
an unexpected message may quote anything, a password included.
"""

from __future__ import annotations

import logging
import traceback

from textual.app import App
from textual.widget import Widget

from lswtui.api import ApiError

log = logging.getLogger(__name__)


def unexpected_text(exc: BaseException) -> str:
    return f"unexpected {type(exc).__name__} — see the log"


def report_unexpected(node: Widget, what: str, exc: BaseException) -> None:
    """Log ``exc``'s traceback and toast "<what> failed: unexpected <Type> — see the log"."""
    frames = "".join(traceback.format_tb(exc.__traceback__))
    log.error(
        "%s failed: unexpected %s (message withheld)\n%s", what, type(exc).__qualname__, frames
    )
    node.notify(
        f"{what} failed: {unexpected_text(exc)}",
        title="Error",
        severity="error",
        markup=False,
        timeout=12,
    )


def report_api_error(node: Widget | App[object], exc: ApiError) -> None:
    """Every API error reaches the user with its message and correlationId."""
    node.notify(exc.describe(), title="API error", severity="error", markup=False, timeout=12)
