"""The list's columns and the split are remembered in the config file, edited in place."""

from __future__ import annotations

import stat

import pytest

from lswtui.config import ConfigError, load_config, resolve_settings, save_settings
from tests.test_config_save import COMMENTED


def test_columns_and_split_are_saved_in_place_and_read_back(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(COMMENTED)
    path.chmod(0o600)
    save_settings({"columns": ["state", "id", "datacenter"], "split": 60}, path)
    saved = path.read_text()
    assert saved.startswith(COMMENTED.split("\n[profiles.prod]")[0])  # comments and order kept
    assert 'columns = ["state", "id", "datacenter"]\nsplit = 60\n' in saved
    assert saved.endswith(COMMENTED.split("\n\n", 1)[1])
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    settings = resolve_settings(path=path, environ={})
    assert settings.columns == ("state", "id", "datacenter") and settings.split == 60
    save_settings({"split": 45}, path)
    assert resolve_settings(path=path, environ={}).split == 45
    assert load_config(path).columns == ["state", "id", "datacenter"]


def test_the_demo_keeps_the_layout_too(tmp_path):
    path = tmp_path / "config.toml"
    save_settings({"columns": ["id", "state"], "split": 30}, path)
    settings = resolve_settings(path=path, environ={}, demo=True)
    assert settings.columns == ("id", "state") and settings.split == 30


def test_without_a_choice_the_default_columns_and_a_split_that_follows_the_content(tmp_path):
    settings = resolve_settings(path=tmp_path / "none.toml", environ={})
    assert settings.columns is None and settings.split is None


@pytest.mark.parametrize("split", [5, 95, 50.5])
def test_a_split_out_of_range_is_refused_with_the_field_named(tmp_path, split):
    path = tmp_path / "config.toml"
    path.write_text(f"split = {split}\n")
    with pytest.raises(ConfigError, match="split"):
        load_config(path)
