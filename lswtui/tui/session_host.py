"""How the TUI meets the session: a node reaches it through its app without importing the
app (no import circle), and the session's events arrive as Textual messages.

The app holds the :class:`~lswtui.core.session.Session` of each open account and the one
:class:`~lswtui.core.timeline.Timeline` that follows them all; everything else asks its node's
app for them through :class:`SessionHost`. ``session`` is the account of the selected row (the
only one, usually): the tabs, the palette and the dialogs act in it.
"""

from __future__ import annotations

from typing import Protocol, cast

from textual.dom import DOMNode
from textual.message import Message

from lswtui.core.events import SessionEvent
from lswtui.core.session import Session
from lswtui.core.timeline import Timeline


class SessionHost(Protocol):
    session: Session
    sessions: list[Session]

    @property
    def timeline(self) -> Timeline: ...

    def key_of(self, binding_id: str) -> str: ...


def session_of(node: DOMNode) -> Session:
    return cast(SessionHost, node.app).session


def key_of(node: DOMNode, binding_id: str) -> str:
    """The key of a command (``vps.create_snapshot``) in effect, the user's keymap applied, as
    shown: ``N``. For text that names a key."""
    return cast(SessionHost, node.app).key_of(binding_id)


def timeline_of(node: DOMNode) -> Timeline:
    """The one timeline of every session the app follows."""
    return cast(SessionHost, node.app).timeline


def sessions_of(node: DOMNode) -> list[Session]:
    """Every open account's session, in the config's order."""
    return cast(SessionHost, node.app).sessions


def select_session(node: DOMNode, session: Session) -> None:
    """Make ``session`` the one the tabs, the palette and the dialogs act in."""
    cast(SessionHost, node.app).session = session


class SessionChanged(Message, bubble=False):
    """A session event, posted to the app by the listener the app subscribes; the app passes
    it on to each screen (a screen's copy does not bubble back up)."""

    def __init__(self, event: SessionEvent) -> None:
        super().__init__()
        self.event = event
