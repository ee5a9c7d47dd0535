"""The accounts a command works on: one per config profile, each with its client, its mode and
the action log its writes go to. ``vps list`` merges several; a command on one VPS finds the
account that has it."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass

from lswtui.api import ApiError, LeasewebClient
from lswtui.api.models import VpsDetails
from lswtui.config import ConfigError, Settings, check_api_url, state_dir
from lswtui.core.audit import AuditLog
from lswtui.core.state_files import REAL_FILES

NO_KEY = (
    "lswtui needs a Leaseweb API key: export LEASEWEB_API_KEY=<your key>, "
    "or store it in a profile of {path} (chmod 600)."
)


@dataclass(frozen=True)
class Account:
    profile: str
    client: LeasewebClient
    audit: AuditLog
    read_only: bool = False


def open_account(settings: Settings, *, insecure_http: bool) -> tuple[Account, str | None]:
    """The account of resolved ``settings`` and the warning to print, or ``ConfigError``."""
    if not settings.api_key:
        raise ConfigError(NO_KEY.format(path=settings.config_file))
    warning = check_api_url(settings.api_url, insecure_http=insecure_http)
    try:
        client = LeasewebClient.create(settings.api_key, base_url=settings.api_url)
    except ValueError as exc:  # a bad key; never quoted
        raise ConfigError(str(exc)) from None
    audit = AuditLog(state_dir() / REAL_FILES.actions)
    return Account(settings.profile, client, audit, settings.read_only), warning


class NotFound(Exception):
    """No account has the VPS (each answered 404)."""


class Ambiguous(Exception):
    """Several accounts have a VPS of that id."""


async def locate(accounts: Sequence[Account], vps_id: str) -> tuple[Account, VpsDetails]:
    """The account holding ``vps_id`` and its details (one ``GET /vps/{id}`` per account).

    With one account its error is raised as it is; with several, a 404 means "not this one".
    """
    if len(accounts) == 1:
        return accounts[0], await accounts[0].client.get_vps(vps_id)
    found = await asyncio.gather(
        *(account.client.get_vps(vps_id) for account in accounts), return_exceptions=True
    )
    hits = [(a, d) for a, d in zip(accounts, found, strict=True) if isinstance(d, VpsDetails)]
    for result in found:
        if isinstance(result, BaseException) and not (
            isinstance(result, ApiError) and result.status == 404
        ):
            raise result
    if len(hits) > 1:
        raise Ambiguous(
            f"VPS {vps_id} is in profiles {', '.join(a.profile for a, _ in hits)}; "
            "name one with --profile"
        )
    if not hits:
        raise NotFound(vps_id)
    return hits[0]
