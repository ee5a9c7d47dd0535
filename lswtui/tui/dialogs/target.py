"""The VPS an action is about to touch, and its header block.

Everything here renders API strings through :class:`rich.text.Text`, never through
markup interpolation, so a reference such as ``"[bold]x"`` is shown literally.
"""

from __future__ import annotations

from rich.text import Text

from lswtui.core.dialogs import ActionTarget

NOT_SET = "(none)"


def _pair(label: str, value: str | None) -> Text:
    text = Text(f"{label} ", style="bold")
    if value:
        text.append(value)
    else:
        text.append(NOT_SET, style="italic")
    return text


def render_target(target: ActionTarget) -> Text:
    """Two lines: ``VPS <id>  Reference <ref>`` / ``Main IP <ip>  Profile <profile>``."""
    return Text("\n").join(
        [
            Text("   ").join([_pair("VPS", target.vps_id), _pair("Reference", target.reference)]),
            Text("   ").join([_pair("Main IP", target.main_ip), _pair("Profile", target.profile)]),
        ]
    )
