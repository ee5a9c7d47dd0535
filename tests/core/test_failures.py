"""The one place an API error's toast is built (the runner and the TUI both use it)."""

from __future__ import annotations

from lswtui.api import ApiError
from lswtui.core.failures import Notice, api_error_notice


def test_an_api_error_notice_names_the_call_status_message_and_correlation_id():
    exc = ApiError(
        "VPS not found",
        operation="Get VPS 9",
        status=404,
        error_code="404",
        correlation_id="c0ffee",
    )
    assert api_error_notice(exc) == Notice(
        "Get VPS 9 failed (HTTP 404):\nVPS not found\ncorrelationId: c0ffee",
        title="API error",
        severity="error",
        timeout=12,
    )
