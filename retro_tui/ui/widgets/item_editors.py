"""One editor per item kind; each writes its answer to the workbook and reports the change."""

from __future__ import annotations

from collections.abc import Callable

from textual.widget import Widget
from textual.widgets import RadioButton, RadioSet, SelectionList
from textual.widgets.selection_list import Selection

from ...checklist import ChecksItem, ChoiceItem, GapItem, Item, NoteItem, NumberItem, RecordsItem, Section, TargetsItem
from ...i18n import Lang, label_with_unit, pick
from ...numbers import format_number, parse_number, refusal
from ...signs import negative_note
from ...terminal import visible
from ..plain import plain
from ...workbook import Workbook
from .fields import CommitInput, CommitTextArea, kept
from .prose import Prose

OnChange = Callable[[], None]
"""Called after an answer was written to the workbook (the screen saves)."""


def item_label(item: Item, lang: Lang) -> Prose:
    """The item's label (with its unit) and help, above its editor."""
    unit = pick(item.unit, lang) if isinstance(item, NumberItem) else ""
    label = [(label_with_unit(pick(item.label, lang), unit, lang), "bold")]
    return Prose(*label, *([(pick(item.help, lang), "dim")] if item.help else []), classes="item-label")


def editor_for(workbook: Workbook, section: Section, item: Item, lang: Lang, on_change: OnChange) -> Widget:
    from .gap_table import GapTable
    from .records_table import RecordsTable
    from .targets_table import TargetsTable

    options = dict(id=f"item-{item.id}", classes=f"editor editor-{item.kind}")

    def store(answer) -> None:
        workbook.set_value(section.id, item.id, answer)
        on_change()

    def store_text(text: str) -> str | None:
        store(text.strip() if "\n" not in text else text.rstrip())
        return None

    def store_number(text: str) -> str | None:
        try:
            number = parse_number(text)
        except ValueError as error:
            return refusal(error, text, lang)
        store(number)
        return kept(negative_note(item, number, pick(item.label, lang), lang))

    if isinstance(item, TargetsItem):
        return TargetsTable(workbook, section, item, lang, on_change, **options)
    if isinstance(item, GapItem):
        return GapTable(workbook, section, item, lang, **options)
    if isinstance(item, RecordsItem):
        return RecordsTable(workbook, section, item, lang, on_change, **options)
    if isinstance(item, ChecksItem):
        return ChecksEditor(workbook, section, item, lang, on_change, **options)
    if isinstance(item, ChoiceItem):
        return ChoiceEditor(workbook, section, item, lang, on_change, **options)
    value = workbook.value(section.id, item.id)  # (a table reads its own rows, which may be thousands)
    if isinstance(item, NumberItem):
        return CommitInput(format_number(value, 6), store_number, **options)
    placeholder = pick(item.placeholder, lang)
    if isinstance(item, NoteItem):
        return CommitTextArea(visible(value or ""), store_text, placeholder=placeholder, **options)
    return CommitInput(visible(value or ""), store_text, placeholder=placeholder, **options)


class ChoiceEditor(RadioSet):
    def __init__(self, workbook: Workbook, section: Section, item: ChoiceItem, lang: Lang, on_change: OnChange, **kw):
        chosen = workbook.value(section.id, item.id)
        buttons = [RadioButton(plain(pick(o.label, lang)), value=o.id == chosen) for o in item.options]
        super().__init__(*buttons, **kw)
        self.workbook, self.section, self.item, self.on_change = workbook, section, item, on_change

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        self._store(event.index)

    def action_toggle_button(self) -> None:
        """Enter or Space: the highlighted option is the answer, stored now (not when the
        buttons' messages come round: keys typed meanwhile may have moved on)."""
        super().action_toggle_button()
        if self._selected is not None:
            self._store(self._selected)

    def _store(self, index: int) -> None:
        option = self.item.options[index]
        if self.workbook.value(self.section.id, self.item.id) != option.id:
            self.workbook.set_value(self.section.id, self.item.id, option.id)
            self.on_change()


class ChecksEditor(SelectionList[str]):
    def __init__(self, workbook: Workbook, section: Section, item: ChecksItem, lang: Lang, on_change: OnChange, **kw):
        checked = workbook.checks(section.id, item.id)
        super().__init__(*(Selection(plain(pick(p.label, lang)), p.id, bool(checked.get(p.id))) for p in item.points), **kw)
        self.workbook, self.section, self.item, self.on_change = workbook, section, item, on_change

    def action_select(self) -> None:
        """Space: the highlighted point ticked or not, stored now (see ChoiceEditor)."""
        if self.highlighted is not None:
            self.toggle(self.get_option_at_index(self.highlighted))
            self._store()

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()
        self._store()

    def _store(self) -> None:
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
