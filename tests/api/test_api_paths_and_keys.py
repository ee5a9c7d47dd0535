"""Ids and names go into a URL path as one percent-encoded segment each; a key that is not
printable ASCII is refused with a message that does not quote it; userinfo never shows."""

from __future__ import annotations

import contextlib

import pytest
from lsw_api_examples import CREDENTIAL, SNAPSHOT, Harness, reply

from lswtui.api import LeasewebClient, redacted_url, validate_api_key
from lswtui.cli import main

PREFIX = "/publicCloud/v1/"


@pytest.mark.parametrize(
    ("call", "path"),
    [
        (lambda c: c.stop_vps("1/../../vps/2/stop"), "vps/1%2F..%2F..%2Fvps%2F2%2Fstop/stop"),
        (lambda c: c.get_vps("1?x=1#f"), "vps/1%3Fx%3D1%23f"),
        (lambda c: c.get_vps("%2e%2e"), "vps/%252e%252e"),
        (lambda c: c.get_vps("\x1b[2J①"), "vps/%1B%5B2J%E2%91%A0"),
        (
            lambda c: c.get_credential("1", "OPERATING_SYSTEM", "../../../isos"),
            "vps/1/credentials/OPERATING_SYSTEM/..%2F..%2F..%2Fisos",
        ),
        (lambda c: c.delete_snapshot("1", "a/../b"), "vps/1/snapshots/a%2F..%2Fb"),
    ],
)
async def test_an_id_can_never_reach_another_endpoint(call, path: str) -> None:
    h = Harness(reply(202, CREDENTIAL if "credentials" in path else SNAPSHOT))
    with contextlib.suppress(Exception):
        await call(h.client)
    assert h.api.last.url.raw_path.decode() == PREFIX + path


BAD_KEYS = ["key\nX-Evil: 1", "key with space", "kéy", "key\x1b[2J", "key\u200b", "k\x00"]


@pytest.mark.parametrize("key", BAD_KEYS)
def test_a_key_with_control_space_or_non_ascii_characters_is_refused(key: str) -> None:
    with pytest.raises(ValueError, match="API key contains") as caught:
        LeasewebClient.create(key)
    assert key not in str(caught.value) and "LEASEWEB_API_KEY" in str(caught.value)


def test_surrounding_whitespace_is_still_trimmed() -> None:
    assert validate_api_key("  s3cret-KEY_0123.~\n") == "s3cret-KEY_0123.~"


@pytest.mark.parametrize("key", ["kéy-0123", "key\u202e0123"])
def test_the_cli_refuses_such_a_key_with_a_message_and_exit_2(
    key: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LEASEWEB_API_KEY", key)
    assert main([]) == 2
    err = capsys.readouterr().err
    assert "the API key contains" in err and "Traceback" not in err and key not in err


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://admin:hunter2@api.example/publicCloud/v1", "https://api.example/publicCloud/v1"),
        ("http://a@b:p@c@h:8080/x?q=u@v", "http://h:8080/x?q=u@v"),
        ("https://api.leaseweb.com/publicCloud/v1", "https://api.leaseweb.com/publicCloud/v1"),
        ("https://u:p@h/\x1b]0;t\x07", r"https://h/\x1b]0;t\x07"),
    ],
)
def test_redacted_url_drops_userinfo_and_escapes(url: str, shown: str) -> None:
    assert redacted_url(url) == shown
