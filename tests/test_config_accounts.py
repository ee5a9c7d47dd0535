"""Several accounts from one config (issue 14): which profiles open, and what each gets."""

from __future__ import annotations

import pytest

from lswtui.config import (
    DEFAULT_API_URL,
    ConfigError,
    demo_account_names,
    resolve_accounts,
    resolve_settings,
)

CONFIG = """\
refresh = 15
theme = "nord"
{head}
[profiles.prod]
api_key = "prod-key"
read_only = true

[profiles.staging]
api_key = "staging-key"
api_url = "http://127.0.0.1:9/publicCloud/v1"

[profiles.lab]
api_key = "lab-key"
"""


def config(tmp_path, head: str = "", text: str = CONFIG):
    path = tmp_path / "config.toml"
    path.write_text(text.format(head=head))
    path.chmod(0o600)
    return path


def brief(accounts) -> list[tuple[str, str | None, str, bool]]:
    return [(a.profile, a.api_key, a.api_url, a.read_only) for a in accounts]


def test_repeated_profiles_open_together_each_with_its_own_key_url_and_mode(tmp_path):
    path = config(tmp_path)
    accounts = resolve_accounts(profiles=["staging", "prod", "staging"], path=path, environ={})
    assert brief(accounts) == [
        ("staging", "staging-key", "http://127.0.0.1:9/publicCloud/v1", False),
        ("prod", "prod-key", DEFAULT_API_URL, True),
    ]
    assert {(a.refresh, a.theme, a.key_source) for a in accounts} == {
        (15, "nord", "profile staging"),
        (15, "nord", "profile prod"),
    }
    assert all("key" not in repr(a) for a in accounts)


def test_all_profiles_opens_every_profile_in_file_order(tmp_path):
    accounts = resolve_accounts(all_profiles=True, path=config(tmp_path), environ={})
    assert [a.profile for a in accounts] == ["prod", "staging", "lab"]


def test_read_only_flag_makes_every_account_read_only(tmp_path):
    accounts = resolve_accounts(
        all_profiles=True, read_only=True, path=config(tmp_path), environ={}
    )
    assert all(a.read_only for a in accounts)


def test_default_profiles_is_the_default_set_and_default_profile_still_works(tmp_path):
    listed = config(tmp_path, 'default_profiles = ["lab", "prod"]')
    assert [a.profile for a in resolve_accounts(path=listed, environ={})] == ["lab", "prod"]
    single = config(tmp_path, 'default_profile = "staging"')
    assert brief(resolve_accounts(path=single, environ={})) == brief(
        [resolve_settings(path=single, environ={})]
    )
    assert resolve_settings(path=single, environ={}).profile == "staging"


def test_the_environment_key_applies_when_exactly_one_profile_is_open(tmp_path):
    path = config(tmp_path)
    [one] = resolve_accounts(profiles=["prod"], path=path, environ={"LEASEWEB_API_KEY": "env"})
    assert (one.api_key, one.key_source) == ("env", "LEASEWEB_API_KEY")


@pytest.mark.parametrize(
    ("environ", "api_url", "named"),
    [
        ({"LEASEWEB_API_KEY": "env-secret"}, None, "LEASEWEB_API_KEY"),
        ({"LEASEWEB_TOKEN": "env-secret"}, None, "LEASEWEB_TOKEN"),
        ({"LEASEWEB_API_URL": "https://proxy.example/v1"}, None, "LEASEWEB_API_URL"),
        ({}, "https://proxy.example/v1", "--api-url"),
    ],
)
def test_with_several_profiles_the_one_account_settings_are_refused(
    tmp_path, environ, api_url, named
):
    """One key cannot be every account's: refused rather than guessed, and never quoted."""
    with pytest.raises(ConfigError) as error:
        resolve_accounts(
            profiles=["prod", "staging"], api_url=api_url, path=config(tmp_path), environ=environ
        )
    message = str(error.value)
    assert named in message and "prod, staging" in message and "--profile" in message
    assert "env-secret" not in message


