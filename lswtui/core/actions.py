"""The catalogue of VPS actions: each names its key, its rule and the flow that runs it.

It is the one registry of actions: the runner starts an action's flow from here, and the
TUI's command registry makes the bindings, palette entries and help rows from it.
"""

from __future__ import annotations

from dataclasses import dataclass

from lswtui.core import flows, rescue
from lswtui.core.rules import (
    ActionContext,
    Rule,
    always,
    can_rescue,
    can_snapshot,
    has_credentials,
    has_ready_snapshot,
    in_rescue,
    ip_nulled,
    ipv4_not_nulled,
    iso_attached,
    needs_state,
    no_iso,
    no_snapshot_for_reinstall,
)


@dataclass(frozen=True)
class ActionSpec:
    id: str
    title: str  # palette title; begins with the words users search for
    key: str | None
    help: str
    flow: type[flows.Flow]  # what it asks and sends
    rule: Rule = always
    family: str = ""  # actions on the same thing; one of a family is tracked at a time
    mutating: bool = True  # False: it reads only (console), and read-only mode offers it

    def reason(self, ctx: ActionContext) -> str | None:
        """Why the action is unavailable for this target, or None."""
        return self.rule(ctx)


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec(
        "start",
        "Start VPS",
        "S",
        "Power on a STOPPED VPS",
        flows.StartFlow,
        needs_state("STOPPED"),
        family="power",
    ),
    ActionSpec(
        "stop",
        "Stop VPS",
        "X",
        "Power off a RUNNING VPS",
        flows.StopFlow,
        needs_state("RUNNING"),
        family="power",
    ),
    ActionSpec(
        "reboot",
        "Reboot VPS",
        "B",
        "Restart a RUNNING VPS",
        flows.RebootFlow,
        needs_state("RUNNING"),
        family="power",
    ),
    ActionSpec(
        "reinstall",
        "Reinstall VPS",
        "R",
        "Wipe the disk and install an image",
        flows.ReinstallFlow,
        no_snapshot_for_reinstall,
        family="power",
    ),
    ActionSpec(
        "edit_reference",
        "Edit reference",
        "E",
        "Rename the VPS (its reference)",
        flows.EditReferenceFlow,
        family="reference",
    ),
    ActionSpec(
        "console",
        "Open console",
        "O",
        "Get the web console URL of a RUNNING VPS (copied over OSC 52)",
        flows.ConsoleFlow,
        needs_state("RUNNING"),  # the API answers 400 otherwise: a stopped VPS has no screen
        family="console",
        mutating=False,
    ),
    ActionSpec(
        "reset_password",
        "Reset password",
        "P",
        "Have Leaseweb set a new OS password",
        flows.ResetPasswordFlow,
        family="credentials",
    ),
    ActionSpec(
        "store_credential",
        "Store credential",
        "C",
        "Store a username and password with Leaseweb",
        flows.StoreCredentialFlow,
        family="credentials",
    ),
    ActionSpec(
        "update_credential",
        "Update credential",
        "W",
        "Change a stored password",
        flows.UpdateCredentialFlow,
        has_credentials,
        family="credentials",
    ),
    ActionSpec(
        "delete_credential",
        "Delete credential",
        None,
        "Remove one stored credential",
        flows.DeleteCredentialFlow,
        has_credentials,
        family="credentials",
    ),
    ActionSpec(
        "delete_all_credentials",
        "Delete all credentials",
        None,
        "Remove every stored credential",
        flows.DeleteAllCredentialsFlow,
        has_credentials,
        family="credentials",
    ),
    ActionSpec(
        "attach_iso",
        "Attach ISO",
        "I",
        "Boot media from the ISO catalogue",
        flows.AttachIsoFlow,
        no_iso,
        family="iso",
    ),
    ActionSpec(
        "detach_iso",
        "Detach ISO",
        "D",
        "Remove the attached ISO",
        flows.DetachIsoFlow,
        iso_attached,
        family="iso",
    ),
    ActionSpec(
        "rescue_boot",
        "Rescue boot",
        None,
        "Attach a rescue ISO (GRML), boot from it, open the console: each step confirmed",
        rescue.RescueBootFlow,
        can_rescue,
        family="power",
    ),
    ActionSpec(
        "leave_rescue",
        "Leave rescue",
        None,
        "Detach the rescue ISO and boot from the disk: each step confirmed",
        rescue.LeaveRescueFlow,
        in_rescue,
        family="power",
    ),
    ActionSpec(
        "create_snapshot",
        "Create snapshot",
        "N",
        "Snapshot a RUNNING VPS (one per VPS)",
        flows.CreateSnapshotFlow,
        can_snapshot,
        family="snapshot",
    ),
    ActionSpec(
        "restore_snapshot",
        "Restore snapshot",
        "T",
        "Roll the disk back to the snapshot",
        flows.RestoreSnapshotFlow,
        has_ready_snapshot,
        family="power",
    ),
    ActionSpec(
        "delete_snapshot",
        "Delete snapshot",
        "K",
        "Delete the snapshot",
        flows.DeleteSnapshotFlow,
        has_ready_snapshot,
        family="snapshot",
    ),
    ActionSpec(
        "set_reverse_dns",
        "Set reverse DNS",
        "L",
        "Set the PTR record of an IP",
        flows.ReverseDnsFlow,
        family="ips",
    ),
    ActionSpec(
        "null_route",
        "Null route IP",
        "Z",
        "Drop all traffic to an IPv4 address",
        flows.NullRouteFlow,
        ipv4_not_nulled,
        family="ips",
    ),
    ActionSpec(
        "remove_null_route",
        "Remove null route",
        "U",
        "Route a null-routed IP again",
        flows.RemoveNullRouteFlow,
        ip_nulled,
        family="ips",
    ),
)
ACTIONS_BY_ID = {action.id: action for action in ACTIONS}
