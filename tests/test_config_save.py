"""Saving the theme edits the user's config file in place: comments, order and everything else
stay as written, no defaults are added, and the file stays private (issue 11 #28)."""

from __future__ import annotations

import stat

import pytest

from lswtui.config import ConfigError, load_config, save_settings

COMMENTED = """\
# My lswtui config
default_profile = "prod"   # the one I use daily
theme = "gruvbox"  # dark, warm

[profiles.prod]
# key from the portal, 2026-11
api_key = "lsw-key"
read_only = true

[profiles.lab]
api_url = "http://127.0.0.1:8080/publicCloud/v1"
"""


def test_saving_the_theme_keeps_comments_order_and_the_rest(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(COMMENTED)
    path.chmod(0o600)
    save_settings({"theme": "nord"}, path)
    assert path.read_text() == COMMENTED.replace('theme = "gruvbox"', 'theme = "nord"')
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_theme_is_added_before_the_first_table_without_defaults(tmp_path):
    path = tmp_path / "config.toml"
    text = COMMENTED.replace('theme = "gruvbox"  # dark, warm\n', "")
    path.write_text(text)
    path.chmod(0o600)
    save_settings({"theme": "nord"}, path)
    saved = path.read_text()
    assert saved.startswith(
        '# My lswtui config\ndefault_profile = "prod"   # the one I use daily\ntheme = "nord"\n'
    )
    assert saved.endswith(text.split("\n", 2)[2])
    assert "refresh" not in saved
    assert load_config(path).theme == "nord"


def test_a_new_config_file_holds_only_the_theme_and_is_private(tmp_path):
    path = tmp_path / "new" / "config.toml"
    save_settings({"theme": "nord"}, path)
    assert path.read_text() == 'theme = "nord"\n'
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_broken_file_is_left_alone(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("theme = \n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        save_settings({"theme": "nord"}, path)
    assert path.read_text() == "theme = \n"
