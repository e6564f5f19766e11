"""`choice`: one of a few options, picked with the arrows and Space (never typed)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.widgets import RadioButton, RadioSet

from ...i18n import Lang, pick
from ..changes import OfSession, record
from ..plain import plain
from .base import View

if TYPE_CHECKING:
    from ...checklist import ChoiceItem, Section
    from ...session import Session
    from ...workbook import Workbook


class ChoiceView(View):
    def editor(self, session: Session, section: Section, item: ChoiceItem, lang: Lang, **options):
        return ChoiceEditor(session, section, item, lang, **options)

    def height(self, workbook: Workbook, section: Section, item: Any) -> int:
        return len(item.options) + 3


class ChoiceEditor(OfSession, RadioSet):
    def __init__(self, session: Session, section: Section, item: ChoiceItem, lang: Lang, **kw):
        workbook = session.workbook
        chosen = workbook.value(section.id, item.id)
        buttons = [RadioButton(plain(pick(o.label, lang)), value=o.id == chosen) for o in item.options]
        super().__init__(*buttons, **kw)
        self.session, self.section, self.item = session, section, item

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
            record(self, self.session)


VIEW = ChoiceView()
