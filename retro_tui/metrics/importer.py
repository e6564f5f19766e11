"""One import: read every file first (any problem stops it before anything changes), compute
over the workbook's period, fill the target tables, and note the files in the workbook."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..i18n import Lang, pick, tr
from ..numbers import format_number
from ..workbook import Workbook
from . import catalogue as catalogues
from . import store
from .compute import Data, Memo, Result, Scope
from .fill import Report, bound_rows, fill, record, relative
from .reader import MetricsError, SkippedFile, Table, base_field, read_all, sheet_digests


@dataclass
class Outcome:
    tables: list[Table]
    result: Result
    report: Report
    skipped: list[SkippedFile] = field(default_factory=list)
    """Files recognised and not read (a 宝贝报表 beside its 订单报表)."""


def workbook_channels(workbook: Workbook) -> tuple[str, ...]:
    """The channels the workbook's rows are of (天猫, 京东 …), in checklist order."""
    return tuple(dict.fromkeys(row.channel for _, _, row in bound_rows(workbook) if row.channel))


def read_files(workbook: Workbook, paths: list[Path], kind: str | None = None, mapping: dict[str, str] | None = None,
               channel: str | None = None) -> tuple[list[Table], list[SkippedFile]]:
    """Every table of the files, read for this workbook (its column mappings, its channels),
    with the columns that tell one file's rows from another's (sub-order ids): files imported
    later are matched against them."""
    catalogue = catalogues.load()
    tables, skipped = [], []
    for path in paths:
        try:
            tables += read_all(Path(path), catalogue, kind, workbook.mapping() | (mapping or {}), channel,
                               workbook_channels(workbook), store.path_of(workbook.path))
        except SkippedFile as exc:
            skipped.append(exc)
    return tables, skipped


def import_files(workbook: Workbook, paths: list[Path], kind: str | None = None,
                 mapping: dict[str, str] | None = None, overwrite: bool = False, channel: str | None = None) -> Outcome:
    """Read the files and apply them to `workbook` in memory (the caller saves); raises
    MetricsError or CatalogueError, with the workbook untouched, if any file cannot be used.
    `channel`: the channel of files that do not say which they are of."""
    mapping = mapping or {}
    try:
        tables, skipped = read_files(workbook, paths, kind, mapping, channel)
        for column, field_id in mapping.items():
            if not any(column in table.columns for table in tables):
                raise MetricsError(Path(paths[0]), f"--map {column}={field_id}: no file has a column {column!r}")
        if not tables:
            raise MetricsError(Path(paths[0]), "; ".join(exc.message for exc in skipped) or "nothing to import")
        outcome = apply_tables(workbook, tables, overwrite, mapping)
    finally:
        store.release(workbook.path)
    outcome.skipped = skipped
    return outcome


def apply_tables(workbook: Workbook, tables: list[Table], overwrite: bool = False,
                 mapping: dict[str, str] | None = None) -> Outcome:
    """Apply files already read, with the files imported earlier (see `read_earlier`); all of
    them or, if one has a problem, none. `mapping`: the columns the user mapped, remembered in
    the workbook for later imports."""
    if workbook.period_days is None:
        raise MetricsError(workbook.path, "the workbook has no period (period_start, period_end)")
    start, end = workbook.period_days
    for table in tables:
        if table.problems:
            raise MetricsError(table.path, "; ".join(problem.describe() for problem in table.problems))
    earlier, unavailable = read_earlier(workbook, tables)
    storing = [store.keep(workbook.path, earlier + tables)]  # beside the computing
    before = workbook.dumps()
    memo = Memo(store.memo(workbook.path))
    try:
        every = store.alongside(workbook.path, earlier + tables, storing[0])
        data = Data(every, catalogues.load(), memo)  # this import's files last: their rows and targets win
        replaced = [t for t in data.tables[:len(earlier)] if t.left_out.get("duplicate") and not t.row_count()]
        used = {table.path.name for table in data.tables}  # every file read: a value none of them gives now is stale
        report = fill(workbook, data, overwrite, used, set(unavailable))
        seen: dict[str, Path] = {}  # the files' hashes are ready by now (they were worked out beside the sums)
        for table in tables:
            if table.sha256 in seen:
                raise MetricsError(table.path, f"the same data as {seen[table.sha256].name}: it would be counted twice")
            seen[table.sha256] = table.path
        now = data.tables[len(earlier):]
        result = data.compute(Scope(start, end), metrics=set(), last_year=False, rows_of=now)  # which rows each gives for the period
        record(workbook, now, result)
        for table in replaced:  # every row of it is in a later file (the same export again, or a fuller one)
            workbook.forget_import(relative(table.source, workbook.path.parent), table.path.name)
        workbook.remember_mapping(mapping or {})
        report.earlier = [t.path.name for t in earlier if t not in replaced]
        report.unavailable, report.replaced = unavailable, [t.path.name for t in replaced]
        report.unmatched_channels = unmatched_channels(workbook, data.tables)
    except Exception:
        workbook.restore(before)  # whole or not at all, in memory too
        raise
    finally:
        store.release(workbook.path)
    storing += [store.remember(workbook.path, memo.used), _prune(workbook)]
    report.storing = storing
    return Outcome(now, result, report)


