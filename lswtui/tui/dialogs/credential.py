"""Store a credential record, or update a stored credential's password.

The password is held only in the masked Input and in :class:`CredentialInput`, whose repr
omits it. Nothing here notifies or logs it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Input, Select, Static

from lswtui.api.models import CREDENTIAL_TYPES
from lswtui.core.dialogs import ActionTarget, CredentialInput, CredentialMode
from lswtui.core.validators import password_error, username_error
from lswtui.tui.dialogs.base import DialogInput, DialogScreen, DialogSelect, InvalidInput

_STORE_NOTE = (
    "Leaseweb only keeps this record (no password on the VPS changes). Every portal user "
    "of the account and Leaseweb support can read it."
)
_UPDATE_NOTE = (
    "Replaces the stored password of this record; it does not change the password on the VPS."
)


class CredentialDialog(DialogScreen[CredentialInput | None]):
    """``mode="store"``: type, username and password; ``mode="update"``: new password only."""

    HELP_TITLE = "Store / update credential"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit", "Save"),
        Binding("ctrl+r", "toggle_password", "Show/hide password"),
    ]
    SUBMIT_LABEL = "Save"

    def __init__(
        self,
        target: ActionTarget,
        *,
        mode: CredentialMode = "store",
        credential_type: str | None = None,
        username: str | None = None,
    ) -> None:
        if mode == "update" and not (credential_type and username):
            raise ValueError("update mode needs the credential_type and username being updated")
        title = "Store credential" if mode == "store" else "Update stored password"
        super().__init__(
            title, target, description=_STORE_NOTE if mode == "store" else _UPDATE_NOTE
        )
        self.mode = mode
        self._type = credential_type or CREDENTIAL_TYPES[0]
        self._username = username or ""

    def compose_body(self) -> Iterable[Widget]:
        if self.mode == "store":
            types = list(CREDENTIAL_TYPES)
            if self._type not in types:
                types.append(self._type)
            with Horizontal(id="credential-who", classes="dialog-row"):
                with Vertical(id="credential-type-column", classes="dialog-narrow"):
                    yield Static("Type", classes="dialog-label")
                    yield DialogSelect(
                        [(t, t) for t in types],
                        value=self._type,
                        allow_blank=False,
                        id="credential-type",
                    )
                with Vertical():
                    yield Static("Username (letters, digits, @ . - _)", classes="dialog-label")
                    yield DialogInput(
                        self._username, placeholder="username", id="credential-username"
                    )
        else:
            yield Static(
                Text.assemble(
                    ("Type ", "bold"), self._type, "   ", ("Username ", "bold"), self._username
                ),
                id="credential-fixed",
            )
        yield Static(id="credential-password-label", classes="dialog-label")
        yield DialogInput(password=True, placeholder="password", id="credential-password")

    def on_mount(self, event: events.Mount) -> None:
        self._update_password_label()

    @property
    def password_visible(self) -> bool:
        return not self.query_one("#credential-password", Input).password

    def _update_password_label(self) -> None:
        state = "shown" if self.password_visible else "hidden"
        key = self.app.get_key_display(Binding("ctrl+r", "", ""))
        self.query_one("#credential-password-label", Static).update(
            Text(
                f"{'New password' if self.mode == 'update' else 'Password'} ({state}; {key} to toggle)"
            )
        )

    def action_toggle_password(self) -> None:
        password = self.query_one("#credential-password", Input)
        password.password = not password.password
        self._update_password_label()

    def build_result(self) -> CredentialInput:
        if self.mode == "store":
            credential_type = str(self.query_one("#credential-type", Select).value)
            username = self.query_one("#credential-username", Input).value.strip()
            problem = username_error(username)
            if problem is not None:
                self.set_focus(self.query_one("#credential-username", Input))
                raise InvalidInput(problem)
        else:
            credential_type, username = self._type, self._username
        password = self.query_one("#credential-password", Input).value
        problem = password_error(password)
        if problem is not None:
            self.set_focus(self.query_one("#credential-password", Input))
            raise InvalidInput(problem)
        return CredentialInput(type=credential_type, username=username, password=password)
