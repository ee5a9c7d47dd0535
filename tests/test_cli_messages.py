"""The CLI's refusals are one clear line and exit 2, and they name the flag to use (issue 11 #27)."""

from __future__ import annotations

import socket

import pytest
import uvicorn

from lswtui import cli


def test_sim_on_a_taken_port_says_so_in_one_line_before_any_banner(monkeypatch, capsys):
    runs = []
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, sockets=None: runs.append(sockets))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert cli.main(["sim", "--port", str(port)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and runs == []  # no URL, key or curl hint for a server that is not there
    assert (
        err == f"lswtui sim: cannot listen on 127.0.0.1:{port}: the address is already in use "
        "(choose another --port)\n"
    )


def test_sim_on_a_remote_host_names_the_flag(capsys):
    assert cli.main(["sim", "--host", "0.0.0.0"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "--allow-remote" in err and "allow_remote=True" not in err
    assert len(err.splitlines()) == 1


@pytest.mark.parametrize("demo", [True, False])
def test_an_unknown_theme_is_refused_with_the_themes_there_are(monkeypatch, capsys, started, demo):
    monkeypatch.setenv("LEASEWEB_API_KEY", "k")
    argv = ["--demo"] if demo else ["--api-url", "https://api.example.com/publicCloud/v1"]
    assert cli.main([*argv, "--theme", "nosuchtheme"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        "lswtui: --theme: no theme 'nosuchtheme' (themes: ansi-dark, ansi-light, "
    )
    assert "nord" in err and started == []


def test_an_unknown_theme_in_the_config_is_a_warning(capsys, started, tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('theme = "gone-theme"\n')
    assert cli.main(["--demo", "--config", str(path)]) == 0
    assert (
        "lswtui: warning: the config's theme 'gone-theme' does not exist; using the default"
        in capsys.readouterr().err
    )
    assert len(started) == 1