def _prune(workbook: Workbook):
    """Drop from the database beside the workbook the rows of every file it no longer notes."""
    return store.prune(workbook.path, {entry["sha256"] for entry in workbook.imports()})


def stored(report: Report) -> str | None:
    """Wait for the rows to be written beside the workbook; what went wrong, if anything (the
    import stands: the next one reads the files again)."""
    problem = None
    for future in report.storing:  # every one waited for: none is left writing when this returns
        try:
            future.result()
        except store.StoreError as exc:
            problem = problem or str(exc)
    return problem


def forget_files(workbook: Workbook, names: list[str]) -> Report:
    """Take imported files out of the workbook (by name, or by their path from the workbook's
    folder) and compute its figures again from the files still in it."""
    entries = workbook.imports()
    gone = []
    for name in names:
        matching = [e for e in entries if name in (e["file"], e.get("path"), Path(e.get("path") or "").name)]
        if not matching:
            raise MetricsError(workbook.path, f"no imported file is named {name!r} (retro imports lists them)")
        gone += matching
    before = workbook.dumps()
    try:
        for entry in gone:
            workbook.forget_import(entry.get("path"), entry["file"])
        earlier, unavailable = read_earlier(workbook, [])
        used = {e["file"] for e in gone} | {t.path.name for t in earlier}
        memo = Memo(store.memo(workbook.path))
        report = fill(workbook, Data(store.alongside(workbook.path, earlier), catalogues.load(), memo), False, used,
                      set(unavailable))
        report.earlier, report.unavailable = [t.path.name for t in earlier], unavailable
    except Exception:
        workbook.restore(before)
        raise
    finally:
        store.release(workbook.path)
    report.storing = [store.keep(workbook.path, earlier), store.remember(workbook.path, memo.used), _prune(workbook)]
    return report


def unmatched_channels(workbook: Workbook, tables: list[Table]) -> dict[str, int]:
    """Channels in the data that no row of the workbook names, with their rows (none when the
    workbook has no channel rows: its figures are the shop's)."""
    from .formats import load

    channels = {load().channel(name) for name in workbook_channels(workbook)}
    if not channels:
        return {}
    counts: dict[str, int] = {}
    for table in tables:
        if table.kind in ("orders", "ads", "shop", "items", "refunds"):
            for name, rows in table.channel_counts().items():
                if name not in channels:
                    counts[name] = counts.get(name, 0) + rows
    return counts


def read_earlier(workbook: Workbook, tables: list[Table]) -> tuple[list[Table], list[str]]:
    """The files imported before that this import does not bring again — from the database
    beside the workbook, else read again from where they were if they are unchanged (same
    sha256), with the channel they were imported as — so that every platform's orders, and
    figures made from several kinds of file (profit from orders and costs), come out whichever
    was imported last. Also returns the earlier files that are neither kept nor where they were
    (the values they filled stay as they are)."""
    catalogue = catalogues.load()
    now = {(relative(table.source, workbook.path.parent), table.path.name) for table in tables}
    earlier = [entry for entry in workbook.imports() if entry.get("path") and (entry["path"], entry["file"]) not in now]
    kept = store.load(workbook.path, {str(entry["sha256"]): (workbook.path.parent / str(entry["path"])).with_name(str(entry["file"]))
                                      for entry in earlier})
    wanted: dict[tuple[Path, str | None], list[dict]] = {}
    for entry in earlier:
        if entry["sha256"] not in kept:
            wanted.setdefault((workbook.path.parent / entry["path"], entry.get("channel")), []).append(entry)
    found, unavailable = [], []
    for (path, channel), entries in wanted.items():
        known = {entry["sha256"]: entry["file"] for entry in entries}
        kinds = {entry.get("kind") for entry in entries}
        try:
            unchanged = bool(known.keys() & sheet_digests(path, [entry["file"] for entry in entries]))
            read = read_all(path, catalogue, kinds.pop() if len(kinds) == 1 else None, workbook.mapping(), channel,
                            workbook_channels(workbook)) if unchanged else []
        except (MetricsError, OSError):
            read = []
        found += [table for table in read if table.sha256 in known and not table.problems]
        unavailable += [name for sha, name in known.items() if sha not in {t.sha256 for t in found}]
    order = {entry["sha256"]: position for position, entry in enumerate(earlier)}  # as imported: later files win
    return sorted([*kept.values(), *found], key=lambda table: order[table.sha256]), unavailable


