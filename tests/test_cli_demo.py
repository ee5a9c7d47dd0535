"""``--demo`` is a world of its own: it ignores the profiles' keys and modes (it keeps the theme)
and writes its actions to their own log, never mixed with the real ones (issue 11 #25)."""

from __future__ import annotations

import os
from pathlib import Path

from lswtui import cli

KEY = "lsw-Real-ApiKey-0d1e2f3a4b"


def config(text: str, mode: int) -> Path:
    path = Path(os.environ["LSWTUI_CONFIG"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(mode)
    return path


def test_the_demo_ignores_a_read_only_default_profile_but_keeps_the_theme(started):
    config(
        'default_profile = "prod"\ntheme = "nord"\n[profiles.prod]\napi_key = "x"\nread_only = true\n',
        0o600,
    )
    assert cli.main(["--demo", "--demo-accounts", "1"]) == 0
    [app] = started
    assert not app.session.read_only and not app.session.client.read_only
    assert app.session.account == "demo" and app._requested_theme == "nord"
    assert cli.main(["--demo", "--demo-accounts", "1", "--read-only"]) == 0  # the user's say
    assert started[1].session.read_only


def test_the_demo_starts_with_a_world_readable_config_holding_a_key(started, capsys):
    config(f'[profiles.default]\napi_key = "{KEY}"\n', 0o644)
    assert cli.main(["--demo"]) == 0
    [app] = started
    assert KEY not in app.session.client._http.headers.values()  # the simulator's own key
    assert KEY not in capsys.readouterr().err
    assert cli.main([]) == 2  # the real thing still refuses that file
    assert "readable by others" in capsys.readouterr().err


def test_demo_actions_timeline_and_reports_have_their_own_files(started, monkeypatch):
    monkeypatch.setenv("LEASEWEB_API_KEY", KEY)
    assert cli.main(["--api-url", "https://api.example.com/publicCloud/v1"]) == 0
    assert cli.main(["--demo"]) == 0
    real, demo = started
    state = Path(os.environ["LSWTUI_STATE_DIR"])
    assert (demo.session.audit.path, real.session.audit.path) == (
        state / "actions-demo.jsonl",
        state / "actions.jsonl",
    )
    assert (demo.timeline.path, real.timeline.path) == (
        state / "timeline-demo.jsonl",
        state / "timeline.jsonl",
    )
    assert (demo.timeline.report, real.timeline.report) == (
        "incident-report-demo",
        "incident-report",
    )
    assert (demo.history_file, real.history_file) == (
        state / "command-history-demo",
        state / "command-history",
    )


def test_the_demo_opens_two_accounts_of_their_own_worlds_and_keys(started):
    """Issue 14: ``--demo`` shows several accounts in one screen; ``--demo-accounts N``."""
    assert cli.main(["--demo", "--demo-vps-count", "5"]) == 0
    [app] = started
    eu, us = app.sessions
    assert (eu.account, us.account) == ("demo-eu", "demo-us")
    assert not eu.read_only and not us.read_only
    keys = [s.client._http.headers["X-LSW-Auth"] for s in app.sessions]
    assert len(set(keys)) == 2
    assert (
        eu.audit.path
        == us.audit.path
        == Path(os.environ["LSWTUI_STATE_DIR"]) / "actions-demo.jsonl"
    )
    assert cli.main(["--demo", "--demo-accounts", "5"]) == 0
    assert [s.account for s in started[1].sessions] == [
        "demo-eu",
        "demo-us",
        "demo-ap",
        "demo-ca",
        "demo-sg",
    ]


async def test_the_demo_accounts_are_separate_worlds(started):
    assert cli.main(["--demo", "--demo-vps-count", "5"]) == 0
    eu, us = started[0].sessions
    ids_eu = [v.id for v in await eu.client.list_all_vps()]
    ids_us = [v.id for v in await us.client.list_all_vps()]
    assert len(ids_eu) == len(ids_us) == 5 and not set(ids_eu) & set(ids_us)
