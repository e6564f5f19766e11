"""One editor per item kind; each writes its answer to the workbook and reports the change."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text as RichText
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import RadioButton, RadioSet, SelectionList, Static
from textual.widgets.selection_list import Selection

from ...checklist import (
    ChecksItem,
    ChoiceItem,
    Item,
    NoteItem,
    NumberItem,
    RecordsItem,
    Section,
    TargetsItem,
)
from ...i18n import Lang, pick, tr
from ...numbers import format_number, parse_number
from ...workbook import Workbook
from .fields import CommitInput, CommitTextArea

OnChange = Callable[[], None]
"""Called after an answer was written to the workbook (the screen saves)."""


class ItemBlock(Vertical):
    """An item: its label and help, then its editor."""

    def __init__(self, workbook: Workbook, section: Section, item: Item, lang: Lang, on_change: OnChange) -> None:
        super().__init__(classes=f"item item-{item.kind}")
        self.workbook, self.section, self.item, self.lang, self.on_change = workbook, section, item, lang, on_change

    def compose(self) -> ComposeResult:
        label = RichText(pick(self.item.label, self.lang), style="bold")
        if self.item.help:
            label.append("\n" + pick(self.item.help, self.lang), style="dim")
        yield Static(label, classes="item-label")
        yield editor_for(self.workbook, self.section, self.item, self.lang, self.on_change)


def editor_for(workbook: Workbook, section: Section, item: Item, lang: Lang, on_change: OnChange) -> Widget:
    from .records_table import RecordsTable
    from .targets_table import TargetsTable

    value = workbook.value(section.id, item.id)
    item_id = f"item-{item.id}"

    def store(text: str) -> str | None:
        workbook.set_value(section.id, item.id, text.strip() if "\n" not in text else text.rstrip())
        on_change()
        return None

    if isinstance(item, TargetsItem):
        return TargetsTable(workbook, section, item, lang, on_change, id=item_id)
    if isinstance(item, RecordsItem):
        return RecordsTable(workbook, section, item, lang, on_change, id=item_id)
    if isinstance(item, ChecksItem):
        return ChecksEditor(workbook, section, item, lang, on_change, id=item_id)
    if isinstance(item, ChoiceItem):
        return ChoiceEditor(workbook, section, item, lang, on_change, id=item_id)
    if isinstance(item, NumberItem):
        return NumberEditor(workbook, section, item, lang, on_change, id=item_id)
    placeholder = pick(getattr(item, "placeholder", None), lang)
    if isinstance(item, NoteItem):
        return CommitTextArea(value or "", store, id=item_id, placeholder=placeholder)
    return CommitInput(value or "", store, id=item_id, placeholder=placeholder)


def number_committer(lang: Lang, write: Callable[[float | int | None], None]):
    """A commit function for a field holding a number (`1.2万`, `¥1,234`, `12.5%` accepted)."""

    def commit(text: str) -> str | None:
        try:
            number = parse_number(text)
        except ValueError:
            return tr("invalid_number", lang, value=text.strip())
        write(number)
        return None

    return commit


class NumberEditor(Horizontal):
    def __init__(self, workbook: Workbook, section: Section, item: NumberItem, lang: Lang, on_change: OnChange, **kw):
        super().__init__(classes="number-editor", **kw)
        self.workbook, self.section, self.item, self.lang, self.on_change = workbook, section, item, lang, on_change

    def compose(self) -> ComposeResult:
        def write(number: float | int | None) -> None:
            self.workbook.set_value(self.section.id, self.item.id, number)
            self.on_change()

        value = self.workbook.value(self.section.id, self.item.id)
        yield CommitInput(format_number(value, 6), number_committer(self.lang, write), classes="number")
        yield Static(pick(self.item.unit, self.lang), classes="unit")


class ChoiceEditor(RadioSet):
    def __init__(self, workbook: Workbook, section: Section, item: ChoiceItem, lang: Lang, on_change: OnChange, **kw):
        chosen = workbook.value(section.id, item.id)
        buttons = [RadioButton(pick(o.label, lang), value=o.id == chosen) for o in item.options]
        super().__init__(*buttons, **kw)
        self.workbook, self.section, self.item, self.on_change = workbook, section, item, on_change

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        option = self.item.options[event.index]
        if self.workbook.value(self.section.id, self.item.id) != option.id:
            self.workbook.set_value(self.section.id, self.item.id, option.id)
            self.on_change()


class ChecksEditor(SelectionList[str]):
    def __init__(self, workbook: Workbook, section: Section, item: ChecksItem, lang: Lang, on_change: OnChange, **kw):
        checked = workbook.checks(section.id, item.id)
        super().__init__(
            *(Selection(pick(p.label, lang), p.id, bool(checked.get(p.id))) for p in item.points), **kw
        )
        self.workbook, self.section, self.item, self.on_change = workbook, section, item, on_change

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()
        selected = set(self.selected)
        stored = self.workbook.checks(self.section.id, self.item.id)
        changed = False
        for point in self.item.points:
            now = point.id in selected
            if bool(stored.get(point.id)) != now and (now or point.id in stored):
                self.workbook.set_check(self.section.id, self.item.id, point.id, now)
                changed = True
        if changed:
            self.on_change()
