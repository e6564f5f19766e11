"""`records`: a table of rows the room adds (issues, actions, a timeline)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...i18n import Lang
from .base import View

if TYPE_CHECKING:
    from ...checklist import RecordsItem, Section
    from ...session import Session
    from ...workbook import Workbook


class RecordsView(View):
    def editor(self, session: Session, section: Section, item: RecordsItem, lang: Lang, **options):
        from ..widgets.records_table import RecordsTable

        return RecordsTable(session, section, item, lang, **options)

    def height(self, workbook: Workbook, section: Section, item: Any) -> int:
        return 2 * workbook.record_count(section.id, item.id) + 4


VIEW = RecordsView()
