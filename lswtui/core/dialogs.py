"""What a flow asks the user, and the answers: the ``Dialogs`` protocol a front end implements.

The TUI answers with its modal dialog screens (which hold the key guard); a test answers with
a script. Every question returns the answer, or None (False for a confirmation) for cancel.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from lswtui.api.models import Image
from lswtui.core.validators import Validator

#: The reinstall dialog's answer when a snapshot blocks it and the user asks to see it.
GOTO_SNAPSHOTS = "goto-snapshots"

CredentialMode = Literal["store", "update"]


@dataclass(frozen=True)
class ActionTarget:
    """Which VPS (in which profile) a mutating action applies to."""

    vps_id: str
    reference: str | None = None
    main_ip: str | None = None
    profile: str = "default"


@dataclass(frozen=True)
class PickerItem:
    """One row: ``id`` is returned, ``label`` shown; a ``disabled_reason`` makes it unpickable."""

    id: str
    label: str
    detail: str | None = None
    disabled_reason: str | None = None

    @property
    def disabled(self) -> bool:
        return self.disabled_reason is not None

    def matches(self, query: str) -> bool:
        """Case-insensitive substring match on id and label."""
        return query.casefold() in f"{self.id}\n{self.label}".casefold()


@dataclass(frozen=True)
class CredentialInput:
    """What the user entered. ``repr()`` never shows the password."""

    type: str
    username: str
    password: str = field(repr=False)


@dataclass(frozen=True)
class NullRouteInput:
    ip: str
    comment: str | None = None
    #: ``automatedUnnulingAt``: a number of hours (1–17520), None for no automatic removal.
    automated_unnuling_hours: int | None = None


@dataclass(frozen=True)
class ReinstallChoice:
    image_id: str
    market_app_id: str | None = None


class Dialogs(Protocol):
    async def confirm(
        self, target: ActionTarget, title: str, text: str, warnings: Sequence[str] = ()
    ) -> bool: ...

    async def type_to_confirm(
        self, target: ActionTarget, title: str, text: str, warnings: Sequence[str] = ()
    ) -> bool:
        """A confirmation the user must type the VPS id for (destructive actions)."""

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
    ) -> str | None: ...

    async def pick(
        self, target: ActionTarget, title: str, items: Sequence[PickerItem], empty: str
    ) -> str | None:
        """The id of the item picked; ``empty`` is said when there is nothing to pick."""

    async def credential(
        self,
        target: ActionTarget,
        mode: CredentialMode,
        *,
        credential_type: str | None = None,
        username: str | None = None,
    ) -> CredentialInput | None: ...

    async def null_route(self, target: ActionTarget, ip: str) -> NullRouteInput | None: ...

    async def reinstall(
        self, target: ActionTarget, images: Sequence[Image], *, has_snapshot: bool
    ) -> ReinstallChoice | str | None:
        """The image chosen; with ``has_snapshot`` only :data:`GOTO_SNAPSHOTS` or None."""

    async def console(self, target: ActionTarget, url: str) -> None:
        """Show the console URL (a secret: shown, never logged)."""


@dataclass(frozen=True)
class Skipped:
    """A marked VPS a bulk action leaves out (never sent), and why."""

    target: ActionTarget
    reason: str


class BulkDialogs(Protocol):
    async def confirm_bulk(
        self,
        title: str,
        description: str,
        targets: Sequence[ActionTarget],
        skipped: Sequence[Skipped],
    ) -> bool:
        """One confirmation listing every target (id, reference, account) and every skipped
        VPS with its reason; for more than one target, the user types how many
        (:func:`lswtui.core.validators.count_error`)."""
