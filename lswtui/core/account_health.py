"""One account's health as the status line shows it when several accounts are open."""

from __future__ import annotations

from dataclasses import dataclass

from lswtui.core.humanize import human_duration


@dataclass(frozen=True)
class AccountHealth:
    """One account's part of the status line: ``prod ok``, ``staging STALE 2m``."""

    account: str
    condition: str  # one of lswtui.core.health.CONDITIONS
    status: str  # the condition as the status line says it ("retrying in 4 s")
    age: float | None  # seconds since the last successful refresh

    @property
    def label(self) -> str:
        """``ok``, ``SLOW``, ``ERRORS``, ``STALE 2m``, ``retrying in 4 s``."""
        label = "ok" if self.condition == "ok" else self.status
        if self.condition in ("errors", "stale", "slow"):
            label = label.upper()
        if self.condition == "stale" and self.age is not None:
            label += f" {human_duration(self.age)}"
        return label
