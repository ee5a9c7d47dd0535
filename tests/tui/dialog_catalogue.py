"""One of each dialog, as the flows open them, for the tests that go through every dialog."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen

from lswtui.api.models import Image
from lswtui.tui.dialogs import (
    ActionTarget,
    ConfirmDialog,
    ConsoleDialog,
    CredentialDialog,
    NullRouteDialog,
    PickerDialog,
    PromptDialog,
    ReinstallDialog,
    TypeToConfirmDialog,
)

TARGET = ActionTarget("123581321", "web-01", "203.0.113.5", "prod")
#: As many images as Leaseweb offers; the first two are the ones the tests choose.
IMAGES = [
    Image.model_validate({"id": "UBUNTU_24_04_64BIT", "name": "Ubuntu 24.04"}),
    Image.model_validate(
        {"id": "ALMALINUX_9_64BIT", "name": "AlmaLinux 9", "marketApps": ["CPANEL_30"]}
    ),
    *(
        Image.model_validate({"id": f"DEBIAN_{n}_64BIT", "name": f"Debian {n}"})
        for n in range(8, 21)
    ),
]
ISOS = [("GRML", "GRML"), ("KNOPPIX", "Knoppix"), *((f"ISO_{n}", f"Rescue {n}") for n in range(8))]

#: One of each dialog, as the flows open them.
DIALOGS: dict[str, Callable[[], Screen[Any]]] = {
    "confirm": lambda: ConfirmDialog(
        "Stop VPS",
        TARGET,
        "The VPS stops.",
        warnings=["An ISO is attached.", "The main IP is null-routed."],
        confirm_label="Stop",
    ),
    "type-to-confirm": lambda: TypeToConfirmDialog("Reinstall VPS", TARGET, "Wipes the disk."),
    "prompt": lambda: PromptDialog("Edit reference", TARGET, label="Reference", value="web-01"),
    "store-credential": lambda: CredentialDialog(TARGET, mode="store"),
    "update-credential": lambda: CredentialDialog(
        TARGET, mode="update", credential_type="OPERATING_SYSTEM", username="root"
    ),
    "null-route": lambda: NullRouteDialog(TARGET, "198.51.100.7"),
    "picker": lambda: PickerDialog("Attach ISO", ISOS, target=TARGET),
    "reinstall": lambda: ReinstallDialog(TARGET, IMAGES, has_snapshot=False),
    "reinstall-blocked": lambda: ReinstallDialog(TARGET, IMAGES, has_snapshot=True),
    "console": lambda: ConsoleDialog(TARGET, "https://console.example/vnc?token=t", opener=None),
}
