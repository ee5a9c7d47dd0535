"""Store, update, delete and delete-all credentials; the password never leaks after saving."""

from __future__ import annotations

from lswtui.tui.dialogs import ConfirmDialog, CredentialDialog, PickerDialog, TypeToConfirmDialog
from tests.tui.actions_helpers import (
    answer,
    dialog_text,
    fill,
    mutations,
    one_request,
    palette_run,
    pick,
    running,
    select,
    type_to_confirm,
)
from tests.tui.helpers import notifications, screen_text

SECRET = "Corr3ct-Horse-Battery"


def assert_never_shown(app, secret: str) -> None:
    assert not any(secret in n for n in notifications(app))
    assert secret not in screen_text(app)
    assert secret not in app.session.audit.path.read_text()


async def test_store_credential_then_it_is_listed_masked(sim, make_client):
    vps = pick(sim, lambda v: v.reference == "mail")
    async with running(make_client()) as pilot:
        app = pilot.app
        await select(pilot, vps.id, tab="credentials")
        await answer(pilot, "C")
        assert isinstance(app.screen, CredentialDialog)
        await fill(pilot, "#credential-username", "backup-bot")
        await fill(pilot, "#credential-password", SECRET)
        assert SECRET not in screen_text(app)  # masked while typing
        await answer(pilot, "enter")
        one_request(sim, "POST", f"/vps/{vps.id}/credentials")
        assert len(mutations(sim)) == 1
        stored = sim.state.vps[vps.id].find_credential("OPERATING_SYSTEM", "backup-bot")
        assert stored is not None and stored.password == SECRET
        assert "backup-bot" in screen_text(app)  # the Credentials tab was reloaded
        assert_never_shown(app, SECRET)
        assert [(e.operation, e.parameters) for e in app.session.audit.read()] == [
            ("store_credential", {"type": "OPERATING_SYSTEM", "username": "backup-bot"})
        ]


async def test_update_credential_selected_in_the_tab(sim, make_client):
    vps = pick(
        sim,
        lambda v: (
            [(c.type, c.username) for c in v.credentials]
            == [("OPERATING_SYSTEM", "root"), ("CONTROL_PANEL", "admin")]
        ),
    )
    async with running(make_client()) as pilot:
        app = pilot.app
        await select(pilot, vps.id, tab="credentials")
        await answer(pilot, "tab", "tab", "down")  # into the tab's table, onto CONTROL_PANEL/admin
        await answer(pilot, "W")
        assert isinstance(app.screen, CredentialDialog)
        assert "CONTROL_PANEL" in dialog_text(app) and "admin" in dialog_text(app)
        await fill(pilot, "#credential-password", SECRET)
        await answer(pilot, "enter")
        one_request(sim, "PUT", f"/vps/{vps.id}/credentials/CONTROL_PANEL/admin")
        assert len(mutations(sim)) == 1
        assert sim.state.vps[vps.id].find_credential("CONTROL_PANEL", "admin").password == SECRET
        assert sim.state.vps[vps.id].find_credential("OPERATING_SYSTEM", "root").password != SECRET
        assert_never_shown(app, SECRET)


async def test_delete_credential_from_the_palette_picks_then_confirms(sim, make_client):
    vps = pick(sim, lambda v: [c.username for c in v.credentials] == ["root", "deploy"])
    async with running(make_client()) as pilot:
        app = pilot.app
        await select(pilot, vps.id)
        await palette_run(pilot, "Delete credential")
        assert isinstance(app.screen, PickerDialog)
        await fill(pilot, "#picker-list Input", "deploy")
        await answer(pilot, "enter")
        assert isinstance(app.screen, ConfirmDialog)
        assert "deploy (OPERATING_SYSTEM)" in dialog_text(app)
        await answer(pilot, "y")
        one_request(sim, "DELETE", f"/vps/{vps.id}/credentials/OPERATING_SYSTEM/deploy")
        assert len(mutations(sim)) == 1
        assert [c.username for c in sim.state.vps[vps.id].credentials] == ["root"]


async def test_delete_all_credentials_needs_the_typed_id(sim, make_client):
    vps = pick(sim, lambda v: len(v.credentials) == 3)
    async with running(make_client()) as pilot:
        app = pilot.app
        await select(pilot, vps.id, tab="credentials")
        await palette_run(pilot, "Delete all credentials")
        assert isinstance(app.screen, TypeToConfirmDialog)
        assert (
            "root (OPERATING_SYSTEM), deploy (OPERATING_SYSTEM), admin (CONTROL_PANEL)"
            in dialog_text(app)
        )
        await type_to_confirm(pilot, "yes")
        assert isinstance(app.screen, TypeToConfirmDialog) and mutations(sim) == []
        await type_to_confirm(pilot, vps.id)
        one_request(sim, "DELETE", f"/vps/{vps.id}/credentials")
        assert len(mutations(sim)) == 1
        assert sim.state.vps[vps.id].credentials == []
        assert "No stored credentials." in screen_text(app)
        await answer(pilot, "W")
        assert any(
            "not available: the VPS has no stored credentials" in n for n in notifications(app)
        )
        assert len(mutations(sim)) == 1
