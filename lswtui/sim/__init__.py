"""An in-process simulator of the Leaseweb Public Cloud VPS API (part of the product).

``lswtui --demo`` runs the app against it; ``lswtui sim`` serves it over HTTP (``server.serve``).
It builds its JSON from its own records and never imports ``lswtui.api`` or ``lswtui.tui``, so
tests of the client against it can find real mistakes.
"""

from .activity import ActivityEvent, OnActivity
from .clock import Clock, FakeClock, SystemClock
from .middleware import RequestRecord
from .simulator import DEMO_API_KEY, DEMO_BASE_URL, Simulator
from .timings import Timings
from .world import World
from .world_builder import build_world

__all__ = [
    "DEMO_API_KEY",
    "DEMO_BASE_URL",
    "ActivityEvent",
    "Clock",
    "FakeClock",
    "OnActivity",
    "RequestRecord",
    "Simulator",
    "SystemClock",
    "Timings",
    "World",
    "build_world",
]
