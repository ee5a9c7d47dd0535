"""``lswtui sim`` over a real socket: a client that trickles its request (slowloris) or sends
nothing is disconnected within a bound, and the server keeps answering others."""

from __future__ import annotations

import socket
import time

import httpx
import pytest
from sim_helpers import free_port

from lswtui.sim import http_limits, server

TIMEOUT = 2.0  # the request deadline for these tests (the real one is REQUEST_TIMEOUT)
HEAD = b"PUT /publicCloud/v1/vps/1 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-LSW-Auth: k\r\n"


@pytest.fixture
def served(monkeypatch, runs):
    """The app and uvicorn settings ``serve`` really uses, served in a thread."""
    monkeypatch.setattr(http_limits, "REQUEST_TIMEOUT", TIMEOUT)
    port = free_port()
    server.serve(port=port, vps_count=1, api_key="k")
    with runs.serving() as base:
        yield port, base


def _closed_within(sock: socket.socket, seconds: float) -> bool:
    """Whether the server closes ``sock`` within ``seconds`` (anything it sends is skipped)."""
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        sock.settimeout(left)
        try:
            if sock.recv(4096) == b"":
                return True
        except TimeoutError:
            return False
        except ConnectionResetError:
            return True
    return False


def _trickle(port: int, prefix: bytes, trickled: bytes) -> tuple[bool, float, int]:
    """Send ``prefix`` at once, then ``trickled`` one byte per second; returns whether the server
    closed the connection, after how long, and how many trickled bytes it took first."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        started = time.monotonic()
        sock.sendall(prefix)
        for sent, byte in enumerate(trickled):
            try:
                sock.sendall(bytes([byte]))
            except (BrokenPipeError, ConnectionResetError):
                return True, time.monotonic() - started, sent
            if _closed_within(sock, 1.0):
                return True, time.monotonic() - started, sent + 1
        return False, time.monotonic() - started, len(trickled)


@pytest.mark.parametrize(
    ("prefix", "trickled"),
    [
        (b"", HEAD + b"\r\n"),  # the head, one byte a second
        (HEAD + b"Content-Length: 40\r\n\r\n", b'{"reference": "slow"}' + b" " * 19),  # the body
    ],
    ids=["head", "body"],
)
def test_a_trickled_request_is_cut_off(served, prefix, trickled):
    port, base = served
    closed, after, taken = _trickle(port, prefix, trickled)
    assert closed, f"still connected after {after:.1f} s and {taken} bytes"
    assert TIMEOUT - 0.5 < after < TIMEOUT + 2.0 and taken < len(trickled)
    assert httpx.get(f"{base}/vps", headers={"X-LSW-Auth": "k"}, timeout=5).status_code == 200


def test_a_silent_connection_and_a_trickle_after_a_response_are_cut_off(served):
    port, _ = served
    with socket.create_connection(("127.0.0.1", port), timeout=5) as silent:
        assert _closed_within(silent, TIMEOUT + 2.0)
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(
            b"GET /publicCloud/v1/vps HTTP/1.1\r\nHost: 127.0.0.1\r\nX-LSW-Auth: k\r\n\r\n"
        )
        started = time.monotonic()
        assert sock.recv(4096).startswith(b"HTTP/1.1 200")
        while not _closed_within(
            sock, 1.0
        ):  # the next request trickles in on the kept-alive connection
            sock.sendall(b"G")
            assert time.monotonic() - started < TIMEOUT + 2.0, (
                "the kept-alive connection was never closed"
            )


def test_the_request_deadline_is_short():
    assert http_limits.REQUEST_TIMEOUT <= 10 and server.UVICORN_LIMITS["limit_concurrency"] <= 100
