"""One flow per action: what it needs to know, which dialogs it shows, what it sends.

A flow never sends anything itself: ``plan`` returns a :class:`Plan` (or None when the user
cancels) and the runner sends it exactly once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from lswtui.api import LeasewebClient
from lswtui.api.models import Credential, IpDetails, Snapshot
from lswtui.core.action_host import ActionHost
from lswtui.core.details import CREDENTIALS, DETAILS, IPS, SNAPSHOTS, credential_key
from lswtui.core.dialogs import GOTO_SNAPSHOTS, ActionTarget, PickerItem
from lswtui.core.fleet import FleetRow
from lswtui.core.plan import DoneCheck, Plan, state_reached
from lswtui.core.rules import ActionContext, null_route_refusal
from lswtui.core.session import Session
from lswtui.core.validators import hostname_error, reference_error

#: What each kind of confirmation asks of the user.
CONFIRMATIONS = {
    "y/n": "asks y/n",
    "type": "type the VPS id",
    "form": "a form",
    "none": "sends nothing",
}


class Flow:
    """Base: the target, the context, and dialog helpers."""

    NEEDS: ClassVar[frozenset[str]] = frozenset()  # of "details", "snapshots", "ips", "credentials"
    #: How the user confirms it, as the help screen says: one of :data:`CONFIRMATIONS`.
    ASKS: ClassVar[str] = "y/n"

    def __init__(self, session: Session, host: ActionHost, row: FleetRow) -> None:
        self.session = session
        self.host = host
        self.dialogs = host.dialogs
        self.row = row
        self.client: LeasewebClient = session.client
        self.target = ActionTarget(
            row.vps_id, row.reference or None, row.main_ip or None, session.account_label
        )

    # -- context ----------------------------------------------------------------------------

    def _selected(self) -> dict[str, Any]:
        """The IP / snapshot / credential selected in the current tab, if it shows this VPS."""
        selection = self.host.selection(self.row.vps_id)
        return {
            "ip": selection.ip,
            "snapshot": selection.snapshot,
            "credential": selection.credential,
        }

    def cached_context(self) -> ActionContext:
        """What the detail cache knows of this VPS (no request), for dimming keys."""
        cache, vps_id = self.session.details, self.row.vps_id
        return ActionContext(
            vps=self.row,
            details=cache.get(vps_id, DETAILS),
            snapshots=cache.get(vps_id, SNAPSHOTS),
            credentials=cache.get(vps_id, CREDENTIALS),
            **self._selected(),
        )

    async def context(self) -> ActionContext:
        """Fresh facts for the rules this action has (one GET each), plus the tab's selection."""
        vps_id = self.row.vps_id
        fetched: dict[str, Any] = {}
        if "details" in self.NEEDS:
            fetched["details"] = await self.client.get_vps(vps_id)
        if "snapshots" in self.NEEDS:
            fetched["snapshots"] = await self.client.list_all_snapshots(vps_id)
        if "credentials" in self.NEEDS:
            fetched["credentials"] = await self.client.list_credentials(vps_id)
        selected = self._selected()
        if "ips" in self.NEEDS and selected.get("ip") is not None:
            selected["ip"] = await self.client.get_ip(vps_id, selected["ip"].ip)
        elif "ips" in self.NEEDS:
            fetched["ips"] = await self.client.list_ips(vps_id)
        return ActionContext(vps=self.row, **fetched, **selected)

    # -- dialogs ----------------------------------------------------------------------------

    async def confirm(self, title: str, description: str, warnings: Sequence[str] = ()) -> bool:
        return await self.dialogs.confirm(self.target, title, description, warnings)

    async def type_confirm(
        self, title: str, description: str, warnings: Sequence[str] = ()
    ) -> bool:
        return await self.dialogs.type_to_confirm(self.target, title, description, warnings)

    async def pick(self, title: str, items: Sequence[PickerItem], empty: str) -> str | None:
        return await self.dialogs.pick(self.target, title, items, empty)

    def operation(self, what: str) -> str:
        """What the action does, naming the VPS once: ``Edit reference on VPS 123 web-01``."""
        return f"{what} on VPS {self.row.label}"

    async def refused(self, ctx: ActionContext) -> bool:
        """Explain a broken rule in a dialog of the flow's own; False lets the runner notify."""
        return False

    async def plan(self, ctx: ActionContext) -> Plan | None:
        raise NotImplementedError


