"""Instruments for a running app: when the screen was painted, and how long the loop stalled."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from textual import events
from textual.app import App
from textual.keys import _character_to_key


class Paints:
    """Time from an input event to the first frame painted once ``shown()`` holds.

    Wraps the screen's compositor refresh, the step that writes a frame to the terminal.
    """

    def __init__(self, app: App) -> None:
        self.app = app
        self._waiting: tuple[Callable[[], bool], asyncio.Future[float]] | None = None
        screen = app.screen
        paint = screen._compositor_refresh

        def painted() -> None:
            paint()
            if self._waiting is not None and self._waiting[0]():
                future = self._waiting[1]
                self._waiting = None
                if not future.done():
                    future.set_result(time.perf_counter())

        screen._compositor_refresh = painted  # type: ignore[method-assign]

    async def latency(self, key: str, shown: Callable[[], bool], timeout: float = 60.0) -> float:
        """Seconds from a key press (sent as the terminal driver would) to the frame showing
        its effect. ``key`` is a key name (``down``) or a printable character."""
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self._waiting = (shown, future)
        event = events.Key(_character_to_key(key), key) if len(key) == 1 else events.Key(key, None)
        started = time.perf_counter()
        self.app._driver.send_message(event)  # type: ignore[union-attr]
        return await asyncio.wait_for(future, timeout) - started


class LoopLag:
    """The longest time the event loop could not run a 1 ms ticker (a stall), while active."""

    def __init__(self, tick: float = 0.001) -> None:
        self.tick = tick
        self.longest = 0.0
        self._task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        last = time.perf_counter()
        while True:
            await asyncio.sleep(self.tick)
            now = time.perf_counter()
            self.longest = max(self.longest, now - last - self.tick)
            last = now

    def __enter__(self) -> LoopLag:
        self.longest = 0.0
        self._task = asyncio.get_running_loop().create_task(self._run())
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._task is not None
        self._task.cancel()
