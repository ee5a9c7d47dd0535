"""The TUI's answer to :class:`lswtui.core.dialogs.Dialogs`: each question is a modal dialog
screen, awaited with ``push_screen_wait`` (the dialogs' key guard applies to every answer)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from textual.app import App
from textual.screen import Screen

from lswtui.api.models import Image
from lswtui.core.dialogs import (
    ActionTarget,
    CredentialInput,
    CredentialMode,
    NullRouteInput,
    PickerItem,
    ReinstallChoice,
    Skipped,
)
from lswtui.core.validators import Validator
from lswtui.tui.dialogs.bulk_confirm import BulkConfirmDialog
from lswtui.tui.dialogs.confirm import ConfirmDialog
from lswtui.tui.dialogs.console import ConsoleDialog
from lswtui.tui.dialogs.credential import CredentialDialog
from lswtui.tui.dialogs.null_route import NullRouteDialog
from lswtui.tui.dialogs.picker import PickerDialog
from lswtui.tui.dialogs.prompt import PromptDialog
from lswtui.tui.dialogs.reinstall import ReinstallDialog
from lswtui.tui.dialogs.type_confirm import TypeToConfirmDialog

T = TypeVar("T")


class ModalDialogs:
    def __init__(self, app: App[object]) -> None:
        self.app = app

    async def _ask(self, dialog: Screen[T]) -> T:
        return await self.app.push_screen_wait(dialog)

    async def confirm(
        self, target: ActionTarget, title: str, text: str, warnings: Sequence[str] = ()
    ) -> bool:
        answer = await self._ask(ConfirmDialog(title, target, text, warnings=warnings))
        return bool(answer)

    async def type_to_confirm(
        self, target: ActionTarget, title: str, text: str, warnings: Sequence[str] = ()
    ) -> bool:
        answer = await self._ask(TypeToConfirmDialog(title, target, text, warnings=warnings))
        return bool(answer)

    async def prompt(
        self,
        target: ActionTarget,
        title: str,
        *,
        label: str,
        value: str,
        description: str,
        validator: Validator,
        max_length: int = 0,
    ) -> str | None:
        return await self._ask(
            PromptDialog(
                title,
                target,
                label=label,
                value=value,
                description=description,
                validator=validator,
                max_length=max_length,
            )
        )

    async def pick(
        self, target: ActionTarget, title: str, items: Sequence[PickerItem], empty: str
    ) -> str | None:
        return await self._ask(PickerDialog(title, items, target=target, empty_message=empty))

    async def credential(
        self,
        target: ActionTarget,
        mode: CredentialMode,
        *,
        credential_type: str | None = None,
        username: str | None = None,
    ) -> CredentialInput | None:
        return await self._ask(
            CredentialDialog(target, mode=mode, credential_type=credential_type, username=username)
        )

    async def null_route(self, target: ActionTarget, ip: str) -> NullRouteInput | None:
        return await self._ask(NullRouteDialog(target, ip))

    async def reinstall(
        self, target: ActionTarget, images: Sequence[Image], *, has_snapshot: bool
    ) -> ReinstallChoice | str | None:
        return await self._ask(ReinstallDialog(target, images, has_snapshot=has_snapshot))

    async def console(self, target: ActionTarget, url: str) -> None:
        await self._ask(ConsoleDialog(target, url))

    async def confirm_bulk(
        self,
        title: str,
        description: str,
        targets: Sequence[ActionTarget],
        skipped: Sequence[Skipped],
    ) -> bool:
        """One target: the usual y/n, the skipped ones as warnings; more: type their number."""
        if len(targets) == 1:
            warnings = [f"Skipped, not sent: {s.target.vps_id}: {s.reason}" for s in skipped]
            return await self.confirm(targets[0], title, description, warnings)
        answer = await self._ask(BulkConfirmDialog(title, description, targets, skipped))
        return bool(answer)
