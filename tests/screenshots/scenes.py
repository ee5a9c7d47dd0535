"""Deterministic scenes of the app on the demo world, for screenshots and snapshot tests.

Everything that could change between runs is pinned: the simulator's seed and clock, the
app's monotonic and wall clocks, auto-refresh (off) and the Input cursor blink (frozen by the
caller). A scene is a terminal size plus a ``drive`` coroutine that brings the app from its
first screen to the state worth showing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from lswtui.api import LeasewebClient
from lswtui.sim import DEMO_API_KEY, DEMO_BASE_URL, FakeClock, Simulator
from lswtui.tui.app import AccountSetup, LswApp
from lswtui.tui.fleet_accounts import SELECT_DEBOUNCE
from lswtui.tui.widgets.fleet_table import FleetTable
from tests.tui.helpers import settle, until_dialog_takes_keys

SIM_START = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
MONOTONIC_NOW = 1000.0
WIDE = (120, 36)
NARROW = (80, 24)

# VPSes of the seed-42 demo world that show each tab at its most telling.
DB_PRIMARY = "126855092"  # first row: plain, running
DB_REPLICA = "362950628"  # null-routed main IP, a snapshot, two credentials
CI_RUNNER = "249827706"  # an ISO attached
MAIL = "896233790"  # running, no snapshot: can be reinstalled

Drive = Callable[[Pilot, Simulator], Awaitable[None]]


async def nothing(pilot: Pilot, sim: Simulator) -> None:
    """The first screen as it loads."""


@dataclass(frozen=True)
class Scene:
    name: str
    caption: str
    size: tuple[int, int] = WIDE
    drive: Drive = nothing
    app_options: dict[str, Any] = field(default_factory=dict)
    accounts: tuple[str, ...] = ("demo",)  # several: one simulated world each (seed 42, 43, …)

    def stage(self, audit_dir: Path) -> tuple[LswApp, Callable[[Pilot], Awaitable[None]]]:
        """A fresh app on a fresh simulator, and the ``run_before`` that drives it."""
        clock = FakeClock(SIM_START)
        sims = [
            Simulator(
                seed=42 + n,
                vps_count=25,
                clock=clock,
                api_key=f"{DEMO_API_KEY}-{n}" if n else DEMO_API_KEY,  # the first: the demo's
            )
            for n in range(len(self.accounts))
        ]
        sim = sims[0]
        client, *others = (
            LeasewebClient.create(s.api_key, base_url=DEMO_BASE_URL, transport=s.transport())
            for s in sims
        )
        app = LswApp(
            client,
            profile=self.accounts[0],
            more_accounts=[
                AccountSetup(name, other, DEMO_BASE_URL)
                for name, other in zip(self.accounts[1:], others, strict=True)
            ],
            api_url=DEMO_BASE_URL,
            auto_refresh=False,
            clock=lambda: MONOTONIC_NOW,
            wall_clock=lambda: SIM_START,
            audit_dir=audit_dir,
            **self.app_options,
        )

        async def run_before(pilot: Pilot) -> None:
            await settle(pilot)
            await self.drive(pilot, sim)
            await settle(pilot)

        return app, run_before


# -- building blocks ----------------------------------------------------------------------------


async def select(pilot: Pilot, vps_id: str, tab: str | None = None) -> None:
    screen = pilot.app.screen
    screen.go_to(vps_id)
    if tab:
        screen.action_show_tab(tab)
    await pilot.pause(SELECT_DEBOUNCE * 2)
    await settle(pilot)
    assert pilot.app.query_one(FleetTable).selected_id == vps_id


def on_tab(tab: str, vps_id: str = DB_PRIMARY) -> Drive:
    async def drive(pilot: Pilot, sim: Simulator) -> None:
        await select(pilot, vps_id, tab)

    return drive


def keys(*pressed: str, vps_id: str = DB_PRIMARY, tab: str | None = None) -> Drive:
    async def drive(pilot: Pilot, sim: Simulator) -> None:
        await select(pilot, vps_id, tab)
        for key in pressed:
            await until_dialog_takes_keys(pilot)
            await pilot.press(key)
            await settle(pilot)

    return drive


async def reinstall_type_to_confirm(pilot: Pilot, sim: Simulator) -> None:
    """Reinstall: pick an image, skip the market app, then start typing the id."""
    await keys("R", vps_id=MAIL)(pilot, sim)
    await until_dialog_takes_keys(pilot)
    await pilot.press(*"almalinux 9", "enter")
    await settle(pilot)
    await pilot.press("enter")  # market app: none
    await settle(pilot)
    await until_dialog_takes_keys(pilot)
    await pilot.press(*MAIL[:5])
    await settle(pilot)


async def two_accounts(pilot: Pilot, sim: Simulator) -> None:
    """Both accounts loaded (the second starts a moment after the first), a row of the second
    selected."""
    screen = pilot.app.screen
    while not screen.fleet_accounts.loaded:
        await pilot.pause(0.05)
    await settle(pilot)
    table = pilot.app.query_one(FleetTable)
    await select(pilot, next(k for k in table.visible_ids if table.row(k).account == "demo-us"))


async def stopped_elsewhere(pilot: Pilot, sim: Simulator) -> None:
    """Someone else stops a watched VPS (through the API); the next refresh marks the change
    until seen, moves the summary's numbers and tells it in one toast."""
    await select(pilot, DB_REPLICA)
    await pilot.press("w")
    await select(pilot, DB_PRIMARY)
    pilot.app.clear_notifications()
    async with sim.client() as other:
        (await other.post(f"/vps/{DB_REPLICA}/stop")).raise_for_status()
    sim.clock.advance(sim.timings.stop + 1)
    await pilot.press("r")
    await settle(pilot)


