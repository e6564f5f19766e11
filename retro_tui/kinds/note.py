"""`note`: several lines of text."""
from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..i18n import Lang, Text
from .base import ItemBase, Kind, bold_label

if TYPE_CHECKING:
    from ..checklist import Section
    from ..workbook import Workbook


class NoteItem(ItemBase, tag="note"):
    """Several lines of text."""

    placeholder: Text | None = None


class NoteKind(Kind):
    item = NoteItem

    def report(self, workbook: Workbook, section: Section, item: NoteItem, value: Any, lang: Lang) -> Iterator[str]:
        from ..export.markdown import escape_text

        yield bold_label(item, lang)
        yield ""
        yield from (line + "  " for line in escape_text(str(value)).splitlines())


KIND = NoteKind()
