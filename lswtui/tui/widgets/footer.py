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
        """The keys in their declared order: the ``first`` ones, then the screen's bindings as
        its class lists them (Textual's own order moves a key the keymap remapped to the end)."""
        declared = [*self.first]
        declared += [b.action for b in Binding.make_bindings(self.screen.BINDINGS)]
        rank = {action: n for n, action in reversed(list(enumerate(declared)))}
        keys = list(super().compose())
        yield from sorted(
            keys,
            key=lambda k: rank.get(k.action, len(rank)) if isinstance(k, FooterKey) else len(rank),
        )

    async def recompose(self) -> None:
        await super().recompose()
        drop_dead_watchers(self)
