"""How a node reaches the reachability prober of its account through its app (as
``session_of`` reaches the session), without importing the app."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol, cast

from textual.dom import DOMNode

from lswtui.core.probe import Prober
from lswtui.tui.session_host import session_of


class ProbeHost(Protocol):
    @property
    def probers(self) -> Mapping[str, Prober]:
        """Each account's prober, by account name."""


def prober_of(node: DOMNode) -> Prober:
    """The prober of the account the node shows (the selected row's)."""
    return cast(ProbeHost, node.app).probers[session_of(node).account]
