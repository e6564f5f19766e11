"""`choice`: one of a few options."""
from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated, Any

import msgspec

from ..i18n import Lang
from .base import ItemBase, Kind, Option, Problems, duplicates, labelled, option_label

if TYPE_CHECKING:
    from ..checklist import Checklist, Section
    from ..workbook import Workbook


class ChoiceItem(ItemBase, tag="choice"):
    """One of a few options."""

    options: Annotated[list[Option], msgspec.Meta(min_length=1)]


class ChoiceKind(Kind):
    item = ChoiceItem

    def checks(self, item: ChoiceItem, where: str, section: Section, checklist: Checklist) -> Problems:
        yield from duplicates([o.id for o in item.options], f"{where}.options")

    def problem(self, item: ChoiceItem, value: Any) -> str | None:
        if not isinstance(value, str):
            return f"expected text, got {value!r}"
        if value not in {o.id for o in item.options}:
            return f"unknown option {value!r} (one of: {', '.join(o.id for o in item.options)})"
        return None

    def report(self, workbook: Workbook, section: Section, item: ChoiceItem, value: Any, lang: Lang) -> Iterator[str]:
        from ..export.markdown import escape_text

        yield labelled(item, lang, escape_text(option_label(item.options, value, lang)))


KIND = ChoiceKind()
