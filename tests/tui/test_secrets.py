"""Secret hygiene: the API key and every password (stored, typed, reset) never reach the action
log, a notification, an error, the screen or a screenshot, a log record or a traceback, also when
the writes that carry them fail. Passwords are masked until the user reveals one."""

from __future__ import annotations

import html
import logging
import traceback

from lswtui.sim import Simulator
from tests.tui.actions_helpers import answer, fill, pick, select
from tests.tui.faults_helpers import WRITES, FailedWorkers, FaultSwitch, app_on
from tests.tui.helpers import notifications, screen_text, settle

API_KEY = "lsw-Secret-ApiKey-5f0c9e1d2b"
TYPED = ("Typed-Secret-One-91", "Typed-Secret-Two-92", "Typed-Secret-Three-93")


class Sinks:
    """Everything a secret could leak into, collected as the scenario runs."""

    def __init__(self, app, caplog) -> None:
        self.app, self.caplog = app, caplog
        self.shown: list[str] = []
        self.failed = FailedWorkers()

    def look(self) -> None:
        self.shown += [screen_text(self.app), self.app.export_screenshot()]

    def text(self) -> str:
        tracebacks = ["".join(traceback.format_exception(error)) for error in self.failed]
        parts = [
            *self.shown,
            *tracebacks,
            *notifications(self.app),
            self.app.session.audit.path.read_text(),
        ]
        parts += [n.title for n in self.app._notifications]
        parts += [record.getMessage() for record in self.caplog.records]
        parts += [self.caplog.text]
        return "\n".join(parts)


def assert_nowhere(text: str, secrets: set[str]) -> None:
    leaked = sorted(s for s in secrets if s and (s in text or html.escape(s) in text))
    assert not leaked, f"secrets leaked: {len(leaked)}"


async def test_no_secret_leaks_through_success_failure_or_unknown_outcomes(clock, caplog):
    caplog.set_level(logging.DEBUG)
    garble = FaultSwitch("malformed=1", methods=("PUT",), on=False)
    hang = FaultSwitch("timeout=1", methods=WRITES, on=False)
    sim = Simulator(
        seed=42, vps_count=25, clock=clock, api_key=API_KEY, extra_layers=[garble, hang]
    )
    app, _ = app_on(sim)
    vps = pick(sim, lambda v: len(v.credentials) == 1 and v.state == "RUNNING")
    sinks = Sinks(app, caplog)
    async with app.run_test(size=(150, 45), message_hook=sinks.failed) as pilot:
        await settle(pilot)
        await select(pilot, vps.id, tab="credentials")
        sinks.look()  # the tab, passwords masked by default
        assert vps.credentials[0].password not in sinks.shown[-2]

        await answer(pilot, "C")  # store: succeeds
        await fill(pilot, "#credential-username", "backup-bot")
        await fill(pilot, "#credential-password", TYPED[0])
        sinks.look()  # the dialog, password masked while typed
        await answer(pilot, "enter")
        sinks.look()

        garble.on = True  # update: a garbled answer, outcome unknown
        await answer(pilot, "tab", "tab")
        await answer(pilot, "W")
        await fill(pilot, "#credential-password", TYPED[1])
        await answer(pilot, "enter")
        garble.on = False
        sinks.look()

        hang.on = True  # store again: the answer never comes
        await answer(pilot, "C")
        await fill(pilot, "#credential-username", "deploy-bot")
        await fill(pilot, "#credential-password", TYPED[2])
        await answer(pilot, "enter")
        await answer(pilot, "P")  # reset password: same
        await answer(pilot, "y")
        hang.on = False
        await answer(pilot, "r")
        sinks.look()

        await answer(pilot, "a")  # the action log screen
        sinks.look()

    outcomes = [(e.operation, e.outcome) for e in app.session.audit.read()]
    assert outcomes == [
        ("store_credential", "done"),
        ("update_credential", "unknown"),
        ("store_credential", "unknown"),
        ("reset_password", "unknown"),
    ]
    stored = {c.password for v in sim.state.vps.values() for c in v.credentials}
    assert set(TYPED) <= stored  # every typed password did reach the API
    text = sinks.text()
    assert (
        "backup-bot" in text and "Outcome unknown" in text and "<svg" in text
    )  # the sinks were read
    assert_nowhere(text, {API_KEY, *TYPED, *stored})
    assert (
        not sinks.failed
    )  # a failed worker is a silent failure (its traceback was searched above)
