"""Target vs result: variance, completion and status, direction-aware."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .checklist import Direction

Status = Literal["met", "missed", "pending"]


@dataclass(frozen=True)
class Evaluation:
    """The computed columns of one target row."""

    variance: float | None
    """actual − target, in the row's unit; None when either is missing."""
    completion: float | None
    """A ratio where ≥ 1 is good: actual / target, or target / actual when lower is better.
    None when it has no meaning (see `reason`)."""
    status: Status
    reason: str | None = None
    """Message key saying why `completion` is None, when it is."""


def evaluate(target: float | None, actual: float | None, direction: Direction) -> Evaluation:
    """Compare an actual with its target.

    - Missing target or actual: pending, nothing computed (a missing value is not 0).
    - Status compares the two directly: higher-is-better is met at actual ≥ target,
      lower-is-better at actual ≤ target — so it is defined for any target, zero included.
    - Completion: actual / target for higher-is-better, target / actual for lower-is-better;
      none when the divisor is ≤ 0 (a zero or negative target, a zero cost).
    """
    if target is None or actual is None:
        reason = "reason_no_target" if target is None and actual is not None else None
        return Evaluation(None, None, "pending", reason)
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
