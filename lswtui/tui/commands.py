"""Command palette providers: "Go to VPS …" by id, reference or IP, from the cached fleet."""

from __future__ import annotations

from functools import partial
from typing import Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape

from lswtui.core.fleet import FleetRow
from lswtui.tui.session_host import session_of

MAX_DISCOVERY = 10


def _title(row: FleetRow) -> str:
    parts = [f"Go to VPS {row.vps_id}"]
    if row.reference:
        parts.append(row.reference)
    if row.main_ip:
        parts.append(f"({row.main_ip})")
    return " ".join(parts)


def literal_highlight(matcher: Matcher, text: str) -> Content:
    """``matcher.highlight`` for text that is not markup: the palette parses a str prompt as
    markup, and a reference such as ``[/]`` or ``[@click=app.quit]`` must show as typed."""
    content = Content(text)
    _, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


@runtime_checkable
class GoesToVps(Protocol):
    """A screen that can select a VPS by id (the main screen)."""

    def go_to(self, vps_id: str) -> None: ...


class VpsCommands(Provider):
    """Searches the fleet already on screen; never the network per keystroke."""

    def _go(self, vps_id: str) -> None:
        screen = self.app.screen
        if isinstance(screen, GoesToVps):
            screen.go_to(vps_id)

    @property
    def _rows(self) -> list[FleetRow]:
        return list(session_of(self.app).fleet.values())

    async def discover(self) -> Hits:
        for row in self._rows[:MAX_DISCOVERY]:
            yield DiscoveryHit(
                Content(_title(row)),
                partial(self._go, row.vps_id),
                help=escape(f"{row.state} · {row.region}"),
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for row in self._rows:
            haystack = f"{_title(row)} {' '.join(row.all_ips)}"
            score = matcher.match(haystack)
            if score > 0:
                yield Hit(
                    score,
                    literal_highlight(matcher, _title(row)),
                    partial(self._go, row.vps_id),
                    help=escape(f"{row.state} · {row.region} · {', '.join(row.all_ips)}"),
                )
