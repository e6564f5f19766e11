"""Metrics over a period, from the files read: sums, distinct counts, and formulas whose
ratios are recomputed from their parts. No data for a metric gives None, never 0."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .catalogue import Catalogue, evaluate_formula, formula_names
from .reader import Table, parse_numbers

TIME_FIELD = {"orders": "paid_at", "costs": "month"}
"""The field that places a row of each kind in time (rows outside the period are left out)."""
MONTHLY = {"costs"}
"""Kinds whose rows are whole months: a month counts only if the period holds all of it, and
a period that cuts through a month of data leaves their metrics empty rather than wrong."""


@dataclass
class Result:
    values: dict[str, float | None]
    """Metric id → value over the period (None: no data)."""
    sources: dict[str, list[Path]]
    """Metric id → the files its value came from."""
    targets: dict[str, float] = field(default_factory=dict)
    """Metric id → target, from targets files."""
    target_sources: dict[str, Path] = field(default_factory=dict)
    unmatched_targets: list[str] = field(default_factory=list)
    """Names in targets files that no metric goes by."""
    rows_used: dict[Path, int] = field(default_factory=dict)
    covered: dict[Path, tuple[dt.date, dt.date]] = field(default_factory=dict)
    """The dates each file's rows span."""
    split_months: list[Path] = field(default_factory=list)
    """Monthly files the period cuts through a month of (their metrics are left empty)."""


def compute(tables: list[Table], catalogue: Catalogue, period: tuple[dt.date, dt.date]) -> Result:
    import pandas as pd

    start = pd.Timestamp(period[0])
    end = pd.Timestamp(period[1]) + pd.Timedelta(days=1)
    frames: dict[str, list[tuple[Table, pd.DataFrame]]] = {}
    result = Result({}, {})
    for table in tables:
        frame = table.frame
        time_field = TIME_FIELD.get(table.kind)
        if time_field and time_field in frame:
            times = frame[time_field]
            if table.kind in MONTHLY:
                month_end = times + pd.offsets.MonthEnd(0) + pd.Timedelta(days=1)
                if ((times < start) & (month_end > start) | (times < end) & (month_end > end)).any():
                    result.split_months.append(table.path)
                    frame = frame.iloc[0:0]
                else:
                    frame = frame[(times >= start) & (month_end <= end)]
                last = (times + pd.offsets.MonthEnd(0)).max()
            else:
                frame = frame[(times >= start) & (times < end)]
                last = times.max()
            if times.notna().any():
                result.covered[table.path] = (times.min().date(), last.date())
        frames.setdefault(table.kind, []).append((table, frame))
        result.rows_used[table.path] = len(frame)
    customer_ids = [frame["buyer_id"] for _, frame in frames.get("customers", [])]

    def rows(metric) -> tuple[pd.DataFrame | None, list[Path]]:
        parts = frames.get(metric.of, [])
        if not parts:
            return None, []
        frame = pd.concat([f for _, f in parts]) if len(parts) > 1 else parts[0][1]
        if metric.where in ("paid", "returning"):
            frame = frame[frame["paid_at"].notna()] if "paid_at" in frame else frame.iloc[0:0]
        if metric.where == "returning":
            if not customer_ids:
                return None, []
            frame = frame[_is_in(frame["buyer_id"], customer_ids)]
        return frame, [t.path for t, _ in parts] + ([t.path for t, _ in frames["customers"]] if metric.where == "returning" else [])

    def value(metric_id: str) -> float | None:
        if metric_id in result.values:
            return result.values[metric_id]
        metric = catalogue.metrics[metric_id]
        if metric.formula:
            names = formula_names(metric.formula)
            parts = {name: value(name) for name in names}
            number = evaluate_formula(metric.formula, parts)
            result.sources[metric_id] = sorted({p for name in names for p in result.sources.get(name, [])})
        else:
            frame, paths = rows(metric)
            column = metric.sum or metric.distinct
            number = None
            if frame is not None and column in frame and len(frame):
                if metric.distinct:
                    number = float(frame[column].dropna().nunique())
                else:
                    total = frame[column].sum(min_count=1)
                    number = None if pd.isna(total) else float(total)
            result.sources[metric_id] = paths if number is not None else []
        result.values[metric_id] = None if number is None else _tidy(number, metric.unit)
        return result.values[metric_id]

    for metric_id in catalogue.metrics:
        value(metric_id)
    _targets(frames.get("targets", []), catalogue, result)
    return result


def _is_in(values, lists):
    """`values.isin(…)` done by pyarrow: a Python set of a million ids is several times slower."""
    import pyarrow as pa
    import pyarrow.compute as pc

    known = pa.chunked_array([pa.array(ids, pa.string()) for ids in lists]).combine_chunks().drop_null()
    return pc.is_in(pa.array(values, pa.string()), value_set=known).to_numpy(zero_copy_only=False)


def _tidy(number: float, unit: str) -> float:
    """Money to the cent, counts whole, anything else to 4 decimals (display rounds further)."""
    if unit == "元":
        return round(number, 2)
    if unit in ("人", "单", "件"):
        return float(round(number))
    return round(number, 4)


def _targets(parts, catalogue: Catalogue, result: Result) -> None:
    for table, frame in parts:
        targets, _ = parse_numbers(frame["target"])
        for name, target in zip(frame["metric"], targets):
            if name is None or str(name).strip() == "":
                continue
            metric_id = catalogue.metric_for(str(name))  # `团队稳定性(核心员工流失率)` is looked up without its bracket
            if metric_id is None:
                result.unmatched_targets.append(str(name))
            elif target == target:  # not NaN
                result.targets[metric_id] = float(target)
                result.target_sources[metric_id] = table.path
