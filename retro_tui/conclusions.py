"""Checks before a report goes out — never blocking, each a sentence the facilitator can act
on: an action with no owner or no due date, a target row with an actual but no target, a
missed target no cause names, an unresolved issue no action answers, a figure below zero that
cannot be. What to check is declared by the checklist (`expects`, `answered_in`,
`explained_in`, the rows' units and metrics)."""

from __future__ import annotations

import re

from .checklist import Item, NumberItem, RecordsItem, TargetsItem
from .coverage import coverage_checks
from .i18n import Lang, list_sep, pick, tr
from .records import row_name
from .signs import negative_note
from .targets import cell_name, evaluate
from .workbook import Workbook, answer_text


def conclusion_checks(workbook: Workbook, lang: Lang) -> list[str]:
    found: list[str] = []
    for section in workbook.checklist.sections:
        for item in section.items:
            if isinstance(item, RecordsItem):
                found += _records(workbook, section.id, item, lang)
            elif isinstance(item, TargetsItem):
                found += _targets(workbook, section.id, item, lang)
    return found + sign_checks(workbook, lang) + coverage_checks(workbook, lang) + checklist_checks(workbook, lang)


def sign_checks(workbook: Workbook, lang: Lang) -> list[str]:
    """Figures below zero where none can be (a sales target, a count, a cost), as typed or
    imported: kept, and said."""
    notes: list[str | None] = []
    for section in workbook.checklist.sections:
        for item in section.items:
            label = pick(item.label, lang)
            if isinstance(item, TargetsItem):
                answered = workbook.target_rows(section.id, item.id, [row.id for row in item.rows])
                for row in item.rows:
                    values = answered[row.id]
                    notes += [negative_note(row, getattr(values, field), f"{label} · {cell_name(row, field, lang)}", lang)
                              for field in ("target", "actual", "last_year")]
            elif isinstance(item, NumberItem):
                notes.append(negative_note(item, workbook.value(section.id, item.id), label, lang))
            elif isinstance(item, RecordsItem):
                for number, record in enumerate(workbook.records(section.id, item.id), 1):
                    name = row_name(item, record, number, lang)
                    notes += [negative_note(column, record.get(column.id), f"{label} · {pick(column.label, lang)} · {name}", lang)
                              for column in item.columns if column.kind == "number"]
    return [note for note in notes if note]


UNPLACED_SHOWN = 8
"""Answers a check quotes (the report's appendix has every one)."""


def checklist_checks(workbook: Workbook, lang: Lang) -> list[str]:
    """Answers the checklist has no place for (quoted), and a checklist changed since the
    workbook was made — naming the checklist's file."""
    found = []
    where = {"id": workbook.checklist.id, "file": workbook.checklist_where}
    if unplaced := workbook.unplaced_answers():
        lines = [tr("check_unplaced", lang, **where)]
        lines += [f"  {key}: {_shortened(answer_text(value))}" for key, value in unplaced[:UNPLACED_SHOWN]]
        if len(unplaced) > UNPLACED_SHOWN:
            lines.append("  " + tr("check_unplaced_more", lang, count=len(unplaced) - UNPLACED_SHOWN))
        found.append("\n".join(lines))
    elif workbook.checklist_ids_changed():
        found.append(tr("check_checklist_ids", lang, **where))
    if changed := workbook.checklist_changed():
        found.append(tr("check_checklist_version", lang, id=workbook.checklist.id, made=changed[0], now=changed[1]))
    return found


def _shortened(text: str, width: int = 60) -> str:
    line = " ⏎ ".join(part.strip() for part in text.splitlines() if part.strip())
    return line if len(line) <= width else line[:width - 1] + "…"


def _records(workbook: Workbook, section_id: str, item: RecordsItem, lang: Lang) -> list[str]:
    rows = workbook.records(section_id, item.id)
    found = []
    labels = {c.id: pick(c.label, lang) for c in item.columns}
    first = item.columns[0].id
    for number, row in enumerate(rows, 1):
        missing = [labels[c] for c in item.expects if row.get(c) in (None, "")]
        if missing and any(row.get(c.id) not in (None, "") for c in item.columns):
            found.append(tr("check_missing", lang, item=pick(item.label, lang), row=number,
                            name=row.get(first) or "", columns=list_sep(lang).join(missing)))
    if item.answered_in and item.carry:
        named = _column_texts(workbook, item.answered_in.item, item.answered_in.column)
        for row in rows:
            text = str(row.get(first) or "").strip()
            if text and item.is_open(row) and not any(names(text, n) for n in named):
                found.append(tr("check_unanswered", lang, name=text, item=_label_of(workbook, item.answered_in.item, lang)))
    return found


def _targets(workbook: Workbook, section_id: str, item: TargetsItem, lang: Lang) -> list[str]:
    found = []
    named = _column_texts(workbook, item.explained_in.item, item.explained_in.column) if item.explained_in else None
    for row in item.rows:
        values = workbook.target_row(section_id, item.id, row.id)
        target, actual = values.target, values.actual
        label = pick(row.label, lang)
        if actual is not None and target is None:
            found.append(tr("check_no_target", lang, name=label, item=pick(item.label, lang)))
        elif named is not None and item.explained_in and evaluate(target, actual, row.direction).status == "missed":
            names = {pick(row.label, "zh"), pick(row.label, "en"), row.id}
            pieces = [p for text in named for p in re.split(r"[、,，;；/（）()\s]+", text) if len(p) >= 2]
            if not any(piece in name or name in piece for name in names for piece in pieces):
                found.append(tr("check_unexplained", lang, name=label, item=_label_of(workbook, item.explained_in.item, lang)))
    return found


def names(text: str, reference: str) -> bool:
    """Whether a cell that refers to a row (an action's "issue it answers") names `text` (the
    issue): either holds the other, so "618 爆仓" names "618 仓库爆仓" no, "618 仓库爆仓" yes."""
    text, reference = text.strip(), reference.strip()
    return bool(text and reference) and (text in reference or reference in text)


def answering(workbook: Workbook, item_id: str) -> list[tuple[str, RecordsItem]]:
    """(section id, item) of the records items whose open rows should be answered in `item_id`."""
    return [(section.id, item) for section in workbook.checklist.sections for item in section.items
            if isinstance(item, RecordsItem) and item.answered_in and item.answered_in.item == item_id]


def _find(workbook: Workbook, item_id: str) -> tuple[str, Item] | None:
    for section in workbook.checklist.sections:
        for item in section.items:
            if item.id == item_id:
                return section.id, item
    return None


def _column_texts(workbook: Workbook, item_id: str, column: str) -> list[str]:
    found = _find(workbook, item_id)
    if found is None:
        return []
    return [str(row[column]).strip() for row in workbook.records(found[0], item_id) if str(row.get(column) or "").strip()]


def _label_of(workbook: Workbook, item_id: str, lang: Lang) -> str:
    found = _find(workbook, item_id)
    return pick(found[1].label, lang) if found else item_id
