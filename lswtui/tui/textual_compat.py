"""Workarounds for Textual behaviour and typing, in one place, each with its upstream issue."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from functools import partial
from typing import Any

from textual.dom import DOMNode
from textual.worker import Worker


def run_async(
    node: DOMNode,
    work: Callable[..., Coroutine[Any, Any, None]],
    *args: Any,
    group: str,
    exclusive: bool = False,
) -> Worker[None]:
    """``node.run_worker(partial(work, *args))`` for an async function, its failures left to
    the caller. (A partial, not a lambda: Textual runs a callable as a coroutine only if it is a
    coroutine function or a partial of one.)

    Textual's ``WorkType`` wants ``Coroutine[None, None, T]`` where ``async def`` makes
    ``Coroutine[Any, Any, T]``; without the result type this function's signature pins, mypy
    strict infers ``T = Never`` and refuses every async worker:
    https://github.com/Textualize/textual/issues/6386 (fix proposed in #6604).
    """
    job: Callable[[], Coroutine[Any, Any, None]] = partial(work, *args)
    return node.run_worker(job, group=group, exclusive=exclusive, exit_on_error=False)
