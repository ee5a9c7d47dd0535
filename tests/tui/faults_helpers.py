"""Driving the app against a faulty simulator: a switchable fault layer and an app built on it."""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send
from textual.message import Message
from textual.worker import Worker, WorkerState

from lswtui.api import LeasewebClient
from lswtui.sim import DEMO_BASE_URL, Simulator
from lswtui.sim.faults import Faults
from lswtui.tui.app import LswApp
from tests.tui.helpers import make_app

WRITES = ("POST", "PUT", "DELETE")


class FaultSwitch:
    """A simulator layer that applies ``faults`` only while ``on``, and only to ``methods``."""

    def __init__(
        self, spec: str, *, seed: int = 0, methods: tuple[str, ...] | None = None, on: bool = True
    ) -> None:
        self.faults = Faults.parse(spec, seed=seed)
        self.methods = methods
        self.on = on

    def __call__(self, app: ASGIApp) -> ASGIApp:
        faulty = self.faults.layer()(app)

        async def route(scope: Scope, receive: Receive, send: Send) -> None:
            hit = self.on and (self.methods is None or scope.get("method") in self.methods)
            await (faulty if hit else app)(scope, receive, send)

        return route


class Sleeps(list[float]):
    """A client ``sleep`` that records the waits instead of waiting."""

    async def __call__(self, seconds: float) -> None:
        self.append(seconds)


class FailedWorkers(list[BaseException]):
    """A ``run_test(message_hook=...)`` keeping the error of every worker that failed: with
    ``exit_on_error=False`` such a failure is otherwise silent."""

    def __call__(self, message: Message) -> None:
        if isinstance(message, Worker.StateChanged) and message.state == WorkerState.ERROR:
            self.append(message.worker.error)


def app_on(sim: Simulator, **app_kwargs) -> tuple[LswApp, Sleeps]:
    """The app on ``sim`` (with or without a fault layer); its client's retries do not wait."""
    sleeps = Sleeps()
    client = LeasewebClient.create(
        sim.api_key, base_url=DEMO_BASE_URL, transport=sim.transport(), sleep=sleeps
    )
    return make_app(client, **app_kwargs), sleeps


def switched_sim(clock, switch: FaultSwitch, **kwargs) -> Simulator:
    return Simulator(
        seed=42, vps_count=kwargs.pop("vps_count", 25), clock=clock, extra_layers=[switch], **kwargs
    )
