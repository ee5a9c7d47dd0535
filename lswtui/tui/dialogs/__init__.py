"""Modal dialogs used by every mutating action.

Each dialog is a ``ModalScreen`` subclass; push it with a callback receiving the result::

    app.push_screen(ConfirmDialog("Stop VPS", target, "Stops the VPS."), on_answer)

| Dialog | Returns |
|---|---|
| ConfirmDialog | bool |
| TypeToConfirmDialog | bool |
| PromptDialog | str or None |
| CredentialDialog | CredentialInput or None |
| NullRouteDialog | NullRouteInput or None |
| PickerDialog | item id (str) or None |
| ReinstallDialog | ReinstallChoice, "goto-snapshots" or None |
| ConsoleDialog | None |
"""

from lswtui.core.dialogs import (
    GOTO_SNAPSHOTS,
    ActionTarget,
    CredentialInput,
    NullRouteInput,
    PickerItem,
    ReinstallChoice,
)
from lswtui.core.validators import (
    hostname_error,
    parse_unnull_hours,
    password_error,
    reference_error,
    username_error,
)
from lswtui.tui.dialogs.base import DialogScreen, InvalidInput
from lswtui.tui.dialogs.confirm import ConfirmDialog
from lswtui.tui.dialogs.console import ConsoleDialog, browser_unavailable_reason
from lswtui.tui.dialogs.credential import CredentialDialog
from lswtui.tui.dialogs.null_route import NullRouteDialog
from lswtui.tui.dialogs.picker import FilterList, PickerDialog
from lswtui.tui.dialogs.prompt import PromptDialog
from lswtui.tui.dialogs.reinstall import ReinstallDialog
from lswtui.tui.dialogs.target import render_target
from lswtui.tui.dialogs.type_confirm import TypeToConfirmDialog

__all__ = [
    "GOTO_SNAPSHOTS",
    "ActionTarget",
    "ConfirmDialog",
    "ConsoleDialog",
    "CredentialDialog",
    "CredentialInput",
    "DialogScreen",
    "FilterList",
    "InvalidInput",
    "NullRouteDialog",
    "NullRouteInput",
    "PickerDialog",
    "PickerItem",
    "PromptDialog",
    "ReinstallChoice",
    "ReinstallDialog",
    "TypeToConfirmDialog",
    "browser_unavailable_reason",
    "hostname_error",
    "parse_unnull_hours",
    "password_error",
    "reference_error",
    "render_target",
    "username_error",
]
