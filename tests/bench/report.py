"""The benchmark's figures: median of the runs, the target, the baseline, and a printed table."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from statistics import median


@dataclass
class Figure:
    what: str
    unit: str  # "s", "ms", "MB" or "" (a count)
    samples: list[float] = field(default_factory=list)
    target: float | None = None  # the figure must be at most this
    baseline: list[float] = field(default_factory=list)
    baseline_what: str = ""

    @property
    def value(self) -> float | None:
        return median(self.samples) if self.samples else None

    @property
    def met(self) -> bool | None:
        if self.target is None or self.value is None:
            return None
        return self.value <= self.target


def _show(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "ms":
        return f"{value * 1000:.0f} ms"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:.0f}"


def render(figures: Sequence[Figure], heading: str) -> str:
    rows = [("Figure", "Median", "Worst", "Target", "Met", "Baseline (median)")]
    for figure in figures:
        target = "—" if figure.target is None else "≤ " + _show(figure.target, figure.unit)
        met = {True: "yes", False: "NO", None: ""}[figure.met]
        worst = _show(max(figure.samples), figure.unit) if figure.samples else "—"
        baseline = "—"
        if figure.baseline:
            baseline = f"{_show(median(figure.baseline), figure.unit)} ({figure.baseline_what})"
        rows.append((figure.what, _show(figure.value, figure.unit), worst, target, met, baseline))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    lines = [heading, ""]
    for n, row in enumerate(rows):
        lines.append(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False))
            + "  "
            + row[5]
        )
        if n == 0:
            lines.append("  ".join("-" * width for width in widths) + "  " + "-" * len(row[5]))
    return "\n".join(lines)
