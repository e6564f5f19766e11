"""`targets`: a target-vs-result table, each row a metric with its target and actual."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated, Any

import msgspec

from ..i18n import Lang, Text
from .base import (
    Direction,
    Id,
    ItemBase,
    Kind,
    Link,
    Problems,
    duplicates,
    heading,
    link_problems,
    unknown_metric,
)

if TYPE_CHECKING:
    from ..checklist import Checklist, Section
    from ..workbook import Workbook


class TargetRow(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """A metric row of a `targets` table."""

    id: Id
    label: Text
    unit: Text | None = None
    """The unit values are typed in, e.g. 元, %, 人."""
    direction: Direction = "higher"
    """`lower` for costs, refund rate, staff turnover: being under target is met."""
    metric: str | None = None
    """The catalogue metric (checklists/metrics.yaml) that imported data fills this row from."""
    channel: str | None = None
    """Only this channel's rows of the data (as the files name it: 天猫, 京东 …)."""
    sku: str | None = None
    """Only this SKU's rows (商家编码)."""
    campaign: str | None = None
    """A campaign (618, 双十一): its targets, over its days as the targets file gives them
    unless `window` says."""
    window: Annotated[str, msgspec.Meta(pattern=r"^(\d{4}-)?\d{2}-\d{2}\.\.(\d{4}-)?\d{2}-\d{2}$")] | None = None
    """Days within the period, `05-20..06-18` (in the period's year) or with years."""
    product: Annotated[dict[Id, str], msgspec.Meta(min_length=1)] | None = None
    """Only the products whose master (products.csv) has these attributes, joined to the other
    files by SKU: `{season: 春夏}`, `{category: 冲锋衣, new_or_old: 新品}`."""
    help: Text | None = None


class TargetsItem(ItemBase, tag="targets"):
    """A target-vs-result table: each row has a target and an actual."""

    rows: Annotated[list[TargetRow], msgspec.Meta(min_length=1)]
    explained_in: Link | None = None
    """A missed row should be named (by its label) in that column, e.g. the causes' "target
    affected": checked before export."""


class TargetsKind(Kind):
    item = TargetsItem

    def checks(self, item: TargetsItem, where: str, section: Section, checklist: Checklist) -> Problems:
        yield from duplicates([r.id for r in item.rows], f"{where}.rows")
        for index, row in enumerate(item.rows):
            yield from unknown_metric(row.metric, f"{where}.rows[{index}].metric")
        yield from link_problems(item.explained_in, f"{where}.explained_in", checklist)

    def answered(self, workbook: Workbook, section: Section, item: TargetsItem) -> bool:
        rows = workbook.target_rows(section.id, item.id, list(workbook.value(section.id, item.id) or {}))
        return any(row.answered() for row in rows.values())

    def problem(self, item: TargetsItem, value: Any) -> str | None:
        from ..answers import TargetValues, problem

        if not isinstance(value, dict):
            return "expected a table of rows like `sales = { target = 100, actual = 90 }`"
        return next((found for row_id, row in value.items() if (found := problem(TargetValues, row, row_id))), None)

    def report(self, workbook: Workbook, section: Section, item: TargetsItem, value: Any, lang: Lang) -> Iterator[str]:
        from ..export.markdown import targets_table

        yield from heading(item, lang)
        yield from targets_table(workbook, section, item, lang)


KIND = TargetsKind()
