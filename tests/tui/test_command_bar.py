"""The ``:`` prompt widget in a bare App: Tab completes, ↑/↓ walk the history, Enter runs a
known command, an unknown one is reported on the note line and runs nothing."""

from __future__ import annotations

from textual.app import App, ComposeResult

from lswtui.core.command_line import CommandHistory, CommandLine, LineCommand, Param
from lswtui.tui.widgets.command_bar import CommandBar
from tests.tui.helpers import screen_text

COMMANDS = (
    LineCommand("reboot", "Restart a RUNNING VPS", title="Reboot VPS"),
    LineCommand("refresh", "Reload the list"),
    LineCommand("tab", "Show a tab", (Param("NAME", choices=lambda: ("overview", "ips")),)),
)


class BarApp(App[None]):
    def __init__(self, history: CommandHistory) -> None:
        super().__init__()
        self.history = history
        self.ran: list[tuple[str, tuple[str, ...]]] = []
        self.closed = 0

    def compose(self) -> ComposeResult:
        yield CommandBar(self.history)

    def on_command_bar_run(self, message: CommandBar.Run) -> None:
        self.ran.append((message.invocation.name, message.invocation.args))

    def on_command_bar_closed(self, message: CommandBar.Closed) -> None:
        self.closed += 1


async def test_tab_completes_and_enter_runs(tmp_path):
    app = BarApp(CommandHistory(tmp_path / "history"))
    async with app.run_test() as pilot:
        bar = app.query_one(CommandBar)
        bar.open(CommandLine(COMMANDS))
        await pilot.press("t", "tab")
        assert bar.input.value == "tab "
        await pilot.press("i", "tab")
        assert bar.input.value == "tab ips"
        await pilot.press("enter")
        await pilot.pause()
        assert app.ran == [("tab", ("ips",))]
        assert not bar.is_open
        bar.open(CommandLine(COMMANDS))
        await pilot.press("r", "e", "tab")
        await pilot.pause()
        assert bar.input.value == "reboot"
        assert "reboot  refresh" in screen_text(app)
    assert app.history.lines == ["tab ips"]


async def test_an_unknown_command_is_reported_and_runs_nothing(tmp_path):
    app = BarApp(CommandHistory(tmp_path / "history"))
    async with app.run_test() as pilot:
        bar = app.query_one(CommandBar)
        bar.open(CommandLine(COMMANDS), "rebot")
        await pilot.press("enter")
        await pilot.pause()
        assert "Unknown command :rebot. Did you mean :reboot?" in screen_text(app)
        assert app.ran == [] and bar.is_open
        await pilot.press("escape")
        await pilot.pause()
        assert not bar.is_open and app.closed == 1
    assert app.history.lines == []


async def test_up_and_down_walk_the_history(tmp_path):
    history = CommandHistory(tmp_path / "history")
    history.add("refresh")
    history.add("tab ips")
    app = BarApp(history)
    async with app.run_test() as pilot:
        bar = app.query_one(CommandBar)
        bar.open(CommandLine(COMMANDS))
        await pilot.press("r", "up")
        assert bar.input.value == "tab ips"
        await pilot.press("up")
        assert bar.input.value == "refresh"
        await pilot.press("down", "down")
        assert bar.input.value == "r"
