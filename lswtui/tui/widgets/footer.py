"""Textual's Footer, without its watcher leak."""

from __future__ import annotations

from textual import widgets

from lswtui.tui.textual_compat import drop_dead_watchers


class Footer(widgets.Footer):
    """Textual's ``Footer`` minus a leak (Textualize/textual#6666, open in 8.2.8).

    Every recompose data-binds fresh ``FooterKey``s to this footer's ``compact``; the watcher
    entries of the removed keys stay on the footer, keys included, until ``compact`` changes,
    which it never does. The footer recomposes at every selection change, so a long session
    piled up thousands of dead keys (the soak test measured ~45 MB in two simulated hours).
    """

    async def recompose(self) -> None:
        await super().recompose()
        drop_dead_watchers(self)
