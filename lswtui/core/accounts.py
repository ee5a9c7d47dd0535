"""Several accounts in one screen: one :class:`Session` per account behind one object.

Each account keeps everything of its own: client, key, base URL, read-only mode, rate-limit
state, health, refresh timing and write runner. What the front ends need across them is here:
the merged fleet (keyed by account and VPS id, so equal ids in two accounts are two rows),
"which account has this IP / VPS id?", each account's health for the status line, and when
each account refreshes next, staggered so that they never burst together.

No Textual here: the TUI runs each account's refresh loop in workers of its own
(``tui/refresh_cycle.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence

from lswtui.core.account_health import AccountHealth
from lswtui.core.action_host import ActionHost
from lswtui.core.fleet import FleetRow
from lswtui.core.fleet_refresh import FleetRefresh
from lswtui.core.runner import ActionRunner
from lswtui.core.session import Session

STAGGER = 0.5  # seconds kept between two accounts' refresh starts
KEY_SEPARATOR = "/"  # in a merged row key; never in an account name (the config refuses it)


def row_key(account: str, vps_id: str) -> str:
    """The key of a VPS in the merged fleet: ``prod/126855092``. One account keeps bare ids."""
    return f"{account}{KEY_SEPARATOR}{vps_id}"


def split_key(key: str) -> tuple[str, str]:
    """``(account, vps id)`` of a merged row key."""
    account, _, vps_id = key.partition(KEY_SEPARATOR)
    return account, vps_id


class MergedMarks(Mapping[str, str]):
    """Every account's change marks (``changed``, ``new``) by merged row key, read through to
    each account's own (a live view: nothing is copied per refresh or per frame)."""

    def __init__(self, accounts: Accounts) -> None:
        self._accounts = accounts

    def __getitem__(self, key: str) -> str:
        account, vps_id = split_key(key)
        if account not in self._accounts.by_name:
            raise KeyError(key)
        return self._accounts[account].refresh.changes.marks[vps_id]

    def __iter__(self) -> Iterator[str]:
        for account in self._accounts:
            yield from (row_key(account.name, v) for v in account.refresh.changes.marks)

    def __len__(self) -> int:
        return sum(len(account.refresh.changes.marks) for account in self._accounts)


class Account:
    """One account's session with its refresh loop and its write runner."""

    def __init__(self, session: Session, host: ActionHost) -> None:
        self.session = session
        self.runner = ActionRunner(session, host)
        self.refresh = FleetRefresh(session, self.runner)
        self._keyed: tuple[dict[str, FleetRow], dict[str, FleetRow]] = ({}, {})

    @property
    def name(self) -> str:
        return self.session.account

    def keyed_fleet(self) -> dict[str, FleetRow]:
        """Its rows by :func:`row_key`, built again only when its fleet was replaced (the
        session replaces the dict on every change, never edits it)."""
        fleet = self.session.fleet
        if self._keyed[0] is not fleet:
            name = self.name
            self._keyed = (fleet, {row_key(name, vps_id): row for vps_id, row in fleet.items()})
        return self._keyed[1]

    def health(self) -> AccountHealth:
        return AccountHealth(
            self.name,
            self.session.health.condition(self.session.refresh_interval * 3),
            self.session.health_status(),
            self.session.health.age(),
        )


class Accounts:
    """The open accounts, in the order given (the config's): at least one, names unique."""

    def __init__(
        self,
        sessions: Sequence[Session],
        host_for: Callable[[Session], ActionHost],
    ) -> None:
        if not sessions:
            raise ValueError("no account to open")
        names = [session.account for session in sessions]
        if len(set(names)) != len(names):
            raise ValueError(f"an account is open twice: {', '.join(names)}")
        self.by_name = {s.account: Account(s, host_for(s)) for s in sessions}
        self.clock = sessions[0].clock.monotonic
        self._starts: dict[str, float] = {}  # account -> when its next refresh is planned

    def __iter__(self) -> Iterator[Account]:
        return iter(self.by_name.values())

    def __getitem__(self, name: str) -> Account:
        return self.by_name[name]

    @property
    def names(self) -> list[str]:
        return list(self.by_name)

    @property
    def several(self) -> bool:
        return len(self.by_name) > 1

    # -- the merged fleet -------------------------------------------------------------------

    def fleet(self) -> dict[str, FleetRow]:
        """Every account's rows, by :func:`row_key`; one account's fleet is its session's own
        dict, keyed by VPS id, as it has always been."""
        if not self.several:
            return next(iter(self)).session.fleet
        merged: dict[str, FleetRow] = {}
        for account in self:
            merged.update(account.keyed_fleet())
        return merged

    def gone(self) -> dict[str, FleetRow]:
        """The VPSes gone from their account a moment ago (still listed, struck through)."""
        if not self.several:
            return next(iter(self)).refresh.changes.gone
        return {
            row_key(name, vps_id): row
            for name, account in self.by_name.items()
            for vps_id, row in account.refresh.changes.gone.items()
        }

    def marks(self) -> Mapping[str, str]:
        """The change marks by the keys of :meth:`fleet`."""
        if not self.several:
            return next(iter(self)).refresh.changes.marks
        return MergedMarks(self)

    def key(self, account: str, vps_id: str) -> str:
        """The key of a VPS in :meth:`fleet`."""
        return row_key(account, vps_id) if self.several else vps_id

    def find(self, text: str) -> list[FleetRow]:
        """The VPSes, in every open account, whose id, reference or any IP is ``text``
        (the reference case-insensitively): "which account has 203.0.113.77?"."""
        wanted = text.strip()
        folded = wanted.casefold()
        if not wanted:
            return []
        return [
            row
            for account in self
            for row in account.session.fleet.values()
            if row.vps_id == wanted or wanted in row.all_ips or row.reference.casefold() == folded
        ]

    # -- health -----------------------------------------------------------------------------

    def health(self) -> list[AccountHealth]:
        return [account.health() for account in self]

    # -- refresh timing ---------------------------------------------------------------------

    def plan_start(self, name: str, delay: float) -> float:
        """The delay after which account ``name`` should start its next refresh: ``delay`` at
        the least, and at least :data:`STAGGER` away from every other account's planned start
        (the first loads of five accounts start 0, 0.5, 1, 1.5 and 2 s after opening)."""
        now = self.clock()
        at = now + delay
        others = sorted(
            t for other, t in self._starts.items() if other != name and t > now - STAGGER
        )
        for planned in others:
            if abs(at - planned) < STAGGER:
                at = planned + STAGGER
        self._starts[name] = at
        return at - now
