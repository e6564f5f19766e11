"""One import: read every file first (any problem stops it before anything changes), compute
over the workbook's period, fill the target tables, and note the files in the workbook."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..i18n import Lang, tr
from ..numbers import format_number
from ..workbook import Workbook
from . import catalogue as catalogues
from .compute import Data, Result, Scope, time_span
from .fill import Report, fill, record
from .reader import MetricsError, Table, read_all, sheet_digests


@dataclass
class Outcome:
    tables: list[Table]
    result: Result
    report: Report


def import_files(workbook: Workbook, paths: list[Path], kind: str | None = None,
                 mapping: dict[str, str] | None = None, overwrite: bool = False) -> Outcome:
    """Read the files and apply them to `workbook` in memory (the caller saves); raises
    MetricsError or CatalogueError, with the workbook untouched, if any file cannot be used."""
    catalogue = catalogues.load()
    mapping = mapping or {}
    tables = [table for path in paths for table in read_all(Path(path), catalogue, kind, workbook.mapping() | mapping)]
    for column, field in mapping.items():
        if not any(column in table.columns for table in tables):
            raise MetricsError(Path(paths[0]), f"--map {column}={field}: no file has a column {column!r}")
    return apply_tables(workbook, tables, overwrite, mapping)


def apply_tables(workbook: Workbook, tables: list[Table], overwrite: bool = False,
                 mapping: dict[str, str] | None = None, read_again: bool = True) -> Outcome:
    """Apply files already read; all of them or, if one has a problem, none. `mapping`: the
    columns the user mapped, remembered in the workbook for later imports; `read_again`: also
    use the files imported earlier (see `read_earlier`)."""
    start, end = workbook.period
    if start is None or end is None:
        raise MetricsError(workbook.path, "the workbook has no period (period_start, period_end)")
    for table in tables:
        if table.problems:
            raise MetricsError(table.path, "; ".join(problem.describe() for problem in table.problems))
    earlier, unavailable, replaced = read_earlier(workbook, tables) if read_again else ([], [], [])
    before = workbook.dumps()
    try:
        data = Data(earlier + tables, catalogues.load())  # this import's files last: their targets win
        report = fill(workbook, data, overwrite, {table.path.name for table in tables} | set(replaced))
        seen: dict[str, Path] = {}  # the files' hashes are ready by now (they were worked out beside the sums)
        for table in tables:
            if table.sha256 in seen:
                raise MetricsError(table.path, f"the same data as {seen[table.sha256].name}: it would be counted twice")
            seen[table.sha256] = table.path
        if any(table.sha256 in seen for table in earlier):  # an earlier file imported again under a new name
            workbook.restore(before)
            return apply_tables(workbook, tables, overwrite, mapping, read_again=False)
        result = data.compute(Scope(start, end), metrics=set(), last_year=False)  # which rows each file gives for the period
        record(workbook, tables, result)
        for name in replaced:
            workbook.forget_import(name)
        workbook.remember_mapping(mapping or {})
        report.earlier, report.unavailable, report.replaced = [t.path.name for t in earlier], unavailable, replaced
    except Exception:
        workbook.restore(before)  # whole or not at all, in memory too
        raise
    return Outcome(tables, result, report)


def read_earlier(workbook: Workbook, tables: list[Table]) -> tuple[list[Table], list[str], list[str]]:
    """The files imported before that this import does not bring again, read from where they
    were if they are unchanged (same sha256), so that figures made from several kinds of file
    — profit from orders and costs — come out whichever was imported last. Also returns the
    earlier files that are gone or changed (the values they filled stay as they are), and those
    a file of this import replaces."""
    catalogue = catalogues.load()
    now = {table.path.name for table in tables}
    wanted: dict[Path, list[dict]] = {}
    for entry in workbook.imports():
        if entry.get("path") and entry["file"] not in now:
            wanted.setdefault(workbook.path.parent / entry["path"], []).append(entry)
    found, unavailable = [], []
    for path, entries in wanted.items():
        known = {entry["sha256"]: entry["file"] for entry in entries}
        kinds = {entry.get("kind") for entry in entries}
        try:
            unchanged = bool(known.keys() & sheet_digests(path, [entry["file"] for entry in entries]))
            read = read_all(path, catalogue, kinds.pop() if len(kinds) == 1 else None, workbook.mapping()) if unchanged else []
        except (MetricsError, OSError):
            read = []
        found += [table for table in read if table.sha256 in known and not table.problems]
        unavailable += [name for sha, name in known.items() if sha not in {t.sha256 for t in found}]
    replaced = [table for table in found if _replaced(table, tables, catalogue)]
    return [table for table in found if table not in replaced], unavailable, [t.path.name for t in replaced]


def _replaced(earlier: Table, tables: list[Table], catalogue) -> bool:
    """Whether a file of this import takes the place of an earlier one: the same kind over
    overlapping days (a corrected or fuller export), or of a kind not placed in time — unless
    files of that kind add up (lists of earlier customers; targets, a target given again
    replacing the old one)."""
    if catalogue.kinds[earlier.kind].adds_up:
        return False
    span = time_span(earlier, catalogue)
    for table in tables:
        if table.kind == earlier.kind:
            other = time_span(table, catalogue)
            if span is None or other is None or (span[0] <= other[1] and other[0] <= span[1]):
                return True
    return False


def describe_table(table: Table, result: Result | None, lang: Lang) -> list[str]:
    """What was read from one file, for people."""
    lines = [tr("import_file", lang, file=table.path.name, kind=catalogues.load().kind_label(table.kind, lang),
                encoding=table.encoding, header=table.header_row, rows=table.rows)]
    covered = result.covered.get(table.path) if result else None
    if result and not result.rows_used.get(table.path) and table.path in result.covered:
        lines.append(tr("import_no_rows", lang, start=covered[0], end=covered[1]))
    if covered:
        lines.append(tr("import_period", lang, used=result.rows_used[table.path], start=covered[0], end=covered[1]))
    lines.append(tr("import_columns", lang, columns=", ".join(f"{c}→{f}" for c, f in table.mapping.items())))
    if table.derived:
        lines.append(tr("import_derived", lang, columns=", ".join(table.derived)))
    if table.unknown:
        lines.append(tr("import_unused", lang, columns=", ".join(table.unknown)))
    if table.dropped_rows:
        rows = ", ".join(map(str, table.dropped_rows[:5])) + (" …" if len(table.dropped_rows) > 5 else "")
        lines.append(tr("import_totals", lang, n=len(table.dropped_rows), rows=rows))
    lines += ["  " + problem.describe() for problem in table.problems]
    return lines


def describe_outcome(outcome: Outcome, lang: Lang) -> list[str]:
    """What an import read and what it filled, for people."""
    lines = [line for table in outcome.tables for line in describe_table(table, outcome.result, lang)]
    report = outcome.report
    lines += [tr("import_filled", lang, where=f.where, value=format_number(f.value), files=", ".join(f.sources))
              for f in report.filled]
    lines += [tr("import_kept", lang, where=where) for where in report.kept]
    lines += [tr("import_cleared", lang, where=where) for where in report.cleared]
    lines += [tr("import_unknown_metric", lang, where=where) for where in report.unknown_metrics]
    lines += [tr("import_no_window", lang, where=where) for where in report.no_window]
    if report.earlier:
        lines.append(tr("import_earlier", lang, files=", ".join(report.earlier)))
    if report.replaced:
        lines.append(tr("import_replaced", lang, files=", ".join(report.replaced)))
    if report.unavailable:
        lines.append(tr("import_unavailable", lang, files=", ".join(report.unavailable)))
    lines += [tr("import_split_month", lang, file=path.name) for path in outcome.result.split_months]
    if outcome.result.fractions:
        lines.append(tr("import_fractions", lang, values="; ".join(outcome.result.fractions)))
    if outcome.result.unmatched_targets:
        lines.append(tr("import_unmatched", lang, names=", ".join(outcome.result.unmatched_targets)))
    return lines
