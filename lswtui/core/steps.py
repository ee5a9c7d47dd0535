"""Flows of several writes in order (rescue boot: attach an ISO, then reboot from it).

A :class:`SteppedFlow` yields one :class:`Step` at a time, each after its own confirmation;
:func:`run_steps` sends each once through a :class:`StepSender` (the action runner: logged
and told like any action) and waits, by polling the VPS, until its effect shows before the
flow asks for the next one. A step that fails, or whose effect does not show within its plan's
``give_up_after``, ends the flow: nothing after it is asked or sent.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol

from lswtui.api import ApiError
from lswtui.core.fleet import FleetRow
from lswtui.core.flows import Flow
from lswtui.core.plan import Plan
from lswtui.core.rules import ActionContext

POLL_INTERVAL = 2.0  # seconds between two reads of the VPS while a step takes effect


@dataclass(frozen=True)
class Step:
    """One write of a stepped flow; ``action_id`` is the action it is in the action log."""

    action_id: str
    plan: Plan


class SteppedFlow(Flow):
    """A flow whose writes come one at a time from :meth:`steps` (``plan`` is not used)."""

    def steps(self, ctx: ActionContext) -> AsyncGenerator[Step, None]:
        raise NotImplementedError

    async def plan(self, ctx: ActionContext) -> Plan | None:
        raise TypeError("a stepped flow is run by run_steps")


class StepSender(Protocol):
    async def send_step(self, action_id: str, row: FleetRow, plan: Plan) -> bool:
        """Send once, logged and told like the action ``action_id``; True if the API took it."""

    def step_settled(
        self, action_id: str, row: FleetRow, plan: Plan, outcome: str, seconds: float
    ) -> None:
        """Record and tell that the step's effect showed (``completed``) or did not
        (``unconfirmed``) after ``seconds``."""


async def run_steps(
    flow: SteppedFlow,
    ctx: ActionContext,
    sender: StepSender,
    *,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    poll_interval: float = POLL_INTERVAL,
) -> None:
    steps = flow.steps(ctx)
    try:
        async for step in steps:
            if not await sender.send_step(step.action_id, flow.row, step.plan):
                return
            if step.plan.done is not None and not await _took_effect(
                flow, step, sender, sleep, poll_interval
            ):
                return
    finally:
        await steps.aclose()


async def _took_effect(
    flow: SteppedFlow,
    step: Step,
    sender: StepSender,
    sleep: Callable[[float], Awaitable[None]],
    poll_interval: float,
) -> bool:
    """Poll the VPS until the step's ``done`` holds (True) or its time is up (False)."""
    assert step.plan.done is not None
    clock, client = flow.session.clock, flow.client
    began = clock.monotonic()
    flow.host.mark_pending(flow.row.vps_id, True)
    try:
        while True:
            try:
                row = FleetRow.from_vps(await client.get_vps(flow.row.vps_id))
                done = await step.plan.done(row, client)
            except ApiError:
                done = False  # a failed read is not an answer: try again until the time is up
            elapsed = clock.monotonic() - began
            if done or elapsed > step.plan.give_up_after:
                outcome = "completed" if done else "unconfirmed"
                sender.step_settled(step.action_id, flow.row, step.plan, outcome, elapsed)
                return done
            await sleep(poll_interval)
    finally:
        flow.host.mark_pending(flow.row.vps_id, False)
