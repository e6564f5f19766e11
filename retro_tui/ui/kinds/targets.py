"""`targets`: targets against results, a row per metric."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...i18n import Lang
from .base import View

if TYPE_CHECKING:
    from ...checklist import Section, TargetsItem
    from ...session import Session
    from ...workbook import Workbook


class TargetsView(View):
    def editor(self, session: Session, section: Section, item: TargetsItem, lang: Lang, **options):
        from ..widgets.targets_table import TargetsTable

        return TargetsTable(session, section, item, lang, **options)

    def height(self, workbook: Workbook, section: Section, item: Any) -> int:
        return len(item.rows) + 4


VIEW = TargetsView()