async def timeline(pilot: Pilot, sim: Simulator) -> None:
    """A few minutes of watching: a stop and a rename elsewhere, a reboot sent from here; then
    the Timeline (without the toasts they raised)."""
    await select(pilot, DB_PRIMARY)
    async with sim.client() as other:
        (await other.post(f"/vps/{DB_REPLICA}/stop")).raise_for_status()
        (await other.put(f"/vps/{MAIL}", json={"reference": "mail-old"})).raise_for_status()
    await pilot.press("r")
    await settle(pilot)
    sim.clock.advance(sim.timings.stop + 1)
    await pilot.press("B")
    await until_dialog_takes_keys(pilot)
    await pilot.press("y")
    await settle(pilot)
    await pilot.press("a")
    pilot.app.clear_notifications()
    await settle(pilot)


SCENES: dict[str, Scene] = {
    scene.name: scene
    for scene in (
        Scene("main", "The VPS list with the selected VPS's overview"),
        Scene(
            "tab-ips",
            "IPs tab: null routes, reverse DNS, DDoS profile",
            drive=on_tab("ips", DB_REPLICA),
        ),
        Scene(
            "tab-credentials",
            "Credentials tab: passwords masked until revealed",
            drive=on_tab("credentials", DB_REPLICA),
        ),
        Scene("tab-snapshots", "Snapshots tab", drive=on_tab("snapshots", DB_REPLICA)),
        Scene(
            "tab-iso", "ISO tab: the attached ISO and the catalogue", drive=on_tab("iso", CI_RUNNER)
        ),
        Scene("tab-traffic", "Traffic tab: public traffic per day", drive=on_tab("traffic")),
        Scene("filter-ip", "Filtering by IP", drive=keys("slash", *"203.0.113.196")),
        Scene("confirm-stop", "Every action is confirmed: Stop VPS", drive=keys("X")),
        Scene("reinstall-image", "Reinstall: choose an image", drive=keys("R", vps_id=MAIL)),
        Scene(
            "reinstall-type-to-confirm",
            "Reinstall: type the VPS id to confirm",
            drive=reinstall_type_to_confirm,
        ),
        Scene(
            "delete-snapshot",
            "Delete snapshot: type the VPS id",
            drive=keys("K", vps_id=DB_REPLICA, tab="snapshots"),
        ),
        Scene(
            "change-highlighted",
            "A watched VPS stopped elsewhere: its row keeps the Δ mark until seen, the summary's "
            "numbers move, one toast tells it",
            drive=stopped_elsewhere,
        ),
        Scene(
            "timeline",
            "The Timeline: changes seen, actions sent and their outcomes, newest first",
            drive=timeline,
        ),
        Scene("help", "Help: every key", drive=keys("question_mark")),
        Scene("palette", "Command palette", drive=keys("ctrl+p", *"snap")),
        Scene("narrow-80x24", "80x24: list above details", size=NARROW),
        Scene("narrow-80x24-ips", "80x24, IPs tab", size=NARROW, drive=on_tab("ips", DB_REPLICA)),
        Scene(
            "multi-account",
            "Two accounts in one list: the Account column, each account's health",
            drive=two_accounts,
            accounts=("demo-eu", "demo-us"),
        ),
        Scene(
            "ansi-16-colours",
            "--ansi: the terminal's own 16 colours, a change highlighted",
            drive=stopped_elsewhere,
            app_options={"ansi": True},
        ),
    )
}
