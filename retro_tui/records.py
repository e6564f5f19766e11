"""Cells of a `records` item: typed text → stored value, stored value → text people read."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .checklist import Column, RecordsItem, option_label
from .dates import parse_date
from .i18n import Lang, pick
from .numbers import format_number, parse_number


def option_for(column: Column, text: str) -> str | None:
    """The option a typed text names — its id, or its label in either language — or None."""
    wanted = text.strip().casefold()
    for option in column.options or []:
        if wanted in {option.id.casefold(), pick(option.label, "zh").casefold(), pick(option.label, "en").casefold()}:
            return option.id
    return None


def parse_cell(column: Column, text: str, period: tuple[dt.date, dt.date] | None = None) -> Any:
    """A cell as typed → the value stored (None for empty); ValueError when it cannot be. A
    date may leave out its year within the review's `period` (`6.18`)."""
    text = text.strip()
    if not text:
        return None
    if column.kind == "number":
        return parse_number(text)
    if column.kind == "date":
        return parse_date(text, period)
    if column.kind == "choice":
        option = option_for(column, text)
        if option is None:
            raise ValueError(f"no such option: {text!r}")
        return option
    return text


def cell_text(column: Column, value: Any, lang: Lang, exact: bool = False) -> str:
    """A stored cell as people read it (`exact` keeps every decimal, for editing)."""
    if value is None:
        return ""
    if column.kind == "choice":
        return option_label(column.options, value, lang)
    if column.kind == "number":
        return format_number(value, 6 if exact else 2)
    return str(value)


def row_name(item: RecordsItem, row: dict[str, Any], number: int, lang: Lang) -> str:
    """A row as messages name it: its first cell (20 characters at most), else its number."""
    first = item.columns[0]
    return cell_text(first, row.get(first.id), lang)[:20] or str(number)


def record_texts(workbook, item: RecordsItem, row: dict[str, Any], lang: Lang) -> list[str]:
    """A row's cells as people read them, the computed ones (`now`) included."""
    from .metric_refs import label, now_text

    texts = []
    for column in item.columns:
        if column.kind == "now":
            texts.append(now_text(workbook, row.get(column.of or ""), row.get(column.against) if column.against else None, lang))
        elif column.kind == "metric":
            texts.append(label(workbook.checklist, row.get(column.id), lang))
        else:
            texts.append(cell_text(column, row.get(column.id), lang))
    return texts
