"""The footer does not keep the keys of its past recomposes alive (Textualize/textual#6666)."""

from __future__ import annotations

import gc

from textual.widgets._footer import FooterKey

from tests.tui.helpers import make_app, settle


def detached_footer_keys() -> int:
    gc.collect()
    return sum(1 for o in gc.get_objects() if isinstance(o, FooterKey) and not o.is_attached)


async def test_moving_through_the_list_does_not_pile_up_footer_keys(make_client):
    app = make_app(make_client())
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        for _ in range(30):  # each selection change recomposes the footer
            await pilot.press("down")
            await settle(pilot, rounds=1)
        assert detached_footer_keys() < 20
