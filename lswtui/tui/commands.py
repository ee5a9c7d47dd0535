"""Command palette providers: "Go to VPS …" by id, reference or IP, from the cached fleet of
every open account (a VPS of an account the list is narrowed away from is offered too, with
its account: going there shows every account again)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape

from lswtui.core.accounts import Accounts
from lswtui.core.fleet import FleetRow

MAX_DISCOVERY = 10
#: Above any fuzzy score (Textual's Matcher gives tens): an exact id, reference or IP is first.
EXACT_SCORE = 1e9


def _title(row: FleetRow, several: bool) -> str:
    parts = [f"Go to VPS {row.vps_id}"]
    if row.reference:
        parts.append(row.reference)
    if row.main_ip:
        parts.append(f"({row.main_ip})")
    if several:
        parts.append(f"in {row.account}")
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
    """A screen that lists the open accounts' VPSes and can select one by its key (the main
    screen)."""

    @property
    def accounts(self) -> Accounts: ...

    @property
    def rows(self) -> Mapping[str, FleetRow]: ...

    def go_to(self, vps_id: str) -> None: ...


class VpsCommands(Provider):
    """Searches the fleet already on screen; never the network per keystroke."""

    def _go(self, key: str) -> None:
        screen = self.app.screen
        if isinstance(screen, GoesToVps):
            screen.go_to(key)

    @property
    def _view(self) -> GoesToVps | None:
        return self.screen if isinstance(self.screen, GoesToVps) else None

    async def discover(self) -> Hits:
        if (view := self._view) is None:
            return
        several = view.accounts.several
        for n, (key, row) in enumerate(view.rows.items()):
            if n == MAX_DISCOVERY:
                break
            yield DiscoveryHit(
                Content(_title(row, several)),
                partial(self._go, key),
                help=escape(f"{row.state} · {row.region}"),
            )

    async def search(self, query: str) -> Hits:
        if (view := self._view) is None:
            return
        accounts, matcher = view.accounts, self.matcher(query)
        several = accounts.several
        exact = accounts.find(query)  # "who has 203.0.113.77?": first, in whichever account
        found = {id(row) for row in exact}

        def hit(score: float, key: str, row: FleetRow) -> Hit:
            return Hit(
                score,
                literal_highlight(matcher, _title(row, several)),
                partial(self._go, key),
                help=escape(f"{row.state} · {row.region} · {', '.join(row.all_ips)}"),
            )

        for row in exact:
            yield hit(EXACT_SCORE, accounts.key(row.account, row.vps_id), row)
        for key, row in view.rows.items():
            if id(row) in found:
                continue
            score = matcher.match(f"{_title(row, several)} {' '.join(row.all_ips)}")
            if score > 0:
                yield hit(score, key, row)
