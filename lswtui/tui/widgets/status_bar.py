"""The top status line: profile, API host, READ-ONLY, data age, API health, counts."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

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

    def render(self) -> Content:
        parts: list[str | tuple[str, str]] = [("lswtui ", "bold"), f"{self.profile} @ {self.host}"]
        if self.read_only:
            parts += ["  ", (" READ-ONLY ", "bold reverse $warning")]
        count = f"{self.shown}/{self.total}" if self.shown != self.total else f"{self.total}"
        parts.append(f"  {count} VPS")
        if self.marked:
            parts += ["  ", (f" {self.marked} marked ", "bold reverse")]
        if self.loading:
            parts.append("  loading…")
        elif self.age is not None:
            parts.append(f"  refreshed {human_duration(self.age)} ago")
        if self.paused:
            parts += ["  ", (" PAUSED ", "bold reverse")]
        if self.health in HEALTH_STYLES:
            label, style = (
                ("ok" if self.health == "ok" else self.health.upper()),
                HEALTH_STYLES[self.health],
            )
        else:  # waiting to retry: "rate limited, retrying in 5 s"
            label, style = self.health, "$text-warning"
        parts += ["  API ", (label, f"bold {style}")]
        return Content.assemble(*parts)
