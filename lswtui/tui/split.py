"""How the main screen shares its width between the VPS list and the details.

Unless the user chose a share (``+``/``-``, remembered as ``split`` in the config), the split
follows the content: the list gets what its columns want, never less than half, as long as
the details keep what they want; a wide terminal no longer cuts the list's Image while the
details sit half empty. Stacked (a narrow terminal), the share is of the height.
"""

from __future__ import annotations

from lswtui.config import MAX_SPLIT, MIN_SPLIT

DETAILS_WANT = 76  # columns the detail tables and the Overview show whole
STEP = 5  # percent per + / -


def list_share(total: int, wanted: int, percent: int | None) -> int:
    """Cells (columns, or lines when stacked) for the list out of ``total``: ``percent`` of it
    when chosen, else what the list ``wanted``, between half and what the details leave."""
    if percent is not None:
        return round(total * percent / 100)
    return max(total // 2, min(wanted, total - DETAILS_WANT))


def stepped(total: int, shown: int, step: int) -> int:
    """The percent after ``+`` (``step`` > 0) or ``-`` from the share ``shown`` now."""
    now = round(100 * shown / total) if total else 50
    moved = now + step * STEP  # then to a multiple of STEP, not past ``now``'s neighbour
    snapped = moved // STEP * STEP if step > 0 else -(-moved // STEP) * STEP
    return max(MIN_SPLIT, min(MAX_SPLIT, snapped))
