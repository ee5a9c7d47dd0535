"""What each ``lswtui vps`` command does: reads print a table (fitted to the terminal), CSV or
JSON; actions run through the core (:mod:`lswtui.headless.act`)."""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from lswtui.api.models import Console, Credential, Image, IpDetails, Snapshot, VpsDetails
from lswtui.core.action_host import Selection
from lswtui.core.actions import ACTIONS_BY_ID
from lswtui.core.dialogs import NullRouteInput, ReinstallChoice
from lswtui.core.filtering import KEYS, compile_filter
from lswtui.core.fleet import FleetRow
from lswtui.core.humanize import human_bytes, plausible_bytes
from lswtui.core.session import Session
from lswtui.core.validators import parse_unnull_hours
from lswtui.core.watch import WatchList, watch_file
from lswtui.headless.accounts import Account, locate
from lswtui.headless.act import Tracking, run_action
from lswtui.headless.dialogs import Answers
from lswtui.headless.output import Table, render_fields, render_table, write_csv
from lswtui.headless.shapes import ActionResult, ListedVps, to_json
from lswtui.headless.streams import Streams

#: Commands that are actions of the catalogue (``core/actions.py``), by the action's id.
ACTION_COMMANDS = {
    "start": "start",
    "stop": "stop",
    "reboot": "reboot",
    "reinstall": "reinstall",
    "reference": "edit_reference",
    "console": "console",
    "reset-password": "reset_password",
    "credential.store": "store_credential",
    "credential.update": "update_credential",
    "credential.delete": "delete_credential",
    "credential.delete-all": "delete_all_credentials",
    "iso.attach": "attach_iso",
    "iso.detach": "detach_iso",
    "rescue.boot": "rescue_boot",
    "rescue.leave": "leave_rescue",
    "snapshot.create": "create_snapshot",
    "snapshot.restore": "restore_snapshot",
    "snapshot.delete": "delete_snapshot",
    "ip.rdns": "set_reverse_dns",
    "ip.null": "null_route",
    "ip.unnull": "remove_null_route",
}


class Usage(Exception):
    """The arguments cannot work (exit 2); the message says why."""


@dataclass
class Command:
    args: argparse.Namespace
    accounts: Sequence[Account]
    streams: Streams
    tracking: Tracking
    width: int

    @property
    def vps_id(self) -> str:
        return str(self.args.vps_id)

    def emit(self, shape: str, value: Any, table: Callable[[], Table]) -> int:
        if getattr(self.args, "json", False):
            self.streams.out(to_json(shape, value))
        elif getattr(self.args, "csv", False):
            write_csv(table(), self.streams.stdout)
        else:
            self.streams.out(render_table(table(), self.width))
        return 0

    def emit_fields(self, shape: str, value: Any, pairs: Sequence[tuple[str, str]]) -> int:
        if getattr(self.args, "json", False):
            self.streams.out(to_json(shape, value))
        else:
            self.streams.out(render_fields(pairs, self.width))
        return 0

    async def account(self) -> Account:
        """The account of the VPS named (looked up when several are given)."""
        if len(self.accounts) == 1:
            return self.accounts[0]
        return (await locate(self.accounts, self.vps_id))[0]


def _when(value: datetime | None) -> str:
    return f"{value:%Y-%m-%d %H:%M} UTC" if value else ""


def _yes_no(value: bool) -> str:
    return "yes" if value else ""


# -- actions ---------------------------------------------------------------------------------


def _answers(args: argparse.Namespace) -> Answers:
    texts = (getattr(args, name, None) for name in ("reference", "name", "hostname"))
    image = getattr(args, "image", None)
    store = args.vps_command == "credential.store"
    return Answers(
        yes=getattr(args, "yes", False),
        text=next((text for text in texts if text is not None), None),
        pick=getattr(args, "iso_id", None),
        credential=(args.type, args.username) if store else None,
        password_stdin=getattr(args, "password_stdin", False),
        null_route=_null_route(args) if args.vps_command == "ip.null" else None,
        reinstall=ReinstallChoice(image, args.market_app) if image else None,
        pick_hint=f"has several snapshots: name one ({args.vps_command.replace('.', ' ')} ID SNAPSHOT)",
    )


