"""What one HTTP client may hold of ``lswtui sim``: the uvicorn settings, and a protocol that
gives each request a deadline.

uvicorn has no header-read timeout: its keep-alive timer is cancelled by every byte received,
so a client sending one byte a second (slowloris) keeps a connection forever. Here the whole
request (head and body) must arrive within ``REQUEST_TIMEOUT`` of the connection opening or of
the previous response, or the connection is closed.
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

REQUEST_TIMEOUT = 10.0  # seconds for a client to send one whole request


class DeadlineH11Protocol(H11Protocol):
    """uvicorn's h11 protocol, plus a deadline for reading each request."""

    _deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._await_request()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if not self._reading_request():
            self._cancel_deadline()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._await_request()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_deadline()
        super().connection_lost(exc)

    def _reading_request(self) -> bool:
        return self.conn.their_state in (h11.IDLE, h11.SEND_BODY)

    def _await_request(self) -> None:
        self._cancel_deadline()
        if self._reading_request() and not self.transport.is_closing():
            self._deadline = self.loop.call_later(REQUEST_TIMEOUT, self._give_up)

    def _cancel_deadline(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _give_up(self) -> None:
        self._deadline = None
        if not self.transport.is_closing():
            self.transport.close()


#: Keyword arguments for ``uvicorn.run``/``uvicorn.Config``: the deadline above, idle keep-alive
#: connections closed after 5 s, request heads capped at 16 KiB, at most 100 connections at once.
UVICORN_LIMITS: dict[str, Any] = {
    "http": DeadlineH11Protocol,
    "timeout_keep_alive": 5,
    "h11_max_incomplete_event_size": 16 * 1024,
    "limit_concurrency": 100,
}
