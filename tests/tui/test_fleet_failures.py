"""A failing refresh keeps the last known data on screen, marked stale, with the error."""

from __future__ import annotations

import httpx

from lswtui.api import LeasewebClient
from lswtui.sim import DEMO_BASE_URL
from lswtui.tui.widgets.fleet_table import FleetTable
from tests.tui.helpers import make_app, notifications, screen_text, settle


class BreakableTransport(httpx.AsyncBaseTransport):
    """The simulator, until ``broken`` is set: then a gateway answers 500 with a correlation id."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.broken = False

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self.broken:
            return httpx.Response(
                500,
                json={
                    "errorCode": "500",
                    "errorMessage": "The API could not handle your request at this time.",
                    "correlationId": "11111111-2222-3333-4444-555555555555",
                },
            )
        return await self.inner.handle_async_request(request)


async def test_failed_refresh_keeps_stale_data_and_shows_error(sim):
    transport = BreakableTransport(sim.transport())
    client = LeasewebClient.create(sim.api_key, base_url=DEMO_BASE_URL, transport=transport)
    app = make_app(client)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        table = app.query_one(FleetTable)
        assert table.total_count == 25
        transport.broken = True
        await pilot.press("r")
        await settle(pilot)
        assert table.total_count == 25
        assert table.stale
        text = screen_text(app)
        assert "Refresh failed; showing the last known data." in text
        assert "11111111-2222-3333-4444-555555555555" in text
        assert any("11111111-2222-3333-4444-555555555555" in n for n in notifications(app))
        assert "API ERRORS" in text or "API STALE" in text
        transport.broken = False
        await pilot.press("r")
        await settle(pilot)
        assert not table.stale
        assert "Refresh failed" not in screen_text(app)


async def test_first_load_failure_explains_and_has_no_traceback(sim):
    client = LeasewebClient.create("wrong-key", base_url=DEMO_BASE_URL, transport=sim.transport())
    app = make_app(client)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Could not load the VPS list." in text
        assert "401" in text
        assert "Traceback" not in text
        assert app.is_running