def _null_route(args: argparse.Namespace) -> NullRouteInput:
    """``--unnull-after`` checked as the TUI's dialog checks it (ValueError: a usage error)."""
    return NullRouteInput(args.ip, args.comment, parse_unnull_hours(args.unnull_after or ""))


async def _selection(account: Account, args: argparse.Namespace) -> Selection:
    """What the TUI's tab selection would be: the IP, snapshot or credential named."""
    if ip := getattr(args, "ip", None):
        return Selection(ip=IpDetails(ip=ip))  # the flow re-reads it before its rules
    if snapshot_id := getattr(args, "snapshot_id", None):
        return Selection(snapshot=await account.client.get_snapshot(args.vps_id, snapshot_id))
    if args.vps_command in ("credential.update", "credential.delete"):
        return Selection(credential=Credential(type=args.type, username=args.username))
    return Selection()


async def act(cmd: Command, action_id: str) -> int:
    answers = _answers(cmd.args)  # a bad --unnull-after is a usage error before any request
    account, details = await locate(cmd.accounts, cmd.vps_id)
    selection = await _selection(account, cmd.args)
    outcome = await run_action(
        account, details, action_id, answers, selection, cmd.streams, cmd.tracking
    )
    json = getattr(cmd.args, "json", False)
    if outcome.console_url is not None:
        cmd.streams.out(
            to_json("console", Console(url=outcome.console_url)) if json else outcome.console_url
        )
    elif json and ACTIONS_BY_ID[action_id].mutating:
        last, answer = outcome.last, outcome.answer
        result = ActionResult(
            profile=account.profile,
            vps_id=details.id,
            action=action_id,
            outcome=last.outcome if last else None,
            status=answer.status if answer else None,
            correlation_id=answer.correlation_id if answer else None,
            error=last.error if last else None,
            exit_code=outcome.exit_code,
        )
        cmd.streams.out(to_json("result", result))
    return outcome.exit_code


# -- reads -----------------------------------------------------------------------------------


async def list_vps(cmd: Command) -> int:
    watched = {  # each profile's, where the TUI keeps it (beside the action log)
        a.profile: WatchList(watch_file(a.audit.path.parent, a.profile)) for a in cmd.accounts
    }
    found = compile_filter(
        cmd.args.filter, watched=lambda row: row.vps_id in watched.get(row.account, ())
    )
    if found.unknown_keys:
        unknown = ", ".join(f"{key}:" for key in found.unknown_keys)
        raise Usage(f"--filter: unknown key {unknown} (keys: {', '.join(KEYS)})")
    lists = await asyncio.gather(*(account.client.list_all_vps() for account in cmd.accounts))
    listed: list[ListedVps] = []
    for account, items in zip(cmd.accounts, lists, strict=True):
        if items.skipped:
            cmd.streams.say(
                f"lswtui: warning: {account.profile}: {items.skipped} invalid VPS items skipped"
            )
        listed.extend(
            ListedVps.model_validate({**vps.model_dump(by_alias=True), "profile": account.profile})
            for vps in items
            if found(FleetRow.from_vps(vps, account.profile))
        )
    several = len(cmd.accounts) > 1

    def table() -> Table:
        rows = []
        for vps in listed:
            row = FleetRow.from_vps(vps)
            ip = f"{row.main_ip} ⊘" if row.main_ip_null_routed else row.main_ip  # as the TUI
            profile = [vps.profile] * several
            rows.append(
                [
                    row.vps_id,
                    *profile,
                    row.state,
                    row.reference,
                    ip,
                    row.region,
                    row.pack,
                    row.image,
                ]
            )
        headers = ["ID", *["PROFILE"] * several, "STATE", "REFERENCE", "MAIN IP", "REGION"]
        return Table([*headers, "PACK", "IMAGE"], rows, frozenset({"STATE", "MAIN IP"}))

    return cmd.emit("list", listed, table)


