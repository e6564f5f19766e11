"""`note`: several lines."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...i18n import Lang, pick
from ...terminal import visible
from .base import View, text_store

if TYPE_CHECKING:
    from ...checklist import Section
    from ...session import Session
    from ...workbook import Workbook


class NoteView(View):
    def editor(self, session: Session, section: Section, item: Any, lang: Lang, **options):
        from ..widgets.note_field import CommitTextArea

        return CommitTextArea(visible(session.workbook.value(section.id, item.id) or ""),
                              text_store(session, section, item), placeholder=pick(item.placeholder, lang),
                              **options)

    def height(self, workbook: Workbook, section: Section, item: Any) -> int:
        return 7


VIEW = NoteView()
