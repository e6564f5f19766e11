"""One review into the next (`retro new … --from LAST.toml`): the rows still open — actions
not done, issues not solved — come back, marked, so that what one review decided is looked at
again in the next instead of going nowhere."""

from __future__ import annotations

from dataclasses import dataclass

from .checklist import RecordsItem, Section, TargetsItem
from .votes import VOTES
from .workbook import Workbook


@dataclass
class Carried:
    where: str
    """`optimization.actions`."""
    rows: int
    actuals: bool = False
    """Rows of a targets table given last review's actual as their comparison value."""


def carry_over(previous: Workbook, new: Workbook) -> list[Carried]:
    """Copy into `new` the open rows of every records item its checklist says to carry, from
    the item with the same section and item id in `previous`, and last review's actuals as the
    comparison column of the target tables; returns what was carried. The new workbook notes
    where it came from (`carried_from`): opening it says what is still open."""
    carried = []
    new.set_meta("carried_from", previous.path.name)
    for section in new.checklist.sections:
        for item in section.items:
            if isinstance(item, TargetsItem):
                count = _actuals_as_last_year(previous, new, section.id, item)
                if count:
                    carried.append(Carried(f"{section.id}.{item.id}", count, actuals=True))
            if not isinstance(item, RecordsItem) or item.carry is None:
                continue
            known = {column.id for column in item.columns} - {VOTES}  # last meeting's votes are not this one's
            count = 0
            for row in previous.records(section.id, item.id):
                if not item.is_open(row) or not any(row.get(c) not in (None, "") for c in known):
                    continue
                values = {key: value for key, value in row.items() if key in known}
                if item.carry.mark:
                    values[item.carry.mark] = item.carry.value
                new.add_record(section.id, item.id, values)
                count += 1
            if count:
                carried.append(Carried(f"{section.id}.{item.id}", count))
    return carried


def _actuals_as_last_year(previous: Workbook, new: Workbook, section_id: str, item: TargetsItem) -> int:
    """Last review's actual of each row, as this one's comparison value (marked as coming from
    that file, so an import with the data of the year before may replace it)."""
    count = 0
    for row in item.rows:
        actual = previous.target_row(section_id, item.id, row.id).actual
        if actual is not None:
            new.set_target(section_id, item.id, row.id, "last_year", actual, [previous.path.name])
            count += 1
    return count


def still_open(workbook: Workbook) -> list[tuple[Section, RecordsItem, int]]:
    """Each table with rows last review handed over that this one has not closed yet (actions
    not done, issues not solved), and how many — none for a review not made from an earlier
    one (a row the room marks "recurring" itself hands nothing over)."""
    if not workbook.meta.get("carried_from"):
        return []
    found = []
    for section in workbook.checklist.sections:
        for item in section.items:
            if isinstance(item, RecordsItem) and item.carry is not None and item.carry.mark:
                count = sum(1 for row in workbook.records(section.id, item.id)
                            if row.get(item.carry.mark) == item.carry.value and item.is_open(row))
                if count:
                    found.append((section, item, count))
    return found
