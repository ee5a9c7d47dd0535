"""The ``:`` command line at the bottom of the main screen: Tab completes, ↑/↓ walk the
history, Enter runs, Esc closes. It parses what is typed (:class:`CommandLine`) and reports
a command to run by a message; an unknown command or a bad argument is shown on its note line
and nothing runs."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, Static

from lswtui.core.command_line import (
    CommandHistory,
    CommandLine,
    Invocation,
    LineError,
    TabCompletion,
)
from lswtui.tui.textual_compat import OrderedInput

MAX_SHOWN = 8  # completions listed on the note line


class CommandInput(OrderedInput):
    """The prompt's field: Tab, ↑ and ↓ are the command line's, not focus moves."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "complete", "Complete", show=False),
        Binding("up", "history(-1)", "Previous", show=False),
        Binding("down", "history(1)", "Next", show=False),
        Binding("escape", "close", "Close", show=False),
    ]

    class Completing(Message):
        pass

    class Walking(Message):
        def __init__(self, step: int) -> None:
            super().__init__()
            self.step = step

    class Closing(Message):
        pass

    def action_complete(self) -> None:
        self.post_message(self.Completing())

    def action_history(self, step: int) -> None:
        self.post_message(self.Walking(step))

    def action_close(self) -> None:
        self.post_message(self.Closing())


class CommandBar(Vertical):
    DEFAULT_CSS = """
    CommandBar { height: auto; display: none; }
    CommandBar.-open { display: block; }
    CommandBar #command-row { height: 1; }
    CommandBar #command-colon { width: 1; text-style: bold; }
    CommandBar CommandInput, CommandBar CommandInput:focus {
        border: none; height: 1; padding: 0; width: 1fr;
    }
    CommandBar #command-note { color: $text-muted; height: auto; }
    CommandBar #command-note.-error { color: $text-error; text-style: bold; }
    """

    class Run(Message):
        """Run ``invocation`` (the bar has closed)."""

        def __init__(self, invocation: Invocation) -> None:
            super().__init__()
            self.invocation = invocation

    class Closed(Message):
        """The bar closed without running anything: the list takes the keys again."""

    def __init__(self, history: CommandHistory, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.history = history
        self.line = CommandLine(())
        self._completion = TabCompletion(self.line)

    def compose(self) -> ComposeResult:
        yield Static("", id="command-note", markup=False)
        with Horizontal(id="command-row"):
            yield Static(":", id="command-colon")
            yield CommandInput(placeholder="command (Tab completes, ↑ history)", id="command")

    @property
    def input(self) -> CommandInput:
        return self.query_one(CommandInput)

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def open(self, line: CommandLine, text: str = "") -> None:
        """Open on the commands of ``line`` (what can run now)."""
        self.line = line
        self._completion = TabCompletion(line)
        self.add_class("-open")
        self.input.value = text
        self.input.cursor_position = len(text)
        self._note("")
        self.input.focus()

    def close(self) -> None:
        self.remove_class("-open")
        self.input.value = ""
        self._note("")

    def _note(self, text: str, *, error: bool = False) -> None:
        note = self.query_one("#command-note", Static)
        note.update(text)
        note.set_class(error, "-error")
        note.display = bool(text)

    @on(CommandInput.Completing)
    def _complete(self, event: CommandInput.Completing) -> None:
        event.stop()
        self.input.value = self._completion.next(self.input.value)
        self.input.cursor_position = len(self.input.value)
        offered = self._completion.offered
        if len(offered) > 1:
            shown = "  ".join(offered[:MAX_SHOWN]) + ("  …" if len(offered) > MAX_SHOWN else "")
            self._note(shown)
        else:
            self._note(self.line.summary(self.input.value))

    @on(CommandInput.Walking)
    def _walk(self, event: CommandInput.Walking) -> None:
        event.stop()
        value = self.history.previous(self.input.value) if event.step < 0 else self.history.next()
        self.input.value = value
        self.input.cursor_position = len(value)

    @on(CommandInput.Closing)
    def _close_asked(self, event: CommandInput.Closing) -> None:
        event.stop()
        self.close()
        self.post_message(self.Closed())

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.query_one("#command-note", Static).has_class("-error"):
            self._note("")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        parsed = self.line.parse(event.value)
        if parsed is None:
            self.close()
            self.post_message(self.Closed())
            return
        if isinstance(parsed, LineError):
            self._note(parsed.message, error=True)
            return
        problem = self.history.add(event.value)
        self.close()
        if problem:
            self.notify(problem, severity="warning", markup=False)
        self.post_message(self.Run(parsed))
