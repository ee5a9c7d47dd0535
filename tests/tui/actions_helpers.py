"""Helpers for the action tests: select a VPS, answer dialogs, count requests."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from textual.command import Command, CommandList, CommandPalette, Hit
from textual.pilot import Pilot
from textual.widgets import Input

from lswtui.api import LeasewebClient
from lswtui.tui.widgets.fleet_table import FleetTable
from tests.conftest import requests_to
from tests.tui.helpers import make_app, notifications, screen_text, settle, until_dialog_takes_keys

MUTATING = ("POST", "PUT", "DELETE")
_FRAME = " █▌▎▊▀▄▔▁"  # borders of the dialog and its fields


def mutations(sim) -> list:
    return [r for r in sim.requests if r.method in MUTATING]


def pick(sim, predicate):
    return next(v for v in sorted(sim.state.vps.values(), key=lambda v: int(v.id)) if predicate(v))


async def select(pilot, vps_id: str, tab: str | None = None, timeout: float = 5.0) -> None:
    """Select the VPS (and tab) and wait until the tab shows it (selection loads are debounced)."""
    screen = pilot.app.screen
    screen.go_to(vps_id)
    if tab:
        screen.action_show_tab(tab)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while screen.pane(screen.active_tab).shown_for != vps_id:
        assert loop.time() < deadline, f"the {screen.active_tab} tab never showed {vps_id}"
        await asyncio.sleep(0.01)
    await settle(pilot)
    assert pilot.app.query_one(FleetTable).selected_id == vps_id


async def choose_ip_in_tab(pilot, vps_id: str, address: str) -> None:
    """Select the VPS on the IPs tab and put the tab's cursor on ``address``, by keyboard."""
    await select(pilot, vps_id, tab="ips")
    pane = pilot.app.screen.pane("ips")
    await answer(pilot, "tab", "tab")
    assert pilot.app.focused is pane.table
    move = [ip.ip for ip in pane.data].index(address) - pane.table.cursor_row
    await answer(pilot, *(["down"] * move if move > 0 else ["up"] * -move))
    assert pane.selected_ip.ip == address


async def fill(pilot, selector: str, value: str) -> None:
    """Replace the text of an Input in the open dialog."""
    box = pilot.app.screen.query_one(selector, Input)
    box.value = value
    box.focus()
    await pilot.pause()


async def answer(pilot, *keys: str) -> None:
    """Press keys as a user would: each one after the open dialog's key guard is over."""
    for key in keys:
        await until_dialog_takes_keys(pilot)
        await pilot.press(key)
        await pilot.pause()
    await settle(pilot)


def label(vps) -> str:
    """How toasts name a simulator VPS, once: ``123581321 web-01``."""
    return f"{vps.id} {vps.reference}".rstrip()


def completed(app, operation: str) -> bool:
    """Whether the runner said the tracked action ``operation`` (its whole name, e.g.
    ``Stop VPS 123 web-01``) completed."""
    return any(n.startswith(f"{operation} completed in ") for n in notifications(app))


def one_request(sim, method: str, suffix: str) -> None:
    sent = requests_to(sim, method, suffix)
    assert len(sent) == 1, f"expected one {method} …{suffix}, got {len(sent)}"


@asynccontextmanager
async def running(client: LeasewebClient, **kwargs) -> AsyncIterator[Pilot]:
    """The app on the simulator at 140x40 with its first load done."""
    app = make_app(client, **kwargs)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        yield pilot


def dialog_text(app) -> str:
    """The open dialog's box as one line of words (wrapped lines joined), as the user reads it."""
    box = app.screen.query_one("#dialog-box").region
    lines = (
        line[box.x : box.right].strip(_FRAME)
        for line in screen_text(app).splitlines()[box.y : box.bottom]
    )
    return " ".join(" ".join(line.split()) for line in lines if line)


async def type_to_confirm(pilot, typed: str) -> None:
    """Type into the open TypeToConfirmDialog and press Enter."""
    await fill(pilot, "#type-confirm-input", typed)
    await answer(pilot, "enter")


async def refresh_after(pilot, clock, seconds: float) -> None:
    """Let simulated time pass, then refresh as a user would (r)."""
    clock.advance(seconds)
    await answer(pilot, "r")


async def open_palette(pilot) -> CommandPalette:
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CommandPalette)
    return pilot.app.screen


async def palette_find(
    palette: CommandPalette, title: str, timeout: float = 5.0
) -> tuple[int, Hit]:
    """Type ``title`` into the open palette; the index and hit of the command with that exact title."""
    palette.query_one(Input).value = title
    commands = palette.query_one(CommandList)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        options = [commands.get_option_at_index(i) for i in range(commands.option_count)]
        hits = [option.hit if isinstance(option, Command) else None for option in options]
        titles = [str(hit.text) if hit else "" for hit in hits]
        if title in titles:
            index = titles.index(title)
            return index, hits[index]
        assert loop.time() < deadline, f"{title!r} not in the palette: {titles}"
        await asyncio.sleep(0.01)


async def palette_run(pilot, title: str) -> None:
    """Open the command palette, type ``title`` and run the command with exactly that title."""
    palette = await open_palette(pilot)
    index, _ = await palette_find(palette, title)
    palette.query_one(CommandList).highlighted = index
    await answer(pilot, "enter")
