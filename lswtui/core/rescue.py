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
from lswtui.core.dialogs import PickerItem
from lswtui.core.flows import (
    PowerFlow,
    RebootFlow,
    StartFlow,
    attach_plan,
    detach_plan,
    power_plan,
)
from lswtui.core.rules import ActionContext
from lswtui.core.steps import Step, SteppedFlow

DEFAULT_RESCUE_ISO = "GRML"


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

    def boot_step(self) -> Step:
        power = self.power()
        return Step(power.VERB, power_plan(self, power))

    async def confirm_boot(self, number: str, source: str) -> bool:
        verb = self.power().VERB
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
        verb = self.power().VERB
        if not await self.confirm(
            f"Rescue boot 1/3: attach {iso_id}",
            f"Attaches {name} to the VPS. Then, each asked for in turn: 2. {verb} the VPS from "
            "it, 3. open its console.",
        ):
            return
        yield Step("attach_iso", attach_plan(self, iso_id))
        if not await self.confirm_boot("2/3", iso_id):
            self.host.tell(
                f"{iso_id} stays attached to {self.row.label}; it boots from it at its next "
                "(re)boot. 'Leave rescue' detaches it.",
                severity="warning",
            )
            return
        yield self.boot_step()
        console = await self.client.get_console(self.row.vps_id)  # secret: shown, never logged
        await self.dialogs.console(self.target, console.url)


class LeaveRescueFlow(BootStepsFlow):
    TITLE = "Leave rescue"

    async def steps(self, ctx: ActionContext) -> AsyncGenerator[Step, None]:
        iso_id = ctx.details.iso.id if ctx.details and ctx.details.iso else "the ISO"
        verb = self.power().VERB
        if not await self.confirm(
            f"Leave rescue 1/2: detach {iso_id}",
            f"Detaches {iso_id} from the VPS. Then, asked for in turn: 2. {verb} it from its disk.",
        ):
            return
        yield Step("detach_iso", detach_plan(self, iso_id))
        if not await self.confirm_boot("2/2", "its disk"):
            return
        yield self.boot_step()
