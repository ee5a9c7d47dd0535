"""The flows' questions answered from the command line: :class:`ArgDialogs` implements
:class:`~lswtui.core.dialogs.Dialogs`.

The values come from the arguments (:class:`Answers`); a confirmation is ``--yes``, or a y/n
(or the typed VPS id) asked on the terminal, and is refused when stdin is not a terminal. A
form the TUI's submit confirms (reference, snapshot name, reverse DNS, credential, null route)
is confirmed the same way. Whatever stops a flow is kept in :attr:`ArgDialogs.stopped`, for the
exit code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from lswtui.api.models import Image
from lswtui.core.dialogs import (
    ActionTarget,
    CredentialInput,
    CredentialMode,
    NullRouteInput,
    PickerItem,
    ReinstallChoice,
)
from lswtui.core.validators import Validator, password_error, username_error
from lswtui.headless.streams import Streams


class Stop(Enum):
    """Why a flow got no answer."""

    USAGE = "usage"  # the arguments do not answer it (exit 2)
    REFUSED = "refused"  # a rule, or the user, said no (exit 3)


@dataclass(frozen=True)
class Answers:
    """What the command line says to the flow's questions."""

    yes: bool = False
    text: str | None = None  # a prompt's value (reference, snapshot name, host name)
    pick: str | None = None  # the id to pick (ISO, snapshot)
    credential: tuple[str, str] | None = None  # (type, username) to store
    password_stdin: bool = False
    null_route: NullRouteInput | None = None
    reinstall: ReinstallChoice | None = None
    pick_hint: str = ""  # how to name the item when it is not given, e.g. "give SNAPSHOT"


class ArgDialogs:
    def __init__(self, streams: Streams, answers: Answers) -> None:
        self.streams = streams
        self.answers = answers
        self.stopped: Stop | None = None
        self.console_url: str | None = None

    def _stop(self, why: Stop, message: str) -> None:
        self.stopped = why
        self.streams.say(f"lswtui: {message}")

    def _show(self, target: ActionTarget, title: str, text: str, warnings: Sequence[str]) -> None:
        name = f"{target.vps_id} {target.reference or ''}".rstrip()
        self.streams.say(f"{title}: VPS {name} (profile {target.profile})\n  {text}")
        for warning in warnings:
            self.streams.say(f"  warning: {warning}")

    def _agreed(self, target: ActionTarget, title: str, *, typed: bool) -> bool:
        if self.answers.yes:
            return True
        if not self.streams.interactive:
            self._stop(Stop.USAGE, f"{title}: not confirmed (stdin is not a terminal); pass --yes")
            return False
        if typed:
            agreed = self.streams.ask(f"Type the VPS id ({target.vps_id}) to confirm: ").strip()
            ok = agreed == target.vps_id
        else:
            ok = self.streams.ask("Proceed? [y/N] ").strip().lower() in ("y", "yes")
        if not ok:
            self._stop(Stop.REFUSED, f"{title}: not confirmed; nothing was sent")
        return ok

    async def confirm(
        self, target: ActionTarget, title: str, text: str, warnings: Sequence[str] = ()
    ) -> bool:
        self._show(target, title, text, warnings)
        return self._agreed(target, title, typed=False)

    async def type_to_confirm(
        self, target: ActionTarget, title: str, text: str, warnings: Sequence[str] = ()
    ) -> bool:
        self._show(target, title, text, warnings)
        return self._agreed(target, title, typed=True)

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
        text = (value if self.answers.text is None else self.answers.text).strip()
        problem = validator(text)
        if problem is None and max_length and len(text) > max_length:
            problem = f"at most {max_length} characters"
        if problem is not None:
            self._stop(Stop.USAGE, f"{title}: {label}: {problem}")
            return None
        self._show(target, title, f"{label}: {text!r}. {description}", ())
        return text if self._agreed(target, title, typed=False) else None

    async def pick(
        self, target: ActionTarget, title: str, items: Sequence[PickerItem], empty: str
    ) -> str | None:
        wanted = self.answers.pick
        if not items:
            self._stop(Stop.REFUSED, f"{title} {empty}")
            return None
        item = next((i for i in items if i.id == wanted), None)
        if item is None:
            ids = ", ".join(i.id for i in items)
            said = f"no {wanted!r} here" if wanted else self.answers.pick_hint or "name one"
            self._stop(Stop.USAGE, f"{title} {said} (one of: {ids})")
            return None
        if item.disabled_reason:
            self._stop(Stop.REFUSED, f"{title} {item.id}: {item.disabled_reason}")
            return None
        return item.id

    async def credential(
        self,
        target: ActionTarget,
        mode: CredentialMode,
        *,
        credential_type: str | None = None,
        username: str | None = None,
    ) -> CredentialInput | None:
        if credential_type is None or username is None:
            credential_type, username = self.answers.credential or ("", "")
        problem = username_error(username)
        if problem is not None:
            self._stop(Stop.USAGE, f"credential: {problem}")
            return None
        password = self._password(username)
        if password is None:
            return None
        title = "Store credential" if mode == "store" else "Update credential"
        self._show(target, title, f"{username} ({credential_type}), the password given", ())
        if not self._agreed(target, title, typed=False):
            return None
        return CredentialInput(credential_type, username, password)

    def _password(self, username: str) -> str | None:
        if self.answers.password_stdin:
            password = self.streams.stdin.readline().rstrip("\r\n")
        elif self.streams.interactive:
            password = self.streams.read_secret(f"Password for {username}: ")
        else:
            self._stop(Stop.USAGE, "no password: pass it on stdin with --password-stdin")
            return None
        if problem := password_error(password):
            self._stop(Stop.USAGE, f"credential: {problem}")
            return None
        return password

    async def null_route(self, target: ActionTarget, ip: str) -> NullRouteInput | None:
        entered = self.answers.null_route or NullRouteInput(ip)
        hours = entered.automated_unnuling_hours
        lifted = f"lifted after {hours} h" if hours else "until it is removed"
        self._show(target, "Null route IP", f"Drops all traffic to {ip}, {lifted}.", ())
        if not self._agreed(target, "Null route IP", typed=False):
            return None
        return NullRouteInput(ip, entered.comment, hours)

    async def reinstall(
        self, target: ActionTarget, images: Sequence[Image], *, has_snapshot: bool
    ) -> ReinstallChoice | str | None:
        if has_snapshot:
            self._stop(
                Stop.REFUSED,
                "Reinstall VPS is not available: Leaseweb refuses a reinstall while the VPS has "
                f"a snapshot; delete it first (lswtui vps snapshot delete {target.vps_id}).",
            )
            return None
        choice = self.answers.reinstall
        image = next((i for i in images if choice and i.id == choice.image_id), None)
        if choice is None or image is None:
            ids = ", ".join(i.id for i in images)
            given = choice.image_id if choice else ""
            self._stop(Stop.USAGE, f"Reinstall VPS: no image {given!r} (images: {ids})")
            return None
        if choice.market_app_id is not None and choice.market_app_id not in image.market_apps:
            apps = ", ".join(image.market_apps) or "none"
            self._stop(
                Stop.USAGE,
                f"Reinstall VPS: {image.id} has no market app {choice.market_app_id!r} (apps: {apps})",
            )
            return None
        return choice

    async def console(self, target: ActionTarget, url: str) -> None:
        """Kept for the command to print on stdout only: it carries a token (never logged)."""
        self.console_url = url
