"""A list row carries what the optional columns show: IPv6, started, market app."""

from __future__ import annotations

from lswtui.api.models import VpsSummary
from lswtui.core.fleet import FleetRow


def test_a_row_has_the_first_ipv6_the_start_time_and_the_market_app():
    vps = VpsSummary.model_validate(
        {
            "id": "1",
            "marketAppId": "PLESK_WEB_PRO",
            "startedAt": "2024-10-24T21:13:25+00:00",
            "ips": [
                {"ip": "10.0.0.1", "version": 4, "networkType": "INTERNAL"},
                {"ip": "2001:db8::1", "version": 6, "networkType": "PUBLIC"},
                {"ip": "2001:db8::2", "version": 6, "networkType": "PUBLIC"},
            ],
        }
    )
    row = FleetRow.from_vps(vps)
    assert row.ipv6 == "2001:db8::1"
    assert row.market_app == "PLESK_WEB_PRO"
    assert row.started_at is not None and row.started_at.isoformat() == "2024-10-24T21:13:25+00:00"


def test_without_them_the_row_is_blank_there():
    row = FleetRow.from_vps(VpsSummary.model_validate({"id": "1"}))
    assert (row.ipv6, row.market_app, row.started_at) == ("", "", None)
