"""Shared modal base: target header, warnings, inline error, buttons and key hints.

Every dialog in this package is a :class:`DialogScreen`. A subclass supplies
``compose_body`` (its fields, :class:`DialogInput` for text), ``build_result`` (turn the
fields into the dismiss value, or raise :class:`InvalidInput`) and its ``BINDINGS``. Buttons
exist for the mouse but never take focus, so a key such as ``y`` or Enter always means the
same thing.

One rule for Enter (issue 11): it runs the dialog's own Enter binding whatever field has the
focus (Tab moves between fields; only an open drop-down list takes Enter to pick an entry).
A dialog without one (the y/n confirmations) says so when Enter is pressed. Only the button of
the Enter binding is drawn as the default button, and the key hints are generated from the
bindings that are live for the focused field and the dialog.

The target's identity is pinned above the scrolling body, so it stays on screen however long
the dialog; on a terminal too small to show it with the buttons, the dialog says so and
submits nothing.

Only a deliberate key press answers a dialog (issue 10): a key or paste read less than
:data:`KEY_GUARD_SECONDS` after the dialog opened (by the event's own timestamp, so a key read
together with the one that opened it counts as early however late it is handled) is dropped,
not queued; Enter in a field submits what the field held when Enter was read, and keys read
after the dialog was answered reach nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar, Generic, TypeVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.keys import key_to_character
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Select, Static

from lswtui.core.dialogs import ActionTarget
from lswtui.tui.dialogs.target import render_target
from lswtui.tui.textual_compat import OrderedInput

ResultT = TypeVar("ResultT")

#: Keys read within this many seconds of a dialog opening are dropped.
KEY_GUARD_SECONDS = 0.35

#: (label, action on the screen, button variant)
ButtonSpec = tuple[str, str, str]


class InvalidInput(ValueError):
    """Raised by ``build_result`` when the fields cannot be submitted; the text is shown inline."""


def warning_text(message: str) -> Text:
    """A pre-flight advisory, labelled so it does not rely on colour."""
    return Text.assemble(("WARNING: ", "bold"), message)


def error_text(message: str) -> Text:
    return Text.assemble(("✗ ", "bold"), message)


def declared_bindings(cls: type, *, below: type | None = None) -> list[Binding]:
    """The bindings ``cls`` and its bases declare, the most derived first, one per key;
    with ``below``, only those of the classes derived from ``below``."""
    declared: list[BindingType] = []
    for base in cls.__mro__:
        if below is None or (base is not below and issubclass(base, below)):
            declared.extend(base.__dict__.get("BINDINGS", ()))
    by_key: dict[str, Binding] = {}
    for binding in Binding.make_bindings(declared):
        by_key.setdefault(binding.key, binding)
    return list(by_key.values())


def own_bindings(node: object) -> list[Binding]:
    """The bindings of a node's classes (:func:`declared_bindings`)."""
    return declared_bindings(type(node))


class DialogInput(OrderedInput):
    """A dialog's text field: takes keys only while its dialog does, and none after Enter.

    Enter is handled by the dialog once the key has bubbled up to it; keys read in the same
    burst would be typed into the field meanwhile and sent with it. So from Enter until the
    dialog has handled it the field is sealed: what is submitted is what it held when Enter was
    read.
    """

    sealed = False

    async def _on_key(self, event: events.Key) -> None:
        dialog = self.screen
        if not isinstance(dialog, DialogScreen):
            return
        if self.sealed or not dialog.takes(event):
            event.stop()
            event.prevent_default()
        elif event.key == "enter":
            self.sealed = True

    def _on_paste(self, event: events.Paste) -> None:
        dialog = self.screen
        if isinstance(dialog, DialogScreen) and (self.sealed or not dialog.takes(event)):
            event.stop()
            event.prevent_default()


