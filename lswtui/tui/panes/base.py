"""What every detail pane shares: load for a VPS in a worker into the session's detail cache,
show loading and errors."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.containers import Vertical
from textual.widgets import Static

from lswtui.api import ApiError
from lswtui.core.details import DetailKind
from lswtui.core.session import Session
from lswtui.tui.session_host import key_of, session_of
from lswtui.tui.textual_compat import run_async
from lswtui.tui.unexpected import report_unexpected, unexpected_text


class DetailPane(Vertical):
    """Base of the tab contents. Subclasses implement ``fetch`` and ``show``.

    ``load`` runs ``fetch`` in an exclusive worker (a newer load cancels an older one, so a
    slow answer for the previously selected VPS never overwrites the current one). A failed
    load keeps whatever was shown and adds the error line above it. What ``fetch`` returns is
    stored in the session's detail cache under ``KIND`` (when the pane has one): the flows read
    it there, and invalidating it there makes this pane reload.
    """

    KIND: ClassVar[DetailKind[Any] | None] = None

    DEFAULT_CSS = """
    DetailPane { height: 1fr; }
    DetailPane > .pane-error { color: $text-error; height: auto; }
    DetailPane > .pane-empty { color: $text-muted; height: auto; padding: 1 0; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.vps_id: str | None = None
        self.shown_for: str | None = None  # the VPS whose data is on screen
        self.data: Any = None

    @property
    def session(self) -> Session:
        return session_of(self)

    def offer(self, binding_id: str, does: str) -> str:
        """`` N creates one.`` with the key in effect for the action, or "" where no write is
        offered (read-only: the key would only say so)."""
        if self.session.read_only:
            return ""
        return f" {key_of(self, binding_id)} {does}"

    def _current(self, vps_id: str) -> bool:
        """On screen for ``vps_id`` and not invalidated in the cache since."""
        if vps_id != self.shown_for:
            return False
        return self.KIND is None or self.session.details.get(vps_id, self.KIND) is not None

    def compose_error(self) -> Static:
        return Static("", classes="pane-error", id=f"{self.id}-error")

    def show_vps(self, vps_id: str | None, *, force: bool = False) -> None:
        """Load for ``vps_id`` unless already shown (``force`` reloads, for live refresh)."""
        if vps_id is None:
            self.vps_id = None
            return
        if self._current(vps_id) and not force:
            return
        self.vps_id = vps_id
        if vps_id != self.shown_for:
            self.loading = True
        run_async(self, self._load, vps_id, exclusive=True, group=f"pane-{self.id}")

    async def _load(self, vps_id: str) -> None:
        error = self.query_one(f"#{self.id}-error", Static)
        try:
            data = await self.fetch(vps_id)
        except ApiError as exc:
            error.update(Text(exc.describe()))
            error.display = True
        except Exception as exc:  # a bug or MemoryError: reported; the next load still runs
            error.update(Text(f"Loading the tab failed: {unexpected_text(exc)}"))
            error.display = True
            report_unexpected(self, "Loading the tab", exc)
        else:
            error.display = False
            self.store(vps_id, data)
            self.data = data
            self.shown_for = vps_id
            self.show(data)
        finally:
            self.loading = False

    async def fetch(self, vps_id: str) -> Any:
        raise NotImplementedError

    def store(self, vps_id: str, data: Any) -> None:
        if self.KIND is not None:
            self.session.details.put(vps_id, self.KIND, data)

    def show(self, data: Any) -> None:
        raise NotImplementedError
