"""Fitting text into a fixed number of terminal cells, by cells and not characters.

Shared by the two front ends (the TUI's list and the headless CLI's tables); it needs only
``rich.cells``, so neither pulls in the other.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size

ELLIPSIS = "…"


def fit(text: str, width: int) -> str:
    """``text`` padded to exactly ``width`` cells; when longer, cut and marked with ``…``.

    A cut cell never shows other data (``SIN-01`` as ``SIN-0``), and wide characters count
    as the two cells they take, so the columns after them stay aligned.
    """
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(set_cell_size(text, width - 1).rstrip() + ELLIPSIS, width)
