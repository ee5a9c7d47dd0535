"""``lswtui vps`` as a real process against a real ``lswtui sim --port``: the environment's key
and URL, stdin's tty rule, the request log, the action log in the state dir, completion."""

from __future__ import annotations

import json
import os
import shutil
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
API_KEY = "process-test-key"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A ``lswtui sim`` serving on loopback; yields (base URL, request log path)."""
    port = _free_port()
    log = tmp_path_factory.mktemp("sim") / "requests.jsonl"
    process = subprocess.Popen(
        [sys.executable, "-m", "lswtui", "sim", "--port", str(port), "--api-key", API_KEY,
         "--request-log", str(log)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                assert process.poll() is None and time.monotonic() < deadline, "sim did not start"
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/publicCloud/v1", log
    finally:
        process.terminate()
        process.wait(10)


def _lswtui(
    *argv: str, env: dict[str, str], stdin=subprocess.DEVNULL
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "lswtui", *argv],
        cwd=ROOT,
        env={**env, "PYTHONPATH": str(ROOT)},
        stdin=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture
def env(served, tmp_path):
    url, _ = served
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("LEASEWEB", "LSWTUI"))}
    return {
        **clean,
        "LEASEWEB_API_KEY": API_KEY,
        "LEASEWEB_API_URL": url,
        "LSWTUI_CONFIG": str(tmp_path / "config.toml"),
        "LSWTUI_STATE_DIR": str(tmp_path / "state"),
    }


def _writes(log: Path) -> list[dict]:
    lines = log.read_text().splitlines() if log.exists() else []
    return [r for r in map(json.loads, lines) if r["method"] in ("POST", "PUT", "DELETE")]


def test_list_stop_and_the_tty_rule_against_a_served_simulator(served, env, tmp_path):
    _, log = served
    listed = _lswtui("vps", "list", "--json", "--filter", "state:running", env=env)
    assert listed.returncode == 0, listed.stderr
    target = json.loads(listed.stdout)[0]["id"]
    before = len(_writes(log))

    refused = _lswtui("vps", "stop", target, env=env)
    assert refused.returncode == 2 and "pass --yes" in refused.stderr
    assert len(_writes(log)) == before

    stopped = _lswtui("vps", "stop", target, "--yes", "--json", env=env)
    assert stopped.returncode == 0, stopped.stderr
    [write] = _writes(log)[before:]
    assert (write["method"], write["path"]) == ("POST", f"/publicCloud/v1/vps/{target}/stop")
    assert json.loads(stopped.stdout)["outcome"] == "accepted"
    actions = tmp_path / "state" / "actions.jsonl"
    assert [json.loads(line)["outcome"] for line in actions.read_text().splitlines()] == [
        "sent",
        "accepted",
    ]
    assert stat.S_IMODE(actions.stat().st_mode) == 0o600
    assert API_KEY not in stopped.stdout + stopped.stderr + actions.read_text()


def test_without_a_key_it_says_how_to_give_one_and_exits_2(env):
    del env["LEASEWEB_API_KEY"]
    ran = _lswtui("vps", "list", env=env)
    assert ran.returncode == 2
    assert "LEASEWEB_API_KEY" in ran.stderr and "Traceback" not in ran.stderr


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts_call_lswtui_back_and_it_completes(env, shell, tmp_path):
    script = _lswtui("completion", shell, env=env)
    assert script.returncode == 0 and "_ARGCOMPLETE" in script.stdout
    line = "lswtui vps snap"
    answer = tmp_path / "completions"
    asked = _lswtui(
        env={**env, "_ARGCOMPLETE": "1", "_ARGCOMPLETE_IFS": " ", "COMP_LINE": line,
             "COMP_POINT": str(len(line)), "_ARGCOMPLETE_STDOUT_FILENAME": str(answer)},
    )  # fmt: skip
    assert asked.returncode == 0, asked.stderr
    assert set(answer.read_text().split()) == {"snapshots", "snapshot"}


@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")
def test_bash_completes_with_the_script_it_is_given(env, tmp_path):
    """The real loop: bash evals the script, a TAB calls ``lswtui`` back, COMPREPLY is set."""
    wrapper = tmp_path / "bin" / "lswtui"
    wrapper.parent.mkdir()
    wrapper.write_text(f'#!/bin/sh\nexec {sys.executable} -m lswtui "$@"\n')
    wrapper.chmod(0o755)
    typed = "lswtui vps snapshot cr"
    script = (
        'eval "$(lswtui completion bash)"; '
        f'COMP_LINE="{typed}"; COMP_POINT=${{#COMP_LINE}}; COMP_WORDS=({typed}); '
        'COMP_CWORD=3; _python_argcomplete lswtui; echo "${COMPREPLY[@]}"'
    )
    ran = subprocess.run(
        ["bash", "--norc", "-c", script],
        cwd=ROOT,
        env={**env, "PYTHONPATH": str(ROOT), "PATH": f"{wrapper.parent}:{env['PATH']}"},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert ran.stdout.split() == ["create"], ran.stderr


def test_all_profiles_lists_every_account_with_its_profile(served, env, tmp_path):
    url, log = served
    config = tmp_path / "config.toml"
    config.write_text(
        f'[profiles.eu]\napi_key = "{API_KEY}"\napi_url = "{url}"\n'
        f'[profiles.us]\napi_key = "{API_KEY}"\napi_url = "{url}"\nread_only = true\n'
    )
    config.chmod(0o600)
    several = {k: v for k, v in env.items() if k not in ("LEASEWEB_API_KEY", "LEASEWEB_API_URL")}
    ran = _lswtui("vps", "list", "--all-profiles", "--json", env=several)
    assert ran.returncode == 0, ran.stderr
    listed = json.loads(ran.stdout)
    ids = {v["id"] for v in listed}
    assert {(v["profile"], v["id"]) for v in listed} == {(p, i) for p in ("eu", "us") for i in ids}
    table = _lswtui("vps", "list", "--profile", "eu", "--profile", "us", env=several)
    assert table.stdout.splitlines()[0].split()[:2] == ["ID", "PROFILE"]
    # the same id in two accounts: a command on one VPS cannot guess which
    before = len(_writes(log))
    ambiguous = _lswtui("vps", "stop", listed[0]["id"], "--all-profiles", "--yes", env=several)
    assert ambiguous.returncode == 2 and "is in profiles eu, us" in ambiguous.stderr
    assert len(_writes(log)) == before