def test_config_errors_name_the_profile(tmp_path):
    path = config(tmp_path)
    with pytest.raises(ConfigError, match="No profile 'qa'"):
        resolve_accounts(profiles=["prod", "qa"], path=path, environ={})
    keyless = config(tmp_path, text=CONFIG + "\n[profiles.nokey]\nread_only = true\n")
    with pytest.raises(ConfigError, match=r"Profile 'nokey' .* has no api_key"):
        resolve_accounts(profiles=["prod", "nokey"], path=keyless, environ={})
    with pytest.raises(ConfigError, match="default_profiles names 'qa'"):
        resolve_accounts(path=config(tmp_path, 'default_profiles = ["prod", "qa"]'), environ={})
    with pytest.raises(ConfigError, match="both default_profile and default_profiles"):
        resolve_accounts(
            path=config(tmp_path, 'default_profile = "prod"\ndefault_profiles = ["lab"]'),
            environ={},
        )
    with pytest.raises(ConfigError, match="default_profiles"):
        resolve_accounts(path=config(tmp_path, "default_profiles = []"), environ={})
    with pytest.raises(ConfigError, match="cannot be combined"):
        resolve_accounts(profiles=["prod"], all_profiles=True, path=config(tmp_path), environ={})
    with pytest.raises(ConfigError, match="no profiles"):
        resolve_accounts(all_profiles=True, path=config(tmp_path, text="{head}"), environ={})


def test_one_account_settings_refuse_a_default_of_several(tmp_path):
    path = config(tmp_path, 'default_profiles = ["prod", "lab"]')
    with pytest.raises(ConfigError, match=r"Several profiles .*prod, lab.*--profile"):
        resolve_settings(path=path, environ={})
    assert resolve_settings(profile="lab", path=path, environ={}).api_key == "lab-key"


def test_the_demo_opens_its_own_named_accounts_and_ignores_the_profiles(tmp_path):
    path = config(tmp_path, 'default_profiles = ["prod", "lab"]')
    two = resolve_accounts(demo=True, path=path, environ={"LEASEWEB_API_KEY": "x"})
    assert brief(two) == [("demo-eu", None, "", False), ("demo-us", None, "", False)]
    assert [a.profile for a in resolve_accounts(demo=True, demo_accounts=1, path=path)] == ["demo"]
    assert demo_account_names(7)[4:] == ["demo-sg", "demo-6", "demo-7"]
    with pytest.raises(ConfigError, match="at least 1"):
        resolve_accounts(demo=True, demo_accounts=0, path=path)


def test_with_several_profiles_a_name_must_be_one_word(tmp_path):
    path = config(tmp_path, text=CONFIG + '\n[profiles."my/lab x"]\napi_key = "k"\n')
    with pytest.raises(ConfigError, match=r"Profile 'my/lab x': .* only letters"):
        resolve_accounts(all_profiles=True, path=path, environ={})
    [one] = resolve_accounts(profiles=["my/lab x"], path=path, environ={})  # alone: as before
    assert one.api_key == "k"


def test_the_command_line_opens_several_profiles_each_with_its_own_client(tmp_path, started):
    from lswtui import cli

    path = config(tmp_path)
    assert cli.main(["--config", str(path), "--profile", "prod", "--profile", "staging"]) == 0
    [app] = started
    prod, staging = app.sessions
    assert (prod.account, prod.read_only, staging.account, staging.read_only) == (
        "prod",
        True,
        "staging",
        False,
    )
    assert prod.client._http.headers["X-LSW-Auth"] == "prod-key"
    assert staging.client._http.headers["X-LSW-Auth"] == "staging-key"
    assert str(staging.client._http.base_url).startswith("http://127.0.0.1:9/")
    assert cli.main(["--config", str(path), "--all-profiles"]) == 0
    assert [s.account for s in started[1].sessions] == ["prod", "staging", "lab"]


def test_command_line_errors_with_several_profiles_name_the_profile(tmp_path, capsys, monkeypatch):
    from lswtui import cli

    text = CONFIG + '\n[profiles.far]\napi_key = "k"\napi_url = "http://example.com/v1"\n'
    path = config(tmp_path, text=text)
    assert cli.main(["--config", str(path), "--profile", "prod", "--profile", "far"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("lswtui: profile far: Refusing to send the API key over plain http")
    monkeypatch.setenv("LEASEWEB_API_KEY", "env-secret")
    assert cli.main(["--config", str(path), "--all-profiles"]) == 2
    err = capsys.readouterr().err
    assert "LEASEWEB_API_KEY is one account's API key" in err and "env-secret" not in err
    assert cli.main(["--config", str(path), "--profile", "prod", "--all-profiles"]) == 2
    assert "cannot be combined" in capsys.readouterr().err
