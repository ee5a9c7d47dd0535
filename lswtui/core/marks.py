"""The rows the user marked for a bulk action (``space``, ``ctrl+a``), by row key, in the order
marked. A refresh keeps them; a VPS that left the fleet is dropped, so a bulk action never
targets a VPS the list no longer has. No Textual."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator


class Marks:
    def __init__(self) -> None:
        self._keys: dict[str, None] = {}  # insertion-ordered set

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def __len__(self) -> int:
        return len(self._keys)

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._keys))

    def toggle(self, key: str) -> bool:
        """Mark ``key``, or unmark it if it was; True when it is marked now."""
        if key in self._keys:
            del self._keys[key]
            return False
        self._keys[key] = None
        return True

    def mark_all(self, keys: Iterable[str]) -> int:
        """Mark every key (those already marked stay where they were); how many were added."""
        before = len(self._keys)
        self._keys.update(dict.fromkeys(keys))
        return len(self._keys) - before

    def clear(self) -> int:
        """Unmark everything; how many were marked."""
        count = len(self._keys)
        self._keys.clear()
        return count

    def retain(self, present: Collection[str]) -> list[str]:
        """Keep only the keys still ``present`` (after a refresh); the ones dropped."""
        dropped = [key for key in self._keys if key not in present]
        for key in dropped:
            del self._keys[key]
        return dropped
