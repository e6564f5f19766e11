"""`gap`: why sales missed (or beat) their target, split into what visitors, conversion and
average order value contributed — filled by import, read-only (the split itself: `retro_tui.gap`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..i18n import Lang
from .base import ItemBase, Kind, heading

if TYPE_CHECKING:
    from ..checklist import Section
    from ..workbook import Workbook


class GapItem(ItemBase, tag="gap"):
    """Why sales missed (or beat) their target: the gap split into what visitors, conversion
    and average order value each contributed, month by month. Filled by importing the shop
    daily report and monthly targets with factor columns; read-only."""

    channel: str | None = None
    """Only this channel's targets (and its shop report), as the files name it: 天猫."""


class GapKind(Kind):
    item = GapItem

    def answered(self, workbook: Workbook, section: Section, item: GapItem) -> bool:
        return bool(workbook.value(section.id, item.id))

    def problem(self, item: GapItem, value: Any) -> str | None:
        from ..answers import GapSplit, problem

        return problem(GapSplit, value)

    def report(self, workbook: Workbook, section: Section, item: GapItem, value: Any, lang: Lang) -> Iterator[str]:
        from ..export.markdown import gap_table

        split = workbook.gap(section.id, item.id)
        if split is not None:
            yield from heading(item, lang)
            yield from gap_table(split, lang)


KIND = GapKind()
