"""A searchable list: pick an ISO, IP, snapshot or credential by typing and Enter."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from lswtui.core.dialogs import ActionTarget, PickerItem
from lswtui.tui.dialogs.base import DialogInput, DialogScreen, InvalidInput


def item_prompt(item: PickerItem) -> Text:
    text = Text(item.label, style="bold")
    if item.id != item.label:
        text.append(f"  {item.id}", style="dim")
    if item.detail:
        text.append(f"  {item.detail}")
    if item.disabled_reason is not None:
        text.append(f"  (unavailable: {item.disabled_reason})", style="italic")
    return text


#: A row given as a PickerItem or as (id, label[, detail[, disabled_reason]]).
ItemLike = PickerItem | Sequence[str | None]


def as_item(row: ItemLike) -> PickerItem:
    return row if isinstance(row, PickerItem) else PickerItem(*row)  # type: ignore[arg-type]


class ChoiceList(OptionList):
    """An OptionList whose moving keys are named in the dialog's key hints."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor_up", "Move"),
        Binding("down", "cursor_down", "Move"),
    ]


class FilterList(Vertical):
    """An Input that filters an OptionList as you type; up/down move the highlight from the Input."""

    DEFAULT_CSS = """
    FilterList {
        height: auto;
    }
    FilterList > .filter-count {
        color: $text-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", "Move"),
        Binding("down", "move(1)", "Move"),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
    ]

    def __init__(
        self,
        items: Iterable[ItemLike],
        *,
        placeholder: str = "Type to filter",
        empty_message: str = "Nothing to choose from.",
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.items = [as_item(row) for row in items]
        self._by_id = {item.id: item for item in self.items}
        self._placeholder = placeholder
        self._empty_message = empty_message

    def compose(self) -> ComposeResult:
        yield DialogInput(placeholder=self._placeholder, classes="filter-input")
        yield OptionList(classes="filter-options")
        yield Static(classes="filter-count")

    @property
    def input(self) -> Input:
        return self.query_one(".filter-input", Input)

    @property
    def options(self) -> OptionList:
        return self.query_one(".filter-options", OptionList)

    def on_mount(self) -> None:
        self.apply_filter("")

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input is self.input:
            self.apply_filter(event.value)

    def apply_filter(self, query: str) -> None:
        shown = [item for item in self.items if item.matches(query.strip())]
        options = self.options
        options.set_options(
            Option(item_prompt(item), id=item.id, disabled=item.disabled) for item in shown
        )
        options.highlighted = next((i for i, item in enumerate(shown) if not item.disabled), None)
        if not self.items:
            count = self._empty_message
        elif not shown:
            count = f"No match for {query.strip()!r} (of {len(self.items)})."
        else:
            unavailable = sum(item.disabled for item in shown)
            count = f"{len(shown)} of {len(self.items)} shown" + (
                f", {unavailable} unavailable" if unavailable else ""
            )
        self.query_one(".filter-count", Static).update(Text(count))

    @property
    def visible_ids(self) -> list[str]:
        options = self.options
        return [options.get_option_at_index(i).id or "" for i in range(options.option_count)]

    @property
    def selected(self) -> PickerItem | None:
        """The highlighted item, unless none is highlighted or it is disabled."""
        option = self.options.highlighted_option
        if option is None or option.disabled or option.id is None:
            return None
        return self._by_id.get(option.id)

    def action_move(self, step: int) -> None:
        if step > 0:
            self.options.action_cursor_down()
        else:
            self.options.action_cursor_up()

    def action_page(self, step: int) -> None:
        if step > 0:
            self.options.action_page_down()  # type: ignore[no-untyped-call]  # unannotated in Textual
        else:
            self.options.action_page_up()  # type: ignore[no-untyped-call]  # unannotated in Textual


class PickerDialog(DialogScreen[str | None]):
    """Type to filter, up/down to move, Enter to pick; returns the item id, Escape → None."""

    HELP_TITLE = "Choose an ISO, IP, snapshot, credential"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit", "Choose"),
    ]
    SUBMIT_LABEL = "Choose"

    def __init__(
        self,
        title: str,
        items: Iterable[ItemLike],
        *,
        target: ActionTarget | None = None,
        description: str | Text | None = None,
        warnings: Sequence[str] = (),
        placeholder: str = "Type to filter",
        empty_message: str = "Nothing to choose from.",
        submit_label: str | None = None,
    ) -> None:
        super().__init__(
            title, target, description=description, warnings=warnings, submit_label=submit_label
        )
        self._items = [as_item(row) for row in items]
        self._placeholder = placeholder
        self._empty_message = empty_message

    def compose_body(self) -> Iterable[Widget]:
        yield FilterList(
            self._items,
            placeholder=self._placeholder,
            empty_message=self._empty_message,
            id="picker-list",
        )

    @property
    def filter_list(self) -> FilterList:
        return self.query_one("#picker-list", FilterList)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_submit()

    def build_result(self) -> str:
        item = self.filter_list.selected
        if item is None:
            raise InvalidInput("Nothing selectable matches; change the filter or press Escape.")
        return item.id
