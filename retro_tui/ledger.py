"""The input side of input and output: cost lines with their shares and total."""

from __future__ import annotations

import re

import msgspec

from .checklist import LedgerItem, Section, TargetRow
from .i18n import Lang, tr
from .numbers import format_percent
from .targets import RowTexts, row_texts

MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
"""A key of a line's month-by-month figures (`2025-03`)."""


class Totals(msgspec.Struct, frozen=True):
    target: float | None
    """The lines' budgets added up; None unless every line has one (a part is no total)."""
    actual: float | None
    """Their spend added up, on the same rule."""
    shares: dict[str, float | None]
    """Line id → its share of the total spend (0.25 = 25%)."""
    revenue: float | None
    """The turnover the ledger names (`revenue`), when it has an actual."""

    @property
    def cost_ratio(self) -> float | None:
        """The total spend as a share of the turnover."""
        if self.actual is None or not self.revenue or self.revenue <= 0:
            return None
        return self.actual / self.revenue


def _sum(values: list[float | None]) -> float | None:
    return None if not values or any(v is None for v in values) else sum(values)  # type: ignore[arg-type]


def totals(workbook, section: Section, item: LedgerItem) -> Totals:
    lines = workbook.target_rows(section.id, item.id, [row.id for row in item.rows])
    target = _sum([line.target for line in lines.values()])
    actual = _sum([line.actual for line in lines.values()])
    shares = {row_id: (line.actual / actual if actual and line.actual is not None else None) for row_id, line in lines.items()}
    revenue = None
    if item.revenue:
        item_id, row_id = item.revenue.split(".")
        revenue = workbook.target_row(section.id, item_id, row_id).actual
    return Totals(target, actual, shares, revenue)


def total_texts(item: LedgerItem, result: Totals, lang: Lang) -> RowTexts:
    """The total row as people read it, evaluated in the lines' direction (when they share one),
    its label saying what share of the turnover the spend is: `合计（元） · 占营业额 76.7%`."""
    directions = {row.direction for row in item.rows}
    row = TargetRow(id="total", label=tr("ledger_total", lang), unit=item.rows[0].unit,
                    direction=directions.pop() if len(directions) == 1 else "lower")
    texts = row_texts(row, result.target, result.actual, lang)
    if result.cost_ratio is None:
        return texts
    return msgspec.structs.replace(texts, label=f"{texts.label} · {tr('share_of_turnover', lang, ratio=format_percent(result.cost_ratio))}")


def by_month(workbook, section: Section, item: LedgerItem) -> dict[str, dict[str, float]]:
    """Month → line id → spend, for the months any line has (in order); a key that is no month
    (`2025-03`), written into the file by hand, is no row of the table."""
    months: dict[str, dict[str, float]] = {}
    lines = workbook.target_rows(section.id, item.id, [row.id for row in item.rows])
    for row in item.rows:
        for month, value in (lines[row.id].monthly or {}).items():
            if MONTH.fullmatch(str(month)):
                months.setdefault(month, {})[row.id] = value
    return dict(sorted(months.items()))


def month_total(item: LedgerItem, values: dict[str, float]) -> float | None:
    """A month's spend over all lines; None unless every line has its figure (a part is no total)."""
    return _sum([values.get(row.id) for row in item.rows])
