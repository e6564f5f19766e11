"""Timeline tables (records items with a `calendar`): started with the promotion calendar's
events, kept in date order, each row covering its days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, TypeVar

from .checklist import RecordsItem, Section


def timelines(workbook) -> Iterator[tuple[Section, RecordsItem]]:
    for section in workbook.checklist.sections:
        for item in section.items:
            if isinstance(item, RecordsItem) and item.calendar is not None:
                yield section, item


def seed(workbook) -> int:
    """Start each timeline of a new workbook with the calendar's events (or their phases) that
    overlap its period, in date order; returns how many rows were added."""
    if workbook.period_days is None:
        return 0
    start, end = workbook.period_days
    added = 0
    for section, item in timelines(workbook):
        timeline = item.calendar
        if timeline is None:
            continue
        for name, first, last in _spans(start, end, timeline.phases, workbook.language):
            row: dict[str, Any] = {timeline.date: first, timeline.event: name}
            if timeline.until and last != first:
                row[timeline.until] = last
            if timeline.mark:
                row[timeline.mark] = timeline.value
            workbook.add_record(section.id, item.id, row)
            added += 1
    return added


def _spans(start: dt.date, end: dt.date, phases: bool, lang) -> Iterator[tuple[str, dt.date, dt.date]]:
    """(name, first day, last day) of the calendar's events — or of their phases, named
    `618 预热` — that overlap `start`..`end`, in date order."""
    from .i18n import tr
    from .promotions import events_in

    for year in range(start.year, end.year + 1):
        for event in events_in(year):
            spans = ([(f"{event.title(lang)} {tr(f'phase_{phase}', lang)}", *days) for phase, days in event.phases.items()]
                     if phases else [(event.title(lang), event.start, event.end)])
            yield from ((name, first, last) for name, first, last in spans if last >= start and first <= end)


def _day(value: Any) -> dt.date | None:
    """A cell as a day (a date-time written by hand counts as its day)."""
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def days(item: RecordsItem, row: dict[str, Any]) -> tuple[dt.date, dt.date] | None:
    """The days a row covers: its date to its `until` (the date alone when there is none);
    None without a date, or when `until` comes before it."""
    calendar = item.calendar
    first = _day(row.get(calendar.date)) if calendar else None
    if calendar is None or first is None:
        return None
    last = (_day(row.get(calendar.until)) if calendar.until else None) or first
    return (first, last) if last >= first else None


def _key(item: RecordsItem, row: Mapping[str, Any]) -> tuple[int, dt.date]:
    first = _day(row.get(item.calendar.date)) if item.calendar else None
    return (0, first) if first is not None else (1, dt.date.min)  # undated rows last


def display_order(item: RecordsItem, rows: Sequence[Mapping[str, Any]]) -> list[int]:
    """The indices of `rows` in the order they are shown: a timeline's by date (undated rows
    last, in the order they were added), any other table's as they are."""
    if item.calendar is None:
        return list(range(len(rows)))
    return sorted(range(len(rows)), key=lambda index: _key(item, rows[index]))


Row = TypeVar("Row", bound=Mapping[str, Any])


def in_date_order(item: RecordsItem, rows: Sequence[Row]) -> list[Row]:
    """The rows as they are shown (see `display_order`)."""
    return [rows[index] for index in display_order(item, rows)]
