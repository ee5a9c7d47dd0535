"""Workarounds for Textual behaviour and typing, in one place, each with its upstream issue.

(The hardened input parser, ``lswtui.tui.driver``, subclasses Textual's private parser; it is a
feature of its own and documents what it relies on there.)
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from functools import partial
from typing import Any

from textual import events
from textual.app import App
from textual.dom import DOMNode
from textual.widgets import Input
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


def drop_dead_watchers(node: DOMNode) -> None:
    """Forget the data-binding watchers of ``node``'s removed children, after a recompose.

    Every recompose data-binds fresh children to the parent's reactives; the watcher entries of
    the removed children stay on the parent (children included) until that reactive changes:
    https://github.com/Textualize/textual/issues/6666 (open in 8.2.8). Reads Textual's private
    ``__watchers`` attribute.
    """
    for watchers in getattr(node, "__watchers", {}).values():
        watchers[:] = [(child, callback) for child, callback in watchers if child.is_attached]


def on_user_theme_change(app: App[Any], callback: Callable[[object], None]) -> None:
    """Call ``callback`` on each theme change from now on, not for the one being applied.

    Textual publishes a theme change with ``call_next``; subscribing the same way lands after
    the start-up choice (``--theme``, ``--ansi``, a 16-colour terminal) has been published, so
    only the user's own changes reach ``callback``. Leans on that ordering inside Textual's
    ``App._watch_theme`` (8.2.8).
    """
    app.call_next(app.theme_changed_signal.subscribe, app, callback)


class OrderedInput(Input):
    """An ``Input`` whose editing keys act in the order they were typed.

    Textual inserts a typed character as soon as the field gets its key, but runs a bound key
    (backspace, the arrows, ctrl+u…) only once the key has bubbled up to the app: in a burst
    (a paste of keys, SSH coalescing, fast typing on a busy app) the characters overtake it.
    ``grml`` then four backspaces and ``rescue`` in one read gave ``grmlre``
    (Textualize/textual#6605; a fix, #6631, is open in 8.2.8). Until it lands the field runs
    its own bindings as soon as it gets the key, as the app would have (the focused widget is
    the first in the binding chain, and priority bindings have run before the key reached it).
    Enter is left to bubble: the dialogs and the filter box handle it on the way up.
    """

    async def _on_key(self, event: events.Key) -> None:
        if event.is_printable:
            return  # Input's own handler inserts it
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            if binding.priority or binding.key == "enter":
                continue
            if await self.app.run_action(binding.action, self):
                event.stop()
                event.prevent_default()
                return
