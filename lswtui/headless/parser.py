"""The ``lswtui vps ...`` and ``lswtui completion`` command lines (argparse only: building them
must not import the client, so ``lswtui --help`` stays instant).

Each leaf command stores its dotted name in ``vps_command`` (``list``, ``snapshot.create``);
:mod:`lswtui.headless.commands` maps the name to what it does.
"""

from __future__ import annotations

import argparse
from typing import Any

SHELLS = ("bash", "zsh", "fish")
#: ``--json`` shapes ``lswtui vps schema NAME`` prints (see :mod:`lswtui.headless.shapes`).
SCHEMA_NAMES = (
    "list",
    "show",
    "ips",
    "ip",
    "snapshots",
    "snapshot",
    "credentials",
    "password",
    "traffic",
    "isos",
    "images",
    "market-apps",
    "regions",
    "console",
    "result",
)


def _account_options() -> argparse.ArgumentParser:
    """The account options, also accepted after ``vps`` (``lswtui vps list --profile prod``).

    Their defaults are suppressed so that a value given before ``vps`` is not overwritten.
    """
    options = argparse.ArgumentParser(add_help=False, argument_default=argparse.SUPPRESS)
    group = options.add_argument_group("account")
    group.add_argument(
        "--profile",
        action="append",
        metavar="NAME",
        help="profile from the config file; repeat it for several accounts",
    )
    group.add_argument(
        "--all-profiles", action="store_true", help="every profile of the config file"
    )
    group.add_argument("--api-url", metavar="URL", help="API base URL (env LEASEWEB_API_URL)")
    group.add_argument(
        "--insecure-http",
        action="store_true",
        help="allow sending the API key over plain http:// to a host that is not loopback",
    )
    group.add_argument("--read-only", action="store_true", help="send no mutating request")
    group.add_argument("--config", metavar="PATH", help="config file to use (env LSWTUI_CONFIG)")
    return options


class _Tree:
    """Adds leaf commands with the shared option sets."""

    def __init__(self, sub: Any, account: argparse.ArgumentParser) -> None:
        self.sub = sub
        self.account = account

    def leaf(
        self,
        name: str,
        help: str,
        *,
        key: str | None = None,
        vps: bool = True,
        json: bool = True,
        csv: bool = False,
        mutation: bool = False,
        track: bool = False,
    ) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = self.sub.add_parser(
            name, help=help, description=help, parents=[self.account]
        )
        parser.set_defaults(vps_command=key or name)
        if vps:
            parser.add_argument("vps_id", metavar="ID", help="the VPS id")
        out = parser.add_mutually_exclusive_group()
        if json:
            out.add_argument("--json", action="store_true", help="print JSON (see 'vps schema')")
        if csv:
            out.add_argument("--csv", action="store_true", help="print CSV (spreadsheet-safe)")
        if mutation:
            parser.add_argument(
                "-y",
                "--yes",
                action="store_true",
                help="confirm without asking (required when stdin is not a terminal)",
            )
        if track:
            parser.add_argument(
                "--wait",
                action="store_true",
                help="wait until the change shows (progress on stderr)",
            )
            parser.add_argument(
                "--timeout",
                type=_seconds,
                default=600.0,
                metavar="SECONDS",
                help="with --wait: give up after this long (default 600)",
            )
        return parser

    def group(self, name: str, help: str) -> _Tree:
        parser = self.sub.add_parser(name, help=help, description=help)
        return _Tree(parser.add_subparsers(metavar="COMMAND", required=True), self.account)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value < 86400:
        raise argparse.ArgumentTypeError("must be a number of seconds, more than 0")
    return value


