"""Keys typed in one burst act in the order they were typed, in every text field.

Textual inserts a typed character when the field gets its key but runs a bound key (backspace,
arrows, ctrl+u) only after the key has bubbled up to the app, so in a burst the characters
overtook it (Textualize/textual#6605). QA saw ``grml`` + four backspaces + ``rescue`` in the
ISO picker leave GRML proposed. The keys here are posted as the driver posts one read's keys:
all at once, none waiting for the one before.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from lswtui.tui.dialogs.picker import PickerDialog
from tests.tui.actions_helpers import answer, pick, running, select
from tests.tui.helpers import settle, until_dialog_takes_keys


def burst(app, text: str) -> None:
    """One read's keys: ``\\b`` is a backspace."""
    for char in text:
        if char == "\b":
            app.post_message(events.Key("backspace", None))
        else:
            app.post_message(events.Key(char, char))


async def test_backspaces_and_letters_in_one_burst_keep_their_order_in_the_iso_picker(
    sim, make_client
):
    vps = pick(sim, lambda v: v.state == "RUNNING" and v.iso is None)
    async with running(make_client()) as pilot:
        app = pilot.app
        await select(pilot, vps.id)
        await answer(pilot, "I")
        assert isinstance(app.screen, PickerDialog)
        await until_dialog_takes_keys(pilot)
        burst(app, "grml")
        await settle(pilot)
        burst(app, "\b\b\b\brescue")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, PickerDialog)
        assert dialog.filter_list.input.value == "rescue"
        assert dialog.filter_list.visible_ids == ["SYSTEMRESCUE"]
        await answer(pilot, "escape")


async def test_a_burst_with_backspaces_filters_the_list_by_what_was_typed(sim, make_client):
    async with running(make_client()) as pilot:
        app = pilot.app
        await answer(pilot, "slash")
        burst(app, "web\b\b\bdb-primary")
        await settle(pilot)
        assert app.screen.query_one("#filter", Input).value == "db-primary"
