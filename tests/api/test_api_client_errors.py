"""Errors, retries, request records and secrets."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest
from lsw_api_examples import (
    API_KEY,
    CORRELATION,
    CREDENTIAL,
    ERROR_400,
    VPS_DETAILS,
    VPS_ID,
    VPS_LIST,
    Harness,
    reply,
)

from lswtui.api import ApiConnectionError, ApiError, InvalidResponseError
from lswtui.api.retry import MAX_RETRY_DELAY, retry_after_seconds, retry_delay

OTHER_CORRELATION = "550e8400-e29b-41d4-a716-446655440000"
GENERAL_ERROR = {
    "errorCode": "APP00800",
    "errorMessage": "The connection with the DB cannot be established.",
    "correlationId": OTHER_CORRELATION,
    "userMessage": "Cannot handle your request at the moment. Please try again later.",
    "reference": "https://developer.leaseweb.com/errors/APP00800",
}


async def raised(h: Harness, call: str = "get_vps") -> ApiError:
    with pytest.raises(ApiError) as caught:
        await getattr(h.client, call)(VPS_ID)
    return caught.value


# Error bodies


async def test_400_carries_every_error_field_and_is_not_retried() -> None:
    h = Harness(reply(400, ERROR_400))
    error = await raised(h, "stop_vps")
    assert len(h.api.requests) == 1
    assert (error.status, error.error_code, error.correlation_id) == (400, "400", CORRELATION)
    assert error.error_message == "The API could not interpret your request correctly."
    assert error.operation == f"Stop VPS {VPS_ID}"
    assert error.mutating and not error.outcome_unknown
    assert str(error).startswith(f"Stop VPS {VPS_ID} failed (HTTP 400):")  # the code is not doubled


async def test_an_error_code_other_than_the_status_is_shown_beside_it() -> None:
    error = await raised(Harness(reply(500, GENERAL_ERROR), max_retries=0))
    assert error.describe().startswith(f"Get VPS {VPS_ID} failed (HTTP 500, APP00800):")


async def test_400_on_a_get_is_not_retried() -> None:
    h = Harness(reply(400, ERROR_400))
    assert (await raised(h)).status == 400
    assert len(h.api.requests) == 1 and h.sleeps == []


async def test_general_error_format_with_user_message_and_reference() -> None:
    error = await raised(Harness(reply(500, GENERAL_ERROR), max_retries=0))
    assert error.error_code == "APP00800"
    assert error.user_message.startswith("Cannot handle your request")
    assert error.reference == "https://developer.leaseweb.com/errors/APP00800"
    assert error.correlation_id == OTHER_CORRELATION  # the body wins over the header
    assert "Cannot handle your request" in error.describe()


async def test_numeric_error_code_becomes_a_string() -> None:
    error = await raised(Harness(reply(400, {**ERROR_400, "errorCode": 400})))
    assert error.error_code == "400"


async def test_nested_error_details_are_kept_for_display() -> None:
    details = {"reference": ["too long"], "nested": {"name": ["required"]}}
    error = await raised(Harness(reply(400, {**ERROR_400, "errorDetails": details})))
    assert error.detail_lines == ["reference: too long", "nested.name: required"]


async def test_401_and_404() -> None:
    assert (await raised(Harness(reply(401, {"errorCode": "401"})))).is_unauthorized
    assert (await raised(Harness(reply(404, {"errorMessage": "Resource not found"})))).status == 404


async def test_a_401_says_where_the_key_comes_from() -> None:
    body = {"errorCode": "401", "errorMessage": "You are not authorized to view this resource."}
    with pytest.raises(ApiError) as caught:
        await Harness(reply(401, body)).client.list_vps()
    lines = caught.value.describe().splitlines()
    assert lines[0] == "List VPS failed (HTTP 401):"
    assert (
        "Check LEASEWEB_API_KEY (or LEASEWEB_TOKEN) or the profile's api_key in the config file."
        in lines
    )


async def test_403_says_the_key_may_not_do_that() -> None:
    error = await raised(Harness(reply(403, {"errorCode": "403"})), "start_vps")
    assert error.is_forbidden
    assert "may not" in error.error_message  # fallback message, the body had none
    assert "may not perform that action" in error.describe()


async def test_correlation_id_falls_back_to_the_header() -> None:
    body = {k: v for k, v in ERROR_400.items() if k != "correlationId"}
    h = Harness(reply(400, body, headers={"APIGW-CORRELATION-ID": OTHER_CORRELATION}))
    error = await raised(h)
    assert error.correlation_id == OTHER_CORRELATION
    assert h.records[0].correlation_id == OTHER_CORRELATION


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (
            b"<html><body><h1>504 Gateway Time-out</h1>" + b"x" * 5000 + b"</body></html>",
            "text/html",
        ),
        (b'{"errorCode": "504", "errorMess', "application/json"),
        (b"", "application/json"),
        (b"[1, 2]", "application/json"),
        (b"\xff\xfe\x00garbage", "application/json"),
    ],
    ids=["html", "truncated-json", "empty", "json-not-object", "not-utf8"],
)
async def test_unreadable_error_body_gives_a_short_clear_message(
    content: bytes, content_type: str
) -> None:
    h = Harness(
        httpx.Response(504, content=content, headers={"Content-Type": content_type}), max_retries=0
    )
    error = await raised(h, "get_vps")
    assert error.status == 504
    assert error.error_message == "HTTP 504 Gateway Timeout: the server took too long to respond."
    assert "<" not in str(error) and "errorMess" not in str(error)


async def test_long_error_message_is_truncated() -> None:
    error = await raised(Harness(reply(400, {"errorMessage": "x" * 10_000})))
    assert len(error.error_message) <= 300


# Retries of GETs


async def test_429_is_retried_after_the_advertised_delay() -> None:
    h = Harness(reply(429, None, headers={"Retry-After": "7"}), reply(200, VPS_DETAILS))
    assert (await h.client.get_vps(VPS_ID)).id == VPS_ID
    assert h.sleeps == [7.0]
    assert [(r.attempt, r.status, r.error) for r in h.records] == [
        (1, 429, "HTTP 429"),
        (2, 200, None),
    ]


async def test_short_retry_after_does_not_shorten_the_backoff() -> None:
    h = Harness(reply(429, None, headers={"Retry-After": "0"}), reply(200, VPS_DETAILS))
    await h.client.get_vps(VPS_ID)
    assert h.sleeps == [0.5]


async def test_http_date_retry_after_is_capped() -> None:
    later = format_datetime(datetime.now(UTC) + timedelta(hours=2), usegmt=True)
    h = Harness(reply(429, None, headers={"Retry-After": later}), reply(200, VPS_DETAILS))
    await h.client.get_vps(VPS_ID)
    assert h.sleeps == [MAX_RETRY_DELAY]


@pytest.mark.parametrize("status", [500, 502, 503, 504])
async def test_server_errors_on_a_get_are_retried_with_backoff_then_raised(status: int) -> None:
    h = Harness(reply(status, {"errorCode": str(status)}))
    error = await raised(h)
    assert error.status == status and not error.outcome_unknown
    assert len(h.api.requests) == 4
    assert h.sleeps == [0.5, 1.0, 2.0]
    assert [r.attempt for r in h.records] == [1, 2, 3, 4]


async def test_backoff_is_capped() -> None:
    h = Harness(reply(503), max_retries=6, backoff_base=0.5, backoff_cap=8.0)
    await raised(h)
    assert h.sleeps == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0]


async def test_no_retries_when_max_retries_is_zero() -> None:
    h = Harness(reply(503), max_retries=0)
    await raised(h)
    assert len(h.api.requests) == 1 and h.sleeps == []


@pytest.mark.parametrize(
    "failure",
    [
        httpx.ReadTimeout("timed out"),
        httpx.ConnectError("Connection refused"),
        httpx.RemoteProtocolError("Server disconnected"),
    ],
    ids=["timeout", "connect", "dropped"],
)
async def test_connection_failures_on_a_get_are_retried(failure: Exception) -> None:
    h = Harness(failure, reply(200, VPS_DETAILS))
    assert (await h.client.get_vps(VPS_ID)).id == VPS_ID
    assert h.sleeps == [0.5]
    first = h.records[0]
    assert (first.status, first.error, first.attempt) == (None, type(failure).__name__, 1)


async def test_connection_failure_that_persists_raises_api_connection_error() -> None:
    h = Harness(httpx.ConnectTimeout("timed out"))
    with pytest.raises(ApiConnectionError) as caught:
        await h.client.list_vps()
    error = caught.value
    assert error.status is None and not error.outcome_unknown
    assert "did not answer in time" in error.error_message
    assert len(h.api.requests) == 4


# Writes are never retried


@pytest.mark.parametrize(
    "failure",
    [
        reply(503),
        reply(504),
        reply(502),
        reply(429, None, {"Retry-After": "1"}),
        httpx.ReadTimeout("timed out"),
        httpx.ConnectError("refused"),
    ],
    ids=["503", "504", "502", "429", "timeout", "connect"],
)
@pytest.mark.parametrize(
    "call", ["start_vps", "stop_vps", "reset_password", "delete_all_credentials"]
)
async def test_writes_are_sent_exactly_once(failure: httpx.Response | Exception, call: str) -> None:
    h = Harness(failure, reply(202))
    error = await raised(h, call)
    assert len(h.api.requests) == 1 and h.sleeps == []
    assert error.mutating
    assert error.outcome_unknown == (
        error.status not in (429, 503)
    )  # 429, 503: the API did not act


async def test_timeout_on_a_post_says_outcome_unknown() -> None:
    h = Harness(httpx.ReadTimeout("timed out"))
    with pytest.raises(ApiConnectionError) as caught:
        await h.client.create_snapshot(VPS_ID, "nightly")
    assert caught.value.outcome_unknown
    assert "Outcome unknown" in caught.value.describe()


# Invalid success bodies


@pytest.mark.parametrize(
    ("response", "fragment"),
    [
        (httpx.Response(200, content=b"<html>hi</html>"), "not valid JSON"),
        (httpx.Response(200, content=b'{"id": "1'), "not valid JSON"),
        (httpx.Response(204), "not valid JSON"),
        (httpx.Response(200, json=[]), "unexpected value at body"),
        (httpx.Response(200, json={"state": "RUNNING"}), "unexpected value at id"),
        (httpx.Response(200, json={**VPS_DETAILS, "ips": [{"ip": 1}]}), "ips.0.ip"),
    ],
)
async def test_invalid_success_body_is_invalid_response_error(
    response: httpx.Response, fragment: str
) -> None:
    h = Harness(response)
    with pytest.raises(InvalidResponseError) as caught:
        await h.client.get_vps(VPS_ID)
    assert fragment in caught.value.error_message
    assert caught.value.status == response.status_code
    assert len(h.api.requests) == 1


@pytest.mark.parametrize("payload", [{"vpss": []}, {"vps": {"a": 1}}, "vps"])
async def test_list_without_its_items_is_invalid(payload: object) -> None:
    with pytest.raises(InvalidResponseError):
        await Harness(reply(200, payload)).client.list_vps()


async def test_list_with_null_items_or_no_metadata_is_tolerated() -> None:
    page = await Harness(reply(200, {"vps": None})).client.list_vps()
    assert page.items == [] and page.metadata.total_count == 0
    page = await Harness(reply(200, {"vps": VPS_LIST["vps"]})).client.list_vps()
    assert page.metadata.total_count == 1


# Secrets


async def test_api_key_and_password_never_appear_in_errors() -> None:
    password = "hunter2-Pa55word"
    echo = {
        "errorMessage": f"bad password {password} for key {API_KEY}",
        "userMessage": f"key {API_KEY}",
        "errorDetails": {"password": [f"{password} is weak"]},
    }
    h = Harness(reply(400, echo))
    with pytest.raises(ApiError) as caught:
        await h.client.store_credential(VPS_ID, "OPERATING_SYSTEM", "root", password)
    text = caught.value.describe() + repr(caught.value.error_details) + repr(h.records)
    assert password not in text and API_KEY not in text
    assert "***" in text


async def test_password_in_an_invalid_success_body_is_not_quoted() -> None:
    h = Harness(reply(200, {**CREDENTIAL, "password": "t0p-s3cret", "username": ["root"]}))
    with pytest.raises(InvalidResponseError) as caught:
        await h.client.get_credential(VPS_ID, "OPERATING_SYSTEM", "root")
    assert "t0p-s3cret" not in str(caught.value)
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


async def test_api_key_is_masked_in_connection_errors() -> None:
    h = Harness(httpx.ConnectError(f"proxy said no to {API_KEY}"), max_retries=0)
    error = await raised(h)
    assert API_KEY not in str(error)


# Request records


async def test_request_records_hold_no_query_headers_or_body() -> None:
    h = Harness(reply(200, VPS_LIST))
    await h.client.list_vps(reference="secret-project")
    (record,) = h.records
    assert (record.method, record.path, record.status, record.attempt) == ("GET", "vps", 200, 1)
    assert record.correlation_id == CORRELATION and record.error is None
    assert record.elapsed >= 0
    assert "secret-project" not in repr(record) and API_KEY not in repr(record)


async def test_every_attempt_is_recorded_once() -> None:
    h = Harness(reply(503), reply(503), reply(202))
    await raised(h)  # get_vps: 503, 503, then 202 with no body is invalid
    assert [r.status for r in h.records] == [503, 503, 202]


# Retry-After parsing


NOW = datetime(2025, 1, 28, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("120", 120.0),
        (" 1.5 ", 1.5),
        ("-3", 0.0),
        ("Tue, 28 Jan 2025 12:00:30 GMT", 30.0),
        ("Tue, 28 Jan 2025 11:00:00 GMT", 0.0),
        ("soon", None),
        ("nan", None),
        ("inf", None),
        ("", None),
        (None, None),
    ],
)
def test_retry_after_parsing(header: str | None, seconds: float | None) -> None:
    assert retry_after_seconds(header, NOW) == seconds


def test_retry_delay_takes_the_longer_wait_but_never_more_than_the_cap() -> None:
    assert retry_delay(1, 0.5, 8.0, None) == 0.5
    assert retry_delay(3, 0.5, 8.0, 1.0) == 2.0
    assert retry_delay(1, 0.5, 8.0, 30.0) == 30.0
    assert retry_delay(1, 0.5, 8.0, 3600.0) == MAX_RETRY_DELAY
