"""The Overview (issue 11, item 17): Contract values start at the same column as Machine values."""

from __future__ import annotations

from tests.tui.helpers import make_app, screen_text, settle


async def test_contract_values_line_up_with_machine_values(sim, make_client):
    app = make_app(make_client())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        lines = screen_text(app).splitlines()
        pack = next(line for line in lines if " Pack " in line and "Leaseweb VPS" in line)
        billing = next(line for line in lines if " Billing " in line)
        assert pack.index("Leaseweb VPS") == billing.index("every ")
