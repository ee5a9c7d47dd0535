"""Rescue boot, the documented recovery path as one guided flow, and its reverse.

Rescue boot: pick a rescue ISO (GRML by default), attach it, (re)boot from it, open the
console. Leave rescue: detach the ISO, (re)boot from the disk. Each write is its own step,
shown and confirmed once, sent once and logged as the action it is (``attach_iso``,
``reboot``, ...); the next step is asked for only once the previous one has taken effect. A
RUNNING VPS is rebooted, a STOPPED one started.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import ClassVar

from lswtui.api.models import IsoImage
from lswtui.core.actions import ActionContext
from lswtui.core.dialogs import PickerItem
from lswtui.core.flows import PowerFlow, RebootFlow, StartFlow, iso_is
from lswtui.core.plan import Plan, state_reached
from lswtui.core.steps import Step, SteppedFlow

DEFAULT_RESCUE_ISO = "GRML"
BOOTABLE = ("RUNNING", "STOPPED")


def _bootable(ctx: ActionContext) -> str | None:
    if ctx.vps.state not in BOOTABLE:
        return f"the VPS is {ctx.vps.state}; this needs RUNNING or STOPPED"
    return None


def rescue_refusal(ctx: ActionContext) -> str | None:
    """Why a rescue boot cannot start: the VPS must be able to boot and have no ISO attached
    (Leaseweb attaches one at a time)."""
    if ctx.details is not None and ctx.details.iso is not None:
        return f"ISO {ctx.details.iso.id} is attached; 'Leave rescue' detaches it"
    return _bootable(ctx)


def leave_refusal(ctx: ActionContext) -> str | None:
    """Why leaving rescue cannot start: an ISO must be attached."""
    if ctx.details is not None and ctx.details.iso is None:
        return "no ISO is attached"
    return _bootable(ctx)


def rescue_choices(catalogue: list[IsoImage]) -> list[PickerItem]:
    """The ISO catalogue with the default rescue ISO first (the picker's cursor starts there)."""
    items = [
        PickerItem(iso.id, iso.name or iso.id, "default" if iso.id == DEFAULT_RESCUE_ISO else None)
        for iso in catalogue
    ]
    return sorted(items, key=lambda item: item.id != DEFAULT_RESCUE_ISO)


class BootStepsFlow(SteppedFlow):
    """What both directions share: the (re)boot step."""

    NEEDS = frozenset({"details"})
    TITLE: ClassVar[str]

    def power(self) -> type[PowerFlow]:
        return StartFlow if self.row.state == "STOPPED" else RebootFlow

    @property
    def boot_verb(self) -> str:
        return "start" if self.power() is StartFlow else "reboot"

    def boot_step(self, source: str) -> Step:
        power = self.power()
        vps_id, verb = self.row.vps_id, power.VERB
        return Step(
            verb,
            Plan(
                operation=self.operation(power.TITLE),
                send=lambda: getattr(self.client, f"{verb}_vps")(vps_id),
                parameters={"bootsFrom": source},
                done=state_reached(power.TARGET_STATE, via_transition=power.VIA_TRANSITION),
                success=f"{power.TITLE} {self.row.label} from {source}: accepted; "
                f"waiting for {power.TARGET_STATE}.",
                give_up_after=power.GIVE_UP,
                exclusive=True,
            ),
        )

    async def confirm_boot(self, number: str, source: str) -> bool:
        verb = self.boot_verb
        return await self.confirm(
            f"{self.TITLE} {number}: {verb} from {source}",
            f"{verb.capitalize()}s the VPS from {source}. It is unreachable until it is up again.",
        )


class RescueBootFlow(BootStepsFlow):
    TITLE = "Rescue boot"

    async def steps(self, ctx: ActionContext) -> AsyncGenerator[Step, None]:
        items = rescue_choices(await self.session.isos())
        iso_id = await self.pick("Rescue boot: which ISO?", items, "The ISO catalogue is empty.")
        if iso_id is None:
            return
        name = next((item.label for item in items if item.id == iso_id), iso_id)
        verb = self.boot_verb
        if not await self.confirm(
            f"Rescue boot 1/3: attach {iso_id}",
            f"Attaches {name} to the VPS. Then, each asked for in turn: 2. {verb} the VPS from "
            "it, 3. open its console.",
        ):
            return
        yield Step(
            "attach_iso",
            Plan(
                operation=self.operation("Attach ISO"),
                send=lambda: self.client.attach_iso(self.row.vps_id, iso_id),
                parameters={"isoId": iso_id, "rescue": True},
                done=iso_is(iso_id),
                success=f"Attaching {iso_id} to {self.row.label}: accepted.",
                give_up_after=120.0,
            ),
        )
        if not await self.confirm_boot("2/3", iso_id):
            self.host.tell(
                f"{iso_id} stays attached to {self.row.label}; it boots from it at its next "
                "(re)boot. 'Leave rescue' detaches it.",
                severity="warning",
            )
            return
        yield self.boot_step(iso_id)
        console = await self.client.get_console(self.row.vps_id)  # secret: shown, never logged
        await self.dialogs.console(self.target, console.url)


class LeaveRescueFlow(BootStepsFlow):
    TITLE = "Leave rescue"

    async def steps(self, ctx: ActionContext) -> AsyncGenerator[Step, None]:
        iso_id = ctx.details.iso.id if ctx.details and ctx.details.iso else "the ISO"
        verb = self.boot_verb
        if not await self.confirm(
            f"Leave rescue 1/2: detach {iso_id}",
            f"Detaches {iso_id} from the VPS. Then, asked for in turn: 2. {verb} it from its disk.",
        ):
            return
        yield Step(
            "detach_iso",
            Plan(
                operation=self.operation("Detach ISO"),
                send=lambda: self.client.detach_iso(self.row.vps_id),
                parameters={"isoId": iso_id, "rescue": True},
                done=iso_is(None),
                success=f"Detaching {iso_id} from {self.row.label}: accepted.",
                give_up_after=120.0,
            ),
        )
        if not await self.confirm_boot("2/2", "its disk"):
            return
        yield self.boot_step("its disk")
