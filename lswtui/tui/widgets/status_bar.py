"""The top status line: profile, API host, READ-ONLY, data age, API health, counts.

With several accounts open (``accounts`` holds their health): how many, the one the list is
narrowed to, which are read-only, and each account's health (``prod ok · staging STALE 2m``).
"""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from lswtui.core.account_health import AccountHealth
from lswtui.core.humanize import human_duration

#: The parts a narrow status line leaves out, first to last.
DROP_ORDER = ("age", "app", "who")

HEALTH_STYLES = {
    "ok": "$text-success",
    "slow": "$text-warning",
    "errors": "$text-error",
    "stale": "$text-error",
}


class StatusBar(Static):
    DEFAULT_CSS = """
    StatusBar { height: 1; background: $panel; color: $foreground; padding: 0 1; }
    """

    profile: reactive[str] = reactive("")
    host: reactive[str] = reactive("")
    read_only: reactive[bool] = reactive(False)
    paused: reactive[bool] = reactive(False)
    health: reactive[str] = reactive("ok")
    age: reactive[float | None] = reactive(None)
    shown: reactive[int] = reactive(0)
    total: reactive[int] = reactive(0)
    loading: reactive[bool] = reactive(False)
    marked: reactive[int] = reactive(0)
    accounts: reactive[tuple[AccountHealth, ...]] = reactive(())  # several: each one's health
    scope: reactive[str | None] = reactive(None)  # several: the one account shown
    read_only_accounts: reactive[tuple[str, ...]] = reactive(())  # several: those read-only
    unseen: reactive[int] = reactive(0)  # changed and new rows the user has not seen yet

    def render(self) -> Content:
        """The parts in their order; when they do not fit, the least needed go first (the
        data's age, then the name and host), never the API health, READ-ONLY or the counts."""
        parts = self._parts()
        room = self.content_size.width or self.size.width
        for dropped in DROP_ORDER:
            if room <= 0 or _width(parts) <= room:
                break
            parts = [(name, part) for name, part in parts if name != dropped]
        return Content.assemble(*(piece for _, part in parts for piece in part))

    def _parts(self) -> list[tuple[str, list[str | tuple[str, str]]]]:
        """(name, pieces) of each part of the line, in the order shown."""
        parts: list[tuple[str, list[str | tuple[str, str]]]] = [("app", [("lswtui ", "bold")])]
        if self.accounts:
            parts.append(("who", [f"{len(self.accounts)} accounts"]))
            if self.scope is not None:
                parts.append(("scope", ["  ", (f" {self.scope} only ", "bold reverse $accent")]))
            if self.read_only_accounts:
                which = ", ".join(self.read_only_accounts)
                parts.append(
                    ("read_only", ["  ", (f" READ-ONLY {which} ", "bold reverse $warning")])
                )
        else:
            parts.append(("who", [f"{self.profile} @ {self.host}"]))
            if self.read_only:
                parts.append(("read_only", ["  ", (" READ-ONLY ", "bold reverse $warning")]))
        count = f"{self.shown}/{self.total}" if self.shown != self.total else f"{self.total}"
        parts.append(("count", [f"  {count} VPS"]))
        if self.unseen:
            parts.append(("unseen", ["  ", (f"Δ {self.unseen} unseen", "bold $text-warning")]))
        if self.marked:
            parts.append(("marked", ["  ", (f" {self.marked} marked ", "bold reverse")]))
        if self.loading:
            parts.append(("age", ["  loading…"]))
        elif self.age is not None:
            parts.append(("age", [f"  refreshed {human_duration(self.age)} ago"]))
        if self.paused:
            parts.append(("paused", ["  ", (" PAUSED ", "bold reverse")]))
        health: list[str | tuple[str, str]] = ["  API "]
        if self.accounts:
            for n, account in enumerate(self.accounts):
                style = f"bold {_style(account.condition)}"
                health += [" · " if n else "", f"{account.account} ", (account.label, style)]
        else:
            label = (
                ("ok" if self.health == "ok" else self.health.upper())
                if self.health in HEALTH_STYLES
                else self.health
            )
            health.append((label, f"bold {_style(self.health)}"))
        parts.append(("health", health))
        return parts


def _width(parts: list[tuple[str, list[str | tuple[str, str]]]]) -> int:
    return sum(
        Content(piece if isinstance(piece, str) else piece[0]).cell_length
        for _, part in parts
        for piece in part
    )


def _style(condition: str) -> str:
    """Waiting to retry ("rate limited, retrying in 5 s") is a warning."""
    return HEALTH_STYLES.get(condition, "$text-warning")
