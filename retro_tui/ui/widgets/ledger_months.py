"""A cost ledger's lines month by month (read-only, as the import filled them)."""

from __future__ import annotations

from rich.table import Table
from textual.widgets import Static

from ... import ledger
from ...checklist import LedgerItem, Section
from ...i18n import Lang, pick, tr
from ...numbers import format_amount
from ...workbook import Workbook
from ..plain import plain


class LedgerMonths(Static):
    """Month | each line | total: the spend of each whole month of the period."""

    def __init__(self, workbook: Workbook, section: Section, item: LedgerItem, lang: Lang, **kw) -> None:
        super().__init__(**kw)
        self.add_class("ledger-months")
        self.workbook, self.section, self.item, self.lang = workbook, section, item, lang

    def on_mount(self) -> None:
        self.show()

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
