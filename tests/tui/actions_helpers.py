"""Helpers for the action tests: select a VPS, answer dialogs, count requests."""

from __future__ import annotations

from textual.widgets import Input

from lswtui.tui.widgets.fleet_table import FleetTable
from tests.conftest import requests_to
from tests.tui.helpers import settle

MUTATING = ("POST", "PUT", "DELETE")


def mutations(sim) -> list:
    return [r for r in sim.requests if r.method in MUTATING]


def pick(sim, predicate):
    return next(v for v in sorted(sim.state.vps.values(), key=lambda v: int(v.id)) if predicate(v))


async def select(pilot, vps_id: str, tab: str | None = None) -> None:
    pilot.app.screen.go_to(vps_id)
    if tab:
        pilot.app.screen.action_show_tab(tab)
    await pilot.pause(0.3)
    await settle(pilot)
    assert pilot.app.query_one(FleetTable).selected_id == vps_id


async def fill(pilot, selector: str, value: str) -> None:
    """Replace the text of an Input in the open dialog."""
    box = pilot.app.screen.query_one(selector, Input)
    box.value = value
    box.focus()
    await pilot.pause()


async def answer(pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()
    await settle(pilot)


def one_request(sim, method: str, suffix: str) -> None:
    sent = requests_to(sim, method, suffix)
    assert len(sent) == 1, f"expected one {method} …{suffix}, got {len(sent)}"
