"""A cost ledger's lines month by month (read-only, as the import filled them)."""

from __future__ import annotations

from rich.table import Table

from ... import ledger
from ...checklist import LedgerItem
from ...i18n import pick, tr
from ...numbers import format_amount
from ..plain import plain
from .computed import Computed


class LedgerMonths(Computed):
    """Month | each line | total: the spend of each whole month of the period."""

    item: LedgerItem
    DEFAULT_CLASSES = "ledger-months"

    def show(self) -> None:
        months = ledger.by_month(self.workbook, self.section, self.item)
        lang = self.lang
        table = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold",
                      title=plain(tr("ledger_by_month", lang, item=pick(self.item.label, lang))), title_justify="left")
        table.add_column(tr("month", lang))
        for row in self.item.rows:
            table.add_column(plain(pick(row.label, lang)), justify="right")
        table.add_column(tr("ledger_total", lang), justify="right", style="bold")
        for month, values in months.items():
            table.add_row(plain(month), *(format_amount(values.get(row.id), pick(row.unit, "zh")) for row in self.item.rows),
                          format_amount(ledger.month_total(self.item, values), pick(self.item.rows[0].unit, "zh")))
        self.update(table)
