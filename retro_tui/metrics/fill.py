"""Imported metrics into a workbook's target tables: data-filled cells carry their source,
and a value typed by hand is kept unless the user asks to overwrite it."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Set as AbstractSet
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..checklist import GapItem, LedgerItem, TargetRow, TargetsItem
from ..gap import split_months, to_answer
from ..numbers import tidy
from ..promotions import campaign_name
from ..workbook import Workbook, now
from .compute import Data, Result, Scope, empty_days
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
    earlier: list[str] = field(default_factory=list)
    """Files imported before, read again from where they were (unchanged)."""
    replaced: list[str] = field(default_factory=list)
    """Files imported before that a file of this import takes the place of."""
    unavailable: list[str] = field(default_factory=list)
    """Files imported before that are gone or changed: what they filled stays as it was."""
    no_window: list[str] = field(default_factory=list)
    """Rows of a campaign whose days no targets file gives (and the checklist has no window)."""
    incomplete: dict[str, list[str]] = field(default_factory=dict)
    """Cells left empty because some files lack what they sum: `where` → those files."""
    unmatched_channels: dict[str, int] = field(default_factory=dict)
    """Channels in the data that no row of the workbook names → their rows."""
    storing: list[Future] = field(default_factory=list)
    """The files' rows being written to the database beside the workbook (`importer.stored`)."""

    def note(self, action: str | None, where: str, value: Any, files) -> None:
        """Say what `merge` decided for the value at `where` (`files`: the files it is made of)."""
        if action == FILL:
            self.filled.append(Filled(where, value, sorted({Path(f).name for f in files})))
        elif action == KEEP:
            self.kept.append(where)
        elif action == CLEAR:
            self.cleared.append(where)


FILL, KEEP, CLEAR = "fill", "keep", "clear"


def merge(value: Any, current: Any, sources: list[str] | None, imported: AbstractSet[str],
          unavailable: AbstractSet[str] = frozenset(), overwrite: bool = False) -> str | None:
    """The one rule for a value an import may fill — a target row's target, actual or last
    year, a timeline cell, a ledger line's months, a sales-gap split: FILL it with the new
    `value`; KEEP a value typed by hand (`current`, with no `sources`: it came from no file)
    unless asked to `overwrite`; CLEAR a value that files of this import gave and no longer
    give; None: leave it as it is (nothing to fill, or made partly of a file that cannot be read
    now, `unavailable`). `sources`: the files the value there came from (None: typed)."""
    made_of = set(sources or [])
    if made_of & unavailable:
        return None
    if value is None:
        return CLEAR if made_of & imported else None
    if current is not None and sources is None and not overwrite:
        return KEEP
    return FILL


def fill(workbook: Workbook, data: Data, overwrite: bool = False, imported: AbstractSet[str] | None = None,
         unavailable: AbstractSet[str] = frozenset()) -> Report:
    """Put the computed actuals, imported targets and last year's values into every targets
    row bound to a metric, each over the row's scope (the period, a channel, a SKU, a campaign).
    A cell that came partly from an `unavailable` file (imported before, gone or changed since)
    is left as it is: the files at hand would give only a part of it."""
    report = Report()
    results: dict[Scope, Result] = {}
    imported = {table.path.name for table in data.tables} if imported is None else imported  # see `cleared`
    wanted: dict[Scope, set[str]] = {}
    scoped = []
    for section, item, row in bound_rows(workbook):
        if row.metric not in data.catalogue.metrics:
            report.unknown_metrics.append(f"{section.id}.{item.id}.{row.id}: {row.metric}")
            continue
        scope = row_scope(workbook, row, data)
        if scope is None:
            report.no_window.append(f"{section.id}.{item.id}.{row.id}: {workbook.row_campaign(row.campaign)}")
            continue
        wanted.setdefault(scope, set()).add(row.metric)
        scoped.append((section, item, row, scope))
    for scope, metrics in wanted.items():
        results[scope] = data.compute(scope, metrics)
    for section, item, row, scope in scoped:
        result = results[scope]
        new = {
            "target": (result.targets.get(row.metric), result.target_sources.get(row.metric, [])),
            "actual": (result.values.get(row.metric), result.sources.get(row.metric, [])),
            "last_year": (result.last_year.get(row.metric), result.last_year_sources.get(row.metric, [])),
        }
        lacking = result.incomplete.get(row.metric) or next(
            (result.incomplete[part] for part in data.catalogue.metrics[row.metric].parts() if part in result.incomplete), None)
        if lacking:
            report.incomplete[f"{section.id}.{item.id}.{row.id}.actual"] = sorted({p.name for p in lacking})
        workbook.set_lacking(section.id, item.id, row.id, sorted({p.name for p in lacking}) if lacking else None)
        current = workbook.target_row(section.id, item.id, row.id)
        sources = current.sources()
        for name, (value, files) in new.items():
            where = f"{section.id}.{item.id}.{row.id}.{name}"
            action = merge(value, getattr(current, name), sources.get(name), imported, unavailable, overwrite)
            if action == CLEAR:
                workbook.set_target(section.id, item.id, row.id, name, None)
            elif action == FILL and value is not None:
                value, names = tidy(value), sorted({p.name for p in files})
                workbook.set_target(section.id, item.id, row.id, name, value, names)
            report.note(action, where, value, files)
    _fill_timelines(workbook, data, report, overwrite, imported, unavailable)
    fill_gaps(workbook, data, imported, report)
    _fill_months(workbook, data, report, imported)
    return report


