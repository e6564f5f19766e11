"""A table of rows the room adds, with the checklist's columns; rows added and removed by key."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.timer import Timer

from ... import metric_refs, timeline, votes
from ...checklist import Column, RecordsItem, Section
from ...i18n import Lang, pick, tr
from ...numbers import refusal
from ...records import cell_text, parse_cell, record_texts, row_name
from ...signs import negative_note
from ..localize import localize_bindings
from .cell_grid import Cell, CellGrid
from .fields import kept

if TYPE_CHECKING:
    from ...session import Session

DEFAULT_WIDTH = {"text": 0, "number": 12, "date": 10, "metric": 0, "now": 12}
"""Cells per column kind; 0 = share what is left (a choice is as wide as its options)."""


class RecordsTable(CellGrid):
    """Enter or typing edits a cell; Space or Enter steps a choice, a letter picks one; Ctrl+N adds a row,
    Ctrl+R deletes one."""

    BINDINGS = [
        Binding("ctrl+n", "add_row", "Add row", id="key_add_row"),
        Binding("ctrl+r", "remove_row", "Delete row", id="key_delete_row"),
    ]

    def __init__(self, session: Session, section: Section, item: RecordsItem, lang: Lang, **kw):
        super().__init__(session, lang, **kw)
        self.add_class("records-table")
        self.section, self.item = section, item
        self._confirm_row: int | None = None
        self._confirm_timer: Timer | None = None
        localize_bindings(self, lang)

    @property
    def _columns(self) -> list[Column]:
        return self.item.columns

    def columns(self, rows: list[list[Cell]]) -> list[tuple[str, int]]:
        fixed = [self._number_width(c, [row[i] for row in rows]) if c.kind in ("number", "now") else c.width or self._natural_width(c)
                 for i, c in enumerate(self._columns)]
        shared = [i for i, width in enumerate(fixed) if not width]
        room = max(self.room(fixed), 12 * len(shared))
        for index in shared:
            fixed[index] = max(room // len(shared), 12)
        return [(pick(c.label, self.lang), width) for c, width in zip(self._columns, fixed)]

    def _number_width(self, column: Column, cells: list[Cell]) -> int:
        """A number is never wrapped: its column is as wide as its widest cell shown (up to 18)."""
        return max(column.width or DEFAULT_WIDTH[column.kind], min(max((cell_len(str(cell)) for cell in cells), default=0), 18))

    def _natural_width(self, column: Column) -> int:
        if column.kind == "choice":  # as wide as its longest option
            labels = [pick(column.label, self.lang)] + [pick(o.label, self.lang) for o in column.options or []]
            return max(cell_len(label) for label in labels)
        return DEFAULT_WIDTH[column.kind]

    def _record(self, stored: int) -> dict:
        """The row stored at index `stored`."""
        return self.workbook.record(self.section.id, self.item.id, stored)

    def _order(self) -> Sequence[int]:
        """The stored rows in the order shown: a timeline's by date (the file keeps the order
        rows were added in, so that a comment written above a row stays with it), any other
        table's as stored (known without reading the rows: a table may have thousands)."""
        if self.item.calendar is None:
            return range(self.count())
        return timeline.display_order(self.item, self.workbook.records(self.section.id, self.item.id))

    def _stored(self, row: int) -> int:
        """The stored index of the row shown at `row`."""
        order = self._order()
        return order[row] if row < len(order) else row

    def count(self) -> int:
        return self.workbook.record_count(self.section.id, self.item.id)

    def rows(self, first: int = 0, last: int | None = None) -> list[list[Cell]]:
        texts: list[list[Cell]] = [[*record_texts(self.workbook, self.item, self._record(index), self.lang)]
                                   for index in self._order()[first:last]]
        chosen = self._chosen()
        if chosen:  # the rows the room voted for most: ★ beside their votes
            at = next(i for i, column in enumerate(self._columns) if column.id == votes.VOTES)
            for index, cells in zip(self._order()[first:last], texts):
                if index in chosen:
                    cells[at] = f"★ {cells[at]}"
        return texts

    def _chosen(self) -> set[int]:
        """The stored rows a vote round put on top (a table with a votes column, up to a
        meeting's size: a table of thousands is no vote's)."""
        if not votes.can_vote(self.item) or self.count() > votes.MARKED_UP_TO:
            return set()
        return votes.top_rows(self.workbook.records(self.section.id, self.item.id))

    def empty_hint(self) -> str:
        return tr("no_rows", self.lang)

    def editable(self, row: int, column: int) -> bool:
        return row < self.row_count and self._columns[column].kind != "now"

    def edit_title(self, row: int, column: int) -> str:
        name = row_name(self.item, self._record(self._stored(row)), row + 1, self.lang)
        return f"{pick(self._columns[column].label, self.lang)} · {name}"

    def edit_text(self, row: int, column: int) -> str:
        spec = self._columns[column]
        value = self._record(self._stored(row)).get(spec.id)
        if spec.kind == "metric":
            return metric_refs.label(self.workbook.checklist, value, self.lang)
        return cell_text(spec, value, self.lang, exact=True)

    def store(self, row: int, column: int, text: str) -> str | None:
        spec, dates = self._columns[column], self.item.calendar
        if spec.kind == "metric":
            text = metric_refs.normalise(self.workbook.checklist, text, self.lang)
        in_timeline = dates is not None and spec.id in (dates.date, dates.until)
        try:  # a timeline's day may leave out its year: the day within the review's period
            value = parse_cell(spec, text, self.workbook.period_days if in_timeline else None)
        except ValueError as error:
            if spec.kind == "number":
                return refusal(error, text, self.lang)
            labels = "、".join(pick(o.label, self.lang) for o in spec.options or [])
            return tr(f"invalid_{spec.kind}", self.lang, value=text.strip(), options=labels)
        note = negative_note(spec, value, self.edit_title(row, column), self.lang)  # (named as the row was)
        stored = self._stored(row)
        self.workbook.set_cell(self.section.id, self.item.id, stored, spec.id, value)  # (typed: the next import keeps it)
        if dates is not None and spec.id == dates.date:  # a timeline is shown in date order
            to = self._order().index(stored)
            if to != row:
                self.move_to(to, column)
                if self._editing is not None:
                    self._editing = Coordinate(to, column)
        return kept(note)

    def is_choice(self, row: int, column: int) -> bool:
        return self._columns[column].kind == "choice"

    def choose(self, row: int, column: int, letter: str) -> bool:
        spec = self._columns[column]
        options = spec.options or []
        stored = self._stored(row)
        current = self._record(stored).get(spec.id)
        start = next((i for i, o in enumerate(options) if o.id == current), -1)
        letter = letter.casefold()
        for step in range(1, len(options) + 1):  # the next one with that letter: typed again, the one after
            option = options[(start + step) % len(options)]
            if any(name.casefold().startswith(letter) for name in (option.id, pick(option.label, "zh"), pick(option.label, "en"))):
                self.workbook.set_cell(self.section.id, self.item.id, stored, spec.id, option.id)
                return option.id != current
        return False

    def cycle(self, row: int, column: int, enter: bool = False) -> bool:
        """Space steps a choice to its next option, and a metric to the next row of the targets
        tables (Enter on a metric edits it: it may be a metric no table holds)."""
        spec = self._columns[column]
        if spec.kind not in ("choice", "metric") or (spec.kind == "metric" and enter) or row >= self.row_count:
            return False
        stored = self._stored(row)
        current = self._record(stored).get(spec.id)
        if spec.kind == "metric":
            following = metric_refs.step(self.workbook.checklist, current, self.lang)
            if following is None:  # words typed here are not replaced by a key press
                self.notify(tr("metric_typed", self.lang), timeout=4)
                return True
        else:
            ids = [option.id for option in spec.options or []]
            following = ids[((ids.index(current) if current in ids else -1) + 1) % len(ids)]
        self.workbook.set_cell(self.section.id, self.item.id, stored, spec.id, following)
        return True

    def action_add_row(self) -> None:
        self.flush()
        index = self.workbook.add_record(self.section.id, self.item.id)
        self._after_store()
        self.move_to(self._order().index(index), 0)
        self.screen.set_focus(self.table)  # now: the next keys are the new row's

    def action_remove_row(self) -> None:
        """Delete the cursor's row: at once if it is empty, else on a second Ctrl+R."""
        if not self.row_count:
            return
        self.flush()
        self.finish_edit(move_down=False)
        row = self.cursor.row
        filled = any(value not in (None, "") for value in self._record(self._stored(row)).values())
        if filled and self._confirm_row != row:
            self._confirm_row = row
            if self._confirm_timer is not None:  # an earlier question's time must not end this one's
                self._confirm_timer.stop()
            self._confirm_timer = self.set_timer(3, self._forget_confirmation)
            self.notify(tr("confirm_delete_row", self.lang, n=row + 1), severity="warning", timeout=3)
            return
        self._confirm_row = None
        self.workbook.remove_record(self.section.id, self.item.id, self._stored(row))
        self._after_store()

    def _forget_confirmation(self) -> None:
        self._confirm_row = None
