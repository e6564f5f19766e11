"""One import: read every file first (any problem stops it before anything changes), compute
over the workbook's period, fill the target tables, and note the files in the workbook."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..workbook import Workbook
from . import catalogue as catalogues
from .compute import Result, compute
from .fill import Report, fill, record
from .reader import MetricsError, Table, read


@dataclass
class Outcome:
    tables: list[Table]
    result: Result
    report: Report


def import_files(workbook: Workbook, paths: list[Path], kind: str | None = None,
                 mapping: dict[str, str] | None = None, overwrite: bool = False) -> Outcome:
    """Apply the files to `workbook` in memory (the caller saves); raises MetricsError or
    CatalogueError, with the workbook untouched, if any file cannot be used."""
    start, end = workbook.period
    if start is None or end is None:
        raise MetricsError(workbook.path, "the workbook has no period (period_start, period_end)")
    catalogue = catalogues.load()
    tables = [read(Path(path), catalogue, kind, mapping) for path in paths]
    for table in tables:
        if table.problems:
            raise MetricsError(table.path, "; ".join(problem.describe() for problem in table.problems))
    result = compute(tables, catalogue, (start, end))
    workbook.doc  # parse for editing before changing anything
    report = fill(workbook, result, overwrite)
    record(workbook, tables, result)
    return Outcome(tables, result, report)