def _fill_months(workbook: Workbook, data: Data, report: Report, imported: AbstractSet[str]) -> None:
    """Each line of a ledger `by_month`, month by month over the whole months of the period,
    computed from the files its metrics come from only (not the orders, for a cost line)."""
    from ..dates import whole_months

    period = workbook.period_days
    if period is None:
        return
    for section in workbook.checklist.sections:
        for item in section.items:
            if not isinstance(item, LedgerItem) or not item.by_month:
                continue
            rows = [row for row in item.rows if row.metric in data.catalogue.metrics]
            metrics = {row.metric for row in rows if row.metric}
            source = data.narrowed_to(metrics)
            results: dict[tuple, Result] = {}
            for first, last in whole_months(*period):
                for channel, sku in {(row.channel, row.sku) for row in rows}:  # one computation per month and scope
                    results[first, channel, sku] = source.compute(Scope(first, last, channel, sku), metrics, last_year=False)
            for row in rows:
                values: dict[str, float | int] = {}
                files: set[str] = set()
                for first, _ in whole_months(*period):
                    result = results[(first, row.channel, row.sku)]
                    value = result.values.get(row.metric or "")
                    if value is not None:
                        values[f"{first:%Y-%m}"] = tidy(value)
                        files |= {path.name for path in result.sources.get(row.metric or "", [])}
                where = f"{section.id}.{item.id}.{row.id}.monthly"
                sources = workbook.target_row(section.id, item.id, row.id).monthly_from
                action = merge(values or None, None, sources, imported)  # (months are only ever imported)
                if action == CLEAR:
                    workbook.set_target(section.id, item.id, row.id, "monthly", None)
                elif action == FILL:
                    workbook.set_target(section.id, item.id, row.id, "monthly", values, sorted(files))
                report.note(action, where, len(values), files)


def _fill_timelines(workbook: Workbook, data: Data, report: Report, overwrite: bool, imported: AbstractSet[str],
                    unavailable: AbstractSet[str]) -> None:
    """Each timeline row's metric columns, over the row's days (its date to its `until`). The
    files a cell came from are kept beside it (`sales_from`), so that a value typed by hand is
    told from one imported."""
    from ..timeline import days, timelines

    results: dict[tuple[dt.date, dt.date], Result] = {}
    for section, item in timelines(workbook):
        columns = [c for c in item.columns if c.metric in data.catalogue.metrics]
        report.unknown_metrics += [f"{section.id}.{item.id}.{c.id}: {c.metric}" for c in item.columns
                                   if c.metric is not None and c.metric not in data.catalogue.metrics]
        if not columns:
            continue
        for index, row in enumerate(workbook.records(section.id, item.id)):
            span = days(item, row)
            if span is None:
                continue
            if span not in results:
                results[span] = data.compute(Scope(*span), {c.metric for c in columns if c.metric}, last_year=False)
            result = results[span]
            for column in columns:
                metric = column.metric or ""
                value, files = result.values.get(metric), result.sources.get(metric, [])
                where = f"{section.id}.{item.id}[{index + 1}].{column.id}"
                action = merge(value, row.get(column.id), row.sources(column.id), imported, unavailable, overwrite)
                if action in (CLEAR, FILL):
                    value, names = (tidy(value), sorted({p.name for p in files})) if value is not None else (None, None)
                    workbook.set_cell(section.id, item.id, index, column.id, value, names)
                report.note(action, where, value, files)