class Batchable(Flow):
    """A flow that may also run on many marked VPSes at once (:mod:`lswtui.core.bulk`): one
    confirmation for all of them says ``EFFECT``, then each VPS gets :meth:`prepared`."""

    EFFECT: ClassVar[str]

    def prepared(self) -> Plan:
        """The plan for this VPS once the user has confirmed, with the defaults of its dialog."""
        raise NotImplementedError


# -- power ------------------------------------------------------------------------------------


class PowerFlow(Batchable):
    TITLE: ClassVar[str]
    VERB: ClassVar[str]
    TARGET_STATE: ClassVar[str]
    VIA_TRANSITION: ClassVar[bool] = False
    GIVE_UP: ClassVar[float] = 600.0

    def warnings(self) -> list[str]:
        return []

    async def plan(self, ctx: ActionContext) -> Plan | None:
        if not await self.confirm(self.TITLE, self.EFFECT, self.warnings()):
            return None
        return self.prepared()

    def prepared(self) -> Plan:
        return power_plan(self, type(self))


def power_plan(flow: Flow, power: type[PowerFlow]) -> Plan:
    """The request of the power action ``power`` (start, stop, reboot) on the flow's VPS."""
    row = flow.row
    return Plan(
        operation=f"{power.TITLE} {row.label}",
        send=lambda: getattr(flow.client, f"{power.VERB}_vps")(row.vps_id),
        done=state_reached(power.TARGET_STATE, via_transition=power.VIA_TRANSITION),
        success=f"{power.TITLE} {row.label}: accepted; waiting for {power.TARGET_STATE}.",
        give_up_after=power.GIVE_UP,
        exclusive=True,
    )


class StartFlow(PowerFlow):
    TITLE, VERB, TARGET_STATE = "Start VPS", "start", "RUNNING"
    EFFECT = "Powers the VPS on. It goes STARTING, then RUNNING."


class StopFlow(PowerFlow):
    TITLE, VERB, TARGET_STATE = "Stop VPS", "stop", "STOPPED"
    EFFECT = "Powers the VPS off. Everything it serves goes offline until it is started again."


class RebootFlow(PowerFlow):
    TITLE, VERB, TARGET_STATE = "Reboot VPS", "reboot", "RUNNING"
    EFFECT = "Restarts the VPS. It is unreachable while it reboots."
    VIA_TRANSITION = True
    GIVE_UP = 120.0  # the API documents no intermediate state for a reboot


# -- reinstall, reference, console, password ---------------------------------------------------


class ReinstallFlow(Flow):
    ASKS = "type"
    NEEDS = frozenset({"snapshots"})

    async def refused(self, ctx: ActionContext) -> bool:
        """A snapshot blocks it: say so and offer to go to the Snapshots tab."""
        if not ctx.snapshots:
            return False
        if await self.dialogs.reinstall(self.target, [], has_snapshot=True) == GOTO_SNAPSHOTS:
            self.host.show_tab("snapshots")
        return True

    async def plan(self, ctx: ActionContext) -> Plan | None:
        images = await self.client.list_all_reinstall_images(self.row.vps_id)
        choice = await self.dialogs.reinstall(self.target, images, has_snapshot=False)
        if choice is None or isinstance(choice, str):
            return None
        image = next((i for i in images if i.id == choice.image_id), None)
        what = f"{image.name if image else choice.image_id}" + (
            f" with {choice.market_app_id}" if choice.market_app_id else ""
        )
        if not await self.type_confirm(
            "Reinstall VPS",
            f"Recreates the VPS with {what}. THE DISK IS WIPED: all data on it is lost.",
        ):
            return None
        image_id, app_id = choice.image_id, choice.market_app_id
        running_again = state_reached("RUNNING", via_transition=True)

        async def done(row: FleetRow | None, client: LeasewebClient) -> bool:
            return await running_again(row, client) and row is not None and row.image_id == image_id

        return Plan(
            operation=f"Reinstall VPS {self.row.label}",
            send=lambda: self.client.reinstall_vps(self.row.vps_id, image_id, app_id),
            parameters={"imageId": image_id, "marketAppId": app_id},
            done=done,
            success=f"Reinstall of {self.row.label} accepted; waiting for RUNNING with {image_id}.",
            stale=DETAILS,
            exclusive=True,
        )


