"""A VPS with 50,000 IPs: the IPs tab renders a capped number of rows with a count, and a refresh
updates them in place (no clear and refill every 10 s); a changed IP shows."""

from __future__ import annotations

from textual.widgets import DataTable

from lswtui.api.models import IpDetails
from tests.tui.faults_helpers import app_on
from tests.tui.helpers import screen_text, settle

IP_COUNT = 50_000
MAX_ROWS = 1_000  # rows rendered at most


def many_ips(changed_rdns: str | None = None) -> list[IpDetails]:
    ips = [
        IpDetails.model_construct(
            ip=f"10.{i // 65536}.{i // 256 % 256}.{i % 256}",
            prefix_length="32",
            version=4,
            null_routed=False,
            main_ip=i == 0,
            network_type="PUBLIC",
            reverse_lookup=f"h{i}.example.org",
            ddos=None,
        )
        for i in range(IP_COUNT)
    ]
    if changed_rdns:
        ips[10] = ips[10].model_copy(update={"reverse_lookup": changed_rdns})
    return ips


class Counted:
    def __init__(self, method) -> None:
        self.method, self.calls = method, 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self.method(*args, **kwargs)


async def test_an_unchanged_refresh_does_not_refill_and_a_change_shows(sim):
    app, _ = app_on(sim)
    answers = {"ips": many_ips()}

    async def list_ips(vps_id: str, **kwargs) -> list[IpDetails]:
        return answers["ips"]

    app.session.client.list_ips = list_ips
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        table = app.screen.query_one("#pane-ips DataTable", DataTable)
        assert table.row_count == MAX_ROWS  # rendering all 50,000 rows took ~6 s
        assert f"Showing the first {MAX_ROWS:,} of 50,000 IPs." in screen_text(app)
        table.move_cursor(row=10)
        clear, add = Counted(table.clear), Counted(table.add_row)
        table.clear, table.add_row = clear, add

        answers["ips"] = many_ips()  # equal data, new objects
        await pilot.press("r")
        await settle(pilot)
        assert (clear.calls, add.calls) == (0, 0)

        answers["ips"] = many_ips(changed_rdns="changed.example.org")
        await pilot.press("r")
        await settle(pilot)
        assert (clear.calls, add.calls) == (0, 0)
        assert "changed.example.org" in [str(cell) for cell in table.get_row("10.0.0.10")]
        assert table.cursor_row == 10
        assert "changed.example.org" in screen_text(app)