class DialogSelect(Select[str]):
    """A dialog's drop-down: Enter is the dialog's (it submits), so space or ↓ opens the list."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("space", "show_overlay", "Open list")]


def in_open_list(widget: Widget | None) -> bool:
    """Whether ``widget`` is (in) an expanded drop-down, where Enter picks the entry."""
    return widget is not None and any(
        isinstance(node, Select) and node.expanded for node in widget.ancestors_with_self
    )


class DialogScreen(ModalScreen[ResultT], Generic[ResultT]):
    """Base of every lswtui modal dialog."""

    DEFAULT_CSS = """
    DialogScreen {
        align: center middle;
    }
    DialogScreen #dialog-box {
        width: 78;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        border-title-style: bold;
        background: $surface;
        padding: 0 1;
    }
    DialogScreen #dialog-body {
        height: auto;
        max-height: 1fr;
    }
    DialogScreen #dialog-body Vertical {
        height: auto;
    }
    DialogScreen #dialog-body > *:last-child {
        margin-bottom: 0;
    }
    DialogScreen .dialog-row {
        height: auto;
    }
    DialogScreen .dialog-row > Vertical {
        margin-right: 1;
    }
    DialogScreen .dialog-row > Vertical:last-child {
        margin-right: 0;
    }
    DialogScreen .dialog-row > .dialog-narrow {
        width: 26;
    }
    DialogScreen #dialog-footer {
        dock: bottom;
        height: auto;
    }
    DialogScreen #dialog-target {
        background: $panel;
        padding: 0 1;
        margin-bottom: 1;
        height: auto;
    }
    DialogScreen #dialog-too-small {
        display: none;
        width: 100%;
        height: auto;
        background: $surface;
        color: $text;
        text-style: bold;
    }
    DialogScreen.-too-small #dialog-too-small {
        display: block;
    }
    DialogScreen.-too-small #dialog-box {
        display: none;
    }
    DialogScreen #dialog-description {
        margin-bottom: 1;
    }
    DialogScreen .dialog-warning {
        color: $text-warning;
        border-left: outer $warning;
        padding-left: 1;
        margin-bottom: 1;
    }
    DialogScreen .dialog-danger {
        color: $text-error;
        text-style: bold;
        border-left: outer $error;
        padding-left: 1;
        margin-bottom: 1;
    }
    DialogScreen .dialog-label {
        color: $text;
    }
    DialogScreen Input, DialogScreen Select {
        width: 1fr;
    }
    DialogScreen .dialog-note {
        color: $text-muted;
    }
    DialogScreen #dialog-error {
        display: none;
        color: $text-error;
        text-style: bold;
    }
    DialogScreen #dialog-error.-shown {
        display: block;
    }
    DialogScreen #dialog-buttons {
        height: auto;
        align-horizontal: right;
        margin-top: 1;
    }
    DialogScreen #dialog-buttons Button {
        margin-left: 2;
    }
    DialogScreen #dialog-hints {
        color: $text-muted;
        background: $panel;
        padding: 0 1;
    }
    DialogScreen OptionList {
        height: auto;
        max-height: 10;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel / close"),
        # Priority: the app runs these before it hands the next key of the same read to the
        # focused field, so "INC-42 Tab 1" in one read types 1 into the next field.
        Binding("tab", "app.focus_next", "Focus Next", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", "Focus Previous", show=False, priority=True),
    ]

    #: What ``escape`` / Cancel dismisses with.
    CANCEL_RESULT: ClassVar[Any] = None
    SUBMIT_LABEL: ClassVar[str] = "OK"
    #: How the Escape hint and the Cancel button read ("Close" where nothing is submitted).
    CANCEL_LABEL = "Cancel"
    #: What the help screen calls the dialog ("": not listed, e.g. an abstract base).
    HELP_TITLE: ClassVar[str] = ""
    #: The smallest terminal (columns, rows) that shows the target, the buttons and the hints
    #: with a few lines of the body; below it the dialog says so and submits nothing.
    MIN_SIZE: ClassVar[tuple[int, int]] = (60, 14)

    def __init__(
        self,
        title: str,
        target: ActionTarget | None = None,
        *,
        description: str | Text | None = None,
        warnings: Sequence[str] = (),
        submit_label: str | None = None,
    ) -> None:
        super().__init__()
        self._dialog_title = title
        self.target = target
        self._description = description
        self._warnings = tuple(warnings)
        self._submit_label = submit_label or self.SUBMIT_LABEL
        self._finished = False
        self._error_message: str | None = None
        #: When keys start to count (the time the dialog opened plus the guard); None until then.
        self.keys_from: float | None = None

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        yield Static(id="dialog-too-small")
        with Vertical(id="dialog-box") as box:
            box.border_title = Text(self._dialog_title)
            # The target, error, buttons and key hints stay put; only the body scrolls.
            if self.target is not None:
                yield Static(render_target(self.target), id="dialog-target")
            with Vertical(id="dialog-footer"):
                yield Static(id="dialog-error")
                with Horizontal(id="dialog-buttons"):
                    enter = self.enter_binding(enabled_only=False)
                    for label, action, variant in self.dialog_buttons():
                        button = Button(
                            Text(label),
                            # Only the button Enter presses looks like the default one.
                            variant if enter and action == enter.action else "default",  # type: ignore[arg-type]
                            action=f"screen.{action}",
                            compact=True,
                        )
                        button.can_focus = False
                        yield button
                yield Static(id="dialog-hints")
            with VerticalScroll(id="dialog-body"):
                if self._description:
                    description = self._description
                    if isinstance(description, str):
                        description = Text(description)
                    yield Static(description, id="dialog-description")
                for warning in self._warnings:
                    yield Static(warning_text(warning), classes="dialog-warning")
                yield from self.compose_body()

    def compose_body(self) -> Iterable[Widget]:
        """The dialog's own fields, between the advisories and the buttons."""
        return ()

    def dialog_buttons(self) -> Sequence[ButtonSpec]:
        return ((self._submit_label, "submit", "primary"), (self.CANCEL_LABEL, "cancel", "default"))

    def on_mount(self, event: events.Mount) -> None:
        self.keys_from = event.time + KEY_GUARD_SECONDS
        self._fit(self.app.size.width, self.app.size.height)
        body = self.query_one("#dialog-body")
        fields = self.fields()
        # With fields, Tab cycles through them only; without, the body takes keys to scroll.
        body.can_focus = not fields
        self.set_focus(fields[0] if fields else body)
        self.refresh_hints()

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.width, event.size.height)

    def _fit(self, width: int, height: int) -> None:
        min_width, min_height = self.MIN_SIZE
        self.set_class(width < min_width or height < min_height, "-too-small")
        self.query_one("#dialog-too-small", Static).update(
            Text(
                f"Terminal too small ({width}x{height}): needs {min_width}x{min_height}. esc cancels."
            )
        )
        self.refresh_bindings()

    @property
    def too_small(self) -> bool:
        return self.has_class("-too-small")

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self.refresh_hints()

    # ------------------------------------------------------------------ keys and hints
    def enter_binding(self, *, enabled_only: bool = True) -> Binding | None:
        """The dialog's own binding of Enter (allowed now, unless ``enabled_only`` is off)."""
        for binding in own_bindings(self):
            if binding.key == "enter":
                if not enabled_only or self.check_action(binding.action, ()):
                    return binding
                return None
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Nothing is submitted from a dialog whose target cannot be shown.
        if self.too_small and action != "cancel":
            return False
        return self.allows(action)

    def allows(self, action: str) -> bool:
        """Whether the dialog's ``action`` is available in its current step."""
        return True

    def hints(self) -> list[tuple[str, str]]:
        """(keys, what they do) for every key that works now, in the order shown.

        From the shown bindings of the focused field and its containers, then the dialog's
        own (Enter first), Tab when there are fields to move between, and cancel last. Keys
        sharing a description are merged (``↑/↓ Move``, ``n/esc Cancel``).
        """
        if in_open_list(self.focused):
            return [("⏎", "Pick"), ("esc", "Close the list")]
        display = self.app.get_key_display
        typing = isinstance(self.focused, Input)  # a printable key is typed, not a command
        chain: list[Widget] = []
        for node in self.focused.ancestors_with_self if self.focused else ():
            if node is self or not isinstance(node, Widget):
                break
            chain.append(node)
        by_text: dict[str, list[str]] = {}
        enter = self.enter_binding()
        if enter is not None:
            by_text[self._label_of(enter)] = [display(enter)]
        seen: set[str] = set()
        for node in [*chain, self]:
            for binding in own_bindings(node):
                if binding.key in seen or binding.key == "enter" or not binding.show:
                    continue
                seen.add(binding.key)
                if binding.action == "cancel" or not node.check_action(binding.action, ()):
                    continue
                character = key_to_character(binding.key)
                if typing and character is not None and character.isprintable():
                    continue
                by_text.setdefault(self._label_of(binding), []).append(display(binding))
        if len(self.fields()) > 1:
            by_text["Next field"] = [
                display(b) for b in own_bindings(self) if b.action == "app.focus_next"
            ]
        by_text.setdefault(self.CANCEL_LABEL, []).extend(
            display(b) for b in own_bindings(self) if b.action == "cancel"
        )
        return [("/".join(keys), text) for text, keys in by_text.items() if keys]

    def fields(self) -> list[Widget]:
        """The widgets of the body that take the focus (Tab moves between them)."""
        body = self.query_one("#dialog-body")

        def shown(widget: Widget) -> bool:
            node: DOMNode | None = widget
            while node is not None and node is not body:
                if not node.display:
                    return False
                node = node.parent
            return True

        return [w for w in body.query("*") if w.focusable and shown(w)]

    def _label_of(self, binding: Binding) -> str:
        return self._submit_label if binding.action == "submit" else binding.description

    def refresh_hints(self) -> None:
        """Show :meth:`hints` as footer-style key hints."""
        parts = [Text.assemble((key, "bold"), " ", text) for key, text in self.hints()]
        self.query_one("#dialog-hints", Static).update(Text("  ").join(parts))

    async def press_enter(self) -> None:
        """Run the dialog's Enter binding, or say which keys answer a dialog that has none."""
        enter = self.enter_binding()
        if enter is None:
            keys = ", ".join(f"{key} {text}" for key, text in self.hints())
            self.show_error(f"Enter does nothing here; the keys are: {keys}.")
        else:
            await self.run_action(enter.action)

    # ------------------------------------------------------------------ errors
    def show_error(self, message: str) -> None:
        error = self.query_one("#dialog-error", Static)
        self._error_message = message
        error.update(error_text(message))
        error.add_class("-shown")

    def clear_error(self) -> None:
        error = self.query_one("#dialog-error", Static)
        self._error_message = None
        error.update("")
        error.remove_class("-shown")

    @property
    def error_message(self) -> str | None:
        """The inline error currently shown, if any."""
        return self._error_message

    # ------------------------------------------------------------------ results
    def build_result(self) -> ResultT:
        """Return the dismiss value, or raise :class:`InvalidInput`."""
        raise NotImplementedError

    def finish(self, result: Any) -> None:
        if self._finished:
            return
        self._finished = True
        self.dismiss(result)

    def action_submit(self) -> None:
        try:
            result = self.build_result()
        except InvalidInput as error:
            self.show_error(str(error))
            return
        self.finish(result)

    def action_cancel(self) -> None:
        self.finish(self.CANCEL_RESULT)

    # ------------------------------------------------------------------ input
    def takes(self, event: events.Key | events.Paste) -> bool:
        """Whether an input event may act on this dialog: read after the guard, before an answer."""
        return self.keys_from is not None and event.time >= self.keys_from and not self._finished

    async def on_key(self, event: events.Key) -> None:
        # Keys for the dialog's bindings bubble here before the app looks the bindings up.
        if not self.takes(event):
            event.stop()
            event.prevent_default()
        elif event.key == "enter" and not in_open_list(self.focused):
            event.stop()
            event.prevent_default()
            await self.press_enter()
            for field in self.query(DialogInput):
                field.sealed = False  # still open (an error, or nothing to submit): editing goes on

    def on_input_changed(self, event: Input.Changed) -> None:
        if self.error_message is not None:
            self.recheck()

    def recheck(self) -> None:
        """Called on edits while an error is shown; by default the edit clears it."""
        self.clear_error()


def dialog_classes() -> list[type[DialogScreen[Any]]]:
    """Every dialog the help screen lists (each subclass with a ``HELP_TITLE``)."""
    found: list[type[DialogScreen[Any]]] = []
    pending: list[type[DialogScreen[Any]]] = [DialogScreen]
    while pending:  # depth first: the confirmations together, as defined
        cls = pending.pop()
        if cls.HELP_TITLE:
            found.append(cls)
        pending.extend(reversed(cls.__subclasses__()))
    return found