def describe_table(table: Table, result: Result | None, lang: Lang) -> list[str]:
    """What was read from one file, for people."""
    encoding = table.source.suffix.lstrip(".").lower() if table.encoding == "xlsx" else table.encoding  # xls, ods …
    lines = [tr("import_file", lang, file=table.path.name, kind=catalogues.load().kind_label(table.kind, lang),
                encoding=encoding, header=table.header_row, rows=table.rows)]
    if table.format or table.channel:
        from .formats import load

        label = pick(load().formats[table.format].label, lang) if table.format else None
        lines.append(tr("import_format", lang, format=label or "—", channel=table.channel or "—"))
    covered = result.covered.get(table.path) if result else None
    if covered and result and not result.rows_used.get(table.path):
        lines.append(tr("import_no_rows", lang, start=covered[0], end=covered[1]))
    if covered and result:
        lines.append(tr("import_period", lang, used=result.rows_used[table.path], start=covered[0], end=covered[1]))
    lines.append(tr("import_columns", lang, columns=", ".join(f"{c}→{base_field(f)}" for c, f in table.mapping.items())))
    if table.derived:
        lines.append(tr("import_derived", lang, columns=", ".join(table.derived)))
    if table.unknown:
        lines.append(tr("import_unused", lang, columns=", ".join(table.unknown)))
    lines += describe_left_out(table, result, lang)
    if table.dropped_rows:
        rows = ", ".join(map(str, table.dropped_rows[:5])) + (" …" if len(table.dropped_rows) > 5 else "")
        lines.append(tr("import_totals", lang, n=len(table.dropped_rows), rows=rows))
    lines += ["  " + problem.describe() for problem in table.problems]
    return lines


def describe_left_out(table: Table, result: Result | None, lang: Lang) -> list[str]:
    """The rows of a file that do not count, by reason (a status that is no sale, no paid time,
    outside the period — once computed —, the same as a later file's …)."""
    left_out = dict(table.left_out)
    if result and table.path in result.rows_used and catalogues.load().kinds[table.kind].time:
        outside = table.row_count() - result.rows_used[table.path] - left_out.get("no_paid_time", 0)
        left_out["outside"] = max(outside, 0)
    return [tr(f"import_left_{reason}", lang, n=rows) for reason, rows in left_out.items() if rows]


def describe_outcome(outcome: Outcome, lang: Lang) -> list[str]:
    """What an import read and what it filled, for people."""
    lines = [line for table in outcome.tables for line in describe_table(table, outcome.result, lang)]
    lines += [tr("import_skipped", lang, file=exc.path.name, format=pick(exc.format.label, lang), why=pick(exc.format.skip, lang))
              for exc in outcome.skipped]
    lines += describe_report(outcome.report, lang)
    lines += [tr("import_split_month", lang, file=path.name) for path in outcome.result.split_months]
    if outcome.result.fractions:
        lines.append(tr("import_fractions", lang, values="; ".join(outcome.result.fractions)))
    if outcome.result.unmatched_targets:
        lines.append(tr("import_unmatched", lang, names=", ".join(outcome.result.unmatched_targets)))
    return lines


def describe_warnings(report: Report, lang: Lang) -> list[str]:
    """What to know before trusting an import's figures: cells left empty because some files
    lack what they sum, channels in the data that no row names."""
    lines = [tr("import_incomplete", lang, where=where, files=", ".join(files)) for where, files in report.incomplete.items()]
    if report.unmatched_channels:
        lines.append(tr("import_unmatched_channels", lang,
                        channels=", ".join(f"{name} ({rows})" for name, rows in report.unmatched_channels.items())))
    return lines


def describe_report(report: Report, lang: Lang) -> list[str]:
    """What an import (or taking a file out) filled, kept and cleared, for people."""
    lines = []
    lines += [tr("import_filled", lang, where=f.where, value=format_number(f.value), files=", ".join(f.sources))
              for f in report.filled]
    lines += [tr("import_kept", lang, where=where) for where in report.kept]
    lines += [tr("import_cleared", lang, where=where) for where in report.cleared]
    lines += [tr("import_unknown_metric", lang, where=where) for where in report.unknown_metrics]
    lines += [tr("import_no_window", lang, where=where) for where in report.no_window]
    lines += describe_warnings(report, lang)
    if report.earlier:
        lines.append(tr("import_earlier", lang, files=", ".join(report.earlier)))
    if report.replaced:
        lines.append(tr("import_replaced", lang, files=", ".join(report.replaced)))
    if report.unavailable:
        lines.append(tr("import_unavailable", lang, files=", ".join(report.unavailable)))
    return lines
