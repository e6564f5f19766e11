"""A target-vs-result table: type target and actual, see variance, completion and status."""

from __future__ import annotations

from rich.text import Text as RichText
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from ...checklist import Section, TargetRow, TargetsItem
from ...export.markdown import target_cells
from ...i18n import Lang, tr
from ...numbers import format_number
from ...targets import evaluate
from ...workbook import Workbook
from .fields import CommitInput
from .item_editors import OnChange, number_committer


class TargetsTable(Vertical):
    """Rows of metric | target | actual | variance | completion | status."""

    def __init__(self, workbook: Workbook, section: Section, item: TargetsItem, lang: Lang, on_change: OnChange, **kw):
        super().__init__(classes="targets-table", **kw)
        self.workbook, self.section, self.item, self.lang, self.on_change = workbook, section, item, lang, on_change

    def compose(self) -> ComposeResult:
        heads = ("metric", "target", "actual", "variance", "completion", "status")
        with Horizontal(classes="table-head"):
            for head in heads:
                yield Static(tr(head, self.lang), classes=f"col-{head}")
        for row in self.item.rows:
            yield TargetRowView(self, row)


class TargetRowView(Horizontal):
    def __init__(self, table: TargetsTable, row: TargetRow) -> None:
        super().__init__(classes="table-row")
        self.table, self.row = table, row

    def compose(self) -> ComposeResult:
        table, row = self.table, self.row
        target, actual = table.workbook.target(table.section.id, table.item.id, row.id)
        cells = target_cells(row, target, actual, table.lang)
        yield Static(cells[0], classes="col-metric")
        for field, value in (("target", target), ("actual", actual)):
            yield CommitInput(
                format_number(value, 6),
                number_committer(table.lang, self._writer(field)),
                compact=True,
                classes=f"col-{field}",
                id=f"{row.id}-{field}",
            )
        yield Static(classes="col-computed")

    def on_mount(self) -> None:
        self.show_computed()

    def _writer(self, field: str):
        def write(number: float | int | None) -> None:
            table = self.table
            table.workbook.set_target(table.section.id, table.item.id, self.row.id, field, number)
            self.show_computed()
            table.on_change()

        return write

    def show_computed(self) -> None:
        table = self.table
        target, actual = table.workbook.target(table.section.id, table.item.id, self.row.id)
        cells = target_cells(self.row, target, actual, table.lang)
        status = evaluate(target, actual, self.row.direction).status
        text = RichText(no_wrap=True, overflow="ellipsis")
        text.append(f"{cells[3]:>14} ", style="")
        text.append(f"{cells[4]:>8} ", style="")
        text.append(cells[5], style={"met": "bold green", "missed": "bold red"}.get(status, "dim"))
        self.query_one(".col-computed", Static).update(text)
