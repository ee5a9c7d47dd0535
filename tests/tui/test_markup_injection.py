"""Property: no string from the API can inject Textual/Rich markup. A VPS whose reference, image,
ISO, snapshot, reverse DNS and credential names are markup-like is rendered literally in the list,
every tab, a dialog and a notification, and nothing it "asks for" (quit, links) happens."""

from __future__ import annotations

import asyncio
import dataclasses
import uuid

from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from textual.command import CommandPalette
from textual.widgets._toast import Toast

from lswtui.sim import FakeClock, Simulator
from lswtui.sim.model import Credential, Iso, Snapshot
from lswtui.tui.dialogs import ConfirmDialog
from lswtui.tui.widgets.fleet_table import FleetTable
from tests.conftest import SIM_START
from tests.tui.actions_helpers import answer, select
from tests.tui.faults_helpers import app_on
from tests.tui.helpers import screen_text, settle

TOKENS = (
    "[bold red]",
    "[/]",
    "[@click=app.quit]",
    "[link=https://evil.example]",
    "[/link]",
    "[b]",
    "[$accent]",
    "$primary",
    ":warning:",
    "[reverse]",
    "[on red]",
    "\\",
    "[",
    "]",
    "[/b]",
)
markup_like = (
    st.lists(
        st.sampled_from(TOKENS) | st.text(alphabet="xyz-.", min_size=1, max_size=3),
        min_size=2,
        max_size=4,
    )
    .map("".join)
    .filter(lambda s: len(s) <= 32 and any(t in s for t in ("[", "$", ":")))
)  # 32: fits a column


def hostile_world(name: str) -> tuple[Simulator, str]:
    """A small world whose first running VPS carries ``name`` wherever the API shows a name."""
    clock = FakeClock(SIM_START)
    sim = Simulator(seed=7, vps_count=4, clock=clock)
    vps = next(v for v in sim.state.vps_list if v.state == "RUNNING")
    vps.reference = name
    vps.image = dataclasses.replace(vps.image, name=name)
    vps.iso = vps.iso_target = Iso(id=name, name=name)
    vps.snapshots = [
        Snapshot(id=str(uuid.UUID(int=1)), display_name=name, state="READY", created=clock.now())
    ]
    vps.credentials = [Credential(type=name, username=name, password="pw-not-shown")]
    vps.main_ip.reverse_lookup = name
    return sim, vps.id


async def shows_literally(name: str) -> None:
    sim, vps_id = hostile_world(name)
    app, _ = app_on(sim)
    async with app.run_test(size=(200, 50), notifications=True) as pilot:
        await settle(pilot)
        row = next(line for line in screen_text(app).splitlines() if vps_id in line)
        assert name[:10] in row, (name, row)
        await select(pilot, vps_id)
        for tab in ("overview", "ips", "credentials", "snapshots", "iso"):
            app.screen.action_show_tab(tab)
            await settle(pilot)
            assert name in screen_text(app), (tab, name)
        await answer(pilot, "B")  # the confirmation names the target
        assert isinstance(app.screen, ConfirmDialog) and name in screen_text(app)
        await answer(pilot, "n")
        await answer(pilot, "ctrl+p", *vps_id)  # the palette's "Go to VPS" hit names it too
        assert isinstance(app.screen, CommandPalette) and name in screen_text(app)
        await answer(pilot, "escape")
        if vps_id not in app.session.watched:  # (the examples share one state dir)
            await answer(pilot, "w")  # watched: its change toast names the VPS
        sim.state.vps[vps_id].state = "STOPPED"
        await answer(pilot, "r")
        toasts = [toast.render().plain for toast in app.screen.query(Toast)]
        assert f"Watched VPS changed\n{vps_id} {name}: RUNNING → STOPPED" in toasts
        assert app.is_running and "STOPPED" in app.query_one(FleetTable).row_text(vps_id)


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.generate],
)  # each example runs the app: no slow shrinking
@given(name=markup_like)
@example(name="[/][link=https://evil.example]")
@example(name="[@click=app.quit]y[/]")
def test_api_strings_never_become_markup(name):
    asyncio.run(shows_literally(name))
