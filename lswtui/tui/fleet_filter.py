"""The filter line's effect on the main screen: the list filtered, the status line's counts
again, and the filter box's notes on what the filter could not use or matched out of sight."""

from __future__ import annotations

from collections.abc import Callable

from lswtui.core.filtering import RowFilter, compile_filter
from lswtui.tui.widgets.filter_box import FilterBox
from lswtui.tui.widgets.fleet_table import FleetTable


class ListFilter:
    def __init__(self, box: FilterBox, table: FleetTable, *, counts_changed: Callable[[], None]):
        self.box = box
        self._table = table
        self._counts_changed = counts_changed  # the status line's "shown/total"

    def apply(self, matches: RowFilter) -> None:
        self._table.set_filter(matches)
        self._counts_changed()
        self.show_notes()

    def show_notes(self) -> None:
        """Say again what the filter could not use and why the selected row matched (a new
        selection, account or filter)."""
        self.box.show_notes(self._table.filter_notes())

    def clear(self) -> bool:
        """Empty the filter and show every row; False if there was none."""
        if not self.box.clear():
            return False
        self.apply(compile_filter(""))
        return True
