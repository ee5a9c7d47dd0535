"""Start-up: options, the key lookup, the refused world-readable config, and the no-key message."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from lswtui.cli import build_parser, main
from lswtui.config import ConfigError, resolve_settings


def test_help_documents_every_option(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for option in (
        "--demo",
        "--profile",
        "--api-url",
        "--read-only",
        "--refresh",
        "--theme",
        "--ansi",
        "--config",
    ):
        assert option in out
    for action in build_parser()._actions:
        for flag in action.option_strings:
            assert flag in out


def test_without_a_key_explains_and_exits_2(capsys):
    assert main([]) == 2
    err = capsys.readouterr().err
    assert "LEASEWEB_API_KEY" in err and "lswtui --demo" in err
    assert "Traceback" not in err


def test_no_key_from_a_real_process_exits_2_without_traceback(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEASEWEB")}
    env["LSWTUI_CONFIG"] = str(tmp_path / "none.toml")
    result = subprocess.run(
        [sys.executable, "-m", "lswtui"], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 2
    assert "lswtui --demo" in result.stderr
    assert "Traceback" not in result.stderr


def _write(path, text, mode):
    path.write_text(text)
    path.chmod(mode)
    return path


def test_world_readable_config_with_a_key_is_refused(tmp_path, capsys):
    path = _write(
        tmp_path / "config.toml", '[profiles.default]\napi_key = "secret-key-123"\n', 0o644
    )
    with pytest.raises(ConfigError, match="chmod 600"):
        resolve_settings(path=path, environ={})
    assert main(["--config", str(path)]) == 2
    err = capsys.readouterr().err
    assert "readable by others" in err
    assert "secret-key-123" not in err


def test_key_precedence_env_then_token_then_profile(tmp_path):
    path = _write(
        tmp_path / "config.toml",
        'default_profile = "prod"\nrefresh = 15\n[profiles.prod]\napi_key = "from-file"\nread_only = true\n'
        'api_url = "http://127.0.0.1:9/publicCloud/v1"\n',
        0o600,
    )
    from_file = resolve_settings(path=path, environ={})
    assert (from_file.api_key, from_file.key_source, from_file.read_only, from_file.refresh) == (
        "from-file",
        "profile prod",
        True,
        15,
    )
    assert from_file.api_url == "http://127.0.0.1:9/publicCloud/v1"
    token = resolve_settings(path=path, environ={"LEASEWEB_TOKEN": "tok"})
    assert (token.api_key, token.key_source) == ("tok", "LEASEWEB_TOKEN")
    both = resolve_settings(path=path, environ={"LEASEWEB_TOKEN": "tok", "LEASEWEB_API_KEY": "key"})
    assert both.api_key == "key"
    url = resolve_settings(path=path, environ={"LEASEWEB_API_URL": "http://x/v1"}, api_url=None)
    assert url.api_url == "http://x/v1"
    assert (
        resolve_settings(
            path=path, environ={"LEASEWEB_API_URL": "http://x/v1"}, api_url="http://y/v1"
        ).api_url
        == "http://y/v1"
    )
    assert "from-file" not in repr(from_file)


def test_unknown_profile_is_a_clear_error(tmp_path):
    path = _write(tmp_path / "config.toml", "[profiles.a]\n", 0o600)
    with pytest.raises(ConfigError, match="No profile 'b'"):
        resolve_settings(path=path, profile="b", environ={})


def _run(*args: str, **kwargs) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEASEWEB")}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[1])
    return subprocess.run(
        [sys.executable, "-m", "lswtui", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=30,
        **kwargs,
    )


def test_the_tui_without_a_terminal_on_stdin_says_so_and_exits_2():
    result = _run("--demo", input="\n")  # echo | lswtui --demo
    assert result.returncode == 2
    assert result.stderr.strip() == "lswtui needs a terminal: stdin is not a tty"


def test_the_tui_without_a_terminal_on_stdout_says_so_and_exits_2():
    leader, follower = pty.openpty()
    try:
        result = _run("--demo", stdin=follower)
    finally:
        os.close(leader)
        os.close(follower)
    assert result.returncode == 2
    assert result.stderr.strip() == "lswtui needs a terminal: stdout is not a tty"


def test_sim_and_config_need_no_terminal(tmp_path):
    assert _run("config", "path", stdin=subprocess.DEVNULL).returncode == 0
    assert _run("sim", "--help", stdin=subprocess.DEVNULL).returncode == 0


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e-9", "0.5", "0", "-3", "soon"])
def test_refresh_must_be_a_finite_number_of_seconds_of_at_least_one(value, capsys):
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args([f"--refresh={value}"])
    assert exit_.value.code == 2
    assert "--refresh: must be a finite number of seconds, at least 1" in capsys.readouterr().err


def test_refresh_of_one_second_or_more_is_accepted():
    assert build_parser().parse_args(["--refresh", "1"]).refresh == 1.0
    assert build_parser().parse_args(["--refresh", "2.5"]).refresh == 2.5


@pytest.mark.parametrize("value", ["nan", "inf", "1e-9", "0.5"])
def test_the_config_files_refresh_gets_the_same_check(tmp_path, value):
    path = _write(tmp_path / "config.toml", f"refresh = {value}\n", 0o600)
    with pytest.raises(ConfigError, match="refresh"):
        resolve_settings(path=path, environ={})
