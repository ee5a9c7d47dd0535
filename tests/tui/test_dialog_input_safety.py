"""Keys that nobody meant for a dialog never answer it (issue 10).

A terminal reply or a paste arrives as one burst of keys: the key that opens a dialog and the
keys after it are read together. Keys read before the dialog has been open for its guard time
are dropped, and a form sends the value it held when Enter was read, whatever follows.
"""

from __future__ import annotations

from textual import events

from lswtui.core.dialogs import ActionTarget
from lswtui.tui.dialogs import ConfirmDialog, CredentialDialog, PromptDialog, TypeToConfirmDialog
from lswtui.tui.dialogs.base import KEY_GUARD_SECONDS
from tests.tui.actions_helpers import answer, fill, mutations, one_request, pick, running, select
from tests.tui.dialog_host import DialogHost, opened
from tests.tui.helpers import settle, until_dialog_takes_keys


def key(name: str, read_at: float | None = None) -> events.Key:
    """A key event; ``read_at`` backdates it to when the terminal read it."""
    event = events.Key(name, name if len(name) == 1 else None)
    if read_at is not None:
        event.time = read_at
    return event


def within_guard(pilot) -> float:
    """A read time inside the open dialog's guard, however slowly a loaded machine got here."""
    return pilot.app.screen.keys_from - KEY_GUARD_SECONDS / 2


async def burst(pilot, *keys: events.Key) -> None:
    """Deliver keys as one terminal read: all queued before any is handled."""
    for event in keys:
        pilot.app.post_message(event)
    await settle(pilot)


async def open_stop_dialog(pilot, vps_id: str) -> ConfirmDialog:
    await select(pilot, vps_id)
    await burst(pilot, key("X"))
    assert isinstance(pilot.app.screen, ConfirmDialog)
    return pilot.app.screen


def test_the_guard_is_a_third_of_a_second():
    assert KEY_GUARD_SECONDS == 0.35


async def test_y_read_in_the_same_burst_as_X_does_not_stop_the_vps(sim, make_client):
    vps = pick(sim, lambda v: v.state == "RUNNING")
    async with running(make_client()) as pilot:
        await select(pilot, vps.id)
        opener = key("X")
        confirm = key("y", read_at=opener.time)  # read together, e.g. from one terminal reply
        await burst(pilot, opener)
        assert isinstance(pilot.app.screen, ConfirmDialog)
        await burst(pilot, confirm)  # handled once the dialog is up (the app was busy)
        assert isinstance(pilot.app.screen, ConfirmDialog)
        assert mutations(sim) == [] and sim.state.vps[vps.id].state == "RUNNING"


async def test_y_read_just_after_the_dialog_opened_is_dropped_not_queued(sim, make_client):
    vps = pick(sim, lambda v: v.state == "RUNNING")
    async with running(make_client()) as pilot:
        dialog = await open_stop_dialog(pilot, vps.id)
        await burst(pilot, key("y", read_at=within_guard(pilot)))
        await until_dialog_takes_keys(pilot)
        await settle(pilot)
        assert pilot.app.screen is dialog and mutations(sim) == []


async def test_y_after_the_guard_stops_the_vps(sim, make_client):
    vps = pick(sim, lambda v: v.state == "RUNNING")
    async with running(make_client()) as pilot:
        await open_stop_dialog(pilot, vps.id)
        await until_dialog_takes_keys(pilot)
        await burst(pilot, key("y"))
        one_request(sim, "POST", f"/vps/{vps.id}/stop")
        assert sim.state.vps[vps.id].state == "STOPPING"


async def test_typing_into_a_field_before_the_guard_is_dropped():
    target = ActionTarget("100000001", "web-01", None, "prod")
    app = DialogHost(lambda: TypeToConfirmDialog("Reinstall", target, "Erases the disk."))
    async with opened(app) as pilot:
        read_at = within_guard(pilot)
        await burst(pilot, *(key(name, read_at) for name in [*"100000001", "enter"]))
        assert app.screen.query_one("#type-confirm-input").value == ""
        assert app.results == []
        await until_dialog_takes_keys(pilot)
        await burst(pilot, key("1"))
        assert app.screen.query_one("#type-confirm-input").value == "1"


async def test_edit_reference_sends_the_value_held_when_enter_was_read(sim, make_client):
    vps = pick(sim, lambda v: v.reference == "mail")
    async with running(make_client()) as pilot:
        await select(pilot, vps.id)
        await answer(pilot, "E")
        assert isinstance(pilot.app.screen, PromptDialog)
        await until_dialog_takes_keys(pilot)
        await fill(pilot, "#prompt-input", "web-02")
        await burst(pilot, key("enter"), key("j"), key("j"))
        one_request(sim, "PUT", f"/vps/{vps.id}")
        assert len(mutations(sim)) == 1
        assert sim.state.vps[vps.id].reference == "web-02"
        assert [e.parameters for e in pilot.app.session.audit.read() if e.outcome != "sent"] == [
            {"reference": "web-02"}
        ]


async def test_update_password_stores_the_value_held_when_enter_was_read(sim, make_client):
    vps = pick(
        sim,
        lambda v: (
            [(c.type, c.username) for c in v.credentials]
            == [("OPERATING_SYSTEM", "root"), ("CONTROL_PANEL", "admin")]
        ),
    )
    async with running(make_client()) as pilot:
        await select(pilot, vps.id, tab="credentials")
        await answer(pilot, "tab", "tab")
        await answer(pilot, "W")
        assert isinstance(pilot.app.screen, CredentialDialog)
        await until_dialog_takes_keys(pilot)
        await fill(pilot, "#credential-password", "Hunter2-Hunter2")
        await burst(pilot, key("enter"), key("j"))
        one_request(sim, "PUT", f"/vps/{vps.id}/credentials/OPERATING_SYSTEM/root")
        assert (
            sim.state.vps[vps.id].find_credential("OPERATING_SYSTEM", "root").password
            == "Hunter2-Hunter2"
        )


async def test_a_key_read_after_tab_in_the_same_burst_goes_to_the_next_field():
    """Tab moves the focus before the key read after it is delivered (over SSH a whole line
    of keys often arrives in one read): ``INC-42 Tab 1`` is a comment and 1 hour, not the
    comment ``INC-421`` with no automatic removal."""
    from lswtui.tui.dialogs import NullRouteDialog

    target = ActionTarget("100000001", "web-01", "198.51.100.7", "prod")
    app = DialogHost(lambda: NullRouteDialog(target, "198.51.100.7"))
    async with opened(app) as pilot:
        await until_dialog_takes_keys(pilot)
        await burst(pilot, *map(key, "INC-42"), key("tab"), key("1"))
        comment = app.screen.query_one("#null-comment").value
        hours = app.screen.query_one("#null-hours").value
        assert (comment, hours) == ("INC-42", "1")
