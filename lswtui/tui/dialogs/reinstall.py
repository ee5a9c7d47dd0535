"""Choose an image (and optionally a market app) for a reinstall, or be sent to the snapshot.

Leaseweb refuses a reinstall while the VPS has a snapshot (a 400), so in that case
the dialog only explains and offers "Go to snapshots". The app chains a TypeToConfirmDialog
after a choice is made.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from lswtui.api.models import Image
from lswtui.core.dialogs import GOTO_SNAPSHOTS, ActionTarget, PickerItem, ReinstallChoice
from lswtui.tui.dialogs.base import DialogScreen
from lswtui.tui.dialogs.picker import ChoiceList, FilterList

NO_MARKET_APP = "\0none"
#: Image states in which an image cannot be installed; unknown states stay pickable.
UNUSABLE_IMAGE_STATES = ("CREATING", "DESTROYED", "DESTROYING", "FAILED")

_EFFECT = (
    "Reinstall recreates the VPS from the chosen image and WIPES ITS DISK: "
    "all data on it is lost. You will be asked to type the VPS id next."
)
_BLOCKED = (
    "Leaseweb refuses to reinstall a VPS while it has a snapshot. Delete the snapshot first "
    "(Snapshots tab), then reinstall."
)


def image_item(image: Image) -> PickerItem:
    label = image.name or image.id
    detail = " ".join(
        part
        for part in (image.version, image.architecture, "custom" if image.custom else None)
        if part
    )
    if image.market_apps:
        detail = f"{detail}  apps: {', '.join(image.market_apps)}".strip()
    state = (image.state or "").upper()
    reason = f"state {image.state}" if state in UNUSABLE_IMAGE_STATES else None
    return PickerItem(image.id, label, detail or None, reason)


class ReinstallDialog(DialogScreen[ReinstallChoice | str | None]):
    """Returns ReinstallChoice, ``"goto-snapshots"`` (snapshot blocks it) or None (cancelled)."""

    HELP_TITLE = "Reinstall"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit", "Choose"),
        Binding("g", "goto_snapshots", "Go to snapshots"),
        Binding("b", "back", "Back to images"),
    ]
    SUBMIT_LABEL = "Choose"

    def __init__(
        self, target: ActionTarget, images: Sequence[Image], *, has_snapshot: bool
    ) -> None:
        super().__init__(f"Reinstall VPS {target.vps_id}", target)
        self.images = {image.id: image for image in images}
        self.has_snapshot = has_snapshot
        self.step = "blocked" if has_snapshot else "image"
        self.image: Image | None = None

    def compose_body(self) -> Iterable[Widget]:
        if self.has_snapshot:
            yield Static(
                Text.assemble(("BLOCKED: ", "bold"), _BLOCKED),
                classes="dialog-danger",
                id="reinstall-blocked",
            )
            return
        yield Static(Text.assemble(("DANGER: ", "bold"), _EFFECT), classes="dialog-danger")
        with Vertical(id="reinstall-image-step"):
            yield Static("Image to install:", classes="dialog-label")
            yield FilterList(
                [image_item(image) for image in self.images.values()],
                placeholder="Type to filter images",
                empty_message="No images are offered for this VPS.",
                id="reinstall-images",
            )
        with Vertical(id="reinstall-app-step"):
            yield Static(id="reinstall-chosen-image", classes="dialog-label")
            yield ChoiceList(id="reinstall-apps")

    def on_mount(self, event: events.Mount) -> None:
        if not self.has_snapshot:
            self.query_one("#reinstall-app-step").display = False

    def dialog_buttons(self) -> Sequence[tuple[str, str, str]]:
        if self.has_snapshot:
            return (
                ("Go to snapshots (g)", "goto_snapshots", "primary"),
                ("Cancel", "cancel", "default"),
            )
        return (("Choose", "submit", "primary"), ("Cancel", "cancel", "default"))

    def allows(self, action: str) -> bool:
        if action == "goto_snapshots":
            return self.step == "blocked"
        if action == "submit":
            return self.step != "blocked"
        if action == "back":
            return self.step == "app"
        return True

    def _switch(self, step: str) -> None:
        self.step = step
        self.query_one("#reinstall-image-step").display = step == "image"
        self.query_one("#reinstall-app-step").display = step == "app"
        self.clear_error()
        self.refresh_hints()
        self.refresh_bindings()

    def _show_apps(self, image: Image) -> None:
        self.image = image
        self.query_one("#reinstall-chosen-image", Static).update(
            Text.assemble("Image ", (image.name or image.id, "bold"), ". Market app (optional):")
        )
        apps = self.query_one("#reinstall-apps", OptionList)
        apps.set_options(
            [Option(Text("none (plain image)"), id=NO_MARKET_APP)]
            + [Option(Text(app), id=app) for app in image.market_apps]
        )
        apps.highlighted = 0
        self._switch("app")
        self.set_focus(apps)

    def action_back(self) -> None:
        if self.step == "app":
            self._switch("image")
            self.set_focus(self.query_one("#reinstall-images", FilterList).input)

    def action_goto_snapshots(self) -> None:
        if self.step == "blocked":
            self.finish(GOTO_SNAPSHOTS)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_submit()

    def action_submit(self) -> None:
        if self.step == "image":
            item = self.query_one("#reinstall-images", FilterList).selected
            if item is None:
                self.show_error(
                    "Choose an available image (change the filter, or Escape to cancel)."
                )
                return
            image = self.images[item.id]
            if image.market_apps:
                self._show_apps(image)
            else:
                self.finish(ReinstallChoice(image.id))
        elif self.step == "app" and self.image is not None:
            option = self.query_one("#reinstall-apps", OptionList).highlighted_option
            app_id = None if option is None or option.id == NO_MARKET_APP else option.id
            self.finish(ReinstallChoice(self.image.id, app_id))
