"""Target vs result: variance, completion and status, direction-aware."""

from __future__ import annotations

from typing import Literal

import msgspec

from .checklist import Direction, TargetRow
from .i18n import Lang, label_with_unit, pick, tr
from .numbers import format_amount, format_number, format_percent
from .numbers import signed as _signed

Status = Literal["met", "missed", "pending"]


class Evaluation(msgspec.Struct, frozen=True):
    """The computed columns of one target row."""

    variance: float | None
    """actual − target, in the row's unit; None when either is missing."""
    completion: float | None
    """A ratio where ≥ 1 is good: actual / target, or target / actual when lower is better.
    None when it has no meaning (see `reason`)."""
    status: Status
    reason: str | None = None
    """Message key saying why `completion` is None although both values exist."""


def evaluate(target: float | None, actual: float | None, direction: Direction) -> Evaluation:
    """Compare an actual with its target.

    - Missing target or actual: pending, nothing computed (a missing value is not 0).
    - Status compares the two directly: higher-is-better is met at actual ≥ target,
      lower-is-better at actual ≤ target — so it is defined for any target, zero included.
    - Completion: actual / target for higher-is-better, target / actual for lower-is-better;
      none when the divisor is ≤ 0 (a zero or negative target, a zero cost).
    """
    if target is None or actual is None:
        return Evaluation(None, None, "pending")
    variance = actual - target
    met = actual >= target if direction == "higher" else actual <= target
    status: Status = "met" if met else "missed"
    if direction == "higher":
        if target <= 0:
            return Evaluation(variance, None, status, "reason_target_not_positive")
        return Evaluation(variance, actual / target, status)
    if target <= 0:
        return Evaluation(variance, None, status, "reason_target_not_positive")
    if actual <= 0:
        return Evaluation(variance, None, status, "reason_actual_zero")
    return Evaluation(variance, target / actual, status)


class RowTexts(msgspec.Struct, frozen=True):
    """One target row as people read it, in one language."""

    label: str
    """The metric with its unit: `销售额（元）`, `Sales (CNY)`."""
    target: str
    actual: str
    variance: str
    """Signed: `+280,283.44`."""
    completion: str
    """`104.5%`, or "" when there is none (see `reason`)."""
    reason: str
    """Why there is no completion rate, when a target and an actual exist."""
    status: Status
    status_text: str
    """`✅ 达成`, `❌ missed`, or `—` while pending."""
    last_year: str = ""
    growth: str = ""
    """`+9.5%` over last year; for a row in %, the change in points (`+1.2 个百分点`)."""
    ratio: float | None = None
    """The completion rate as a number (1.0 = 100%), for bars."""


STATUS_MARK = {"met": "✅", "missed": "❌"}


def cell_name(row: TargetRow, field: str, lang: Lang) -> str:
    """A cell of a targets row (`target`, `actual`, `last_year`) as messages name it: `销售额 · 目标`."""
    return f"{pick(row.label, lang)} · {tr(field, lang)}"


def growth(actual: float | None, last_year: float | None, percent: bool) -> float | None:
    """Change over last year: a ratio (0.095 = +9.5%), or for a rate in % the difference in
    points; None without both values or when last year was not positive."""
    if actual is None or last_year is None:
        return None
    if percent:
        return actual - last_year
    return actual / last_year - 1 if last_year > 0 else None


def row_texts(row: TargetRow, target: float | None, actual: float | None, lang: Lang,
              last_year: float | None = None) -> RowTexts:
    result = evaluate(target, actual, row.direction)
    unit = pick(row.unit, "zh")  # (元, not CNY: the decimals are the unit's)
    variance = "" if result.variance is None else _signed(format_amount(result.variance, unit), result.variance)
    percent = unit == "%"
    change = growth(actual, last_year, percent)
    change_text = "" if change is None else _signed(
        tr("points", lang, value=format_number(change)) if percent else format_percent(change), change)
    return RowTexts(
        label=label_with_unit(pick(row.label, lang), pick(row.unit, lang), lang),
        target=format_amount(target, unit),
        actual=format_amount(actual, unit),
        variance=variance,
        completion=format_percent(result.completion),
        reason=tr(result.reason, lang) if result.reason else "",
        status=result.status,
        status_text=f"{STATUS_MARK[result.status]} {tr(f'status_{result.status}', lang)}" if result.status != "pending" else "—",
        last_year=format_amount(last_year, unit),
        growth=change_text,
        ratio=result.completion,
    )
