"""What every detail pane shares: load for a VPS in a worker, show loading and errors."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from rich.text import Text
from textual.containers import Vertical
from textual.widgets import Static

from lswtui.api import ApiError
from lswtui.tui.textual_compat import run_async
from lswtui.tui.unexpected import report_unexpected, unexpected_text

if TYPE_CHECKING:
    from lswtui.tui.app import LswApp


class DetailPane(Vertical):
    """Base of the tab contents. Subclasses implement ``fetch`` and ``show``.

    ``load`` runs ``fetch`` in an exclusive worker (a newer load cancels an older one, so a
    slow answer for the previously selected VPS never overwrites the current one). A failed
    load keeps whatever was shown and adds the error line above it.
    """

    DEFAULT_CSS = """
    DetailPane { height: 1fr; }
    DetailPane > .pane-error { color: $text-error; height: auto; }
    DetailPane > .pane-empty { color: $text-muted; height: auto; padding: 1 0; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.vps_id: str | None = None
        self.loaded_for: str | None = None
        self.data: Any = None

    @property
    def lsw(self) -> LswApp:
        return cast("LswApp", self.app)

    def compose_error(self) -> Static:
        return Static("", classes="pane-error", id=f"{self.id}-error")

    def show_vps(self, vps_id: str | None, *, force: bool = False) -> None:
        """Load for ``vps_id`` unless already shown (``force`` reloads, for live refresh)."""
        if vps_id is None:
            self.vps_id = None
            return
        if vps_id == self.loaded_for and not force:
            return
        self.vps_id = vps_id
        if vps_id != self.loaded_for:
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
            self.data = data
            self.loaded_for = vps_id
            self.show(data)
        finally:
            self.loading = False

    async def fetch(self, vps_id: str) -> Any:
        raise NotImplementedError

    def show(self, data: Any) -> None:
        raise NotImplementedError
