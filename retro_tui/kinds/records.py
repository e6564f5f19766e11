"""`records`: a table of rows the room adds, with declared columns (issues, actions, a timeline)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated, Any, Literal

import msgspec

from ..i18n import Lang, Text
from .base import Id, ItemBase, Kind, Link, Option, Problems, duplicates, heading, link_problems, unknown_metric

if TYPE_CHECKING:
    from ..checklist import Checklist, Section
    from ..workbook import Workbook


class Column(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """A column of a `records` item."""

    id: Id
    label: Text
    kind: Literal["text", "number", "choice", "date", "metric", "now"] = "text"
    """What a cell holds; `choice` needs `options`, `date` is YYYY-MM-DD; `metric` is text that
    may name a row of the targets tables (the metric an action should move); `now` is not
    typed: it shows the actual of the row named in the `metric` column `of`."""
    options: list[Option] | None = None
    metric: str | None = None
    """For `number`: the catalogue metric an import fills the cell with, over the row's days
    (see `Timeline`)."""
    of: Id | None = None
    """For `now`: the `metric` column whose row it shows."""
    against: Id | None = None
    """For `now`: the column holding the value expected; when that is a number, the value now
    is marked as reaching it or not (in the row's direction)."""
    width: Annotated[int, msgspec.Meta(ge=4, le=80)] | None = None
    """Column width in cells on screen (default: shared equally)."""


class Carry(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Rows that come back in the next review (`retro new --from`): open actions, unresolved
    issues."""

    status: Id
    """The choice column whose option says whether a row is finished (`closed: true`)."""
    mark: Id | None = None
    """A choice column set on each carried row …"""
    value: Id | None = None
    """… to this option (e.g. recurring, from last review)."""


class Timeline(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """A table of dated rows: a new workbook starts it with the promotion calendar's events
    within its period, rows stay in date order, and a column with a `metric` is filled by an
    import over each row's days."""

    date: Id
    """The date column: an event's first day."""
    until: Id | None = None
    """The date column of its last day (one day when empty)."""
    event: Id
    """The text column an event's name goes in."""
    mark: Id | None = None
    """A choice column set on each row from the calendar …"""
    value: Id | None = None
    """… to this option."""
    phases: bool = False
    """Start with the phases of the campaigns in the period (618 warm-up, opening …) instead
    of the events."""


class RecordsItem(ItemBase, tag="records"):
    """A table of rows the room adds, with declared columns."""

    columns: Annotated[list[Column], msgspec.Meta(min_length=1)]
    carry: Carry | None = None
    """Carry the rows still open into the next review made from this one."""
    expects: list[Id] = []
    """Columns every row should fill (an action's owner and due date): checked before export."""
    answered_in: Link | None = None
    """Open rows (see `carry`) should be named in that column (an unresolved issue, by an
    action): checked before export."""
    calendar: Timeline | None = None

    def has_answer(self, row: dict[str, Any]) -> bool:
        """Whether a row holds something said or measured — not only what a new review starts
        a timeline with (a calendar event's days and name). A dated row the room added (its
        `mark` not the calendar's) counts."""
        timeline = self.calendar
        seeded = {timeline.date, timeline.until, timeline.event, timeline.mark} if timeline else set()
        if any(row.get(c.id) not in (None, "") for c in self.columns if c.id not in seeded):
            return True
        return bool(timeline and timeline.mark and row.get(timeline.mark) != timeline.value
                    and any(row.get(c) not in (None, "") for c in (timeline.date, timeline.event)))

    @property
    def status_column(self) -> Column | None:
        """The choice column that says whether a row is finished (see `carry`)."""
        return next((c for c in self.columns if self.carry and c.id == self.carry.status), None)

    def is_open(self, row: dict[str, Any]) -> bool:
        """Whether a row is still open: its status is not an option marked `closed`."""
        status = self.status_column
        return status is None or row.get(status.id) not in {o.id for o in status.options or [] if o.closed}


class RecordsKind(Kind):
    item = RecordsItem

    def checks(self, item: RecordsItem, where: str, section: Section, checklist: Checklist) -> Problems:
        yield from duplicates([c.id for c in item.columns], f"{where}.columns")
        kinds = {c.id: c.kind for c in item.columns}
        for index, column in enumerate(item.columns):
            if column.kind == "choice" and not column.options:
                yield f"{where}.columns[{index}].options", "a choice column needs options"
            if column.kind == "now" and kinds.get(column.of or "") != "metric":
                yield f"{where}.columns[{index}].of", "a `now` column needs `of`: a metric column of this table"
            if column.against is not None and column.against not in kinds:
                yield f"{where}.columns[{index}].against", f"'{column.against}' is not a column of this table"
        if item.carry:
            yield from _carry_problems(item, item.carry, f"{where}.carry")
        if item.calendar:
            yield from _calendar_problems(item, item.calendar, f"{where}.calendar")
        for index, column in enumerate(item.columns):
            if column.metric is not None and column.kind != "number":
                yield f"{where}.columns[{index}].metric", "only a number column can be filled with a metric"
            if column.metric is not None and not item.calendar:
                yield f"{where}.columns[{index}].metric", "a metric column needs the table's `calendar` (the rows' days)"
            yield from unknown_metric(column.metric, f"{where}.columns[{index}].metric")
        for index, column_id in enumerate(item.expects):
            if column_id not in kinds:
                yield f"{where}.expects[{index}]", f"'{column_id}' is not a column of this table"
        yield from link_problems(item.answered_in, f"{where}.answered_in", checklist)

    def answered(self, workbook: Workbook, section: Section, item: RecordsItem) -> bool:
        return workbook.any_row(section.id, item.id, item.has_answer)  # (there may be thousands)

    def problem(self, item: RecordsItem, value: Any) -> str | None:
        from ..workbook.checks import cell_problem

        if not isinstance(value, list) or not all(isinstance(row, dict) for row in value):
            return "expected rows written as [[answers.section.item]] tables"
        for index, row in enumerate(value):
            for column in item.columns:
                problem = cell_problem(column, row.get(column.id))
                if problem:
                    return f"row {index + 1}, {column.id}: {problem}"
        return None

    def report(self, workbook: Workbook, section: Section, item: RecordsItem, value: Any, lang: Lang) -> Iterator[str]:
        from ..export.markdown import by_issue, records_table

        yield from heading(item, lang)
        yield from records_table(workbook, section, item, lang)
        yield from by_issue(workbook, section, item, lang)


def _carry_problems(item: RecordsItem, carry: Carry, where: str) -> Iterator[tuple[str, str]]:
    choices = {c.id: c for c in item.columns if c.kind == "choice"}
    if carry.status not in choices:
        yield f"{where}.status", f"'{carry.status}' is not a choice column of this table"
    if carry.mark is not None:
        if carry.mark not in choices:
            yield f"{where}.mark", f"'{carry.mark}' is not a choice column of this table"
        elif carry.value not in _option_ids(choices[carry.mark]):
            yield f"{where}.value", f"'{carry.value}' is not an option of the column '{carry.mark}'"


def _calendar_problems(item: RecordsItem, timeline: Timeline, where: str) -> Iterator[tuple[str, str]]:
    kinds = {c.id: c for c in item.columns}
    for field, wanted in (("date", "date"), ("until", "date"), ("event", "text"), ("mark", "choice")):
        column_id = getattr(timeline, field)
        if column_id is not None and getattr(kinds.get(column_id), "kind", None) != wanted:
            yield f"{where}.{field}", f"'{column_id}' is not a {wanted} column of this table"
    if timeline.mark is not None and timeline.mark in kinds and timeline.value not in _option_ids(kinds[timeline.mark]):
        yield f"{where}.value", f"'{timeline.value}' is not an option of the column '{timeline.mark}'"


def _option_ids(column: Column) -> set[str | None]:
    return {option.id for option in column.options or []}


KIND = RecordsKind()
