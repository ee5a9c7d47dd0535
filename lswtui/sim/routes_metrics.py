"""Data-traffic metrics (the only VPS metric), in the reference text's camelCase form."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

from starlette.responses import Response

from .context import Call, ok, route
from .errors import invalid_field
from .model import Vps
from .params import query_choice, query_str
from .traffic import daily_traffic, days, traffic_between
from .views import timestamp

DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
DEFAULT_DAYS = 30
SERIES = ("downPublic", "upPublic")


def _date(call: Call, name: str) -> date | None:
    raw = query_str(call.request, name)
    if raw is None:
        return None
    try:
        if not DATE.fullmatch(raw):
            raise ValueError(raw)
        return date.fromisoformat(raw)
    except ValueError:
        raise invalid_field(name, "This value is not a valid date (YYYY-MM-DD).") from None


def _midnight(day: date) -> str | None:
    return timestamp(datetime(day.year, day.month, day.day, tzinfo=UTC))


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(value, 2)


def _summary(points: list[tuple[date, int]], period_days: int, start: date) -> dict[str, Any]:
    total = sum(value for _, value in points)
    average = total / len(points) if points else 0
    peak_day, peak = max(points, key=lambda p: p[1]) if points else (start, 0)
    return {
        "average": _number(average),
        "expected": _number(average * period_days),  # the average projected over the period
        "total": total,
        "peak": {"value": peak, "timestamp": _midnight(peak_day)},
    }


def _so_far(call: Call, vps: Vps, day: date) -> tuple[int, int]:
    """The bytes of ``day``: in a living account (``World.traffic_flows``) those until now,
    since the VPS exists, with the day's bursts; else the whole day's, fixed."""
    if not call.world.traffic_flows:
        return daily_traffic(vps.id, day)
    start = datetime(day.year, day.month, day.day, tzinfo=UTC)
    since = max(start, vps.contract.created_at)
    until = min(start + timedelta(days=1), call.now)
    down, up = traffic_between(vps.id, day, since, until)
    burst_down, burst_up = call.world.traffic_bursts.get((vps.id, day), (0, 0))
    return down + burst_down, up + burst_up


@route("GET", "/vps/{vpsId}/metrics/datatraffic")
async def data_traffic(call: Call) -> Response:
    vps = call.vps()
    start, end = _date(call, "from"), _date(call, "to")
    query_choice(call.request, "granularity", ("DAY",))
    query_choice(call.request, "aggregation", ("SUM",))
    if end is None:
        end = start + timedelta(days=DEFAULT_DAYS) if start else call.now.date() + timedelta(days=1)
    if start is None:
        start = end - timedelta(days=DEFAULT_DAYS)
    if end <= start:
        raise invalid_field("to", "The end of the interval must be after its start (from).")
    # One bucket per day in [from, to), only for days the VPS existed and that have begun.
    first = max(start, vps.contract.created_at.date())
    last = min(end - timedelta(days=1), call.now.date())
    traffic = [(day, _so_far(call, vps, day)) for day in days(first, last)]
    series = {name: [(day, values[i]) for day, values in traffic] for i, name in enumerate(SERIES)}
    period = (end - start).days
    return ok(
        {
            "_metadata": {
                "from": _midnight(start),
                "to": _midnight(end),
                "granularity": "DAY",
                "aggregation": "SUM",
                "unit": "B",
                "summary": {
                    name: _summary(points, period, start) for name, points in series.items()
                },
            },
            "metrics": {
                name: {
                    "unit": "B",
                    "values": [{"value": v, "timestamp": _midnight(d)} for d, v in points],
                }
                for name, points in series.items()
            },
        }
    )


routes = [data_traffic]
