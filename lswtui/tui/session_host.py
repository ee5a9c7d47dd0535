"""How the TUI meets the session: a node reaches it through its app without importing the
app (no import circle), and the session's events arrive as Textual messages.

The app holds the :class:`~lswtui.core.session.Session` and the
:class:`~lswtui.core.timeline.Timeline`; everything else asks its node's app for them through
:class:`SessionHost`.
"""

from __future__ import annotations

from typing import Protocol, cast

from textual.dom import DOMNode
from textual.message import Message

from lswtui.core.events import SessionEvent
from lswtui.core.session import Session
from lswtui.core.timeline import Timeline


class SessionHost(Protocol):
    @property
    def session(self) -> Session: ...

    @property
    def timeline(self) -> Timeline: ...


def session_of(node: DOMNode) -> Session:
    return cast(SessionHost, node.app).session


def timeline_of(node: DOMNode) -> Timeline:
    """The one timeline of every session the app follows."""
    return cast(SessionHost, node.app).timeline


class SessionChanged(Message, bubble=False):
    """A session event, posted to the app by the listener the app subscribes; the app passes
    it on to each screen (a screen's copy does not bubble back up)."""

    def __init__(self, event: SessionEvent) -> None:
        super().__init__()
        self.event = event
