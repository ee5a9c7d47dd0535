"""The fleet summary line under the status bar: VPSes per state, in transition, null-routed
IPs. A number that moved since the last refresh is bold and reversed with ▲/▼ and how much,
so it reads without colour too (NO_COLOR, ANSI)."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from lswtui.core.fleet_summary import MOVING, NULL_ROUTED, Count
from lswtui.tui.widgets.fleet_table import STATE_GLYPHS

LABELS = {MOVING: ("↻", "in transition"), NULL_ROUTED: ("⊘", "null-routed IPs")}
#: When the whole line does not fit: the states go by their glyph alone (the list's glyphs).
SHORT_LABELS = {MOVING: "moving", NULL_ROUTED: "null-routed"}


def _label(key: str) -> tuple[str, str]:
    return LABELS.get(key) or (STATE_GLYPHS.get(key, "?"), key.lower())


class FleetSummaryLine(Static):
    DEFAULT_CSS = """
    FleetSummaryLine { height: 1; padding: 0 1; color: $text-muted; }
    """

    counts: reactive[tuple[Count, ...]] = reactive(())

    def render(self) -> Content:
        line = self._line(short=False)
        if line.cell_length > self.content_region.width:
            line = self._line(short=True)
        return line

    def _line(self, *, short: bool) -> Content:
        parts: list[str | tuple[str, str]] = []
        for count in self.counts:
            glyph, label = _label(count.key)
            if short:
                label = SHORT_LABELS.get(count.key, "")
            parts.append(f"{glyph} " if not parts else f"  {glyph} ")
            if count.delta:
                arrow = "▲" if count.delta > 0 else "▼"
                parts.append((f"{count.value} {arrow}{abs(count.delta)}", "bold reverse"))
            else:
                parts.append((str(count.value), "bold $foreground"))
            if label:
                parts.append(f" {label}")
        return Content.assemble(*parts)