def _details_fields(account: Account, vps: VpsDetails) -> list[tuple[str, str]]:
    main = vps.main_ip
    res = vps.resources

    def resource(name: str) -> str:
        value = getattr(res, name, None) if res else None
        return (
            f"{value.value:g} {value.unit or ''}".rstrip()
            if value and value.value is not None
            else ""
        )

    contract = vps.contract
    return [
        ("ID", vps.id),
        ("Profile", account.profile),
        ("Reference", vps.reference or ""),
        ("State", vps.state),
        ("Region", f"{vps.region or ''} {vps.datacenter or ''}".strip()),
        ("Pack", vps.pack or ""),
        ("Image", (vps.image.name or vps.image.id) if vps.image else ""),
        ("Market app", vps.market_app_id or ""),
        ("Main IP", f"{main.ip}{' null-routed' if main.null_routed else ''}" if main else ""),
        ("IPs", ", ".join(ip.ip for ip in vps.ips)),
        ("ISO", (vps.iso.name or vps.iso.id) if vps.iso else ""),
        ("CPU", resource("cpu")),
        ("Memory", resource("memory")),
        ("Network", resource("public_network_speed")),
        ("Root disk", f"{vps.root_disk_size} GB" if vps.root_disk_size is not None else ""),
        ("Started", _when(vps.started_at)),
        (
            "Contract",
            " ".join(str(p) for p in (contract.type, contract.state) if p) if contract else "",
        ),
        ("Contract ends", _when(contract.ends_at) if contract else ""),
    ]


async def show(cmd: Command) -> int:
    account, vps = await locate(cmd.accounts, cmd.vps_id)
    return cmd.emit_fields("show", vps, _details_fields(account, vps))


def _ip_row(ip: IpDetails) -> list[str]:
    return [
        ip.ip,
        f"v{ip.version}",
        ip.network_type or "",
        _yes_no(ip.main_ip),
        _yes_no(ip.null_routed),
        ip.reverse_lookup or "",
    ]


IP_HEADERS = ("IP", "VERSION", "TYPE", "MAIN", "NULL-ROUTED", "REVERSE DNS")


async def ips(cmd: Command) -> int:
    found = await (await cmd.account()).client.list_ips(cmd.vps_id)
    return cmd.emit("ips", found, lambda: Table(IP_HEADERS, [_ip_row(ip) for ip in found]))


async def ip_show(cmd: Command) -> int:
    ip = await (await cmd.account()).client.get_ip(cmd.vps_id, cmd.args.ip)
    ddos = ip.ddos
    pairs = [*zip(IP_HEADERS, _ip_row(ip), strict=True)]
    pairs.append(
        (
            "DDOS",
            f"{ddos.protection_type or ''} {ddos.detection_profile or ''}".strip() if ddos else "",
        )
    )
    return cmd.emit_fields("ip", ip, pairs)


def _snapshot_row(snapshot: Snapshot) -> list[str]:
    return [snapshot.id, snapshot.display_name or "", snapshot.state, _when(snapshot.created)]


SNAPSHOT_HEADERS = ("ID", "NAME", "STATE", "CREATED")


async def snapshots(cmd: Command) -> int:
    found = await (await cmd.account()).client.list_all_snapshots(cmd.vps_id)
    return cmd.emit(
        "snapshots", found, lambda: Table(SNAPSHOT_HEADERS, [_snapshot_row(s) for s in found])
    )


async def snapshot_show(cmd: Command) -> int:
    found = await (await cmd.account()).client.get_snapshot(cmd.vps_id, cmd.args.snapshot_id)
    return cmd.emit_fields(
        "snapshot", found, [*zip(SNAPSHOT_HEADERS, _snapshot_row(found), strict=True)]
    )


