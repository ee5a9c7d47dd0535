"""Changes the user has not seen yet: a changed or new row keeps its mark until the cursor
passes over it (enters or leaves it) or the user marks everything seen. No Textual.

Nothing here fades with time: someone glancing at a second monitor after a coffee still finds
what changed while they were away.
"""

from __future__ import annotations

from collections.abc import Iterable


class UnseenChanges(dict[str, str]):
    """VPS id -> ``"changed"`` or ``"new"``, for every change not seen yet (the list's marks)."""

    def mark(self, vps_id: str, kind: str) -> None:
        """A new VPS that changes again before it was seen is still new to the user."""
        if self.get(vps_id) != "new":
            self[vps_id] = kind

    def seen(self, *vps_ids: str | None) -> bool:
        """The user has seen these rows; True if any was marked."""
        found = False
        for vps_id in vps_ids:
            if vps_id and self.pop(vps_id, None) is not None:
                found = True
        return found

    def all_seen(self) -> int:
        """Everything was seen (``m``); how many marks that cleared."""
        count = len(self)
        self.clear()
        return count

    def forget(self, vps_ids: Iterable[str]) -> None:
        """VPSes gone from the account: their gone mark tells it, not an unseen one."""
        for vps_id in vps_ids:
            self.pop(vps_id, None)
