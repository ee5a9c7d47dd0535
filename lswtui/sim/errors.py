"""Leaseweb-style error bodies: ``errorCode`` (a string), ``errorMessage``, ``correlationId``,
``errorDetails`` (field -> list of messages) on 400s, as in the reference examples, and on
server errors (5xx) the ``userMessage`` and ``reference`` of the reference's general error
format. Its 4xx examples show neither, so 4xx bodies have neither."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from starlette.responses import JSONResponse

BAD_REQUEST = "The API could not interpret your request correctly."
UNAUTHORIZED = "You are not authorized to view this resource."
NOT_FOUND = "Resource not found"
METHOD_NOT_ALLOWED = "The method is not allowed for the requested resource."
SERVER_ERROR = "The API could not handle your request at this time."
TOO_LARGE = "The request body is too large."
#: The reference's general error format, word for word (its example is a 5xx, APP00800).
SERVER_USER_MESSAGE = "Cannot handle your request at the moment. Please try again later."
SERVER_ERROR_REFERENCE = "https://developer.leaseweb.com/errors/APP00800"

CORRELATION_HEADER = "APIGW-CORRELATION-ID"


class ApiError(Exception):
    """Raised by handlers and rules; rendered as a Leaseweb error response."""

    def __init__(
        self, status: int, message: str, details: dict[str, list[str]] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.details = details


def bad_request(message: str = BAD_REQUEST, **field_errors: str) -> ApiError:
    """A 400: a broken platform rule (``message``), or bad input named in ``field_errors``."""
    return ApiError(400, message, {name: [text] for name, text in field_errors.items()})


def invalid_field(name: str, text: str) -> ApiError:
    """A 400 naming one bad input field."""
    return invalid_fields({name: [text]})


def invalid_fields(errors: dict[str, list[str]]) -> ApiError:
    return ApiError(400, BAD_REQUEST, errors)


def not_found(message: str = NOT_FOUND) -> ApiError:
    return ApiError(404, message)


def error_body(
    status: int, message: str, correlation_id: str, details: dict[str, list[str]] | None = None
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "correlationId": correlation_id,
        "errorCode": str(status),
        "errorMessage": message,
    }
    if details is not None or status == 400:
        body["errorDetails"] = details or {}
    if status >= 500:
        body["userMessage"] = SERVER_USER_MESSAGE
        body["reference"] = SERVER_ERROR_REFERENCE
    return body


def error_response(
    status: int,
    message: str,
    correlation_id: str,
    details: dict[str, list[str]] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    return JSONResponse(
        error_body(status, message, correlation_id, details), status_code=status, headers=headers
    )