class EditReferenceFlow(Flow):
    ASKS = "form"

    async def plan(self, ctx: ActionContext) -> Plan | None:
        reference = await self.dialogs.prompt(
            self.target,
            "Edit reference",
            label="Reference",
            value=self.row.reference,
            description="An identifying name for the VPS, shown in the list and the portal.",
            validator=reference_error,
        )
        if reference is None or reference == self.row.reference:
            return None
        if not reference and not await self.confirm(
            "Clear the reference",
            f"Clear the reference {self.row.reference!r}? The VPS will have no name.",
        ):
            return None
        return Plan(
            operation=self.operation("Edit reference"),
            send=lambda: self.client.update_vps_reference(self.row.vps_id, reference),
            parameters={"reference": reference},
            success=f"Reference of {self.row.vps_id} is now {reference!r}.",
            stale=DETAILS,
        )


class ConsoleFlow(Flow):
    ASKS = "none"

    async def plan(self, ctx: ActionContext) -> Plan | None:
        console = await self.client.get_console(self.row.vps_id)  # secret: shown, never logged
        await self.dialogs.console(self.target, console.url)
        return None


class ResetPasswordFlow(Flow):
    NEEDS = frozenset({"details"})

    async def plan(self, ctx: ActionContext) -> Plan | None:
        warnings = []
        main = ctx.details.main_ip if ctx.details else None
        if main is not None and main.null_routed:
            warnings.append(
                f"The main IP {main.ip} is null-routed: Leaseweb accepts the reset but it does "
                "not take effect (the VPS must get its IP by DHCP to apply it)."
            )
        if not await self.confirm(
            "Reset password",
            "Leaseweb sets a new random OS password; this may take a few moments. Then read it "
            "in the Credentials tab.",
            warnings,
        ):
            return None
        return Plan(
            operation=self.operation("Reset password"),
            send=lambda: self.client.reset_password(self.row.vps_id),
            success=f"Password reset of {self.row.label} accepted; "
            "the new password appears in Credentials in a few moments.",
            stale=CREDENTIALS,
        )


# -- credentials ------------------------------------------------------------------------------


class CredentialFlow(Flow):
    NEEDS = frozenset({"credentials"})

    async def choose(self, ctx: ActionContext, title: str) -> Credential | None:
        if ctx.credential is not None:
            return ctx.credential
        credentials = ctx.credentials or []
        if len(credentials) == 1:
            return credentials[0]
        items = [PickerItem(credential_key(c), c.username, c.type) for c in credentials]
        key = await self.pick(title, items, "The VPS has no stored credentials.")
        return next((c for c in credentials if credential_key(c) == key), None)


class StoreCredentialFlow(Flow):
    ASKS = "form"

    async def plan(self, ctx: ActionContext) -> Plan | None:
        entered = await self.dialogs.credential(self.target, "store")
        if entered is None:
            return None
        return Plan(
            operation=self.operation("Store credential"),
            send=lambda: self.client.store_credential(
                self.row.vps_id, entered.type, entered.username, entered.password
            ),
            parameters={"type": entered.type, "username": entered.username},
            success=f"Credential {entered.username} ({entered.type}) stored for {self.row.label}.",
            stale=CREDENTIALS,
        )


class UpdateCredentialFlow(CredentialFlow):
    ASKS = "form"

    async def plan(self, ctx: ActionContext) -> Plan | None:
        credential = await self.choose(ctx, "Update which credential?")
        if credential is None:
            return None
        entered = await self.dialogs.credential(
            self.target, "update", credential_type=credential.type, username=credential.username
        )
        if entered is None:
            return None
        return Plan(
            operation=self.operation("Update credential"),
            send=lambda: self.client.update_credential(
                self.row.vps_id, credential.type, credential.username, entered.password
            ),
            parameters={"type": credential.type, "username": credential.username},
            success=f"Password of {credential.username} ({credential.type}) updated.",
            stale=CREDENTIALS,
        )


