"""`checks`: yes/no points, ticked with Space."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.widgets import SelectionList
from textual.widgets.selection_list import Selection

from ...i18n import Lang, pick
from ..changes import OfSession, record
from ..plain import plain
from .base import View

if TYPE_CHECKING:
    from ...checklist import ChecksItem, Section
    from ...session import Session
    from ...workbook import Workbook


class ChecksView(View):
    def editor(self, session: Session, section: Section, item: ChecksItem, lang: Lang, **options):
        return ChecksEditor(session, section, item, lang, **options)

    def height(self, workbook: Workbook, section: Section, item: Any) -> int:
        return len(item.points) + 3


class ChecksEditor(OfSession, SelectionList[str]):
    def __init__(self, session: Session, section: Section, item: ChecksItem, lang: Lang, **kw):
        workbook = session.workbook
        checked = workbook.checks(section.id, item.id)
        super().__init__(*(Selection(plain(pick(p.label, lang)), p.id, bool(checked.get(p.id))) for p in item.points), **kw)
        self.session, self.section, self.item = session, section, item

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
            record(self, self.session)


VIEW = ChecksView()
