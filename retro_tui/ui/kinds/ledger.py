"""`ledger`: cost lines as a targets table, and each line's spend month by month below it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ...i18n import Lang
from .targets import TargetsView

if TYPE_CHECKING:
    from textual.widget import Widget

    from ...checklist import LedgerItem, Section
    from ...workbook import Workbook


class LedgerView(TargetsView):
    def below(self, workbook: Workbook, section: Section, item: LedgerItem, lang: Lang) -> Iterator[Widget]:
        if _months(workbook, section, item):
            from textual.containers import HorizontalScroll

            from ..widgets.ledger_months import LedgerMonths

            months = LedgerMonths(workbook, section, item, lang, id=f"months-{item.id}")
            yield HorizontalScroll(months, classes="months-scroll")  # as wide as it is: its total never cut

    def height(self, workbook: Workbook, section: Section, item: Any) -> int:
        months = _months(workbook, section, item)
        return super().height(workbook, section, item) + (months + 3 if months else 0)


def _months(workbook: Workbook, section: Section, item: LedgerItem) -> int:
    """How many months of the month-by-month view there are to show (0: none)."""
    if not item.by_month:
        return 0
    from ...ledger import by_month

    return len(by_month(workbook, section, item))


VIEW = LedgerView()
