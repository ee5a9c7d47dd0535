"""Edit reference, open console, reset password: through the UI, against the simulator.

(The reset-password warning for a null-routed main IP is checked in test_actions_cancel.py.)"""

from __future__ import annotations

from lswtui.tui.dialogs import ConfirmDialog, ConsoleDialog, PromptDialog
from lswtui.tui.dialogs import console as console_dialog
from lswtui.tui.screens.fleet import FleetScreen
from lswtui.tui.widgets.fleet_table import FleetTable
from tests.conftest import requests_to
from tests.tui.actions_helpers import (
    answer,
    dialog_text,
    fill,
    mutations,
    one_request,
    pick,
    refresh_after,
    running,
    select,
)
from tests.tui.helpers import notifications, screen_text


async def test_edit_reference_shows_the_new_name_in_the_list_without_a_refresh(sim, make_client):
    vps = pick(sim, lambda v: v.reference == "mail")
    async with running(make_client()) as pilot:
        app = pilot.app
        await select(pilot, vps.id)
        await answer(pilot, "E", "enter")  # unchanged: nothing to send
        assert not isinstance(app.screen, PromptDialog) and mutations(sim) == []
        await answer(pilot, "E")
        await fill(pilot, "#prompt-input", "  mail-old  ")
        await answer(pilot, "enter")
        one_request(sim, "PUT", f"/vps/{vps.id}")
        assert len(mutations(sim)) == 1
        assert sim.state.vps[vps.id].reference == "mail-old"
        assert "mail-old" in app.query_one(FleetTable).row_text(vps.id)
        assert any("is now 'mail-old'" in n for n in notifications(app))
        assert [(e.operation, e.parameters) for e in app.session.audit.read()] == [
            ("edit_reference", {"reference": "mail-old"})
        ]


async def test_a_reference_longer_than_the_api_allows_is_refused_not_cut(sim, make_client):
    vps = pick(sim, lambda v: v.reference == "mail")
    async with running(make_client()) as pilot:
        app = pilot.app
        await select(pilot, vps.id)
        await answer(pilot, "E")
        await fill(pilot, "#prompt-input", "x" * 256)
        await answer(pilot, "enter")
        assert isinstance(app.screen, PromptDialog) and mutations(sim) == []
        assert "A reference has at most 255 characters; this one has 256." in dialog_text(app)
        await fill(pilot, "#prompt-input", "x" * 255)
        await answer(pilot, "enter")
        one_request(sim, "PUT", f"/vps/{vps.id}")
        assert sim.state.vps[vps.id].reference == "x" * 255


async def test_clearing_the_reference_asks_first(sim, make_client):
    vps = pick(sim, lambda v: v.reference == "mail")
    async with running(make_client()) as pilot:
        app = pilot.app
        await select(pilot, vps.id)
        await answer(pilot, "E")
        await fill(pilot, "#prompt-input", "   ")
        await answer(pilot, "enter")
        assert isinstance(app.screen, ConfirmDialog) and mutations(sim) == []
        assert "Clear the reference 'mail'" in dialog_text(app)
        await answer(pilot, "n")
        assert isinstance(app.screen, FleetScreen) and mutations(sim) == []
        await answer(pilot, "E")
        await fill(pilot, "#prompt-input", "")
        await answer(pilot, "enter", "y")
        one_request(sim, "PUT", f"/vps/{vps.id}")
        assert sim.state.vps[vps.id].reference == ""
        assert [e.parameters for e in app.session.audit.read()] == [{"reference": ""}]


async def test_console_shows_and_copies_the_url_but_never_notifies_or_logs_it(
    sim, make_client, monkeypatch
):
    opened: list[str] = []
    monkeypatch.setattr(console_dialog, "default_opener", lambda url: opened.append(url) or True)
    monkeypatch.setattr(console_dialog, "browser_unavailable_reason", lambda *args: None)
    vps = pick(sim, lambda v: v.state == "RUNNING")
    async with running(make_client()) as pilot:
        app = pilot.app
        await select(pilot, vps.id)
        await answer(pilot, "O")
        assert isinstance(app.screen, ConsoleDialog)
        [_sent] = requests_to(sim, "GET", f"/vps/{vps.id}/console")
        url = app.clipboard
        assert url.startswith("https://") and "token" in url
        assert url in dialog_text(app).replace(" ", "")  # folded over several lines
        await answer(pilot, "o")
        assert opened == [url]
        await answer(pilot, "escape")
        assert not isinstance(app.screen, ConsoleDialog)
        assert not any(url in n or "token" in n for n in notifications(app))
        assert url not in screen_text(app)
        assert mutations(sim) == [] and app.session.audit.read() == []


async def test_reset_password_changes_the_os_password_after_a_few_moments(sim, clock, make_client):
    vps = pick(
        sim,
        lambda v: (
            v.state == "RUNNING"
            and not v.main_ip.null_routed
            and [c.username for c in v.credentials] == ["root"]
        ),
    )
    before = sim.state.vps[vps.id].credentials[0].password
    async with running(make_client()) as pilot:
        app = pilot.app
        await select(pilot, vps.id, tab="credentials")
        await answer(pilot, "P")
        assert isinstance(app.screen, ConfirmDialog)
        assert "WARNING" not in dialog_text(app)
        # The reference documents no reboot for a reset, and the VPS stays RUNNING: none promised.
        assert "reboot" not in dialog_text(app).lower() and "may take a few moments" in dialog_text(
            app
        )
        await answer(pilot, "y")
        [sent] = requests_to(sim, "POST", f"/vps/{vps.id}/resetPassword")
        assert sent.status == 202 and len(mutations(sim)) == 1
        assert any("Password reset" in n and "accepted" in n for n in notifications(app))
        await refresh_after(pilot, clock, sim.timings.password_reset + 1)
        after = sim.state.vps[vps.id].credentials[0].password
        assert after != before and sim.state.vps[vps.id].state == "RUNNING"
        assert not any(after in n for n in notifications(app)) and after not in screen_text(app)
        assert after not in app.session.audit.path.read_text()
