"""Start-up: options, the key lookup, the refused world-readable config, and the no-key message."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from lswtui.cli import build_parser, main
from lswtui.config import ConfigError, resolve_settings


def test_help_documents_every_option(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for option in ("--demo", "--profile", "--api-url", "--read-only", "--refresh", "--theme", "--ansi", "--config"):
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
    result = subprocess.run([sys.executable, "-m", "lswtui"], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 2
    assert "lswtui --demo" in result.stderr
    assert "Traceback" not in result.stderr


def _write(path, text, mode):
    path.write_text(text)
    path.chmod(mode)
    return path


def test_world_readable_config_with_a_key_is_refused(tmp_path, capsys):
    path = _write(tmp_path / "config.toml", '[profiles.default]\napi_key = "secret-key-123"\n', 0o644)
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
    assert (from_file.api_key, from_file.key_source, from_file.read_only, from_file.refresh) == ("from-file", "profile prod", True, 15)
    assert from_file.api_url == "http://127.0.0.1:9/publicCloud/v1"
    token = resolve_settings(path=path, environ={"LEASEWEB_TOKEN": "tok"})
    assert (token.api_key, token.key_source) == ("tok", "LEASEWEB_TOKEN")
    both = resolve_settings(path=path, environ={"LEASEWEB_TOKEN": "tok", "LEASEWEB_API_KEY": "key"})
    assert both.api_key == "key"
    url = resolve_settings(path=path, environ={"LEASEWEB_API_URL": "http://x/v1"}, api_url=None)
    assert url.api_url == "http://x/v1"
    assert resolve_settings(path=path, environ={"LEASEWEB_API_URL": "http://x/v1"}, api_url="http://y/v1").api_url == "http://y/v1"
    assert "from-file" not in repr(from_file)


def test_unknown_profile_is_a_clear_error(tmp_path):
    path = _write(tmp_path / "config.toml", "[profiles.a]\n", 0o600)
    with pytest.raises(ConfigError, match="No profile 'b'"):
        resolve_settings(path=path, profile="b", environ={})
