"""Screenshots: refused while a password is revealed, written 0600, into the state dir when
~/Downloads does not exist; the profile line never shows userinfo from the API URL."""

from __future__ import annotations

import html
import stat

import lswtui.config
from tests.tui.actions_helpers import pick, select
from tests.tui.faults_helpers import app_on
from tests.tui.helpers import notifications, screen_text, settle, until_dialog_takes_keys


def svgs(directory) -> list:
    return sorted(directory.glob("*.svg")) if directory.exists() else []


async def test_screenshot_refused_while_a_password_shows_then_private_in_the_state_dir(
    sim, tmp_path, monkeypatch
):
    downloads = tmp_path / "Downloads"  # does not exist
    monkeypatch.setattr(lswtui.config, "user_downloads_path", lambda: downloads, raising=False)
    state = lswtui.config.state_dir()
    app, _ = app_on(sim)
    vps = pick(sim, lambda v: len(v.credentials) == 1)
    password = vps.credentials[0].password
    async with app.run_test(size=(150, 45)) as pilot:
        await settle(pilot)
        await select(pilot, vps.id, tab="credentials")
        await pilot.press("v")
        await settle(pilot)
        assert password in screen_text(app)
        app.action_screenshot()
        await settle(pilot)
        assert svgs(state) == [] and svgs(downloads) == []
        assert any("Hide the password first" in n for n in notifications(app))

        await pilot.press("v")
        await settle(pilot)
        app.action_screenshot()
        await settle(pilot)
        (shot,) = svgs(state)
        assert stat.S_IMODE(shot.stat().st_mode) == 0o600
        text = shot.read_text()
        assert "<svg" in text and password not in text and html.escape(password) not in text
        assert not downloads.exists()


async def test_screenshot_goes_to_downloads_when_it_exists(sim, tmp_path, monkeypatch):
    downloads = tmp_path / "Downloads"
    downloads.mkdir()
    monkeypatch.setattr(lswtui.config, "user_downloads_path", lambda: downloads, raising=False)
    app, _ = app_on(sim)
    async with app.run_test(size=(150, 45)) as pilot:
        await settle(pilot)
        app.action_screenshot()
        await settle(pilot)
        (shot,) = svgs(downloads)
        assert stat.S_IMODE(shot.stat().st_mode) == 0o600


async def test_status_bar_never_shows_userinfo_of_the_api_url(sim):
    app, _ = app_on(sim, api_url="https://ops:S3cretPass@api.example.com:8443/publicCloud/v1")
    async with app.run_test(size=(150, 45)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "test @ api.example.com:8443" in text
        assert "S3cretPass" not in text and "ops:" not in text


async def test_screenshot_refused_over_a_console_url_or_a_password_typed_in_clear(
    sim, tmp_path, monkeypatch
):
    from lswtui.tui.dialogs import ActionTarget, ConsoleDialog, CredentialDialog

    monkeypatch.setattr(
        lswtui.config, "user_downloads_path", lambda: tmp_path / "Downloads", raising=False
    )
    state = lswtui.config.state_dir()
    target = ActionTarget("123581321", "web-01", "203.0.113.5", "test")
    app, _ = app_on(sim)
    async with app.run_test(size=(150, 45)) as pilot:
        await settle(pilot)
        app.push_screen(
            ConsoleDialog(
                target,
                "https://console.example/vnc?token=s3cr3t-tok",
                opener=lambda url: False,
                environ={},
                platform="linux",
            )
        )
        await settle(pilot)
        app.action_screenshot()
        await settle(pilot)
        assert svgs(state) == []
        app.pop_screen()
        dialog = CredentialDialog(target)
        app.push_screen(dialog)
        await settle(pilot)
        app.action_screenshot()  # the password is masked: allowed
        await settle(pilot)
        assert len(svgs(state)) == 1
        await until_dialog_takes_keys(pilot)
        await pilot.press("ctrl+r")  # show the password typed
        await settle(pilot)
        assert dialog.password_visible
        app.action_screenshot()
        await settle(pilot)
        assert len(svgs(state)) == 1
        assert sum("Hide the password first" in n for n in notifications(app)) == 2
