"""The status line's API health follows the data's real age and says when the client is waiting
to retry, instead of "ok"."""

from __future__ import annotations

from dataclasses import dataclass

from lswtui.core.health import ApiHealth
from tests.tui.faults_helpers import app_on
from tests.tui.helpers import notifications, screen_text, settle


@dataclass(frozen=True)
class RetryWait:
    """Stand-in for the client's ``RetryWait`` (same fields)."""

    delay: float
    status: int | None
    reason: str
    operation: str


def test_health_is_stale_when_the_data_is_old_even_without_a_failure():
    now = [0.0]
    health = ApiHealth(clock=lambda: now[0])
    health.refresh_succeeded()
    now[0] = 29.0
    assert health.status(stale_after=30.0) == "ok"
    now[0] = 149.0  # a refresh hangs on a trickling body: nothing failed, nothing succeeded
    assert health.status(stale_after=30.0) == "stale"


def test_health_says_retrying_while_the_client_waits_and_ok_after():
    now = [0.0]
    health = ApiHealth(clock=lambda: now[0])
    health.refresh_succeeded()
    health.retry_waiting(
        RetryWait(delay=7.0, status=429, reason="rate limited", operation="List VPS")
    )
    assert health.status(stale_after=30.0) == "rate limited, retrying in 7 s"
    now[0] = 3.2
    assert health.status(stale_after=30.0) == "rate limited, retrying in 4 s"
    health.retry_waiting(RetryWait(delay=2.0, status=503, reason="HTTP 503", operation="List VPS"))
    assert health.status(stale_after=30.0) == "retrying in 2 s"
    health.record_request(0.1, ok=True)  # the retry answered
    assert health.status(stale_after=30.0) == "ok"
    health.retry_waiting(
        RetryWait(delay=2.0, status=None, reason="connection refused", operation="Get VPS")
    )
    now[0] = 6.0  # the wait is over
    assert health.status(stale_after=30.0) == "ok"


async def test_status_bar_shows_stale_age_and_retry_wait(sim):
    now = [1000.0]
    app, _ = app_on(sim, clock=lambda: now[0], refresh_interval=10)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        assert "API ok" in screen_text(app)
        app.session.client.on_retry(
            RetryWait(delay=12.0, status=429, reason="rate limited", operation="List VPS")
        )
        await pilot.pause(1.2)  # the status line ticks every second
        assert "API rate limited, retrying in 12 s" in screen_text(app)
        now[0] += 149  # no refresh for 2m29s, no failure either
        await pilot.pause(1.2)
        text = screen_text(app)
        assert "refreshed 2m29s ago" in text and "API STALE" in text


async def test_skipped_items_are_told_once_per_operation_per_refresh(sim):
    app, _ = app_on(sim)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        app.session.client.on_skipped("List VPS", 1)
        app.session.client.on_skipped("List VPS", 1)  # a second page of the same refresh
        app.session.client.on_skipped("List IPs", 3)
        await pilot.pause()
        assert notifications(app) == [
            "List VPS: 1 item could not be read and is not shown.",
            "List IPs: 3 items could not be read and are not shown.",
        ]
        await pilot.press("r")
        await settle(pilot)
        app.session.client.on_skipped("List VPS", 2)
        await pilot.pause()
        assert notifications(app)[-1] == "List VPS: 2 items could not be read and are not shown."
