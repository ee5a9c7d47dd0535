"""Textual's Footer, without its watcher leak, and with the app's own keys always in view."""

from __future__ import annotations

from collections.abc import Sequence

from textual import widgets
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets._footer import FooterKey

from lswtui.tui.textual_compat import drop_dead_watchers


class Footer(widgets.Footer):
    """Textual's ``Footer`` minus a leak (Textualize/textual#6666, open in 8.2.8), and with
    the app's keys (``? Help``, ``q Quit``) first.

    Every recompose data-binds fresh ``FooterKey``s to this footer's ``compact``; the watcher
    entries of the removed keys stay on the footer, keys included, until ``compact`` changes,
    which it never does. The footer recomposes at every selection change, so a long session
    piled up thousands of dead keys (the soak test measured ~45 MB in two simulated hours).

    A footer wider than the terminal is cut at its right end: on a tab with a key of its own
    (``d`` on Traffic) ``? Help q Quit`` fell off at 80 columns. First, they stay (as F1 Help
    leads htop's footer); the screen's keys give way instead.
    """

    def __init__(self, *, first: Sequence[str] = (), compact: bool = False) -> None:
        super().__init__(compact=compact)
        #: Actions whose keys come first, in this order, so that they are never cut (the
        #: screen names them). The order is theirs, not the bindings': a keymap that remaps a
        #: key moves its binding to the end of Textual's list (``? Help`` went after ``q``).
        self.first = tuple(first)

    def compose(self) -> ComposeResult:
        """The ``first`` keys, then the focused widget's as Textual orders them, then the
        screen's in the order its class lists them (Textual's own order moves a key the keymap
        remapped to the end of its list, where it is the first to be cut), then what Textual
        puts after them (the palette key)."""
        first = {action: n for n, action in enumerate(self.first)}
        screen = {
            binding.action: n
            for n, binding in reversed(list(enumerate(Binding.make_bindings(self.screen.BINDINGS))))
        }
        keys = list(super().compose())
        actions = [key.action if isinstance(key, FooterKey) else "" for key in keys]
        last_of_screen = max((n for n, a in enumerate(actions) if a in screen), default=-1)

        def place(n: int) -> tuple[int, int]:
            if actions[n] in first:
                return (0, first[actions[n]])
            if actions[n] in screen:
                return (2, screen[actions[n]])
            return (1 if n < last_of_screen else 3, n)  # the focused widget's; the palette key

        yield from (keys[n] for n in sorted(range(len(keys)), key=place))

    async def recompose(self) -> None:
        await super().recompose()
        drop_dead_watchers(self)
