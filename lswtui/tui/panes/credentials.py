"""Credentials tab: stored credentials, passwords masked until explicitly revealed.

Passwords are fetched on demand (``GET …/credentials/{type}/{username}``), shown for
``REVEAL_SECONDS`` and then masked again. They are never cached beyond that, logged or notified.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.text import Text
from textual.timer import Timer

from lswtui.api import ApiError
from lswtui.api.models import Credential
from lswtui.core.details import CREDENTIALS, credential_key
from lswtui.tui.panes.table_pane import Cell, Column, TablePane
from lswtui.tui.unexpected import report_api_error

MASK = "••••••••"
REVEAL_SECONDS = 20.0


class CredentialsPane(TablePane):
    COLUMNS = (
        Column("type", "Type"),
        Column("username", "Username", flex=True, min_width=12),
        Column("password", "Password"),
    )
    EMPTY = "No stored credentials."
    NOUN = "credentials"
    KIND = CREDENTIALS

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._revealed: dict[str, str] = {}
        self._hide_timers: dict[str, Timer] = {}
        self._revealed_for: str | None = None

    async def fetch(self, vps_id: str) -> list[Credential]:
        return await self.session.client.list_credentials(vps_id)

    def show(self, data: list[Credential]) -> None:
        if self.shown_for != self._revealed_for:
            self.hide_all()
            self._revealed_for = self.shown_for
        super().show(data)

    @property
    def revealing(self) -> bool:
        """A password is shown in clear."""
        return bool(self._revealed)

    @property
    def selected_credential(self) -> Credential | None:
        key = self.selected_key
        return next((c for c in self.data or () if credential_key(c) == key), None)

    def rows(self, data: list[Credential]) -> Iterable[tuple[str, Sequence[Cell]]]:
        for credential in data:
            key = credential_key(credential)
            secret = self._revealed.get(key)
            password = Text(secret, style="bold") if secret is not None else Text(MASK, style="dim")
            yield key, (Text(credential.type), Text(credential.username), password)

    async def _fetch_password(self) -> tuple[Credential, str] | None:
        """The selected credential and its password, fetched now; None, after telling the user
        why, when nothing is selected or the API refused."""
        credential = self.selected_credential
        if credential is None or self.vps_id is None:
            self.notify(
                "This VPS has no stored credentials."
                + self.offer("vps.store_credential", "stores one.")
                if not self.data
                else "Select a credential first: Tab into the table, then ↑/↓.",
                severity="warning",
            )
            return None
        try:
            full = await self.session.client.get_credential(
                self.vps_id, credential.type, credential.username
            )
        except ApiError as exc:
            report_api_error(self, exc)
            return None
        return credential, full.password

    async def toggle_reveal(self) -> None:
        shown = self.selected_credential
        if shown is not None and credential_key(shown) in self._revealed:
            self._hide(credential_key(shown))
            return
        fetched = await self._fetch_password()
        if fetched is None:
            return
        key = credential_key(fetched[0])
        self._revealed[key] = fetched[1]
        self._hide_timers[key] = self.set_timer(REVEAL_SECONDS, lambda: self._hide(key))
        self._repaint()

    async def copy_password(self) -> None:
        fetched = await self._fetch_password()
        if fetched is None:
            return
        credential, password = fetched
        self.app.copy_to_clipboard(password)
        self.notify(f"Password of {credential.username} copied to the clipboard.", markup=False)

    def _hide(self, key: str) -> None:
        self._revealed.pop(key, None)
        timer = self._hide_timers.pop(key, None)
        if timer is not None:
            timer.stop()
        self._repaint()

    def hide_all(self) -> None:
        for key in list(self._revealed):
            self._hide(key)

    def _repaint(self) -> None:
        if self.data is not None:
            super().show(self.data)
