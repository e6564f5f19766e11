"""`checks`: a list of yes/no points."""
from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated, Any

import msgspec

from ..i18n import Lang, pick
from .base import ItemBase, Kind, Option, Problems, bold_label, duplicates

if TYPE_CHECKING:
    from ..checklist import Checklist, Section
    from ..workbook import Workbook


class ChecksItem(ItemBase, tag="checks"):
    """A list of yes/no points."""

    points: Annotated[list[Option], msgspec.Meta(min_length=1)]


class ChecksKind(Kind):
    item = ChecksItem

    def checks(self, item: ChecksItem, where: str, section: Section, checklist: Checklist) -> Problems:
        yield from duplicates([p.id for p in item.points], f"{where}.points")

    def answered(self, workbook: Workbook, section: Section, item: ChecksItem) -> bool:
        return any(bool(v) for v in (workbook.value(section.id, item.id) or {}).values())

    def problem(self, item: ChecksItem, value: Any) -> str | None:
        if not isinstance(value, dict) or not all(isinstance(v, bool) for v in value.values()):
            return "expected a table of `point = true/false`"
        return None

    def report(self, workbook: Workbook, section: Section, item: ChecksItem, value: Any, lang: Lang) -> Iterator[str]:
        from ..export.markdown import escape_text

        yield bold_label(item, lang)
        yield ""
        checked = workbook.checks(section.id, item.id)
        for point in item.points:
            yield f"- [{'x' if checked.get(point.id) else ' '}] {escape_text(pick(point.label, lang))}"


KIND = ChecksKind()
