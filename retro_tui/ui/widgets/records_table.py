"""A table of rows the room adds: one field per declared column, rows added and removed by key."""

from __future__ import annotations

from rich.text import Text as RichText
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Static

from ...checklist import Column, RecordsItem, Section
from ...export.markdown import cell_text
from ...i18n import Lang, pick, tr
from ...workbook import Workbook, parse_cell
from ..localize import localize_bindings
from .fields import CommitInput
from .item_editors import OnChange


class RecordsTable(Vertical, can_focus=True):
    """Focus the table itself and press Enter (or Ctrl+N anywhere in it) to add a row."""

    BINDINGS = [
        Binding("ctrl+n", "add_row", "Add row", id="key_add_row"),
        Binding("enter", "add_row", "Add row", show=False),
        Binding("ctrl+r", "remove_row", "Delete row", id="key_delete_row"),
    ]

    def __init__(self, workbook: Workbook, section: Section, item: RecordsItem, lang: Lang, on_change: OnChange, **kw):
        super().__init__(classes="records-table", **kw)
        self.workbook, self.section, self.item, self.lang, self.on_change = workbook, section, item, lang, on_change
        localize_bindings(self, lang)

    def compose(self) -> ComposeResult:
        with Horizontal(classes="table-head"):
            for column in self.item.columns:
                yield _sized(Static(pick(column.label, self.lang)), column)
        rows = self.workbook.records(self.section.id, self.item.id)
        for index, values in enumerate(rows):
            with Horizontal(classes="table-row") as row:
                row.row_index = index  # type: ignore[attr-defined]
                for column in self.item.columns:
                    yield _sized(self._cell(index, column, values.get(column.id)), column)
        if not rows:
            yield Static(tr("no_rows", self.lang), classes="hint")

    def _cell(self, index: int, column: Column, value) -> Widget:
        if column.kind == "choice":
            return ChoiceCell(self, index, column, value)

        def commit(text: str) -> str | None:
            try:
                parsed = parse_cell(column, text)
            except ValueError as exc:
                return str(exc)
            self.workbook.set_cell(self.section.id, self.item.id, index, column.id, parsed)
            self.on_change()
            return None

        shown = "" if value is None else cell_text(column, value, self.lang)
        return CommitInput(shown, commit, compact=True, placeholder=pick(column.label, self.lang))

    def flush(self) -> None:
        for field in self.query(CommitInput):
            field.flush()

    async def action_add_row(self) -> None:
        self.flush()
        index = self.workbook.add_record(self.section.id, self.item.id)
        self.on_change()
        await self.recompose()
        self._focus_row(index)

    async def action_remove_row(self) -> None:
        index = self._focused_row()
        if index is None:
            return
        self.flush()
        self.workbook.remove_record(self.section.id, self.item.id, index)
        self.on_change()
        await self.recompose()
        self._focus_row(max(index - 1, 0))

    def _focused_row(self) -> int | None:
        node = self.screen.focused
        while node is not None and node is not self:
            if hasattr(node, "row_index"):
                return node.row_index
            node = node.parent
        return None

    def _focus_row(self, index: int) -> None:
        rows = [row for row in self.query(".table-row") if getattr(row, "row_index", None) == index]
        if rows:
            rows[0].children[0].focus()
        else:
            self.focus()


def _sized(widget: Widget, column: Column) -> Widget:
    if column.width:
        widget.styles.width = column.width
    widget.add_class(f"cell-{column.kind}")
    return widget


class ChoiceCell(Static, can_focus=True):
    """A cell holding one of a column's options; Space / Enter / ← → cycle, Delete clears."""

    BINDINGS = [
        Binding("space,enter,right", "cycle(1)", show=False),
        Binding("left", "cycle(-1)", show=False),
        Binding("delete,backspace", "clear", show=False),
    ]

    def __init__(self, table: RecordsTable, index: int, column: Column, value: str | None) -> None:
        super().__init__()
        self.table, self.index, self.column, self.value = table, index, column, value

    def render(self) -> RichText:
        if self.value is None:
            return RichText("‹ — ›", style="dim")
        return RichText(f"‹ {cell_text(self.column, self.value, self.table.lang)} ›")

    def action_cycle(self, step: int) -> None:
        ids = [o.id for o in self.column.options or []]
        position = ids.index(self.value) if self.value in ids else (-1 if step > 0 else 0)
        self._store(ids[(position + step) % len(ids)])

    def action_clear(self) -> None:
        self._store(None)

    def _store(self, value: str | None) -> None:
        self.value = value
        table = self.table
        table.workbook.set_cell(table.section.id, table.item.id, self.index, self.column.id, value)
        table.on_change()
        self.refresh()
