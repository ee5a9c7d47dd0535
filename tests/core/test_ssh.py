"""The ssh command: split before filling in, values never options, no key in the child."""

from __future__ import annotations

import pytest

from lswtui.config import resolve_settings
from lswtui.core.fleet import FleetRow
from lswtui.core.ssh import (
    SshCommandError,
    SshTarget,
    child_environment,
    command_problem,
    ssh_argv,
)


def row(main_ip: str = "192.0.2.10", *others: str, reference: str = "web 01") -> FleetRow:
    return FleetRow(
        vps_id="126855092",
        state="RUNNING",
        reference=reference,
        main_ip=main_ip,
        main_ip_null_routed=False,
        region="eu-west-3",
        datacenter="AMS-01",
        pack="2",
        image="Ubuntu",
        image_id="UBUNTU_24_04_64BIT",
        all_ips=(main_ip, *others),
    )


def test_the_default_command_is_ssh_root_at_the_main_ipv4():
    assert ssh_argv("ssh root@{ip}", SshTarget.from_row(row())) == ["ssh", "root@192.0.2.10"]


def test_ipv6_when_there_is_no_ipv4_and_every_placeholder_fills_one_word():
    target = SshTarget.from_row(row("2001:db8::5"))
    assert ssh_argv("ssh -6 admin@{ip}", target) == ["ssh", "-6", "admin@2001:db8::5"]
    target = SshTarget.from_row(row("192.0.2.10", "2001:db8::5"))
    argv = ssh_argv("mosh --ssh='ssh -p 2222' {ipv6} -- tmux new -s '{reference} {id}'", target)
    assert argv == [
        "mosh",
        "--ssh=ssh -p 2222",
        "2001:db8::5",
        "--",
        "tmux",
        "new",
        "-s",
        "web 01 126855092",
    ]


def test_values_are_never_read_by_a_shell_nor_as_options():
    hostile = SshTarget.from_row(row(reference="$(touch /tmp/x); `id` 'q\" ;"))
    assert ssh_argv("echo {reference}", hostile) == ["echo", "$(touch /tmp/x); `id` 'q\" ;"]
    option = SshTarget.from_row(row(reference="-oProxyCommand=touch /tmp/pwned"))
    with pytest.raises(SshCommandError, match="would be read as an option"):
        ssh_argv("ssh {reference}", option)
    assert ssh_argv("ssh root@{reference}", option)[1].startswith("root@-o")  # not an option


def test_a_missing_value_is_said_not_sent():
    with pytest.raises(SshCommandError, match="has no IPv6 address"):
        ssh_argv("ssh {ipv6}", SshTarget.from_row(row()))
    with pytest.raises(SshCommandError, match="has no IP address"):
        ssh_argv("ssh {ip}", SshTarget.from_row(row("")))


@pytest.mark.parametrize(
    ("template", "problem"),
    [
        ("", "empty"),
        ("ssh 'root@{ip}", "cannot be split"),
        ("ssh {host}", "placeholders are"),
        ("ssh {ip!r}", "placeholders are"),
        ("ssh {}", "placeholders are"),
        ("ssh {ip", "ssh_command word"),
    ],
)
def test_a_bad_template_is_refused_with_the_reason(template, problem):
    assert problem in (command_problem(template) or "")


def test_the_child_environment_has_no_api_key():
    env = {
        "PATH": "/usr/bin",
        "LEASEWEB_API_KEY": "k-123",
        "LEASEWEB_TOKEN": "k-456",
        "COPY": "x k-123 y",
        "TERM": "xterm",
    }
    assert child_environment(env, ["k-123", ""]) == {"PATH": "/usr/bin", "TERM": "xterm"}


def test_ssh_command_and_probe_ports_come_from_the_file_then_the_profile(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(
        'ssh_command = "ssh -A admin@{ip}"\nprobe_ports = [22, 443]\n'
        '[profiles.default]\n[profiles.prod]\nssh_command = "mosh {ip}"\nprobe_ports = [2222]\n'
        "probe_in_read_only = true\n"
    )
    default = resolve_settings(path=path, environ={})
    assert (default.ssh_command, default.probe_ports, default.probe_in_read_only) == (
        "ssh -A admin@{ip}",
        (22, 443),
        False,
    )
    prod = resolve_settings(profile="prod", path=path, environ={})
    assert (prod.ssh_command, prod.probe_ports, prod.probe_in_read_only) == (
        "mosh {ip}",
        (2222,),
        True,
    )
    plain = resolve_settings(path=tmp_path / "none.toml", environ={})
    assert (plain.ssh_command, plain.probe_ports) == ("ssh root@{ip}", (22,))


def test_a_bad_ssh_command_in_the_config_stops_the_start_with_the_reason(tmp_path, capsys):
    from lswtui.cli import main

    path = tmp_path / "config.toml"
    path.write_text('ssh_command = "ssh root@{host}"\n')
    assert main(["--demo", "--config", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"lswtui: {path}: ssh_command word 'root@{{host}}': placeholders are")
