"""Keep the garbage collector's full passes short, so that they never stall the UI.

A full (generation 2) pass walks every tracked object. After start-up that is some 60,000
objects of imported modules, and with a 10,000-VPS list some 75,000 more of widgets, render
caches and rows: a pass then takes 80-250 ms, in the middle of a refresh. Objects that live as
long as the process never need that walk, so the ``lswtui`` command freezes them (moves them
out of the collector's reach) at start-up, when the first rows are on screen and when the whole
first list is. Frozen objects are still freed by reference counting; only those in reference
cycles (say, a widget on screen then and removed later) are never reclaimed, a one-off cost
bounded by what was alive at that moment. Each freeze collects the young generations first.

Only the command enables this: a test process builds many apps, and freezing there would keep
each finished app's cycles for good.
"""

from __future__ import annotations

import gc

_enabled = False


def enable() -> None:
    """Called by the ``lswtui`` command just before the app runs."""
    global _enabled
    _enabled = True
    _freeze()


def milestone() -> None:
    """Called when the first rows, and then the whole first list, are on screen."""
    if _enabled:
        _freeze()


def _freeze() -> None:
    gc.collect(1)  # the young generations only: a full pass is the stall this avoids
    gc.freeze()
