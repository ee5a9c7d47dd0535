"""How long each asynchronous operation takes in the simulator (seconds of clock time)."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace


@dataclass(frozen=True)
class Timings:
    """Durations of the simulated platform's asynchronous work.

    Multi-phase operations are built from these:

    * stop: ``STOPPING`` for ``stop``, then ``STOPPED``.
    * start: ``STARTING`` for ``start``, then ``RUNNING``.
    * reboot: ``STOPPING`` for ``reboot_down``, ``STARTING`` for ``start``, then ``RUNNING``.
    * reinstall / restore of a RUNNING VPS: ``STOPPING`` for ``stop``, then ``STARTING`` for
      ``reinstall`` / ``restore`` (the disk is rewritten when ``STARTING`` begins), then
      ``RUNNING``. A STOPPED VPS skips the ``STOPPING`` phase.
    """

    stop: float = 4.0
    start: float = 5.0
    reboot_down: float = 3.0
    snapshot: float = 10.0
    snapshot_delete: float = 3.0
    restore: float = 12.0
    reinstall: float = 20.0
    iso: float = 2.0
    password_reset: float = 3.0

    def __post_init__(self) -> None:
        for field in fields(self):
            if getattr(self, field.name) < 0:
                raise ValueError(f"Timings.{field.name} must not be negative")

    @property
    def reboot(self) -> float:
        """Total time of a reboot, RUNNING to RUNNING."""
        return self.reboot_down + self.start

    def scaled(self, factor: float) -> Timings:
        """Every duration multiplied by ``factor`` (``scaled(0)`` makes everything instant)."""
        return replace(self, **{f.name: getattr(self, f.name) * factor for f in fields(self)})
