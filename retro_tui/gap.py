"""Why sales missed (or beat) their target: the gap split into what visitors, conversion and
average order value each contributed.

Sales = visitors × conversion × AOV, so the split is multiplicative. The contributions use
the logarithmic mean (LMDI): for each factor x, `L(S₁, S₀) · ln(x₁ / x₀)`, where
`L(a, b) = (a − b) / (ln a − ln b)`. Because ln(S₁/S₀) is the sum of the factors' log ratios,
the contributions add up to S₁ − S₀ exactly, whatever the order of the factors, and a factor
that did not change contributes nothing.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

import msgspec

if TYPE_CHECKING:
    from .answers import GapSplit

FACTORS = ("visitors", "conversion", "aov")
"""The catalogue metrics sales is the product of (conversion in %, so divided by 100)."""


class Gap(msgspec.Struct, frozen=True):
    base: float
    """Sales planned (or last period's)."""
    actual: float
    contributions: dict[str, float]
    """Factor → its share of `actual − base`, in the sales unit."""

    @property
    def total(self) -> float:
        return self.actual - self.base

    def in_cents(self) -> dict[str, int]:
        """The contributions in whole cents (fen), adding up exactly to the gap in cents: the
        rounding left over goes to the largest contribution."""
        total = round(self.actual * 100) - round(self.base * 100)
        cents = {f: round(value * 100) for f, value in self.contributions.items()}
        largest = max(cents, key=lambda f: abs(self.contributions[f]))
        cents[largest] += total - sum(cents.values())
        return cents


def log_mean(a: float, b: float) -> float:
    """The logarithmic mean of two positive numbers (a when they are equal)."""
    if math.isclose(a, b, rel_tol=1e-12):
        return a
    return (a - b) / (math.log(a) - math.log(b))


def decompose(base: Mapping[str, float | None], actual: Mapping[str, float | None]) -> Gap | None:
    """The gap between the sales the `base` factors make and those the `actual` ones make,
    split by factor; None unless every factor is known and positive on both sides (a zero
    has no logarithm: there is no meaningful split)."""
    planned, result = positive(base), positive(actual)
    if planned is None or result is None:
        return None
    before, after = (math.prod(side[f] for f in FACTORS) / 100 for side in (planned, result))  # conversion is in %
    weight = log_mean(after, before)
    contributions = {f: weight * math.log(result[f] / planned[f]) for f in FACTORS}
    return Gap(before, after, contributions)


def positive(values: Mapping[str, float | None]) -> dict[str, float] | None:
    """The factors, when every one is known and above zero; else None."""
    known = {factor: values.get(factor) for factor in FACTORS}
    if not all(value is not None and value > 0 for value in known.values()):
        return None
    return {factor: value for factor, value in known.items() if value is not None}


PLAN = "plan"
"""The plan's own rounding: the product of the factor targets less the sales target (9,248 ×
2.69% × 607 ≈ 151,002 against a target of 151,000)."""
LINES = (*FACTORS, PLAN)
"""What the gap is split into."""


class Month(msgspec.Struct, frozen=True):
    """One month's plan and result: the sales target, the factor targets and the actual factors."""

    name: str
    """`2025-01`."""
    sales_target: float | None
    target: dict[str, float | None]
    actual: dict[str, float | None]
    sources: tuple[str, ...] = ()
    """The files its figures came from."""


def actual_factors(visitors: float | None, buyers: float | None, sales: float | None) -> dict[str, float | None]:
    """Visitors, conversion (buyers / visitors, in %) and AOV (sales / buyers) from their parts,
    so that their product is the sales; a factor without its parts, or over a zero, is None."""
    return {
        "visitors": visitors,
        "conversion": buyers / visitors * 100 if buyers is not None and visitors else None,
        "aov": sales / buyers if sales is not None and buyers else None,
    }


class Split(msgspec.Struct, frozen=True):
    """The gap over several months: each month split on its own, the splits added up (sums of
    exact splits stay exact)."""

    gap: Gap
    """Base: the months' sales targets; actual: their sales; contributions: `LINES`."""
    target: dict[str, float]
    """The factors the plan makes over the months used: visitors added up, conversion and AOV
    recomputed from the planned buyers and sales (never averaged)."""
    actual: dict[str, float]
    months: list[str]
    left_out: list[str]
    """Months without every factor, positive, on both sides (or without a sales target)."""
    sources: list[str]


def split_months(months: list[Month]) -> Split | None:
    """Each month's gap split by factor plus the plan's rounding, added up; None when no month
    can be split."""
    contributions = dict.fromkeys(LINES, 0.0)
    base = actual = 0.0
    parts = {side: {"visitors": 0.0, "buyers": 0.0, "sales": 0.0} for side in ("target", "actual")}
    used, left_out, sources = [], [], {}
    for month in months:
        planned, result = positive(month.target), positive(month.actual)
        gap = decompose(planned, result) if planned and result else None
        if gap is None or planned is None or result is None or month.sales_target is None:
            left_out.append(month.name)
            continue
        used.append(month.name)
        sources.update(dict.fromkeys(month.sources))
        for factor in FACTORS:
            contributions[factor] += gap.contributions[factor]
        contributions[PLAN] += gap.base - month.sales_target
        base += month.sales_target
        actual += gap.actual
        for side, values, sales in (("target", planned, gap.base), ("actual", result, gap.actual)):
            parts[side]["visitors"] += values["visitors"]
            parts[side]["buyers"] += values["visitors"] * values["conversion"] / 100
            parts[side]["sales"] += sales
    if not used:
        return None
    target, result = ({factor: value for factor, value in actual_factors(**parts[side]).items() if value is not None}
                      for side in ("target", "actual"))
    return Split(Gap(base, actual, contributions), target, result, used, left_out, list(sources))


def to_answer(split: Split) -> GapSplit:
    """The split as the workbook keeps it: money to the cent, the lines' cents adding up exactly
    to the gap's (a report never needs the data again)."""
    from .answers import GapLine, GapSplit
    from .numbers import tidy

    cents = split.gap.in_cents()
    decimals = {"visitors": 0, "conversion": 4, "aov": 2}
    factors = {factor: GapLine(target=tidy(round(split.target[factor], decimals[factor])),
                               actual=tidy(round(split.actual[factor], decimals[factor])),
                               contribution=tidy(cents[factor] / 100)) for factor in FACTORS}
    return GapSplit(target=tidy(round(split.gap.base, 2)), actual=tidy(round(split.gap.actual, 2)), **factors,
                    plan=GapLine(contribution=tidy(cents[PLAN] / 100)), months=split.months, left_out=split.left_out,
                    sources=split.sources)
