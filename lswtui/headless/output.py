"""Tables that fit the terminal, spreadsheet-safe CSV, and label: value blocks.

Cells are cut with ``…`` by :func:`lswtui.cell_fit.fit`, the TUI's rule. API strings arrive
sanitised by the api layer; CSV cells that a spreadsheet would run as a formula get a ``'``.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TextIO

from rich.cells import cell_len

from lswtui.cell_fit import fit

GAP = "  "
MIN_CELL = 4  # a column is never cut below this (or its header, or its widest cell if less)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Table:
    headers: Sequence[str]
    rows: Sequence[Sequence[str]]
    #: Columns never cut (beyond the first, the key a script or a person reads back).
    whole: frozenset[str] = frozenset()


def column_widths(table: Table, width: int) -> list[int]:
    """Each column's natural width, the widest cut first, until a row fits in ``width`` (or
    every column is down to its floor: then the terminal wraps)."""
    widths = [
        max([cell_len(h), *(cell_len(row[i]) for row in table.rows)])
        for i, h in enumerate(table.headers)
    ]
    whole = {table.headers[0], *table.whole} if table.headers else set()
    floor = [
        w if h in whole else min(w, max(MIN_CELL, cell_len(h)))
        for w, h in zip(widths, table.headers, strict=True)
    ]
    budget = width - len(GAP) * (len(widths) - 1)
    excess = sum(widths) - budget
    while excess > 0:
        cuttable = [k for k in range(len(widths)) if widths[k] > floor[k]]
        if not cuttable:
            break
        i = max(cuttable, key=lambda k: widths[k])
        cut = min(excess, widths[i] - floor[i], max(1, (widths[i] - floor[i]) // 2))
        widths[i] -= cut
        excess -= cut
    return widths


def render_table(table: Table, width: int) -> str:
    widths = column_widths(table, width)
    lines = [
        GAP.join(fit(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in (table.headers, *table.rows)
    ]
    return "\n".join(lines)


def csv_cell(text: str) -> str:
    """A cell no spreadsheet runs as a formula (OWASP's CSV injection advice)."""
    return "'" + text if text.startswith(FORMULA_START) else text


def write_csv(table: Table, out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([csv_cell(h) for h in table.headers])
    writer.writerows([csv_cell(cell) for cell in row] for row in table.rows)


def render_fields(pairs: Sequence[tuple[str, str]], width: int) -> str:
    """``label  value`` lines, the values cut to ``width``."""
    label_width = max((cell_len(label) for label, _ in pairs), default=0)
    room = max(MIN_CELL, width - label_width - len(GAP))
    return "\n".join(
        f"{fit(label, label_width)}{GAP}{fit(value, room).rstrip()}" for label, value in pairs
    )
