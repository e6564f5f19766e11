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
from dataclasses import dataclass

FACTORS = ("visitors", "conversion", "aov")
"""The catalogue metrics sales is the product of (conversion in %, so divided by 100)."""


@dataclass(frozen=True)
class Gap:
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


def decompose(base: dict[str, float], actual: dict[str, float]) -> Gap | None:
    """The gap between the sales the `base` factors make and those the `actual` ones make,
    split by factor; None unless every factor is known and positive on both sides (a zero
    has no logarithm: there is no meaningful split)."""
    if any(base.get(f) is None or actual.get(f) is None or base[f] <= 0 or actual[f] <= 0 for f in FACTORS):
        return None
    before, after = (math.prod(side[f] for f in FACTORS) / 100 for side in (base, actual))  # conversion is in %
    weight = log_mean(after, before)
    contributions = {f: weight * math.log(actual[f] / base[f]) for f in FACTORS}
    return Gap(before, after, contributions)
