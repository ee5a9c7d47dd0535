"""Shared modal base: target header, warnings, inline error, buttons and key hints.

Every dialog in this package is a :class:`DialogScreen`. A subclass supplies
``compose_body`` (its fields, :class:`DialogInput` for text), ``build_result`` (turn the
fields into the dismiss value, or raise :class:`InvalidInput`) and its ``BINDINGS``. Buttons
exist for the mouse but never take focus, so a key such as ``y`` or Enter always means the
same thing.

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
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Static

from lswtui.core.dialogs import ActionTarget
from lswtui.tui.dialogs.target import render_target

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


def binding_list(bindings: Iterable[BindingType]) -> list[Binding]:
    return [b if isinstance(b, Binding) else Binding(*b) for b in bindings]


class DialogInput(Input):
    """A dialog's text field: takes keys only while its dialog does, and none after Enter.

    Textual's Input submits from its Enter binding once the key has bubbled up to the app;
    keys read in the same burst would be typed into the field meanwhile and sent with it. So
    from Enter until the dialog has handled the submission the field is sealed: what is
    submitted is what it held when Enter was read.
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

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    #: What ``escape`` / Cancel dismisses with.
    CANCEL_RESULT: ClassVar[Any] = None
    SUBMIT_LABEL: ClassVar[str] = "OK"
    #: How the Escape hint and the Cancel button read ("Close" where nothing is submitted).
    CANCEL_LABEL = "Cancel"
    #: Hints for keys handled by child widgets, e.g. ``(("↑↓", "Move"),)``; shown first.
    EXTRA_HINTS: ClassVar[tuple[tuple[str, str], ...]] = ()

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
        with Vertical(id="dialog-box") as box:
            box.border_title = Text(self._dialog_title)
            # Error, buttons and key hints stay put; only the body scrolls on a small terminal.
            with Vertical(id="dialog-footer"):
                yield Static(id="dialog-error")
                with Horizontal(id="dialog-buttons"):
                    for label, action, variant in self.dialog_buttons():
                        button = Button(
                            Text(label),
                            variant,  # type: ignore[arg-type]
                            action=f"screen.{action}",
                            compact=True,
                        )
                        button.can_focus = False
                        yield button
                yield Static(id="dialog-hints")
            with VerticalScroll(id="dialog-body"):
                if self.target is not None:
                    yield Static(render_target(self.target), id="dialog-target")
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
        self.refresh_hints()
        fields = [w for w in self.query("#dialog-body Input, #dialog-body Select") if w.focusable]
        self.set_focus(fields[0] if fields else self.query_one("#dialog-body"))

    def refresh_hints(self) -> None:
        """Footer-style key hints from this screen's visible, currently allowed bindings.

        Keys sharing an action are merged (``n/esc Cancel``); the dialog's own keys come first.
        """
        by_action: dict[str, tuple[list[str], str]] = {}
        for cls in type(self).__mro__:
            for binding in binding_list(cls.__dict__.get("BINDINGS", ())):
                if binding.show and self.check_action(binding.action, ()):
                    keys, _ = by_action.setdefault(binding.action, ([], binding.description))
                    keys.append(self.app.get_key_display(binding))
        if "submit" in by_action:
            by_action["submit"] = (by_action["submit"][0], self._submit_label)
        if "cancel" in by_action:
            keys, _ = by_action.pop("cancel")
            by_action["cancel"] = (keys, self.CANCEL_LABEL)
        hints = [*self.EXTRA_HINTS, *(("/".join(keys), text) for keys, text in by_action.values())]
        parts = [Text.assemble((key, "bold"), " ", text) for key, text in hints]
        self.query_one("#dialog-hints", Static).update(Text("  ").join(parts))

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

    def on_key(self, event: events.Key) -> None:
        # Keys for the dialog's bindings bubble here before the app looks the bindings up.
        if not self.takes(event):
            event.stop()
            event.prevent_default()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in a field moves to the next field; in the last one it submits the dialog."""
        event.stop()
        fields = [w for w in self.query("#dialog-body Input") if w.focusable]
        if event.input in fields and event.input is not fields[-1]:
            self.set_focus(fields[fields.index(event.input) + 1])
        else:
            self.action_submit()
        if isinstance(event.input, DialogInput):
            event.input.sealed = False  # still open (an error, or the next field): editing goes on

    def on_input_changed(self, event: Input.Changed) -> None:
        if self.error_message is not None:
            self.recheck()

    def recheck(self) -> None:
        """Called on edits while an error is shown; by default the edit clears it."""
        self.clear_error()
