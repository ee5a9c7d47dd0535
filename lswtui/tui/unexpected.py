"""Failures told to the user as toasts: API errors with their correlationId, and unexpected
exceptions in workers, logged and never swallowed (texts from :mod:`lswtui.core.failures`).
"""

from __future__ import annotations

from textual.app import App
from textual.widget import Widget

from lswtui.api import ApiError
from lswtui.core.failures import Notice, api_error_notice, log_unexpected


def unexpected_text(exc: BaseException) -> str:
    return f"unexpected {type(exc).__name__} — see the log"


def notify_notice(node: Widget | App[object], notice: Notice) -> None:
    node.notify(
        notice.message,
        title=notice.title,
        severity=notice.severity,
        timeout=notice.timeout,
        markup=False,
    )


def report_unexpected(node: Widget, what: str, exc: BaseException) -> None:
    """Log ``exc``'s traceback and toast "<what> failed: unexpected <Type> — see the log"."""
    log_unexpected(what, exc)
    notify_notice(
        node, Notice(f"{what} failed: {unexpected_text(exc)}", "Error", "error", timeout=12)
    )


def report_api_error(node: Widget | App[object], exc: ApiError) -> None:
    notify_notice(node, api_error_notice(exc))
