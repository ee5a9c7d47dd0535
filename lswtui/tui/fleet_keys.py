"""The main screen's keys: which are enabled (Textual's ``check_action``), what the footer was
last drawn with, and the keys the screen answers before its bindings do.

Action keys start their action here, enabled or not (a disabled one answers with its reason:
nothing is dropped silently); their bindings (from the same registry) only label them in the
footer. A binding cannot do this: Textual drops the key of a binding whose ``check_action``
says disabled, and that is what dims it in the footer.

The start is queued on the app, behind the keys typed before it: a cursor key travels through
the screen to the app, where its binding runs, so "j X" typed in one burst must stop the VPS
the cursor moved to, not the one it left. With VPSes marked, an action key acts on them (power
actions and snapshot create; others say why not). A key of one tab pressed on another says
which tab it works on, for the same reason.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from textual.events import Key
from textual.screen import Screen
from textual.widgets import Input

from lswtui.core.actions import ACTIONS_BY_ID
from lswtui.core.marks import Marks
from lswtui.tui.command_registry import FLEET_COMMANDS, FOOTER_ACTIONS, action_keys, keys_of
from lswtui.tui.fleet_accounts import FleetAccounts
from lswtui.tui.panes.tabs import TAB_ACTIONS, DetailTabs
from lswtui.tui.tab_names import TABS


class FleetKeys:
    def __init__(
        self,
        screen: Screen[Any],
        keymap: Mapping[str, str],
        *,
        accounts: Callable[[], FleetAccounts],
        marks: Marks,
        start: Callable[[str], None],
    ) -> None:
        self._screen = screen
        self._accounts = accounts  # the screen's open accounts (made once it is mounted)
        self._marks = marks
        self._start = start  # an action key's action, by its id
        self._action_keys = action_keys(keymap)
        #: The keys that act on one tab only -> (their command's label, that tab).
        self._tab_keys = {
            key.strip(): (command.label, TAB_ACTIONS[command.action])
            for command in FLEET_COMMANDS
            if command.action in TAB_ACTIONS
            for key in keys_of(command, keymap).split(",")
        }
        self._footer_shown: tuple[bool | None, ...] = ()

    @property
    def _tabs(self) -> DetailTabs:
        return self._screen.query_one(DetailTabs)

    @property
    def in_details(self) -> bool:
        """The keys go to the detail tabs (not to the list)."""
        focused = self._screen.focused
        return focused is not None and self._tabs in focused.ancestors_with_self

    def allows(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The screen's ``check_action``: True enabled, None dimmed, False hidden."""
        if action in TAB_ACTIONS:
            return self._tabs.active == TAB_ACTIONS[action]
        if action == "clear_marks":  # esc clears the marks first, then the filter
            return bool(self._marks) and not self.in_details
        if action in ("toggle_mark", "mark_all"):  # marks are the list's, not a tab's rows
            return not self.in_details
        if action == "vps_action":
            return self.action_state(str(parameters[0]))
        if action == "next_account":
            return self._accounts().accounts.several
        return True

    def action_state(self, action_id: str) -> bool | None:
        """Hidden (False) in read-only mode, dimmed (None) when its rule fails or it is busy."""
        account = self._accounts().selected
        if ACTIONS_BY_ID[action_id].mutating and account.session.read_only:
            return False
        return None if account.runner.unavailable(action_id) else True

    @property
    def footer_stale(self) -> bool:
        """A footer action changed state since the footer was drawn (a cursor move re-draws
        the footer only then: rebuilding its keys on every move would cost a layout per key)."""
        return self._footer_actions() != self._footer_shown

    def footer_drawn(self) -> None:
        self._footer_shown = self._footer_actions()

    def _footer_actions(self) -> tuple[bool | None, ...]:
        return tuple(self.action_state(action_id) for action_id in FOOTER_ACTIONS)

    def route(self, event: Key) -> None:
        """A key the screen saw before its bindings: an action key or a tab key (see above)."""
        if isinstance(self._screen.focused, Input):
            return
        if (tab_key := self._tab_keys.get(event.key)) and self._tabs.active != tab_key[1]:
            event.stop()
            label, tab = tab_key
            number, name = next((n, t[1]) for n, t in enumerate(TABS, 1) if t[0] == tab)
            self._screen.notify(
                f"{label} works on the {name} tab ({number}): press {number} first.",
                markup=False,
            )
            return
        action_id = self._action_keys.get(event.key) or self._action_keys.get(event.character or "")
        if action_id is None:
            return
        event.stop()
        self._screen.app.call_later(self._start, action_id)
