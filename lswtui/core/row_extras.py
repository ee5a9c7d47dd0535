"""What the list's ISO and contract-end columns show: facts ``GET /vps`` does not carry, so they
are read per VPS (``GET /vps/{id}``) for the rows on screen only, while such a column is
shown, a few at a time, and kept a while. A detail the Overview tab loads counts too. No
Textual.
"""

from __future__ import annotations

import asyncio
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime

from lswtui.api import ApiError
from lswtui.api.models import VpsDetails
from lswtui.core.details import DETAILS
from lswtui.core.events import DetailLoaded, SessionEvent
from lswtui.core.session import Session

EXTRAS_TTL = 600.0  # seconds: an attached ISO or a contract's end rarely changes
MAX_PER_PASS = 40  # reads per pass: about one screen of rows
CONCURRENCY = 4


@dataclass(frozen=True)
class Extras:
    iso: str  # the attached ISO's name (or id); "" when none is attached
    contract_ends: datetime | None

    @classmethod
    def of(cls, details: VpsDetails) -> Extras:
        iso = (details.iso.name or details.iso.id) if details.iso else ""
        return cls(iso, details.contract.ends_at if details.contract else None)


class RowExtras:
    def __init__(self, session: Session) -> None:
        self.session = session
        self._known: dict[str, tuple[float, Extras]] = {}
        session.subscribe(self._on_event)

    def _on_event(self, event: SessionEvent) -> None:
        if isinstance(event, DetailLoaded) and event.kind == DETAILS.name:
            details = self.session.details.get(event.vps_id, DETAILS)
            if details is not None:
                self._take(event.vps_id, details)

    def _take(self, vps_id: str, details: VpsDetails) -> None:
        self._known[vps_id] = (self.session.clock.monotonic(), Extras.of(details))

    def get(self, vps_id: str) -> Extras | None:
        known = self._known.get(vps_id)
        return known[1] if known else None

    def due(self, vps_ids: Iterable[str]) -> list[str]:
        """Of ``vps_ids`` (the rows on screen), those never read or read too long ago."""
        now = self.session.clock.monotonic()
        due = []
        for vps_id in vps_ids:
            known = self._known.get(vps_id)
            if known is None or now - known[0] >= EXTRAS_TTL:
                due.append(vps_id)
                if len(due) == MAX_PER_PASS:
                    break
        return due

    async def load(self, vps_ids: Iterable[str]) -> list[str]:
        """Read the due ones of ``vps_ids``; the ids read. One that fails is left for a later
        pass (the client has retried already)."""
        limit = asyncio.Semaphore(CONCURRENCY)

        async def read(vps_id: str) -> str | None:
            async with limit:
                try:
                    details = await self.session.client.get_vps(vps_id)
                except ApiError:
                    return None
            self._take(vps_id, details)
            return vps_id

        read_ids = await asyncio.gather(*(read(vps_id) for vps_id in self.due(vps_ids)))
        return [vps_id for vps_id in read_ids if vps_id is not None]

    def retain(self, present: Collection[str]) -> None:
        """Forget the VPSes no longer in the fleet."""
        for vps_id in [v for v in self._known if v not in present]:
            del self._known[vps_id]
