"""A target-vs-result table: type target and actual, see variance, completion and status."""

from __future__ import annotations

from rich.text import Text as RichText

from ...checklist import Section, TargetsItem
from ...i18n import Lang, pick, tr
from ...numbers import format_number, parse_number
from ...targets import row_texts
from ...workbook import Workbook
from .cell_grid import CellGrid, right

FIELDS = {1: "target", 2: "actual"}
"""Editable columns: their index → the workbook field."""
NUMBER_COLUMNS = ("target", "actual", "variance", "completion")
NUMBER_WIDTHS = (12, 13, 12, 10)
IMPORTED_STYLE = "cyan"
STATUS_STYLE = {"met": "bold green", "missed": "bold red", "pending": "dim"}


class TargetsTable(CellGrid):
    """Metric | target | actual | variance | completion | status; the last three computed."""


    def __init__(self, workbook: Workbook, section: Section, item: TargetsItem, lang: Lang, on_change, **kw):
        super().__init__(lang, on_change, **kw)
        self.add_class("targets-table")
        self.workbook, self.section, self.item = workbook, section, item

    def columns(self) -> list[tuple[str, int]]:
        numbers = [(tr(head, self.lang), width) for head, width in zip(NUMBER_COLUMNS, NUMBER_WIDTHS)]
        status = (tr("status", self.lang), 10)
        metric = max(self.room([*NUMBER_WIDTHS, status[1], 0]), 16)
        return [(tr("metric", self.lang), metric), *((right(head, w), w) for head, w in numbers), status]

    def _values(self, row: int) -> tuple[float | None, float | None]:
        return self.workbook.target(self.section.id, self.item.id, self.item.rows[row].id)

    def rows(self) -> list[list[RichText | str]]:
        shown = []
        for index, row in enumerate(self.item.rows):
            texts = row_texts(row, *self._values(index), self.lang)
            imported = self.workbook.target_sources(self.section.id, self.item.id, row.id)
            completion = texts.completion or ("—" if texts.reason else "")
            numbers = [right(text, width) for text, width in zip((texts.target, texts.actual, texts.variance, completion), NUMBER_WIDTHS)]
            for column, field in FIELDS.items():  # values that came from imported files, not typed
                numbers[column - 1] = RichText(numbers[column - 1], style=IMPORTED_STYLE if field in imported else "")
            shown.append([texts.label, *numbers, RichText(texts.status_text, style=STATUS_STYLE[texts.status])])
        return shown

    def edit_title(self, row: int, column: int) -> str:
        return f"{pick(self.item.rows[row].label, self.lang)} · {tr(FIELDS[column], self.lang)}"

    def editable(self, row: int, column: int) -> bool:
        return column in FIELDS

    def edit_text(self, row: int, column: int) -> str:
        return format_number(self._values(row)[column - 1], 6)

    def store(self, row: int, column: int, text: str) -> str | None:
        try:
            number = parse_number(text)
        except ValueError:
            return tr("invalid_number", self.lang, value=text.strip())
        if number != self._values(row)[column - 1]:  # an unchanged value keeps its source
            self.workbook.set_target(self.section.id, self.item.id, self.item.rows[row].id, FIELDS[column], number)
        return None
