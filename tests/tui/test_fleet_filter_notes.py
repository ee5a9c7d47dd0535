"""The filter on screen (issue 11, item 18): what matched out of sight, and unknown keys, are said."""

from __future__ import annotations

from lswtui.tui.widgets.fleet_table import FleetTable
from tests.tui.helpers import make_app, screen_text, settle


async def test_a_bare_word_from_the_pack_name_does_not_match_every_vps(sim, make_client):
    app = make_app(make_client())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"web")
        await pilot.pause()
        table = app.query_one(FleetTable)
        rows = [table.row(i) for i in table.visible_ids]
        assert {"web-01", "web-02", "web-03"} <= {row.reference for row in rows}
        assert all("web" in f"{row.reference} {row.image}".lower() for row in rows)
        assert len(rows) < 25


async def test_a_match_on_a_hidden_ip_is_shown(sim, make_client):
    vps = sorted(sim.state.vps.values(), key=lambda v: int(v.id))[3]
    hidden = next(ip.ip for ip in vps.ips if not ip.main)
    app = make_app(make_client())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *f"ip:{hidden}")
        await pilot.pause()
        assert app.query_one(FleetTable).visible_ids == [vps.id]
        assert f"Matched IP {hidden} (not shown in the list)" in screen_text(app)


async def test_an_unknown_key_is_reported(sim, make_client):
    app = make_app(make_client())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"foo:bar")
        await pilot.pause()
        text = screen_text(app)
        assert "Unknown filter key foo: (ignored)" in text
        assert app.query_one(FleetTable).row_count == 25
