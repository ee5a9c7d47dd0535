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
        parts: list[str | tuple[str, str]] = [("lswtui ", "bold")]
        if self.accounts:
            parts.append(f"{len(self.accounts)} accounts")
            if self.scope is not None:
                parts += ["  ", (f" {self.scope} only ", "bold reverse $accent")]
            if self.read_only_accounts:
                which = ", ".join(self.read_only_accounts)
                parts += ["  ", (f" READ-ONLY {which} ", "bold reverse $warning")]
        else:
            parts.append(f"{self.profile} @ {self.host}")
            if self.read_only:
                parts += ["  ", (" READ-ONLY ", "bold reverse $warning")]
        count = f"{self.shown}/{self.total}" if self.shown != self.total else f"{self.total}"
        parts.append(f"  {count} VPS")
        if self.unseen:
            parts += ["  ", (f"Δ {self.unseen} unseen", "bold $text-warning")]
        if self.marked:
            parts += ["  ", (f" {self.marked} marked ", "bold reverse")]
        if self.loading:
            parts.append("  loading…")
        elif self.age is not None:
            parts.append(f"  refreshed {human_duration(self.age)} ago")
        if self.paused:
            parts += ["  ", (" PAUSED ", "bold reverse")]
        if self.accounts:
            parts.append("  API ")
            for n, health in enumerate(self.accounts):
                style = f"bold {_style(health.condition)}"
                parts += [" · " if n else "", f"{health.account} ", (health.label, style)]
            return Content.assemble(*parts)
        label = (
            ("ok" if self.health == "ok" else self.health.upper())
            if self.health in HEALTH_STYLES
            else self.health
        )
        parts += ["  API ", (label, f"bold {_style(self.health)}")]
        return Content.assemble(*parts)


def _style(condition: str) -> str:
    """Waiting to retry ("rate limited, retrying in 5 s") is a warning."""
    return HEALTH_STYLES.get(condition, "$text-warning")
