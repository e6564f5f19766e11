"""A target-vs-result table: type target and actual, see variance, completion and status."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text as RichText

from ... import ledger
from ...answers import TargetValues
from ...checklist import LedgerItem, Section, TargetsItem
from ...i18n import Lang, tr
from ...numbers import format_number, format_percent, parse_number, refusal
from ...signs import negative_note
from ...targets import RowTexts, cell_name, row_texts
from ...terminal import visible
from .cell_grid import CellGrid, right
from .fields import kept

if TYPE_CHECKING:
    from ...session import Session

FIELDS = {1: "target", 2: "actual", 5: "last_year"}
"""Editable columns: their index → the workbook field."""
NUMBER_COLUMNS = ("target", "actual", "variance", "completion", "last_year", "growth")
NUMBER_WIDTHS = (11, 12, 11, 7, 12, 8)
"""The narrowest each number column is; wider when a value needs it (a number is never cut)."""
STATUS_WIDTH, METRIC_WIDTH, SHARE_WIDTH = 9, 14, 7
IMPORTED_STYLE = "cyan"
STATUS_STYLE = {"met": "bold green", "missed": "bold red", "pending": "dim"}


BAR_STYLE = {"met": "on dark_green", "missed": "on dark_red"}


def completion_bar(text: str, ratio: float | None, status: str) -> RichText:
    """The completion cell as a bar: its background filled in proportion to the rate (full at
    100% and above), green when met, red when missed — direction-aware, as the status is."""
    cell = RichText(text)
    if ratio is not None and status in BAR_STYLE:
        cell.stylize(BAR_STYLE[status], 0, round(min(max(ratio, 0), 1) * len(text)))
    return cell


class TargetsTable(CellGrid):
    """Metric | target | actual | variance | completion | last year | growth | status;
    variance, completion, growth and status computed."""

    def __init__(self, session: Session, section: Section, item: TargetsItem, lang: Lang, **kw):
        super().__init__(session, lang, **kw)
        self.add_class("targets-table")
        self.section, self.item = section, item
        self._numbers_shown = len(NUMBER_WIDTHS)

    @property
    def _ledger(self) -> bool:
        return isinstance(self.item, LedgerItem)

    def _texts(self, answered: list[TargetValues]) -> tuple[list[RowTexts], ledger.Totals | None]:
        """Each row as people read it (and the ledger's total row, last)."""
        item = self.item
        totals = ledger.totals(self.workbook, self.section, item) if isinstance(item, LedgerItem) else None
        texts = [row_texts(row, values.target, values.actual, self.lang, values.last_year)
                 for row, values in zip(item.rows, answered)]
        if totals and isinstance(item, LedgerItem):
            texts.append(ledger.total_texts(item, totals, self.lang))
        return texts, totals

    def _widths(self, texts: list[RowTexts]) -> list[int]:
        """Each number column as wide as its widest value, and at least NUMBER_WIDTHS."""
        return [max(least, *(cell_len(cells[i]) for cells in map(_numbers, texts))) for i, least in enumerate(NUMBER_WIDTHS)]

    def _shown(self, widths: list[int]) -> int:
        """How many number columns fit: last year and growth only where there is room."""
        share = [SHARE_WIDTH] if self._ledger else []
        return len(widths) if self.room([*widths, STATUS_WIDTH, *share, 0]) >= METRIC_WIDTH else 4

    def columns(self, rows: list[list[RichText | str]]) -> list[tuple[str, int]]:
        widths = self._widths(self._texts(self._answered())[0])
        widths = widths[:self._shown(widths)]
        self._numbers_shown = len(widths)
        share = [SHARE_WIDTH] if self._ledger else []
        numbers = [(tr(head, self.lang), width) for head, width in zip(NUMBER_COLUMNS, widths)]
        metric = max(self.room([*widths, STATUS_WIDTH, *share, 0]), METRIC_WIDTH)
        return [(tr("metric", self.lang), metric), *((right(head, w), w) for head, w in numbers),
                (tr("status", self.lang), STATUS_WIDTH), *((right(tr("share", self.lang), w), w) for w in share)]

    def _answered(self) -> list[TargetValues]:
        """Each row's values, in the table's order (the answer read once)."""
        rows = self.workbook.target_rows(self.section.id, self.item.id, [row.id for row in self.item.rows])
        return list(rows.values())

    def _value(self, row: int, column: int) -> float | None:
        return getattr(self.workbook.target_row(self.section.id, self.item.id, self.item.rows[row].id), FIELDS[column])

    def count(self) -> int:
        return len(self.item.rows) + self._ledger  # (a ledger's total row)

    def rows(self, first: int = 0, last: int | None = None) -> list[list[RichText | str]]:
        answered = self._answered()
        texts, totals = self._texts(answered)
        widths = self._widths(texts)
        widths = widths[:self._shown(widths)]
        shown = []
        for index, row in enumerate(self.item.rows):
            imported = answered[index].sources()
            share = [format_percent(totals.shares[row.id])] if totals else []
            shown.append(self._cells(texts[index], widths, imported, share))
        if totals:  # the ledger's total row (not editable)
            shown.append(self._cells(texts[-1], widths, {}, [""], style="bold"))
        return shown[first:last]

    def _cells(self, texts: RowTexts, widths: list[int], imported, share: list[str], style: str = "") -> list[RichText | str]:
        shown = [right(text, width) for text, width in zip(_numbers(texts), widths)]
        numbers: list[RichText | str] = list(shown)
        for column, field in FIELDS.items():  # values that came from imported files, not typed
            if column <= len(widths):
                numbers[column - 1] = RichText(shown[column - 1], style=IMPORTED_STYLE if field in imported else style)
        numbers[3] = completion_bar(shown[3], texts.ratio, texts.status)
        return [RichText(visible(texts.label), style=style), *numbers, RichText(texts.status_text, style=STATUS_STYLE[texts.status]),
                *(right(text, SHARE_WIDTH) for text in share)]

    def edit_title(self, row: int, column: int) -> str:
        return cell_name(self.item.rows[row], FIELDS[column], self.lang)

    def editable(self, row: int, column: int) -> bool:
        return column in FIELDS and column <= self._numbers_shown and row < len(self.item.rows)  # not a total

    def edit_text(self, row: int, column: int) -> str:
        return format_number(self._value(row, column), 6)

    def store(self, row: int, column: int, text: str) -> str | None:
        try:
            number = parse_number(text)
        except ValueError as error:
            return refusal(error, text, self.lang)
        if number != self._value(row, column):  # an unchanged value keeps its source
            self.workbook.set_target(self.section.id, self.item.id, self.item.rows[row].id, FIELDS[column], number)
        return kept(negative_note(self.item.rows[row], number, self.edit_title(row, column), self.lang))


def _numbers(texts: RowTexts) -> tuple[str, ...]:
    """The number columns' texts of a row, in order."""
    return (texts.target, texts.actual, texts.variance, texts.completion or ("—" if texts.reason else ""),
            texts.last_year, texts.growth)
