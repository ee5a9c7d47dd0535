"""``lswtui sim --request-log PATH``: one JSON line per request, for whoever watches from outside.

The served simulator runs in its own process, so ``Simulator.requests`` is out of reach of a
test driving ``lswtui`` in a terminal, or of a user asking "what did that key press send?".
This layer appends each request's record to a file as it completes::

    {"method": "POST", "path": "/publicCloud/v1/vps/123/reboot", "query": "", "status": 202}
"""

from __future__ import annotations

import json
from pathlib import Path

from starlette.types import ASGIApp, Receive, Scope, Send

from .middleware import RequestHistory, RequestRecord


class RequestLogFile:
    """Wraps ``Simulator.app``, whose outermost layer (``RequestLog``) appends the request's
    record to ``records`` just before returning: with no await in between, the last record
    when the inner app returns is this request's, however many run concurrently."""

    def __init__(self, app: ASGIApp, records: RequestHistory, path: Path) -> None:
        self.app, self.records, self.path = app, records, path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        try:
            await self.app(scope, receive, send)
        finally:
            self._write(self.records[-1])

    def _write(self, record: RequestRecord) -> None:
        line = {
            "method": record.method,
            "path": record.path,
            "query": record.query,
            "status": record.status,
        }
        with self.path.open("a", encoding="utf-8") as log:
            log.write(json.dumps(line) + "\n")
