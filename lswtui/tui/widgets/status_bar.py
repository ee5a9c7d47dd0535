"""The top status line: profile, API host, READ-ONLY, data age, API health, counts."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from lswtui.core.humanize import human_duration

HEALTH_STYLES = {"ok": "success", "slow": "warning", "errors": "error", "stale": "error"}


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

    def render(self) -> Text:
        variables = self.app.theme_variables
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append("lswtui ", style="bold")
        text.append(f"{self.profile} @ {self.host}")
        if self.read_only:
            text.append("  ")
            text.append(" READ-ONLY ", style=f"bold reverse {variables.get('warning', 'yellow')}")
        count = f"{self.shown}/{self.total}" if self.shown != self.total else f"{self.total}"
        text.append(f"  {count} VPS")
        if self.loading:
            text.append("  loading…")
        elif self.age is not None:
            text.append(f"  refreshed {human_duration(self.age)} ago")
        if self.paused:
            text.append("  ")
            text.append(" PAUSED ", style="bold reverse")
        colour = variables.get(HEALTH_STYLES.get(self.health, "error"), "red")
        text.append("  API ")
        text.append(self.health.upper() if self.health != "ok" else "ok", style=f"bold {colour}")
        return text
