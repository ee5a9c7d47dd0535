"""The client's one exception family.

Every failure the client reports is an :class:`ApiError` (or a subclass), carrying what a user
needs to act on it and to quote to Leaseweb support: the operation, HTTP status, ``errorCode``,
``errorMessage``, ``userMessage``, ``correlationId``, ``reference`` and ``errorDetails``.
"""

from __future__ import annotations

from typing import Any

#: Where a key comes from (the CLI reads these); a 401 means the one sent was not accepted.
UNAUTHORIZED_HINT = (
    "Check LEASEWEB_API_KEY (or LEASEWEB_TOKEN) or the profile's api_key in the config file."
)


def flatten_error_details(details: Any, prefix: str = "") -> list[str]:
    """Flatten ``errorDetails`` (field -> list of strings, possibly nested) into lines."""
    if details is None or details == {} or details == []:
        return []
    if isinstance(details, dict):
        lines: list[str] = []
        for key, value in details.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            lines.extend(flatten_error_details(value, name))
        return lines
    if isinstance(details, list):
        lines = []
        for item in details:
            lines.extend(flatten_error_details(item, prefix))
        return lines
    return [f"{prefix}: {details}" if prefix else str(details)]


class ApiError(Exception):
    """An API call that did not succeed."""

    def __init__(
        self,
        message: str,
        *,
        operation: str = "",
        status: int | None = None,
        error_code: str | None = None,
        user_message: str | None = None,
        correlation_id: str | None = None,
        reference: str | None = None,
        error_details: Any = None,
        mutating: bool = False,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.mutating = mutating
        self.error_message = message
        self.operation = operation
        self.status = status
        self.error_code = error_code
        self.user_message = user_message
        self.correlation_id = correlation_id
        self.reference = reference
        self.error_details = error_details
        self.retry_after = retry_after
        """Seconds the server asked to wait (``Retry-After``), if it did."""

    @property
    def outcome_unknown(self) -> bool:
        """A write that got no definite answer (no response, or a 502/504 from the gateway): it
        may have been applied, so the caller must re-read state rather than retry. A 500 or 503
        is definite: the API says it did not act."""
        return self.mutating and (self.status is None or self.status in (502, 504))

    @property
    def is_forbidden(self) -> bool:
        """403: the API key's method restriction or IP whitelist forbids this call."""
        return self.status == 403

    @property
    def is_unauthorized(self) -> bool:
        return self.status == 401

    @property
    def detail_lines(self) -> list[str]:
        return flatten_error_details(self.error_details)

    def describe(self) -> str:
        """A multi-line, plain-text description for notifications and logs (no secrets)."""
        head = f"{self.operation} failed" if self.operation else "Request failed"
        if self.status:
            shown_code = self.error_code and self.error_code != str(self.status)
            head += (
                f" (HTTP {self.status}, {self.error_code})"
                if shown_code
                else f" (HTTP {self.status})"
            )
        lines = [head + ":", self.error_message]
        if self.user_message and self.user_message != self.error_message:
            lines.append(self.user_message)
        if self.outcome_unknown:
            lines.append("Outcome unknown: the request may have been applied. Check the state.")
        if self.is_forbidden:
            lines.append("This API key may not perform that action (403).")
        if self.is_unauthorized:
            lines.append(UNAUTHORIZED_HINT)
        lines.extend(self.detail_lines)
        if self.correlation_id:
            lines.append(f"correlationId: {self.correlation_id}")
        if self.reference:
            lines.append(f"reference: {self.reference}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.describe()


class ApiConnectionError(ApiError):
    """No HTTP answer: connection refused or dropped, or a timeout.

    ``status`` is None. For a mutating request the outcome is unknown (see ``outcome_unknown``).
    """


class InvalidResponseError(ApiError):
    """A success status whose body is not what the API documents (malformed or wrong shape)."""

    @property
    def outcome_unknown(self) -> bool:
        """A write answered 2xx was most likely applied, but its unreadable body does not say
        what it changed, so it must not be reported as a plain failure (or success)."""
        return self.mutating


class ReadOnlyError(ApiError):
    """The client is in read-only mode and refused to send a mutating request."""

    @property
    def outcome_unknown(self) -> bool:
        """Nothing was sent, so nothing can have been applied."""
        return False
