"""``--activity``: ``off`` by default for ``lswtui sim``, ``normal`` for ``lswtui --demo``."""

from __future__ import annotations

import pytest

import lswtui.sim
from lswtui.cli import main
from lswtui.sim import Simulator, server


def test_sim_passes_the_level_and_is_off_by_default(monkeypatch):
    calls = []
    monkeypatch.setattr(server, "serve", lambda *a, **kw: calls.append(kw))
    assert main(["sim", "--activity", "busy"]) == 0
    assert main(["sim"]) == 0
    assert [kw["activity"] for kw in calls] == ["busy", "off"]


def test_an_unknown_level_is_refused_with_the_choices(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["sim", "--activity", "hectic"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "--activity: invalid choice: 'hectic'" in err and "'normal', 'busy'" in err


def test_the_demo_lives_at_normal_unless_told(started, monkeypatch):
    levels = []

    class Recording(Simulator):
        def __init__(self, **kw):
            super().__init__(**kw)
            levels.append(self.activity.level)

    monkeypatch.setattr(lswtui.sim, "Simulator", Recording)
    assert main(["--demo"]) == 0
    assert main(["--demo", "--activity", "off"]) == 0
    assert levels == ["normal", "off"] and len(started) == 2
