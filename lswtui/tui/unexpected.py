"""Unexpected exceptions in workers: told to the user and logged, never swallowed.

The toast names the exception's type only, and the log gets its traceback without the message:
an unexpected message may quote anything, a password included.
"""

from __future__ import annotations

import logging
import traceback

from textual.widget import Widget

log = logging.getLogger(__name__)


def unexpected_text(exc: BaseException) -> str:
    return f"unexpected {type(exc).__name__} — see the log"


def report_unexpected(node: Widget, what: str, exc: BaseException) -> None:
    """Log ``exc``'s traceback and toast "<what> failed: unexpected <Type> — see the log"."""
    frames = "".join(traceback.format_tb(exc.__traceback__))
    log.error("%s failed: unexpected %s (message withheld)\n%s", what, type(exc).__qualname__, frames)
    node.notify(f"{what} failed: {unexpected_text(exc)}", title="Error", severity="error", markup=False, timeout=12)
