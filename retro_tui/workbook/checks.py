"""What a workbook file must hold to be opened: its [workbook] table, its imports, and each
answer as its item's kind has it (see `retro_tui.kinds`) — refused with the key and its line."""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import TYPE_CHECKING, Any

from ..i18n import LANGS
from ..kinds import kind_of

if TYPE_CHECKING:
    import tomlkit

    from ..checklist import Column
    from . import Workbook


_NUMBER = (int, float)


def is_number(value: Any) -> bool:
    """An int or a finite float (TOML's nan and inf are no answer to a question)."""
    return isinstance(value, _NUMBER) and not isinstance(value, bool) and math.isfinite(value)


def cell_problem(column: Column, value: Any) -> str | None:
    if value is None:
        return None
    if column.kind == "number":
        return None if is_number(value) else f"expected a number, got {value!r}"
    if column.kind == "date":
        return None if isinstance(value, dt.date) else f"expected a date like 2025-06-18, got {value!r}"
    if not isinstance(value, str):
        return f"expected text, got {value!r}"
    if column.kind == "choice" and value not in {o.id for o in column.options or []}:
        return f"unknown option {value!r} (one of: {', '.join(o.id for o in column.options or [])})"
    return None


def line_of_key(text: str, key: str) -> int | None:
    pattern = re.compile(rf"^[ \t]*(\[+\s*)?[\w.\"-]*\b{re.escape(key)}\b\"?\s*[=\].]", re.M)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def check_values(workbook: Workbook, text: str) -> None:
    """Refuse answers of the wrong type, naming the key and its line."""
    from . import AnswerMismatch, WorkbookError

    meta = workbook.meta
    for key in ("period_start", "period_end"):
        if key in meta and not isinstance(meta[key], dt.date):
            raise WorkbookError(workbook.path, f"workbook.{key}: expected a date like 2025-01-01", line_of_key(text, key))
    if meta.get("language", "zh") not in LANGS:
        raise WorkbookError(workbook.path, "workbook.language: expected \"zh\" or \"en\"", line_of_key(text, "language"))
    imports = workbook.plain().get("imports", [])
    if not isinstance(imports, list) or not all(isinstance(entry, dict) and "file" in entry for entry in imports):
        raise WorkbookError(workbook.path, "imports: expected [[imports]] tables, each with a file", line_of_key(text, "imports"))
    mapping = workbook.plain().get("mapping", {})
    if not isinstance(mapping, dict) or not all(isinstance(v, str) for v in mapping.values()):
        raise WorkbookError(workbook.path, 'mapping: expected a table of `"column" = "field"`', line_of_key(text, "mapping"))
    answers = workbook.plain().get("answers", {})
    if not isinstance(answers, dict):
        raise WorkbookError(workbook.path, "answers: expected a table", line_of_key(text, "answers"))
    for section in workbook.checklist.sections:
        table = answers.get(section.id)
        if table is None:
            continue
        if not isinstance(table, dict):
            raise WorkbookError(workbook.path, f"answers.{section.id}: expected a table")
        for item in section.items:
            if item.id in table:
                found = kind_of(item).problem(item, table[item.id])
                if found:
                    line = line_of_key(text, item.id)
                    about = getattr(found, "key", None)  # a targets row: point at its own line
                    if line and about and isinstance(table[item.id], dict) and about in table[item.id]:
                        below = line_of_key("\n".join(text.split("\n")[line - 1:]), about)
                        line += below - 1 if below else 0
                    raise AnswerMismatch(workbook.path, f"answers.{section.id}.{item.id}: {found} — correct this "
                                         f"answer in the file, or open it with the checklist it was made with "
                                         f"({workbook.checklist.id} v{workbook.checklist.version} is asked for now)", line)


def check_layout(workbook: Workbook, doc: tomlkit.TOMLDocument, text: str) -> None:
    """Refuse the few TOML spellings the app cannot edit in place (inline tables for whole
    sections, inline arrays for records), saying how to write them instead."""
    from tomlkit.items import AoT, InlineTable

    from ..checklist import RecordsItem
    from . import WorkbookError

    answers = doc.get("answers")
    if answers is None:
        return
    if isinstance(answers, InlineTable):
        raise WorkbookError(workbook.path, "answers: write each section as a [answers.<section>] table to edit it here")
    body = getattr(getattr(answers, "value", None), "body", [])
    for key, _ in body:  # `goals.overall = …` under [answers]: a new table would land elsewhere
        if key is not None and getattr(key, "is_dotted", lambda: False)():
            raise WorkbookError(workbook.path, f"answers.{key.key}: write it as a [answers.{key.key}] table to edit it here",
                                line_of_key(text, key.key))
    for section in workbook.checklist.sections:
        table = answers.get(section.id)
        if isinstance(table, InlineTable):
            raise WorkbookError(workbook.path, f"answers.{section.id}: write it as a [answers.{section.id}] table to edit it here")
        for item in section.items:
            if isinstance(item, RecordsItem) and table is not None and item.id in table:
                if not isinstance(table[item.id], AoT):
                    raise WorkbookError(
                        workbook.path,
                        f"answers.{section.id}.{item.id}: write the rows as [[answers.{section.id}.{item.id}]] tables to edit them here",
                    )
