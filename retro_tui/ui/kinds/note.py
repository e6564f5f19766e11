"""`note`: several lines."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...i18n import Lang, pick
from ...terminal import visible
from .base import OnChange, View, text_store

if TYPE_CHECKING:
    from ...checklist import Section
    from ...workbook import Workbook


class NoteView(View):
    def editor(self, workbook: Workbook, section: Section, item: Any, lang: Lang, on_change: OnChange, **options):
        from ..widgets.fields import CommitTextArea

        return CommitTextArea(visible(workbook.value(section.id, item.id) or ""),
                              text_store(workbook, section, item, on_change), placeholder=pick(item.placeholder, lang),
                              **options)

    def height(self, workbook: Workbook, section: Section, item: Any) -> int:
        return 7


VIEW = NoteView()
