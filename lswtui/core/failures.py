"""How a failure is put to the user, for every front end: an API error with its message and
correlationId, an unexpected exception by its type only.

An unexpected exception's message is withheld from the toast and the log alike (it may quote
anything, a password included); the log gets its traceback.
"""

from __future__ import annotations

import logging
import traceback
from dataclasses import dataclass
from typing import Literal

from lswtui.api import ApiError

log = logging.getLogger(__name__)

Severity = Literal["information", "warning", "error"]


@dataclass(frozen=True)
class Notice:
    """A message for the user; ``message`` is plain text (API strings included), never markup."""

    message: str
    title: str = ""
    severity: Severity = "information"
    timeout: float | None = None


def api_error_notice(exc: ApiError) -> Notice:
    """Every API error reaches the user with its message and correlationId."""
    return Notice(exc.describe(), title="API error", severity="error", timeout=12)


def log_unexpected(what: str, exc: BaseException) -> None:
    """Log "<what> failed: unexpected <Type> (message withheld)" and the traceback."""
    frames = "".join(traceback.format_tb(exc.__traceback__))
    log.error(
        "%s failed: unexpected %s (message withheld)\n%s", what, type(exc).__qualname__, frames
    )
