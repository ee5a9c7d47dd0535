"""PickerDialog (filter, disabled items) and ReinstallDialog (snapshot block, image + app)."""

from __future__ import annotations

from lswtui.api.models import Image, IsoImage
from lswtui.tui.dialogs import (
    GOTO_SNAPSHOTS,
    ActionTarget,
    PickerDialog,
    PickerItem,
    ReinstallChoice,
    ReinstallDialog,
)
from lswtui.tui.dialogs.picker import FilterList
from tests.tui.dialog_host import DialogHost, flat_text, opened, press, screen_text, type_text

TARGET = ActionTarget("123581321", "web-01", "203.0.113.5", "prod")
ISOS = [
    IsoImage(id="GRML", name="Grml live"),
    IsoImage(id="ACRONIS_BOOT_MEDIA", name="Acronis boot media"),
    IsoImage(id="FREEBSD_14", name="FreeBSD 14 [installer]"),
]
IMAGES = [
    Image.model_validate(
        {
            "id": "UBUNTU_24_04_64BIT",
            "name": "Ubuntu 24.04",
            "marketApps": ["CPANEL_30", "PLESK_WEB_PRO"],
        }
    ),
    Image.model_validate({"id": "DEBIAN_12_64BIT", "name": "Debian 12", "state": "FAILED"}),
    Image.model_validate({"id": "ALMALINUX_9_64BIT", "name": "AlmaLinux 9", "marketApps": None}),
]


def iso_picker() -> DialogHost:
    items = [PickerItem(iso.id, iso.name or iso.id) for iso in ISOS]
    items.append(
        PickerItem(
            "WIN_2022", "Windows Server 2022", "licence", disabled_reason="not for this pack"
        )
    )
    return DialogHost(lambda: PickerDialog("Attach ISO", items, target=TARGET))


def picker_list(app: DialogHost) -> FilterList:
    return app.screen.query_one(FilterList)


async def test_picker_filters_case_insensitively_on_id_and_label() -> None:
    app = iso_picker()
    async with opened(app) as pilot:
        text = flat_text(app)
        assert "FreeBSD 14 [installer]" in text  # markup-looking labels stay literal
        assert "(unavailable: not for this pack)" in text
        await type_text(pilot, "bOot")  # "boot" in a label, mixed case
        assert picker_list(app).visible_ids == ["ACRONIS_BOOT_MEDIA"]
        await press(pilot, "ctrl+u")
        await type_text(pilot, "gr")  # matches the id GRML
        assert picker_list(app).visible_ids == ["GRML"]
        await press(pilot, "enter")
    assert app.results == ["GRML"]


async def test_picker_arrows_skip_disabled_items_and_escape_cancels() -> None:
    app = iso_picker()
    async with opened(app) as pilot:
        assert picker_list(app).selected.id == "GRML"
        await press(pilot, "down", "down")
        assert picker_list(app).selected.id == "FREEBSD_14"
        await press(pilot, "down")  # past the disabled WIN_2022, wrapping to the top
        assert picker_list(app).selected.id == "GRML"
        await press(pilot, "escape")
    assert app.results == [None]


async def test_picker_disabled_only_match_cannot_be_picked() -> None:
    app = iso_picker()
    async with opened(app) as pilot:
        await type_text(pilot, "win")
        assert picker_list(app).visible_ids == ["WIN_2022"]
        await press(pilot, "enter")
        assert isinstance(app.screen, PickerDialog)
        assert app.screen.error_message
        await pilot.press("ctrl+u")
        await type_text(pilot, "zz")
        assert "No match for 'zz'" in screen_text(app)
        assert app.results == []


async def test_picker_accepts_tuples() -> None:
    app = DialogHost(
        lambda: PickerDialog("Choose IP", [("10.0.0.1", "10.0.0.1"), ("::1", "::1", None, "IPv6")])
    )
    async with opened(app) as pilot:
        await press(pilot, "enter")
    assert app.results == ["10.0.0.1"]


async def test_reinstall_blocked_by_snapshot_offers_only_go_to_snapshots() -> None:
    app = DialogHost(lambda: ReinstallDialog(TARGET, IMAGES, has_snapshot=True))
    async with opened(app) as pilot:
        text = flat_text(app)
        assert "refuses to reinstall a VPS while it has a snapshot" in text
        assert "g Go to snapshots" in text
        assert not app.screen.query(FilterList)
        await press(pilot, "enter")
        assert isinstance(app.screen, ReinstallDialog) and app.results == []
        await press(pilot, "g")
    assert app.results == [GOTO_SNAPSHOTS]


async def test_reinstall_image_then_market_app() -> None:
    app = DialogHost(lambda: ReinstallDialog(TARGET, IMAGES, has_snapshot=False))
    async with opened(app) as pilot:
        assert "WIPES ITS DISK" in flat_text(app)
        assert "(unavailable: state FAILED)" in flat_text(app)
        await press(pilot, "enter")  # Ubuntu is first and has market apps
        assert "none (plain image)" in screen_text(app)
        await press(pilot, "b")  # back to the image list, then forward again
        assert picker_list(app).display
        await press(pilot, "enter")
        await press(pilot, "down", "enter")
    assert app.results == [ReinstallChoice("UBUNTU_24_04_64BIT", "CPANEL_30")]


async def test_reinstall_market_app_none_and_image_without_apps() -> None:
    app = DialogHost(lambda: ReinstallDialog(TARGET, IMAGES, has_snapshot=False))
    async with opened(app) as pilot:
        await press(pilot, "enter", "enter")
    assert app.results == [ReinstallChoice("UBUNTU_24_04_64BIT", None)]

    app = DialogHost(lambda: ReinstallDialog(TARGET, IMAGES, has_snapshot=False))
    async with opened(app) as pilot:
        await type_text(pilot, "alma")
        await press(pilot, "enter")
    assert app.results == [ReinstallChoice("ALMALINUX_9_64BIT", None)]