def fill_gaps(workbook: Workbook, data: Data, imported: AbstractSet[str], report: Report) -> None:
    """Split the sales gap of every `gap` item over the whole months of the period, when the
    files give a shop daily report and factor targets; without them the item is left as it
    is, unless a file it came from no longer gives it (then it is cleared)."""
    period = workbook.period_days
    if period is None:
        return
    for section in workbook.checklist.sections:
        for item in section.items:
            if not isinstance(item, GapItem):
                continue
            where = f"{section.id}.{item.id}"
            split = split_months(data.gap_months(Scope(*period, item.channel)))
            kept = workbook.gap(section.id, item.id)
            action = merge(split, None, kept.sources if kept else None, imported)
            if action == FILL and split is not None:
                workbook.set_gap(section.id, item.id, to_answer(split))
                report.note(action, where, tidy(round(split.gap.total, 2)), split.sources)
            else:
                if action == CLEAR:
                    workbook.set_gap(section.id, item.id, None)
                report.note(action, where, None, [])


def row_scope(workbook: Workbook, row: TargetRow, data: Data) -> Scope | None:
    """What a targets row is computed over; None for a campaign whose days nobody gave (or a
    workbook without a period)."""
    if workbook.period_days is None:
        return None
    start, end = workbook.period_days
    campaign = workbook.row_campaign(row.campaign)
    campaign = campaign_name(campaign) if campaign else None  # Double 11 in a checklist is the 双十一 of the files
    if row.window:
        first, last = (_day(part, start.year) for part in row.window.split(".."))
        start, end = first, last
    elif campaign:
        window = data.campaign_window(campaign) or _calendar_window(campaign, start.year)
        if window is None:
            return None
        start, end = window
    return Scope(start, end, row.channel, row.sku, campaign, tuple(sorted((row.product or {}).items())))


def _calendar_window(campaign: str, year: int) -> tuple[dt.date, dt.date] | None:
    """A campaign's usual days from the promotion calendar, when no targets file gives them."""
    from ..promotions import find_event

    event = find_event(campaign, year)
    return (event.start, event.end) if event else None


def _day(text: str, year: int) -> dt.date:
    return dt.date.fromisoformat(text if len(text) == 10 else f"{year}-{text}")


def bound_rows(workbook: Workbook):
    """(section, item, row) of every targets row that names a metric."""
    for section in workbook.checklist.sections:
        for item in section.items:
            if isinstance(item, TargetsItem):
                yield from ((section, item, row) for row in item.rows if row.metric is not None)


def relative(path: Path, folder: Path) -> str:
    """Where the file is, from the workbook's folder (absolute if it cannot be said so)."""
    try:
        return Path(os.path.relpath(path.resolve(), folder.resolve())).as_posix()
    except ValueError:  # another drive
        return str(path.resolve())


def record(workbook: Workbook, tables: list[Table], result: Result) -> None:
    """Note each imported file in the workbook: name, sha256, kind, encoding, rows, when, the
    days it covers and the stretches inside them it has no rows of."""
    from .catalogue import load

    catalogue = load()
    stamp = now()
    for table in tables:
        entry = {
            "file": table.path.name,
            "path": relative(table.source, workbook.path.parent),
            "sha256": table.sha256,
            "kind": table.kind,
            "encoding": table.encoding,
            "rows": table.rows,
            "rows_used": result.rows_used.get(table.path, 0),
            "imported": stamp,
        }
        entry |= {"format": table.format} if table.format else {}
        entry |= {"channel": table.channel} if table.channel else {}
        entry |= {"refunds": False} if table.kind == "orders" and not table.gives_refunds else {}
        covered = result.covered.get(table.path)
        if covered:
            entry["first_date"], entry["last_date"] = covered
        empty = empty_days(table, catalogue)
        if empty:
            entry["empty_days"] = [list(stretch) for stretch in empty]
        workbook.record_import(entry)
