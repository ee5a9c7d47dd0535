"""Marks for bulk actions: toggled, all marked, kept across refreshes, vanished VPSes dropped."""

from __future__ import annotations

from lswtui.core.marks import Marks


def test_toggle_marks_and_unmarks_in_the_order_marked():
    marks = Marks()
    assert marks.toggle("3") is True
    assert marks.toggle("1") is True
    assert list(marks) == ["3", "1"] and "3" in marks and len(marks) == 2
    assert marks.toggle("3") is False
    assert list(marks) == ["1"]


def test_mark_all_adds_the_rest_and_clear_says_how_many():
    marks = Marks()
    marks.toggle("2")
    assert marks.mark_all(["1", "2", "3"]) == 2
    assert list(marks) == ["2", "1", "3"]
    assert marks.clear() == 3
    assert len(marks) == 0


def test_a_refresh_keeps_the_marks_of_the_vpses_still_there():
    marks = Marks()
    marks.mark_all(["1", "2", "3"])
    assert marks.retain({"1": object(), "3": object(), "4": object()}) == ["2"]
    assert list(marks) == ["1", "3"]
    assert marks.retain({"1", "3"}) == []
