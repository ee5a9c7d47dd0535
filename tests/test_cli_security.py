"""The CLI's secret hygiene: no child process inherits the API key, the key never goes over plain
http to a remote host unless ``--insecure-http`` says so, and only http(s) URLs are accepted."""

from __future__ import annotations

import logging
import subprocess
import sys

import pytest

from lswtui import cli
from lswtui.core.log_file import PrivateFileHandler

KEY = "lsw-Secret-ApiKey-5f0c9e1d2b"
CHILD = "import os; print(os.environ.get('LEASEWEB_API_KEY'), os.environ.get('LEASEWEB_TOKEN'))"


@pytest.fixture
def ran(monkeypatch):
    """Runs the CLI up to the app without a terminal: the app's ``run`` starts a child process
    (as the console dialog's browser would) and records what it printed."""
    from lswtui.tui import gc_freeze
    from lswtui.tui.app import LswApp

    children: list[str] = []

    def run(self) -> None:
        children.append(
            subprocess.run(
                [sys.executable, "-c", CHILD], capture_output=True, text=True
            ).stdout.strip()
        )

    monkeypatch.setattr(LswApp, "run", run)
    monkeypatch.setattr(gc_freeze, "enable", lambda: None)
    monkeypatch.setattr(
        cli, "_not_a_terminal", lambda: None
    )  # the run is faked, and so is the terminal
    yield children
    logger = logging.getLogger("lswtui")
    for handler in [h for h in logger.handlers if isinstance(h, PrivateFileHandler)]:
        logger.removeHandler(handler)


def test_no_child_process_inherits_the_api_key(monkeypatch, ran):
    monkeypatch.setenv("LEASEWEB_API_KEY", KEY)
    monkeypatch.setenv("LEASEWEB_TOKEN", KEY + "-token")
    assert cli.main(["--api-url", "https://api.example.com/publicCloud/v1"]) == 0
    assert ran == ["None None"]


@pytest.mark.parametrize(
    "url", ["ftp://api.example.com/v1", "file:///etc/passwd", "api.leaseweb.com/v1", "https://"]
)
def test_an_api_url_that_is_not_http_or_https_is_refused(monkeypatch, capsys, ran, url):
    monkeypatch.setenv("LEASEWEB_API_KEY", KEY)
    assert cli.main(["--api-url", url]) == 2
    err = capsys.readouterr().err
    assert "The API URL must be an https:// URL" in err and "Traceback" not in err
    assert ran == []


def test_plain_http_to_a_remote_host_is_refused_without_insecure_http(monkeypatch, capsys, ran):
    monkeypatch.setenv("LEASEWEB_API_KEY", KEY)
    assert cli.main(["--api-url", "http://ops:pw@api.example.com/publicCloud/v1"]) == 2
    err = capsys.readouterr().err
    assert "Refusing to send the API key over plain http:// to api.example.com" in err
    assert "--insecure-http" in err and "pw" not in err and KEY not in err
    assert ran == []


def test_insecure_http_proceeds_with_a_warning(monkeypatch, capsys, ran):
    monkeypatch.setenv("LEASEWEB_API_KEY", KEY)
    assert cli.main(["--insecure-http", "--api-url", "http://api.example.com/publicCloud/v1"]) == 0
    assert (
        "warning: sending the API key over plain http:// to api.example.com"
        in capsys.readouterr().err
    )
    assert len(ran) == 1


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8080/v1",
        "http://127.8.9.10/v1",
        "http://[::1]:8080/v1",
        "http://localhost:8080/v1",
    ],
)
def test_plain_http_to_loopback_needs_no_flag(monkeypatch, capsys, ran, url):
    monkeypatch.setenv("LEASEWEB_API_KEY", KEY)
    assert cli.main(["--api-url", url]) == 0
    assert capsys.readouterr().err == ""
