"""The split follows the content unless the user chose a share (issue 11 #12, issue 15)."""

from __future__ import annotations

from lswtui.tui.split import list_share, stepped


def test_the_list_gets_what_it_wants_when_the_details_can_spare_it():
    assert list_share(200, 115, None) == 115  # 200 columns: Image whole, details 85
    assert list_share(160, 115, None) == 84  # the details keep 76
    assert list_share(120, 115, None) == 60  # never less than half
    assert list_share(200, 70, None) == 100  # a narrow list still gets half


def test_a_chosen_share_wins():
    assert list_share(200, 115, 30) == 60
    assert list_share(120, 40, 70) == 84


def test_plus_and_minus_move_by_five_percent_within_bounds():
    assert stepped(200, 115, 1) == 60  # 57.5 % -> 60
    assert stepped(200, 115, -1) == 55
    assert stepped(200, 160, 1) == 80
    assert stepped(200, 159, 1) == 80  # bounded at 80
    assert stepped(200, 40, -1) == 20