class DeleteCredentialFlow(CredentialFlow):
    async def plan(self, ctx: ActionContext) -> Plan | None:
        credential = await self.choose(ctx, "Delete which credential?")
        if credential is None or not await self.confirm(
            "Delete credential",
            f"Removes the stored credential {credential.username} ({credential.type}) from Leaseweb. "
            "The account on the VPS itself is not changed.",
        ):
            return None
        return Plan(
            operation=self.operation("Delete credential"),
            send=lambda: self.client.delete_credential(
                self.row.vps_id, credential.type, credential.username
            ),
            parameters={"type": credential.type, "username": credential.username},
            success=f"Credential {credential.username} ({credential.type}) deleted.",
            stale=CREDENTIALS,
        )


class DeleteAllCredentialsFlow(Flow):
    ASKS = "type"
    NEEDS = frozenset({"credentials"})

    async def plan(self, ctx: ActionContext) -> Plan | None:
        names = ", ".join(f"{c.username} ({c.type})" for c in ctx.credentials or [])
        if not await self.type_confirm(
            "Delete all credentials",
            f"Removes EVERY stored credential of the VPS from Leaseweb: {names}.",
        ):
            return None
        return Plan(
            operation=self.operation("Delete all credentials"),
            send=lambda: self.client.delete_all_credentials(self.row.vps_id),
            success=f"All stored credentials of {self.row.label} deleted.",
            stale=CREDENTIALS,
        )


# -- ISO --------------------------------------------------------------------------------------


def iso_is(expected: str | None) -> DoneCheck:
    async def check(row: FleetRow | None, client: LeasewebClient) -> bool:
        if row is None:
            return False
        details = await client.get_vps(row.vps_id)
        return (details.iso.id if details.iso else None) == expected

    return check


class AttachIsoFlow(Flow):
    NEEDS = frozenset({"details"})

    async def plan(self, ctx: ActionContext) -> Plan | None:
        catalogue = await self.session.isos()
        items = [PickerItem(iso.id, iso.name or iso.id) for iso in catalogue]
        iso_id = await self.pick("Attach ISO", items, "The ISO catalogue is empty.")
        if iso_id is None:
            return None
        if not await self.confirm(
            "Attach ISO",
            f"Attaches {iso_id} to the VPS. It boots from the ISO at its next (re)boot.",
        ):
            return None
        return attach_plan(self, iso_id)


def attach_plan(flow: Flow, iso_id: str) -> Plan:
    return Plan(
        operation=flow.operation("Attach ISO"),
        send=lambda: flow.client.attach_iso(flow.row.vps_id, iso_id),
        parameters={"isoId": iso_id},
        done=iso_is(iso_id),
        success=f"Attaching {iso_id} to {flow.row.label}: accepted.",
        stale=DETAILS,
    )


class DetachIsoFlow(Flow):
    NEEDS = frozenset({"details"})

    async def plan(self, ctx: ActionContext) -> Plan | None:
        attached = ctx.details.iso.id if ctx.details and ctx.details.iso else "the ISO"
        if not await self.confirm("Detach ISO", f"Detaches {attached} from the VPS."):
            return None
        return detach_plan(self, attached)


def detach_plan(flow: Flow, attached: str) -> Plan:
    """``attached``: the id of the ISO attached (for the action log and the toast)."""
    return Plan(
        operation=flow.operation("Detach ISO"),
        send=lambda: flow.client.detach_iso(flow.row.vps_id),
        parameters={"isoId": attached},
        done=iso_is(None),
        success=f"Detaching {attached} from {flow.row.label}: accepted.",
        stale=DETAILS,
    )


# -- snapshots --------------------------------------------------------------------------------


def snapshot_state(snapshot_id: str | None, *, gone: bool = False) -> DoneCheck:
    """Done when the snapshot is READY (any snapshot when ``snapshot_id`` is None) or gone."""

    async def check(row: FleetRow | None, client: LeasewebClient) -> bool:
        if row is None:
            return False
        snapshots = await client.list_all_snapshots(row.vps_id)
        if gone:
            return all(s.id != snapshot_id for s in snapshots)
        return any(s.state == "READY" and snapshot_id in (None, s.id) for s in snapshots)

    return check


