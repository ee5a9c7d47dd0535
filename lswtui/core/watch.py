"""Watched VPSes: their ids, kept per profile in the state directory, and the desktop
notification that tells a change on one. No Textual.

The notification is our own text and API strings already made safe at the client's boundary;
it still loses every control and format character here, because it goes into an OSC sequence
where one stray BEL or ESC would end it early and let the rest act on the terminal.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path

from lswtui.core.audit import write_private

NOTIFICATION_TITLE = "lswtui"
MAX_NOTIFICATION = 200  # characters of a notification's text


def watch_file(state_dir: Path, profile: str) -> Path:
    """``watch-<profile>.json``; a profile name is not trusted to be a file name."""
    return state_dir / f"watch-{re.sub(r'[^A-Za-z0-9_.-]', '_', profile)}.json"


class WatchList(Collection[str]):
    """The watched VPS ids; each toggle is saved at once (0600, replaced whole). ``path`` None
    keeps them in memory only. A file that cannot be read starts an empty list and says why
    in ``problem`` (the app tells the user once)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.problem: str | None = None
        self._ids: set[str] = set()
        if path is not None and path.exists():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                self._ids = {str(i) for i in data["watched"]}
            except (OSError, ValueError, KeyError, TypeError) as exc:
                self.problem = f"could not read {path}: {exc}"

    def __contains__(self, vps_id: object) -> bool:
        return vps_id in self._ids

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._ids))

    def __len__(self) -> int:
        return len(self._ids)

    def toggle(self, vps_id: str) -> bool:
        """Watch ``vps_id``, or stop watching it; True when it is watched now. Raises OSError
        when it cannot be saved (the change is kept for this session)."""
        watched = vps_id not in self._ids
        if watched:
            self._ids.add(vps_id)
        else:
            self._ids.discard(vps_id)
        self._save()
        return watched

    def _save(self) -> None:
        if self.path is None:
            return
        scratch = self.path.with_name(f".{self.path.name}.{os.getpid()}")
        write_private(scratch, json.dumps({"watched": sorted(self._ids)}, indent=1) + "\n")
        os.replace(scratch, self.path)


def notification_text(text: str) -> str:
    """``text`` without control or format characters, on one line, bounded."""
    kept = "".join(
        " " if ch in "\n\t" else ch
        for ch in text
        if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cf")
    )
    return kept if len(kept) <= MAX_NOTIFICATION else kept[: MAX_NOTIFICATION - 1] + "…"


#: Terminals known to show a desktop notification for OSC 9 (iTerm2's) or OSC 777 (urxvt's).
OSC9_PROGRAMS = ("iTerm.app", "WezTerm", "ghostty", "vscode")
OSC777_TERMS = ("rxvt", "foot")


def notification_sequence(env: Mapping[str, str], text: str) -> str:
    """The OSC sequence that shows ``text`` as a desktop notification in the terminal ``env``
    describes, or "" where none is known to work (inside tmux or screen: they swallow it)."""
    if env.get("TMUX") or env.get("STY"):
        return ""
    body = notification_text(text)
    term, program = env.get("TERM", ""), env.get("TERM_PROGRAM", "")
    if term.startswith(OSC777_TERMS) or env.get("VTE_VERSION"):
        return f"\x1b]777;notify;{NOTIFICATION_TITLE};{body}\x07"
    if program in OSC9_PROGRAMS or env.get("WT_SESSION") or term == "xterm-kitty":
        return f"\x1b]9;{NOTIFICATION_TITLE}: {body}\x07"
    return ""
