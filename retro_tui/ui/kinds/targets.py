"""`targets`: targets against results, a row per metric."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...i18n import Lang
from .base import OnChange, View

if TYPE_CHECKING:
    from ...checklist import Section, TargetsItem
    from ...workbook import Workbook


class TargetsView(View):
    def editor(self, workbook: Workbook, section: Section, item: TargetsItem, lang: Lang, on_change: OnChange,
               **options):
        from ..widgets.targets_table import TargetsTable

        return TargetsTable(workbook, section, item, lang, on_change, **options)

    def height(self, workbook: Workbook, section: Section, item: Any) -> int:
        return len(item.rows) + 4


VIEW = TargetsView()
