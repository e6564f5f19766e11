"""A metric named in a table (the one an action should move) tied to a row of the targets
tables, so that its value now — this review's actual, from the import — can stand beside the
value expected.

The cell keeps the text typed. It names a row when it is the row's label in either language
(or its id); anything else is a metric the tables do not hold, kept as it was typed.
"""

from __future__ import annotations

from collections.abc import Iterator

import msgspec

from .checklist import Checklist, Direction, TargetRow, TargetsItem
from .i18n import Lang, pick
from .numbers import format_amount, parse_number
from .targets import STATUS_MARK, evaluate


class RowRef(msgspec.Struct, frozen=True):
    section_id: str
    item_id: str
    row: TargetRow


def target_rows(checklist: Checklist) -> Iterator[RowRef]:
    """Every row of every targets table, in checklist order."""
    for section in checklist.sections:
        for item in section.items:
            if isinstance(item, TargetsItem):
                for row in item.rows:
                    yield RowRef(section.id, item.id, row)


def _names(ref: RowRef) -> set[str]:
    return {ref.row.id.casefold(), pick(ref.row.label, "zh").casefold(), pick(ref.row.label, "en").casefold()}


def find_row(checklist: Checklist, text: str | None) -> RowRef | None:
    """The targets row whose label (in either language) or id `text` is, or None. Only the
    whole name counts: 流失率 might be the customers' churn, not the staff turnover row."""
    wanted = (text or "").strip().casefold()
    if not wanted:
        return None
    return next((ref for ref in target_rows(checklist) if wanted in _names(ref)), None)


def normalise(checklist: Checklist, text: str, lang: Lang) -> str:
    """A typed metric as stored: the label (in `lang`) of the row it names, else the text as
    typed."""
    ref = find_row(checklist, text)
    return pick(ref.row.label, lang) if ref else text.strip()


def step(checklist: Checklist, text: str | None, lang: Lang) -> str | None:
    """The label of the row after the one `text` names: the first row after an empty cell,
    empty again after the last row; None when `text` is a metric no table holds (typed words
    are not stepped over)."""
    refs = list(target_rows(checklist))
    current = find_row(checklist, text)
    if current is None and (text or "").strip():
        return None
    position = next((i for i, ref in enumerate(refs) if ref == current), -1)
    return pick(refs[position + 1].row.label, lang) if position + 1 < len(refs) else ""


def label(checklist: Checklist, text: str | None, lang: Lang) -> str:
    """A stored metric as shown in `lang`: a row's label in that language, else the text."""
    ref = find_row(checklist, text)
    return pick(ref.row.label, lang) if ref else str(text or "")


def expected_mark(expected: float | None, now: float | None, direction: Direction) -> str:
    """✅ when the value now has reached the expected one (direction-aware), ❌ when not, else ""."""
    if expected is None or now is None:
        return ""
    return STATUS_MARK[evaluate(expected, now, direction).status]


def now_text(workbook, metric: str | None, expected: str | None, lang: Lang) -> str:
    """The named row's actual in this workbook, with its unit, and a mark against the expected
    value when that is a plain number: `3.21 倍 ✅`; "" when the metric names no row or it has
    no actual yet."""
    ref = find_row(workbook.checklist, metric)
    if ref is None:
        return ""
    actual = workbook.target_row(ref.section_id, ref.item_id, ref.row.id).actual
    if actual is None:
        return ""
    try:
        wanted = parse_number(expected) if isinstance(expected, str) else expected
    except ValueError:
        wanted = None  # a sentence, not a number: nothing to judge
    unit = pick(ref.row.unit, lang)
    text = format_amount(actual, pick(ref.row.unit, "zh")) + (f" {unit}" if unit and unit != "%" else unit or "")
    mark = expected_mark(wanted, actual, ref.row.direction)
    return f"{text} {mark}".strip()