class CreateSnapshotFlow(Batchable):
    ASKS = "form"
    NEEDS = frozenset({"snapshots"})
    EFFECT = (
        "Takes a snapshot of the VPS (Leaseweb keeps one per VPS), named after its reference "
        "(or id) and today's date. It takes a while, depending on memory size and use."
    )

    def default_name(self) -> str:
        return f"{self.row.reference or self.row.vps_id}-{self.session.clock.now():%Y%m%d}"

    async def plan(self, ctx: ActionContext) -> Plan | None:
        name = await self.dialogs.prompt(
            self.target,
            "Create snapshot",
            label="Snapshot name",
            value=self.default_name(),
            validator=lambda value: None if value.strip() else "A name is required.",
            description="Leaseweb keeps one snapshot per VPS. "
            "It takes a while, depending on memory size and use.",
            max_length=255,
        )
        if name is None:
            return None
        return self.prepared(name)

    def prepared(self, name: str | None = None) -> Plan:
        name = name or self.default_name()
        return Plan(
            operation=self.operation(f'Create snapshot "{name}"'),
            send=lambda: self.client.create_snapshot(self.row.vps_id, name),
            parameters={"name": name},
            done=snapshot_state(None),
            success=f"Snapshot {name!r} of {self.row.label}: accepted; it shows as CREATING until READY.",
            stale=SNAPSHOTS,
        )


class SnapshotFlow(Flow):
    NEEDS = frozenset({"snapshots"})

    async def choose(self, ctx: ActionContext, title: str) -> Snapshot | None:
        """The selected (or only, or picked) snapshot, when it is READY: Leaseweb refuses the
        others, and a CREATING snapshot can be neither restored nor deleted."""
        snapshot = ctx.snapshot
        snapshots = ctx.snapshots or []
        if snapshot is None and len(snapshots) == 1:
            snapshot = snapshots[0]
        if snapshot is None:
            items = [
                PickerItem(
                    s.id,
                    s.display_name or s.id,
                    s.state,
                    None if s.state == "READY" else f"it is {s.state}",
                )
                for s in snapshots
            ]
            picked = await self.pick(title, items, "The VPS has no snapshot.")
            return next((s for s in snapshots if s.id == picked), None)
        if snapshot.state != "READY":
            self.host.tell(
                f"Snapshot {snapshot.display_name} is {snapshot.state}; only a READY snapshot can be used.",
                severity="warning",
            )
            return None
        return snapshot


def snapshot_name(snapshot: Snapshot) -> str:
    """``"nightly"`` (quoted: a name, not an id), or the id of a snapshot without one."""
    return f'"{snapshot.display_name}"' if snapshot.display_name else snapshot.id


class RestoreSnapshotFlow(SnapshotFlow):
    ASKS = "type"

    async def plan(self, ctx: ActionContext) -> Plan | None:
        snapshot = await self.choose(ctx, "Restore which snapshot?")
        if snapshot is None:
            return None
        created = snapshot.created.strftime("%Y-%m-%d %H:%M UTC") if snapshot.created else "?"
        if not await self.type_confirm(
            "Restore snapshot",
            f"Rolls the VPS back to snapshot {snapshot.display_name!r} of {created}. "
            "Everything written to the disk since then is LOST. The VPS restarts.",
        ):
            return None
        return Plan(
            operation=self.operation(f"Restore snapshot {snapshot_name(snapshot)}"),
            send=lambda: self.client.restore_snapshot(self.row.vps_id, snapshot.id),
            parameters={"snapshotId": snapshot.id},
            done=state_reached("RUNNING", via_transition=True),
            success=f"Restore of {self.row.label} to {snapshot.display_name!r}: accepted.",
            stale=DETAILS,
            exclusive=True,
        )


class DeleteSnapshotFlow(SnapshotFlow):
    ASKS = "type"

    async def plan(self, ctx: ActionContext) -> Plan | None:
        snapshot = await self.choose(ctx, "Delete which snapshot?")
        if snapshot is None or not await self.type_confirm(
            "Delete snapshot",
            f"Deletes snapshot {snapshot.display_name!r} ({snapshot.id}). It cannot be restored afterwards.",
        ):
            return None
        return Plan(
            operation=self.operation(f"Delete snapshot {snapshot_name(snapshot)}"),
            send=lambda: self.client.delete_snapshot(self.row.vps_id, snapshot.id),
            parameters={"snapshotId": snapshot.id},
            done=snapshot_state(snapshot.id, gone=True),
            success=f"Deleting snapshot {snapshot.display_name!r}: accepted.",
            stale=SNAPSHOTS,
        )


