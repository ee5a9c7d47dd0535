"""The bulk confirmation: every target and skipped VPS shown, the typed count required."""

from __future__ import annotations

from lswtui.core.dialogs import ActionTarget, Skipped
from lswtui.tui.dialogs.bulk_confirm import BulkConfirmDialog
from tests.tui.dialog_host import DialogHost, flat_text, opened, press, type_text

TARGETS = [
    ActionTarget("126855092", "db-primary", "203.0.113.5", "prod"),
    ActionTarget("126855093", "[bold]web-01", "203.0.113.6", "prod"),
    ActionTarget("126855094", None, None, "prod"),
]
SKIPPED = [Skipped(ActionTarget("126855095", "cache", None, "prod"), "the VPS is STOPPED")]


def dialog() -> DialogHost:
    return DialogHost(
        lambda: BulkConfirmDialog("Reboot VPS on 3 VPSes", "Restarts the VPS.", TARGETS, SKIPPED)
    )


async def test_every_target_and_skipped_vps_is_listed_with_its_account() -> None:
    app = dialog()
    async with opened(app, size=(100, 30)):
        text = flat_text(app)
        for expected in (
            "Reboot VPS on 3 VPSes",
            "Restarts the VPS.",
            "3 VPSes: 126855092 db-primary (prod) 126855093 [bold]web-01 (prod) "
            "126855094 (no reference) (prod)",
            "Skipped, not sent (1): 126855095 cache (prod): the VPS is STOPPED",
            "Type 3 (the number of VPSes) to confirm:",
        ):
            assert expected in text
        assert app.results == []


async def test_enter_confirms_only_with_the_number_of_targets_typed() -> None:
    app = dialog()
    async with opened(app) as pilot:
        await press(pilot, "enter")
        assert app.results == []
        assert "You typed nothing; type 3, the number of VPSes, to confirm." in flat_text(app)
        await type_text(pilot, "2")
        await press(pilot, "enter")
        assert app.results == []
        assert "You typed '2'" in flat_text(app)
        await press(pilot, "backspace")
        await type_text(pilot, "3")
        await press(pilot, "enter")
    assert app.results == [True]


async def test_y_does_not_confirm_and_escape_cancels() -> None:
    app = dialog()
    async with opened(app) as pilot:
        await press(pilot, "y", "enter")
        assert app.results == []
        await press(pilot, "escape")
    assert app.results == [False]
