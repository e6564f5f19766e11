"""`number`: a number with its unit."""
from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..i18n import Lang, Text, pick
from .base import ItemBase, Kind, labelled

if TYPE_CHECKING:
    from ..checklist import Section
    from ..workbook import Workbook


class NumberItem(ItemBase, tag="number"):
    """A number with its unit."""

    unit: Text | None = None


class NumberKind(Kind):
    item = NumberItem

    def problem(self, item: NumberItem, value: Any) -> str | None:
        from ..workbook.checks import is_number

        return None if is_number(value) else f"expected a number, got {value!r}"

    def report(self, workbook: Workbook, section: Section, item: NumberItem, value: Any, lang: Lang) -> Iterator[str]:
        from ..export.markdown import escape_text
        from ..numbers import format_amount

        unit = pick(item.unit, lang)
        yield labelled(item, lang, f"{format_amount(value, pick(item.unit, 'zh'))}{' ' + escape_text(unit) if unit else ''}")


KIND = NumberKind()