# -- IPs --------------------------------------------------------------------------------------


class IpFlow(Flow):
    NEEDS = frozenset({"ips"})
    PICK_TITLE: ClassVar[str] = "Which IP?"

    def unavailable(self, ip: IpDetails) -> str | None:
        return None

    async def choose(self, ctx: ActionContext) -> IpDetails | None:
        if ctx.ip is not None:
            return ctx.ip
        ips = ctx.ips or []
        items = [
            PickerItem(
                ip.ip,
                ip.ip,
                f"v{ip.version}{' main' if ip.main_ip else ''}{' NULL-ROUTED' if ip.null_routed else ''}",
                self.unavailable(ip),
            )
            for ip in ips
        ]
        picked = await self.pick(self.PICK_TITLE, items, "The VPS has no IPs.")
        return next((ip for ip in ips if ip.ip == picked), None)


class ReverseDnsFlow(IpFlow):
    ASKS = "form"
    PICK_TITLE = "Set reverse DNS of which IP?"

    async def plan(self, ctx: ActionContext) -> Plan | None:
        ip = await self.choose(ctx)
        if ip is None:
            return None
        name = await self.dialogs.prompt(
            self.target,
            f"Set reverse DNS of {ip.ip}",
            label="Hostname (PTR)",
            value=ip.reverse_lookup or "",
            validator=hostname_error,
            description="The name a reverse lookup of this IP returns.",
        )
        if name is None:
            return None
        return Plan(
            operation=self.operation(f"Set reverse DNS of {ip.ip}"),
            send=lambda: self.client.update_reverse_lookup(self.row.vps_id, ip.ip, name),
            parameters={"ip": ip.ip, "reverseLookup": name},
            success=f"Reverse DNS of {ip.ip} is now {name}.",
            stale=IPS,
        )


class NullRouteFlow(IpFlow):
    ASKS = "form"
    PICK_TITLE = "Null route which IP?"

    def unavailable(self, ip: IpDetails) -> str | None:
        return null_route_refusal(ip)

    async def plan(self, ctx: ActionContext) -> Plan | None:
        ip = await self.choose(ctx)
        if ip is None:
            return None
        entered = await self.dialogs.null_route(self.target, ip.ip)
        if entered is None:
            return None
        if (ip.main_ip or ip.ip == self.row.main_ip) and not await self.type_confirm(
            "Null route IP",
            f"{ip.ip} is the MAIN IP: the VPS becomes unreachable on it until the null route is removed.",
        ):
            return None
        hours = entered.automated_unnuling_hours
        return Plan(
            operation=self.operation(f"Null route {ip.ip}"),
            send=lambda: self.client.null_route_ip(
                self.row.vps_id, ip.ip, comment=entered.comment, automated_unnuling_at=hours
            ),
            parameters={"ip": ip.ip, "comment": entered.comment, "automatedUnnulingAt": hours},
            success=f"{ip.ip} null-routed"
            + (f"; it is lifted automatically after {hours} h." if hours else ".")
            + " Propagation takes a few minutes.",
            stale=IPS,
        )


class RemoveNullRouteFlow(IpFlow):
    PICK_TITLE = "Remove the null route of which IP?"

    def unavailable(self, ip: IpDetails) -> str | None:
        return None if ip.null_routed else "not null-routed"

    async def plan(self, ctx: ActionContext) -> Plan | None:
        ip = await self.choose(ctx)
        if ip is None or not await self.confirm(
            "Remove null route",
            f"Routes traffic to {ip.ip} again. Propagation takes a few minutes. During Leaseweb's "
            "own DDoS mitigation this is refused.",
        ):
            return None
        return Plan(
            operation=self.operation(f"Remove null route of {ip.ip}"),
            send=lambda: self.client.unnull_ip(self.row.vps_id, ip.ip),
            parameters={"ip": ip.ip},
            success=f"Null route of {ip.ip} removed. Propagation takes a few minutes.",
            stale=IPS,
        )
