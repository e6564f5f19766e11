"""Imported metrics into a workbook's target tables: data-filled cells carry their source,
and a value typed by hand is kept unless the user asks to overwrite it."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..checklist import TargetsItem
from ..numbers import tidy
from ..workbook import Workbook, now
from .compute import Result
from .reader import Table


@dataclass
class Filled:
    where: str
    """`goals.targets.sales.actual`."""
    value: float
    sources: list[str]


@dataclass
class Report:
    filled: list[Filled] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    """Cells typed by hand that had data for them but were kept."""
    cleared: list[str] = field(default_factory=list)
    """Cells an earlier import filled that the data now leaves empty (e.g. another period)."""
    unknown_metrics: list[str] = field(default_factory=list)
    """Metrics the checklist names that the catalogue does not have."""


def fill(workbook: Workbook, result: Result, overwrite: bool = False) -> Report:
    """Put the computed actuals and imported targets into every targets row bound to a metric."""
    report = Report()
    for section, item, row in _bound_rows(workbook):
        if row.metric not in result.values:
            report.unknown_metrics.append(f"{section.id}.{item.id}.{row.id}: {row.metric}")
            continue
        new = {
            "actual": (result.values[row.metric], [p.name for p in result.sources.get(row.metric, [])]),
            "target": (result.targets.get(row.metric), [p.name for p in [result.target_sources.get(row.metric)] if p]),
        }
        current = dict(zip(("target", "actual"), workbook.target(section.id, item.id, row.id)))
        sources = workbook.target_sources(section.id, item.id, row.id)
        for name, (value, files) in new.items():
            where = f"{section.id}.{item.id}.{row.id}.{name}"
            if value is None:
                if name == "actual" and name in sources:  # the data no longer gives it
                    workbook.set_target(section.id, item.id, row.id, name, None)
                    report.cleared.append(where)
            elif current[name] is not None and name not in sources and not overwrite:
                report.kept.append(where)
            else:
                value, files = tidy(value), sorted(files)
                workbook.set_target(section.id, item.id, row.id, name, value, files)
                report.filled.append(Filled(where, value, files))
    return report


def _bound_rows(workbook: Workbook):
    """(section, item, row) of every targets row that names a metric."""
    for section in workbook.checklist.sections:
        for item in section.items:
            if isinstance(item, TargetsItem):
                yield from ((section, item, row) for row in item.rows if row.metric is not None)


def record(workbook: Workbook, tables: list[Table], result: Result) -> None:
    """Note each imported file in the workbook: name, sha256, kind, encoding, rows, when."""
    stamp = now()
    for table in tables:
        entry = {
            "file": table.path.name,
            "sha256": table.sha256,
            "kind": table.kind,
            "encoding": table.encoding,
            "rows": table.rows,
            "rows_used": result.rows_used.get(table.path, 0),
            "imported": stamp,
        }
        covered = result.covered.get(table.path)
        if covered:
            entry["first_date"], entry["last_date"] = covered
        workbook.record_import(entry)