async def credentials(cmd: Command) -> int:
    client = (await cmd.account()).client
    kind = cmd.args.type
    found = (
        await client.list_credentials_by_type(cmd.vps_id, kind)
        if kind
        else await client.list_credentials(cmd.vps_id)
    )
    return cmd.emit(
        "credentials",
        found,
        lambda: Table(("TYPE", "USERNAME"), [[c.type, c.username] for c in found]),
    )


async def password(cmd: Command) -> int:
    """The stored password, on stdout only (asked for by name: the TUI's reveal)."""
    client = (await cmd.account()).client
    found = await client.get_credential(cmd.vps_id, cmd.args.type, cmd.args.username)
    if getattr(cmd.args, "json", False):
        cmd.streams.out(to_json("password", found))
    else:
        cmd.streams.out(found.password)
    return 0


async def traffic(cmd: Command) -> int:
    account = await cmd.account()
    session = Session(
        account.client, account=account.profile, audit=account.audit, clock=cmd.tracking.clock
    )
    metrics = await session.traffic(cmd.vps_id, cmd.args.days)

    def table() -> Table:
        ups = {v.timestamp: v.value for v in metrics.metrics.up_public.values}
        rows = []
        total_down = total_up = 0.0
        for down in metrics.metrics.down_public.values:
            up = ups.get(down.timestamp, 0.0)
            total_down += down.value if plausible_bytes(down.value) else 0.0
            total_up += up if plausible_bytes(up) else 0.0
            day = f"{down.timestamp:%Y-%m-%d}" if down.timestamp else ""
            rows.append([day, human_bytes(down.value), human_bytes(up)])
        rows.append(["total", human_bytes(total_down), human_bytes(total_up)])
        return Table(("DAY", "DOWN", "UP"), rows)

    return cmd.emit("traffic", metrics, table)


def _image_table(images: Sequence[Image]) -> Table:
    return Table(
        ("ID", "NAME", "FAMILY", "FLAVOUR", "REGION", "MARKET APPS"),
        [
            [
                i.id,
                i.name or "",
                i.family or "",
                i.flavour or "",
                i.region or "",
                " ".join(i.market_apps),
            ]
            for i in images
        ],
    )


async def reinstall_images(cmd: Command) -> int:
    found = await (await cmd.account()).client.list_all_reinstall_images(cmd.vps_id)
    return cmd.emit("images", found, lambda: _image_table(found))


async def images(cmd: Command) -> int:
    found = await cmd.accounts[0].client.list_all_images(region=cmd.args.region)
    return cmd.emit("images", found, lambda: _image_table(found))


async def isos(cmd: Command) -> int:
    found = await cmd.accounts[0].client.list_all_isos()
    return cmd.emit(
        "isos", found, lambda: Table(("ID", "NAME"), [[i.id, i.name or ""] for i in found])
    )


async def market_apps(cmd: Command) -> int:
    found = await cmd.accounts[0].client.list_market_apps()
    return cmd.emit(
        "market-apps",
        found,
        lambda: Table(
            ("ID", "NAME", "CATEGORY", "VERSION"),
            [[a.id, a.name or "", a.category or "", a.version or ""] for a in found],
        ),
    )


async def regions(cmd: Command) -> int:
    found = await cmd.accounts[0].client.list_all_regions()
    return cmd.emit(
        "regions",
        found,
        lambda: Table(("NAME", "LOCATION"), [[r.name, r.location or ""] for r in found]),
    )


READS: dict[str, Callable[[Command], Awaitable[int]]] = {
    "list": list_vps,
    "show": show,
    "ips": ips,
    "ip.show": ip_show,
    "snapshots": snapshots,
    "snapshot.show": snapshot_show,
    "credentials": credentials,
    "credential.password": password,
    "traffic": traffic,
    "reinstall-images": reinstall_images,
    "images": images,
    "isos": isos,
    "market-apps": market_apps,
    "regions": regions,
}
