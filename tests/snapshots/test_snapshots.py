"""Snapshot tests: the main screens at 120x36 and 80x24 compared with the committed SVGs.

The scenes are those of the screenshots (tests/screenshots/scenes.py): fixed seed, fake clocks,
no auto refresh, frozen cursor. After a deliberate UI change, look at the new rendering (the
report is snapshot_report.html), then accept it:

    env -u NO_COLOR -u TEXTUAL_THEME -u TEXTUAL_COLOR_SYSTEM \
        python -m pytest tests/snapshots --snapshot-update
"""

from __future__ import annotations

import pytest

from tests.screenshots.scenes import NARROW, SCENES, WIDE

CASES = [
    ("main", WIDE),
    ("main", NARROW),
    ("tab-ips", WIDE),
    ("tab-ips", NARROW),
    ("tab-traffic", WIDE),
    ("tab-traffic", NARROW),
    ("tab-snapshots", WIDE),
    ("confirm-stop", WIDE),
    ("confirm-stop", NARROW),
    ("reinstall-type-to-confirm", WIDE),
    ("reinstall-image", NARROW),
    ("change-highlighted", WIDE),
    ("help", WIDE),
    ("help", NARROW),
]


@pytest.mark.parametrize(("name", "size"), CASES, ids=[f"{name}-{w}x{h}" for name, (w, h) in CASES])
def test_screen(name, size, snap_compare, tmp_path):
    app, run_before = SCENES[name].stage(tmp_path)
    assert snap_compare(app, terminal_size=size, run_before=run_before)
