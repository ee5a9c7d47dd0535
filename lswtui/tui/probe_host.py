"""How a node reaches the session's reachability prober through its app (as ``session_of``
reaches the session), without importing the app."""

from __future__ import annotations

from typing import Protocol, cast

from textual.dom import DOMNode

from lswtui.core.probe import Prober


class ProbeHost(Protocol):
    @property
    def prober(self) -> Prober: ...


def prober_of(node: DOMNode) -> Prober:
    return cast(ProbeHost, node.app).prober
