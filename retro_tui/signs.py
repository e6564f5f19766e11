"""Figures that cannot be below zero — a count, a multiple, a sales, spend or cost amount, a
share — told by a checklist row's unit and metric. A negative typed or imported there is kept
(the room may mean it) and said: where it is typed, and in the checks before a report goes out."""

from __future__ import annotations

from .checklist import Column, NumberItem, TargetRow
from .i18n import Lang, pick, tr
from .numbers import FIXED_DECIMALS, format_number


def never_negative(figure: TargetRow | NumberItem | Column) -> bool:
    """Whether a value of `figure` below zero makes no sense. Its unit says first: a count
    (人, 单, 件, 次, 名: shown without decimals) never is; then the catalogue metric that fills
    it, which may be (a growth, profit, a margin, refunds) or not (sales, spend, a cost, ROI);
    without one, an amount, a share or a multiple typed by hand (元, %, 倍: a sales target,
    the stock left, a competitor's sales) never is. A table's own column with neither unit
    nor metric (votes, a difference) is not judged."""
    from .metrics.catalogue import load

    unit = pick(getattr(figure, "unit", None), "zh").strip()
    metric = getattr(figure, "metric", None)
    catalogue = load()
    if metric in catalogue.metrics and FIXED_DECIMALS.get(unit) != 0:
        return not catalogue.signed(metric)
    return unit in FIXED_DECIMALS


def negative_note(figure: TargetRow | NumberItem | Column, value: object, where: str, lang: Lang) -> str | None:
    """What to say of `value`, a value of `figure` shown as `where` (`销售额 · 目标`): a
    negative where none can be is kept, and said; anything else, None."""
    if not isinstance(value, (int, float)) or value >= 0 or not never_negative(figure):
        return None
    return tr("negative_kept", lang, where=where, value=format_number(value))