def _days(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 366:
        raise argparse.ArgumentTypeError("must be a whole number of days from 1 to 366")
    return int(text)


def add_vps_parser(sub: Any) -> None:
    """``lswtui vps COMMAND``: every operation of the VPS API, from a shell or a script."""
    vps = sub.add_parser(
        "vps",
        help="VPS commands for shells and scripts (list, show, start, stop, ...)",
        description="Every VPS operation from the command line, with the TUI's rules and action "
        "log. Exit codes: 0 ok, 1 API error, 2 usage or config error, 3 refused (a rule, "
        "read-only mode, or not confirmed: nothing sent), 4 outcome unknown.",
    )
    tree = _Tree(vps.add_subparsers(metavar="COMMAND", required=True), _account_options())

    listing = tree.leaf("list", "list the VPSes (of every account given)", vps=False, csv=True)
    listing.add_argument(
        "--filter",
        metavar="EXPR",
        default="",
        help="the TUI's filter: words, field:value (state:stopped, region:eu, ip:10.), !word",
    )
    tree.leaf("show", "one VPS in full")
    for verb, what in (("start", "power on"), ("stop", "power off"), ("reboot", "restart")):
        tree.leaf(verb, f"{what} the VPS", mutation=True, track=True)
    reinstall = tree.leaf(
        "reinstall", "wipe the disk and install an image", mutation=True, track=True
    )
    reinstall.add_argument("--image", required=True, help="image id (see 'vps reinstall-images')")
    reinstall.add_argument("--market-app", metavar="APP", help="market app id of that image")
    tree.leaf("reinstall-images", "images the VPS can be reinstalled with", csv=True)
    reference = tree.leaf("reference", "set the reference (name) of the VPS", mutation=True)
    reference.add_argument("reference", metavar="REFERENCE", help="the new reference ('' clears)")
    tree.leaf("console", "the web console URL (a secret: use it at once)")
    tree.leaf("reset-password", "have Leaseweb set a new OS password", mutation=True)
    tree.leaf("ips", "the VPS's IP addresses", csv=True)
    tree.leaf("snapshots", "the VPS's snapshots", csv=True)
    credentials = tree.leaf("credentials", "stored credentials (no passwords)", csv=True)
    credentials.add_argument(
        "--type", metavar="TYPE", help="only this type (OPERATING_SYSTEM, ...)"
    )
    traffic = tree.leaf("traffic", "public data traffic per day", csv=True)
    traffic.add_argument(
        "--days", type=_days, default=30, metavar="N", help="the last N days (default 30)"
    )

    ip = tree.group("ip", "one IP address of a VPS: show, reverse DNS, null route")
    for name, help, mutation in (
        ("show", "one IP in full", False),
        ("rdns", "set the reverse DNS (PTR) of the IP", True),
        ("null", "null-route the IP (drop all traffic to it)", True),
        ("unnull", "remove the IP's null route", True),
    ):
        leaf = ip.leaf(name, help, key=f"ip.{name}", mutation=mutation)
        leaf.add_argument("ip", metavar="IP", help="the address")
        if name == "rdns":
            leaf.add_argument("hostname", metavar="HOSTNAME", help="the PTR name")
        if name == "null":
            leaf.add_argument("--comment", help="why (kept with the null route)")
            leaf.add_argument(
                "--unnull-after",
                metavar="HOURS",
                help="remove the null route automatically after this many hours (1-17520)",
            )

    snapshot = tree.group("snapshot", "one snapshot of a VPS: show, create, restore, delete")
    show = snapshot.leaf("show", "one snapshot", key="snapshot.show")
    show.add_argument("snapshot_id", metavar="SNAPSHOT", help="the snapshot id")
    create = snapshot.leaf(
        "create", "snapshot a RUNNING VPS", key="snapshot.create", mutation=True, track=True
    )
    create.add_argument("--name", help="snapshot name (default: reference-YYYYMMDD)")
    for name, help in (("restore", "roll the disk back to a snapshot"), ("delete", "delete it")):
        leaf = snapshot.leaf(name, help, key=f"snapshot.{name}", mutation=True, track=True)
        leaf.add_argument(
            "snapshot_id",
            metavar="SNAPSHOT",
            nargs="?",
            help="the snapshot id (default: the only one)",
        )

    credential = tree.group("credential", "one stored credential: password, store, update, delete")
    for name, help, mutation in (
        ("password", "print the stored password", False),
        ("store", "store a username and password with Leaseweb", True),
        ("update", "change a stored password", True),
        ("delete", "remove one stored credential", True),
    ):
        leaf = credential.leaf(name, help, key=f"credential.{name}", mutation=mutation)
        leaf.add_argument("type", metavar="TYPE", help="OPERATING_SYSTEM or CONTROL_PANEL")
        leaf.add_argument("username", metavar="USERNAME")
        if name in ("store", "update"):
            leaf.add_argument(
                "--password-stdin",
                action="store_true",
                help="read the password from stdin (else it is asked for on the terminal)",
            )
    credential.leaf(
        "delete-all", "remove every stored credential", key="credential.delete-all", mutation=True
    )

    iso = tree.group("iso", "the VPS's ISO drive: attach, detach")
    attach = iso.leaf("attach", "attach an ISO", key="iso.attach", mutation=True, track=True)
    attach.add_argument("iso_id", metavar="ISO", help="ISO id (see 'vps isos')")
    iso.leaf("detach", "detach the ISO", key="iso.detach", mutation=True, track=True)

    rescue = tree.group("rescue", "rescue boot: boot from a rescue ISO, and back from the disk")
    boot = rescue.leaf(
        "boot",
        "attach a rescue ISO, (re)boot from it, print the console URL (each step confirmed)",
        key="rescue.boot",
        mutation=True,
    )
    boot.add_argument(
        "--iso", dest="iso_id", default="GRML", metavar="ISO", help="rescue ISO (default GRML)"
    )
    rescue.leaf(
        "leave", "detach the ISO, (re)boot from the disk", key="rescue.leave", mutation=True
    )

    tree.leaf("isos", "the ISO catalogue", vps=False, csv=True)
    images = tree.leaf("images", "the image catalogue", vps=False, csv=True)
    images.add_argument("--region", help="only images of this region")
    tree.leaf("market-apps", "the market app catalogue", vps=False, csv=True)
    tree.leaf("regions", "the regions", vps=False, csv=True)
    schema = tree.leaf(
        "schema", "the JSON Schema of a command's --json output", vps=False, json=False
    )
    schema.add_argument("name", choices=SCHEMA_NAMES, help="list, show, ..., result (mutations)")


def add_completion_parser(sub: Any) -> None:
    completion = sub.add_parser(
        "completion",
        help="print a shell completion script",
        description="Print the completion script for a shell. Install: "
        'bash: eval "$(lswtui completion bash)" in ~/.bashrc; '
        'zsh: eval "$(lswtui completion zsh)" in ~/.zshrc; '
        "fish: lswtui completion fish > ~/.config/fish/completions/lswtui.fish",
    )
    completion.add_argument("shell", choices=SHELLS)
