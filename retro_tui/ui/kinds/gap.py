"""`gap`: the sales gap split by factor, read-only (filled by import)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...i18n import Lang
from .base import View

if TYPE_CHECKING:
    from ...checklist import GapItem, Section
    from ...session import Session
    from ...workbook import Workbook


class GapView(View):
    def editor(self, session: Session, section: Section, item: GapItem, lang: Lang, **options):
        from ..widgets.gap_table import GapTable

        return GapTable(session.workbook, section, item, lang, **options)

    def height(self, workbook: Workbook, section: Section, item: Any) -> int:
        return 12 if workbook.is_answered(section, item) else 5  # a table of five lines and three of text, or one line


VIEW = GapView()
