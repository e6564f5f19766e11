"""`ledger`: cost lines, budget against spend — a targets table with each line's share of the
spend, a total row and, if asked, each line's spend month by month."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import msgspec

from .base import Problems
from .targets import TargetsItem, TargetsKind

if TYPE_CHECKING:
    from ..checklist import Checklist, Section


class LedgerItem(TargetsItem, tag="ledger"):
    """Cost lines, budget (target) against spend (actual), as a targets table that also shows
    each line's share of the spend and a total row."""

    revenue: Annotated[str, msgspec.Meta(pattern=r"^[a-z0-9][a-z0-9_-]*\.[a-z0-9][a-z0-9_-]*$")] | None = None
    """`ITEM.ROW` of a targets table in the same section whose actual is the turnover: the total
    spend is then also shown as a share of it (cost ratio)."""
    by_month: bool = False
    """Also each line's spend month by month (whole months of the period), filled by import
    and shown in the report."""


class LedgerKind(TargetsKind):
    item = LedgerItem

    def checks(self, item: Any, where: str, section: Section, checklist: Checklist) -> Problems:
        yield from super().checks(item, where, section, checklist)
        if item.revenue and not _names_row(section, item.revenue):
            yield f"{where}.revenue", f"'{item.revenue}' is not ITEM.ROW of a targets table in this section"


def _names_row(section: Section, where: str) -> bool:
    item_id, row_id = where.split(".")
    item = next((i for i in section.items if i.id == item_id), None)
    return isinstance(item, TargetsItem) and any(r.id == row_id for r in item.rows)

KIND = LedgerKind()
