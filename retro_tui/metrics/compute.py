"""Metrics over a scope — a period, optionally one channel, one SKU or one campaign — from the
files read: sums, distinct counts, and formulas whose ratios are recomputed from their parts.
No data for a metric gives None, never 0."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from ..dates import whole_months
from ..gap import Month, actual_factors
from ..promotions import campaign_name
from . import duck
from .catalogue import FILTER_FIELDS, Catalogue, evaluate_formula
from .reader import FRACTION, Table

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class Scope:
    """What a figure is computed over: the days from `start` to `end` (both included), and
    optionally only one channel's or one SKU's rows, one campaign's targets, or the rows of the
    products whose master has the given attributes."""

    start: dt.date
    end: dt.date
    channel: str | None = None
    sku: str | None = None
    campaign: str | None = None
    product: tuple[tuple[str, str], ...] = ()
    """Attributes of the product master, e.g. `(("season", "春夏"),)`: only those SKUs."""

    def __post_init__(self) -> None:
        if self.channel is not None:  # as the data names it: `Tmall` in a checklist is 天猫
            from .formats import load

            object.__setattr__(self, "channel", load().channel(self.channel))

    def year_before(self) -> Scope:
        return replace(self, start=_year_before(self.start), end=_year_before(self.end))


def _year_before(day: dt.date) -> dt.date:
    return day.replace(year=day.year - 1, day=28) if (day.month, day.day) == (2, 29) else day.replace(year=day.year - 1)


@dataclass
class Result:
    values: dict[str, float | None]
    """Metric id → value over the scope (None: no data)."""
    sources: dict[str, list[Path]]
    """Metric id → the files its value came from."""
    targets: dict[str, float] = field(default_factory=dict)
    """Metric id → target, from targets files."""
    target_sources: dict[str, list[Path]] = field(default_factory=dict)
    last_year: dict[str, float] = field(default_factory=dict)
    """Metric id → the value a year before: from the data when it covers that period, else
    from a targets file's last-year column."""
    last_year_sources: dict[str, list[Path]] = field(default_factory=dict)
    unmatched_targets: list[str] = field(default_factory=list)
    """Names in targets files that no metric goes by."""
    fractions: list[str] = field(default_factory=list)
    """Excel percentages read as such (`0.0065 → 0.65%`)."""
    rows_used: dict[Path, int] = field(default_factory=dict)
    covered: dict[Path, tuple[dt.date, dt.date]] = field(default_factory=dict)
    """The dates each file's rows span."""
    split_months: list[Path] = field(default_factory=list)
    """Monthly files the period cuts through a month of (their metrics are left empty)."""
    incomplete: dict[str, list[Path]] = field(default_factory=dict)
    """Metric id → files with rows in the scope that lack what it sums (a platform's orders
    without refunds): the metric is left empty rather than given for some files only."""


def compute(tables: list[Table], catalogue: Catalogue, scope: Scope | tuple[dt.date, dt.date],
            metrics: set[str] | None = None) -> Result:
    """The metrics (all, or `metrics` and what they are made of) over one scope."""
    return Data(tables, catalogue).compute(scope if isinstance(scope, Scope) else Scope(*scope), metrics)


def time_span(table: Table, catalogue: Catalogue) -> tuple[dt.date, dt.date] | None:
    """The first and last day a file's rows cover (None for a kind not placed in time)."""
    span = getattr(table, "span", False)
    if span is not False:  # known without reading the rows (a file kept beside the workbook)
        return cast("tuple[dt.date, dt.date] | None", span)
    time_field = catalogue.kinds[table.kind].time
    if time_field not in table.frame or not table.frame[time_field].notna().any():
        return None
    times = table.frame[time_field]
    last = times.max() + _month_end() if catalogue.kinds[table.kind].monthly else times.max()
    return times.min().date(), last.date()


def empty_days(table: Table, catalogue: Catalogue) -> list[tuple[dt.date, dt.date]]:
    """The stretches of days inside a file's span that none of its rows falls on and that are too
    long to be a quiet spell of this shop (see `empty_stretches`). A month kind has none."""
    kind = catalogue.kinds[table.kind]
    if duck.in_database(table):
        row_columns, days = getattr(table, "row_columns", None) or [], getattr(table, "days", None) or []
        return [] if kind.monthly or kind.time not in row_columns else empty_stretches(days)
    import numpy as np

    if kind.monthly or kind.time not in table.frame or not table.frame[kind.time].notna().any():
        return []
    day = 86_400 * 10**9
    times = table.frame[kind.time].dropna().to_numpy(dtype="datetime64[ns]").view("int64") // day
    first = int(times.min())
    return empty_stretches((np.flatnonzero(np.bincount(times - first)) + first).tolist())


def empty_stretches(days: list[int]) -> list[tuple[dt.date, dt.date]]:
    """The stretches between the days a file's rows fall on (days since 1970, ascending) too long
    to be a quiet spell: fewer than one in a hundred files of its rhythm — the share of its days
    without a row — would have one so long by chance."""
    import math

    if not days:
        return []
    span = days[-1] - days[0] + 1
    empty = span - len(days)
    if not empty:
        return []
    shortest = math.ceil(math.log(0.01 / span) / math.log(empty / span))
    return [(duck.EPOCH + dt.timedelta(days=a + 1), duck.EPOCH + dt.timedelta(days=b - 1))
            for a, b in zip(days[:-1], days[1:]) if b - a - 1 >= shortest]


class Memo:
    """Sums and distinct counts worked out before (kept beside the workbook: see `store`), by
    what they were made from; and those looked up or worked out now, to keep for the next time."""

    VERSION = 1
    """Raised when what a figure counts changes for the same files and scope (the rules here)."""

    def __init__(self, known: dict[str, list] | None = None) -> None:
        self.known: dict[str, list] = dict(known or {})
        self.used: dict[str, list] = {}

    def key(self, tables: list[Table], metric, scope: Scope, strict: bool) -> str:
        """What a metric's figure depends on: every file of its kind, in order (a later one's rows
        replace an earlier one's), with how each was read, and the files the kind takes from
        (after-sales refunds, returning buyers, the product master); the scope; what is counted."""
        import json

        kinds = {metric.of, *(("refunds",) if metric.of == "orders" else ()),
                 *(("customers",) if metric.where == "returning" else ()),
                 *(("products",) if scope.product or metric.times else ())}
        files = [[t.kind, t.sha256, t.channel, t.mapping] for t in tables if t.kind in kinds]
        return json.dumps([self.VERSION, files, scope.start.isoformat(), scope.end.isoformat(), scope.channel,
                           scope.sku, scope.product, strict, metric.of, metric.where, metric.sum, metric.distinct,
                           metric.times], ensure_ascii=False, sort_keys=True)

    def knows(self, key: str) -> bool:
        return key in self.known

    def keep(self, key: str, number: float | None, lacking: list[int]) -> None:
        self.known[key] = self.used[key] = [number, lacking]

    def recall(self, key: str, files: list[Table]) -> tuple[float | None, list[Table]]:
        self.used[key] = self.known[key]
        number, lacking = self.known[key]
        return number, [files[i] for i in lacking]


class Data:
    """The files of one import, ready to be computed over any number of scopes."""

    def __init__(self, tables: list[Table], catalogue: Catalogue, memo: Memo | None = None) -> None:
        tables = _with_refunds(deduplicated(tables, catalogue))
        self.tables, self.catalogue, self.memo = tables, catalogue, memo
        self.covered = {table.path: span for table in tables if (span := time_span(table, catalogue))}
        self.kind_covered: dict[str, tuple[dt.date, dt.date]] = {}
        for table in tables:
            if table.path in self.covered:
                first, last = self.covered[table.path]
                known = self.kind_covered.get(table.kind, (first, last))
                self.kind_covered[table.kind] = (min(first, known[0]), max(last, known[1]))
        self.targets = _target_rows(tables, catalogue)
        self.products = _product_master(tables)
        self._skus: dict[tuple, object] = {}
        self._read_once: dict[object, object] = {}  # a file's times, its coded text columns

    def compute(self, scope: Scope, metrics: set[str] | None = None, strict: bool = False,
                last_year: bool = True, rows_of: Sequence[Table] = ()) -> Result:
        """`strict`: a kind's figures only when its files cover the whole period (a year-ago
        comparison must not be a part of a year). `last_year`: also the same metrics over the
        same period a year before, and the growth metrics that need them. A file's rows are
        looked at only for a metric made from them (`rows_used` says which were), and for the
        files `rows_of`."""
        catalogue = self.catalogue
        result = Result({}, {}, covered=dict(self.covered))
        frames: dict[str, list[tuple[Table, pd.DataFrame]]] = {}
        wanted = list(metrics if metrics is not None else catalogue.metrics)
        fields = self._fields(wanted)

        def parts_of(kind: str) -> list[tuple[Table, pd.DataFrame]]:
            """Each file of the kind with its rows in the scope, selected once (in the database,
            for a file whose rows are there: see `duck`)."""
            if kind not in frames:
                frames[kind] = []
                for table in self.tables:
                    if table.kind == kind:
                        frame, split = self._select_in_database(table, scope, strict, fields) or \
                            self._select(table, scope, strict, fields)
                        if split:
                            result.split_months.append(table.path)
                        frames[kind].append((table, frame))
                        result.rows_used[table.path] = len(frame)
            return frames[kind]

        for kind in dict.fromkeys(table.kind for table in rows_of):
            parts_of(kind)
        customer_paths = [table.path for table in self.tables if table.kind == "customers"]

        selected: dict[tuple, tuple[pd.DataFrame | None, list[Path]]] = {}

        def select(metric) -> tuple[pd.DataFrame | None, list[Path]]:
            parts = parts_of(metric.of)
            if not parts:
                return None, []
            customers = [table for table in self.tables if table.kind == "customers"]
            if self._in_database(metric, [f for _, f in parts], customers):
                rows = duck.Rows([f for _, f in parts], metric.where, customers)
                if metric.where == "returning" and not customers:
                    return None, []
                return rows, [t.path for t, _ in parts] + (customer_paths if metric.where == "returning" else [])
            import pandas as pd

            frames = [f.frame() if isinstance(f, duck.Selection) else f for _, f in parts]
            frame = pd.concat(frames) if len(frames) > 1 else frames[0]
            if metric.where in ("paid", "returning", "kept"):
                frame = frame[frame["paid_at"].notna()] if "paid_at" in frame else frame.iloc[0:0]
            if metric.where == "kept":
                frame = frame[~_refunded_in_full(frame)]
            if metric.where == "returning":
                customer_ids = [table.frame["buyer_id"] for table in self.tables if table.kind == "customers"]
                if not customer_ids:
                    return None, []
                frame = frame[_is_in(frame["buyer_id"], customer_ids)]
            return frame, [t.path for t, _ in parts] + (customer_paths if metric.where == "returning" else [])

        def rows(metric) -> tuple[pd.DataFrame | None, list[Path]]:
            key = (metric.of, metric.where)
            if key not in selected:  # gmv, refunds, orders and buyers share their paid rows
                selected[key] = select(metric)
            return selected[key]

        def leaf(metric) -> tuple[float | None, list[Table]]:
            """A sum or distinct count over the scope's rows, and the files with rows in the
            scope that lack what it sums (then it is None)."""
            frame, _ = rows(metric)
            column = metric.sum or metric.distinct
            lacking = [t for t, part in parts_of(metric.of) if len(part) and column not in part]
            if lacking and metric.sum:
                return None, lacking
            if frame is None or column not in frame or not len(frame):
                return None, []
            if isinstance(frame, duck.Rows):
                if metric.distinct:
                    return float(frame.distinct(column)), []
                total = frame.sum(column)
                return (None if total is None else float(total)), []
            if metric.distinct:
                return float(frame[column].dropna().nunique()), []
            values = frame[column] if not metric.times else self._times(frame, column, metric.times)
            total = None if values is None else values.sum(min_count=1)
            return (None if total is None or _missing(total) else float(total)), []

        def value(metric_id: str) -> float | None:
            if metric_id in result.values:
                return result.values[metric_id]
            metric = catalogue.metrics[metric_id]
            if metric.manual or metric.growth:
                number = None  # typed, or worked out once last year's values are known
                result.sources[metric_id] = []
            elif metric.formula or metric.first:
                parts = {}
                for name in sorted(metric.parts(), key=self._order):  # cheap parts first: a formula
                    parts[name] = value(name)  # with a missing part needs no distinct count
                    if parts[name] is None and metric.formula:
                        break
                if metric.formula:
                    number = evaluate_formula(metric.formula, parts)
                    used = metric.parts()
                else:
                    used = [next((name for name in metric.first if parts[name] is not None), metric.first[0])]
                    number = parts[used[0]]
                result.sources[metric_id] = sorted({p for name in used for p in result.sources.get(name, [])})
            else:
                files = [t for t in self.tables if t.kind == metric.of]
                memo = self.memo
                key = memo.key(self.tables, metric, scope, strict) if memo is not None else None
                if memo is None or key is None or not memo.knows(key):
                    number, lacking = leaf(metric)
                    if memo is not None and key is not None:
                        memo.keep(key, number, [files.index(t) for t in lacking])
                else:
                    number, lacking = memo.recall(key, files)
                if lacking:
                    result.incomplete[metric_id] = [t.path for t in lacking]
                paths = [t.path for t in files] + (customer_paths if metric.where == "returning" else [])
                if scope.product or metric.times:  # the product master narrowed or priced the rows
                    paths = sorted({*paths, *(t.path for t in self.tables if t.kind == "products")})
                result.sources[metric_id] = paths if number is not None else []
            result.values[metric_id] = None if number is None else _tidy(number, metric.unit)
            return result.values[metric_id]

        for metric_id in wanted:
            value(metric_id)
        self._targets(scope, result)
        if last_year:
            self._last_year(scope, wanted, result)
        return result

    def _last_year(self, scope: Scope, wanted: list[str], result: Result) -> None:
        """Last year's values from the data where it covers that period (else the targets
        files' stay), then growth over them."""
        growths = {m: growth for m in wanted if (growth := self.catalogue.metrics[m].growth)}
        before = self.compute(scope.year_before(), {*wanted, *growths.values()}, strict=True, last_year=False)
        for metric_id, number in before.values.items():
            if number is not None:
                result.last_year[metric_id] = number
                result.last_year_sources[metric_id] = before.sources[metric_id]
        for metric_id, base in growths.items():
            now, then = result.values.get(base), result.last_year.get(base)
            if now is None or then is None or then <= 0:
                continue
            result.values[metric_id] = _tidy((now / then - 1) * 100, self.catalogue.metrics[metric_id].unit)
            result.sources[metric_id] = sorted({*result.sources.get(base, []), *result.last_year_sources.get(base, [])})

    def _order(self, metric_id: str) -> tuple[bool, int]:
        """Parts that surely have no value first (then a formula needs no other), cheap ones next."""
        return not self._without_rows(metric_id), self._cost(metric_id)

    def _without_rows(self, metric_id: str) -> bool:
        """A sum or count over a kind of file the import has none of (returning buyers without
        a list of earlier customers): it has no value, whatever the scope."""
        metric = self.catalogue.metrics[metric_id]
        if not metric.of or metric.formula or metric.first or metric.growth or metric.manual:
            return False
        kinds = {metric.of} | ({"customers"} if metric.where == "returning" else set())
        return not all(any(table.kind == kind for table in self.tables) for kind in kinds)

    def _cost(self, metric_id: str) -> int:
        """0 for sums and what is made of them, 1 when a distinct count is involved."""
        metric = self.catalogue.metrics[metric_id]
        return 1 if metric.distinct or any(self._cost(part) for part in metric.parts()) else 0

    def _fields(self, metrics: list[str]) -> set[str]:
        """The columns the metrics are made from (only those are copied for a narrower scope)."""
        fields, todo = set(), list(metrics)
        while todo:
            metric = self.catalogue.metrics[todo.pop()]
            todo += metric.parts()
            counted = metric.sum or metric.distinct
            fields |= {counted} if metric.of and counted else set()
            fields |= FILTER_FIELDS.get(metric.where or "", set())
            fields |= {metric.times, "sku"} if metric.times else set()
        return fields

    def _times(self, frame: pd.DataFrame, column: str, factor: str) -> pd.Series | None:
        """Each row's `column` times its `factor` (from the row, else from the product master by
        SKU); None when a row with a value has no factor (a SKU the master lacks)."""
        if factor in frame:
            factors = frame[factor]
        elif "sku" in frame and self.products is not None and factor in self.products:
            factors = frame["sku"].map(self.products[factor])
        else:
            return None
        if (frame[column].notna() & factors.isna()).any():
            return None
        return frame[column] * factors

    def skus(self, product: tuple[tuple[str, str], ...]):
        """The SKUs whose product master rows have all these attributes (none without a master,
        or when it has no such column)."""
        if product not in self._skus:
            master, keep = self.products, None
            if master is None or any(key not in master for key, _ in product):
                self._skus[product] = []
            else:
                for key, wanted in product:
                    keep = _and(keep, (master[key].astype("string") == wanted).fillna(False))
                self._skus[product] = list(master.index[keep.to_numpy()]) if keep is not None else []
        return self._skus[product]

    def _select_in_database(self, table: Table, scope: Scope, strict: bool, fields: set[str]):
        """`_select` for a file whose rows are in the database: a selection worked out there
        (None when it is not done in SQL)."""
        if not duck.in_database(table):
            return None
        found = duck.select(table, scope, strict, self.kind_covered.get(table.kind), self.skus, fields)
        return None if found is None else (found, False)

    @staticmethod
    def _in_database(metric, parts: list, customers: list[Table]) -> bool:
        """Whether a metric's rows are selected and summed in the database: every file of its
        kind there (and the earlier customers', for returning ones), no product master to
        price the rows by."""
        if not parts or not all(isinstance(part, duck.Selection) for part in parts) or metric.times:
            return False
        if metric.where == "returning":
            return all(duck.in_database(t) for t in customers) and any("buyer_id" in part for part in parts)
        return True

    def _select(self, table: Table, scope: Scope, strict: bool, fields: set[str]) -> tuple[pd.DataFrame, bool]:
        """The rows of one file inside the scope (only the columns in `fields`), and whether the
        scope cuts one of its months."""
        import pandas as pd

        frame = table.frame
        keep = None  # one mask, one copy of the rows: a million rows are costly to take twice
        for key in ("channel", "sku"):
            wanted = getattr(scope, key)
            if wanted is not None:
                if key not in frame:
                    return frame.iloc[0:0], False
                keep = _and(keep, self._equal(table, key, wanted))
        if scope.product:  # rows of those products: joined to the product master by SKU
            if "sku" not in frame:
                return frame.iloc[0:0], False
            keep = _and(keep, frame["sku"].isin(self.skus(scope.product)))
        kind = self.catalogue.kinds[table.kind]
        if kind.time is None or kind.time not in frame:
            return self._rows(table, keep, fields), False
        start = pd.Timestamp(scope.start)
        end = pd.Timestamp(scope.end) + pd.Timedelta(days=1)
        covered = self.kind_covered.get(table.kind)
        if strict and (covered is None or covered[0] > scope.start or covered[1] < scope.end):
            return frame.iloc[0:0], False
        times = frame[kind.time]
        if kind.monthly:
            month_end = times + _month_end() + pd.Timedelta(days=1)
            if ((times < start) & (month_end > start) | (times < end) & (month_end > end)).any():
                return frame.iloc[0:0], True
            inside = (times >= start) & (month_end <= end)
        else:
            inside = self._nanoseconds(table, kind.time)
            inside = (inside >= start.value) & (inside < end.value)  # NaT is the smallest int64: never inside
        keep = _and(keep, inside)
        return self._rows(table, None if keep.all() else keep, fields), False

    @staticmethod
    def _rows(table: Table, keep, fields: set[str]) -> pd.DataFrame:
        """The rows of a file that `keep` marks (all of them for None), with the columns of `fields` it has."""
        return table.frame if keep is None else table.frame.loc[keep, [c for c in table.frame.columns if c in fields]]

    def _equal(self, table: Table, column: str, wanted: str):
        """Which rows of a file have `wanted` in a text column: the column is coded once (a
        review asks for each channel in turn), then each question compares small integers."""
        import numpy as np
        import pandas as pd

        key = (table.path, column)
        if key not in self._read_once:
            self._read_once[key] = pd.factorize(table.frame[column])  # missing values get code -1
        codes, names = cast(tuple, self._read_once[key])
        where = names.get_indexer([wanted])[0] if len(names) else -1
        return codes == where if where >= 0 else np.zeros(len(codes), dtype=bool)

    def _nanoseconds(self, table: Table, column: str):
        """A file's times as int64 nanoseconds, read once: comparing them is several times faster
        than comparing timestamps, and a timeline asks for a dozen windows of the same rows."""
        if table.path not in self._read_once:
            self._read_once[table.path] = table.frame[column].to_numpy(dtype="datetime64[ns]").view("int64")
        return self._read_once[table.path]

    def _targets(self, scope: Scope, result: Result) -> None:
        """Targets and last year's values from targets files for the metrics of this scope."""
        result.unmatched_targets, result.fractions = self.targets.unmatched, self.targets.fractions
        by_metric: dict[str, list[TargetRow]] = {}
        for row in self.targets.rows:
            if row.applies_to(scope):
                by_metric.setdefault(row.metric, []).append(row)
        if scope.channel is None:  # no target for all channels: the channels' targets add up to it
            for row in self.targets.rows:
                if row.metric not in by_metric or by_metric[row.metric][0].channel is not None:
                    if row.channel is not None and row.applies_to(replace(scope, channel=row.channel)):
                        by_metric.setdefault(row.metric, []).append(row)
        for metric_id, rows in by_metric.items():
            whole = [row for row in rows if row.span is None]  # a whole-period target wins over summed months
            rows = whole or rows
            for name, values, sources in (("target", result.targets, result.target_sources),
                                          ("last_year", result.last_year, result.last_year_sources)):
                given = [row for row in rows if getattr(row, name) is not None]
                if not given:
                    continue
                numbers = [getattr(row, name) for row in given]
                if len(given) > 1 and not self.catalogue.additive(metric_id) and len(set(numbers)) > 1:
                    continue  # monthly conversion targets do not add up to a yearly one
                total = sum(numbers) if len(given) > 1 and self.catalogue.additive(metric_id) else numbers[0]
                values[metric_id] = _tidy(total, self.catalogue.metrics[metric_id].unit)
                sources[metric_id] = sorted({row.path for row in given})

    def campaign_window(self, campaign: str) -> tuple[dt.date, dt.date] | None:
        """A campaign's days (by its calendar name: 双十一), as targets files give them (`开始时间`, `结束时间`)."""
        spans = [row.span for row in self.targets.rows if row.campaign == campaign and row.span]
        if not spans:
            return None
        return min(s[0] for s in spans), max(s[1] for s in spans)

    def narrowed_to(self, metrics: set[str]) -> Data:
        """The same import with only the files these metrics are made from (the cost sheet for
        cost lines): for computing them over many scopes without going through the orders."""
        kinds, todo = set(), list(metrics)
        while todo:
            metric = self.catalogue.metrics[todo.pop()]
            todo += metric.parts()
            kinds |= {metric.of} if metric.of else set()
        return Data([table for table in self.tables if table.kind in kinds], self.catalogue, self.memo)

    def gap_months(self, scope: Scope) -> list[Month]:
        """Each whole month of the scope with its plan — the sales, visitors, conversion and
        AOV targets of that month (a targets file's 月份 rows, for the scope's channel) — and
        its actual factors from the shop daily report over the whole month. 生意参谋's report
        is one shop's: a report without a channel column counts as the scope's channel. No
        months without a shop report or factor targets (nothing to split)."""
        shop = [table for table in self.tables if table.kind == "shop"]
        planned = [row for row in self.targets.rows if row.metric in GAP_TARGETS.values() and row.channel == scope.channel
                   and row.sku is None and row.campaign is None and row.span is not None]
        if not shop or not any(row.metric != GAP_TARGETS["sales"] for row in planned):
            return []
        shop_data = Data(shop, self.catalogue, self.memo)
        channel = scope.channel if any("channel" in table.frame for table in shop) else None
        months = []
        for first, last in whole_months(scope.start, scope.end):
            plan = {row.metric: row for row in planned if row.span == (first, last)}
            target = {factor: plan[metric].target if metric in plan else None for factor, metric in GAP_TARGETS.items()}
            result = shop_data.compute(Scope(first, last, channel), set(GAP_ACTUALS.values()), strict=True, last_year=False)
            parts = {name: result.values.get(metric) for name, metric in GAP_ACTUALS.items()}
            files = {row.path.name for row in plan.values()} | {p.name for m in GAP_ACTUALS.values() for p in result.sources[m]}
            months.append(Month(f"{first:%Y-%m}", target.pop("sales"), target, actual_factors(**parts), tuple(sorted(files))))
        return months


GAP_TARGETS = {"sales": "gmv", "visitors": "visitors", "conversion": "conversion", "aov": "aov"}
"""The metrics a targets file gives the sales-gap plan in (销售额目标, 访客数目标, 转化率目标, 客单价目标)."""
GAP_ACTUALS = {"visitors": "visitors", "buyers": "shop-buyers", "sales": "shop-sales"}
"""The shop daily report's sums the actual factors are made of."""


@dataclass
class TargetRow:
    """One target (and last year's value) from a targets file, with what it applies to."""

    path: Path
    metric: str
    target: float | None
    last_year: float | None
    channel: str | None
    sku: str | None
    campaign: str | None
    span: tuple[dt.date, dt.date] | None
    """The days it covers (a month, or start to end); None for the whole period."""

    @property
    def key(self) -> tuple:
        return self.metric, self.channel, self.sku, self.campaign, self.span

    def applies_to(self, scope: Scope) -> bool:
        if scope.product or (self.channel, self.sku, self.campaign) != (scope.channel, scope.sku, scope.campaign):
            return False
        return self.span is None or self.campaign is not None or scope.start <= self.span[0] <= self.span[1] <= scope.end


@dataclass
class Targets:
    rows: list[TargetRow] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    fractions: list[str] = field(default_factory=list)
    """Excel percentages read as such (`0.0065 → 0.65%`)."""


def _target_rows(tables: list[Table], catalogue: Catalogue) -> Targets:
    found = Targets()
    for table in tables:
        if table.kind != "targets":
            continue
        frame = table.frame
        numbers = {name: frame[name] if name in frame else None for name in ("target", "last_year")}
        for position, (_, row) in enumerate(frame.iterrows()):
            name = row.get("metric")
            if _missing(name) or str(name).strip() == "":
                continue
            metric_id = catalogue.metric_for(str(name))  # `团队稳定性(核心员工流失率)` is looked up without its bracket
            if metric_id is None:
                if str(name) not in found.unmatched:
                    found.unmatched.append(str(name))
                continue
            target, last_year = (None if values is None or _missing(values.iloc[position]) else float(values.iloc[position])
                                 for values in numbers.values())
            if catalogue.metrics[metric_id].unit == "%":  # Excel keeps 0.65% as 0.0065
                target, last_year = (_percent(found, table, name, row, value, role)
                                     for role, value in (("target", target), ("last_year", last_year)))
            if target is None and last_year is None:
                continue
            found.rows.append(TargetRow(table.path, metric_id, target, last_year, _text(row.get("channel")),
                                        _text(row.get("sku")), _campaign(row.get("campaign")), _span(row)))
    latest = {row.key: row for row in found.rows}  # a target given again (a later file) replaces the earlier one
    found.rows = [row for row in found.rows if latest[row.key] is row]
    return found


def _percent(found: Targets, table: Table, name, row, value: float | None, role: str) -> float | None:
    if value is None or not row.get(role + FRACTION, False):
        return value
    found.fractions.append(f"{table.path.name}: {name} {value:g} → {value * 100:g}%")
    return value * 100


def _span(row) -> tuple[dt.date, dt.date] | None:
    import pandas as pd

    month = row.get("month")
    if not _missing(month):
        return month.date(), (month + _month_end()).date()
    start, end = row.get("start"), row.get("end")
    if not _missing(start) and not _missing(end):
        return pd.Timestamp(start).date(), pd.Timestamp(end).date()
    return None


def _product_master(tables: list[Table]) -> pd.DataFrame | None:
    """The product master's rows by SKU (a later file's row for a SKU wins), or None."""
    frames = [table.frame for table in tables if table.kind == "products" and "sku" in table.frame]
    if not frames:
        return None
    import pandas as pd

    master = pd.concat(frames) if len(frames) > 1 else frames[0]
    master = master[master["sku"].notna()]
    return master.drop_duplicates("sku", keep="last").set_index("sku")


def _refunded_in_full(frame: pd.DataFrame) -> pd.Series:
    """Order lines whose goods came back or never left: refunded at least what the goods cost
    the buyer (what was paid less the postage)."""
    import pandas as pd

    if "refund" not in frame or "paid_amount" not in frame:
        return pd.Series(False, index=frame.index)
    goods = frame["paid_amount"] - (frame["shipping"].fillna(0) if "shipping" in frame else 0)
    refund = frame["refund"].fillna(0)
    return ((refund > 0) & (refund >= goods - 0.005)).fillna(False)


def _and(mask, other):
    return other if mask is None else mask & other


def _month_end():
    import pandas as pd

    return pd.offsets.MonthEnd(0)


def _missing(value) -> bool:
    import pandas as pd

    return value is None or bool(pd.isna(value))


def _campaign(value) -> str | None:
    """A targets file's campaign by the calendar's name for it (双11 is 双十一)."""
    text = _text(value)
    return campaign_name(text) if text else None


def _text(value) -> str | None:
    return None if _missing(value) or str(value).strip() == "" else str(value).strip()


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
    if unit in ("人", "单", "件", "次"):
        return float(round(number))
    return round(number, 4)


def deduplicated(tables: list[Table], catalogue: Catalogue) -> list[Table]:
    """The tables with each row that a later table of its kind also has left out (counted as
    `duplicate`): an export downloaded again, or two that overlap, count once — the later one,
    whose statuses and refunds are newer. Rows are the same when their kind's `key` fields are.
    Two files with the same key fields are matched row for row (equal keys within a file told
    apart by their order); a later file with fewer of them (orders, where the earlier gave
    sub-orders) takes the place of every earlier row it has the key of. A file with a channel
    and one without are never matched: they are of different shops' views."""
    from dataclasses import replace as copy

    out = list(tables)
    for kind_id, kind in catalogue.kinds.items():
        group = [i for i, table in enumerate(out) if table.kind == kind_id]
        if not kind.key or kind.adds_up or len(group) < 2:
            continue
        for position, i in enumerate(group[:-1]):
            table = out[i]
            duplicate = None
            later = []
            for j in group[position + 1:]:
                mine = [f for f in kind.key if f in _columns(table)]
                theirs = [f for f in kind.key if f in _columns(out[j])]
                common = [f for f in mine if f in theirs]
                if common and ("channel" in mine) == ("channel" in theirs):
                    later.append((out[j], common, mine == theirs))
            if duck.in_database(table) and all(duck.in_database(other) for other, _, _ in later):
                later = [(other, common, nth) for other, common, nth in later if duck.shares_rows(table, other, common)]
                found_in_sql = duck.without_repeated(table, later, kind) if later else (table, 0)
                if found_in_sql is not None:  # (told in SQL: its rows are not read into memory)
                    out[i] = found_in_sql[0] if found_in_sql[1] else table
                    continue
            for other, common, nth in later:
                found = _row_keys(table.frame, common, nth).isin(_row_keys(other.frame, common, nth))
                duplicate = found if duplicate is None else duplicate | found
            if duplicate is not None and duplicate.any():
                left = copy(table, frame=table.frame[~duplicate], left_out=dict(table.left_out))
                left.left_out["duplicate"] = int(duplicate.sum())
                out[i] = left
    return out


def _columns(table: Table):
    """A file's columns, without reading its rows when they are in the database."""
    return cast(Any, table).row_columns if duck.in_database(table) else table.frame.columns


def _row_keys(frame, fields: list[str], nth: bool = True):
    """A 64-bit key per row from `fields`; with `nth`, the n-th row of equal fields told from the first."""
    import numpy as np
    import pandas as pd

    columns = {}
    for name in fields:
        values = frame[name]
        if pd.api.types.is_datetime64_any_dtype(values):
            values = values.astype("datetime64[ns]").astype("int64")  # the same whatever the unit a file gave
        elif not pd.api.types.is_numeric_dtype(values):
            values = values.astype("string[pyarrow]")
        columns[name] = values
    hashes = pd.util.hash_pandas_object(pd.DataFrame(columns), index=False).to_numpy()
    if not nth:
        return pd.Series(hashes, index=frame.index)
    count = pd.Series(hashes).groupby(hashes).cumcount().to_numpy().astype("uint64")
    with np.errstate(over="ignore"):
        return pd.Series(hashes + count * np.uint64(0x9E3779B97F4A7C15), index=frame.index)


def _with_refunds(tables: list[Table]) -> list[Table]:
    """Orders whose export has no refunds (JD's) take them from the after-sales exports of their
    channel: by sub-order where the refund names one the orders have, else by order, shared
    over the order's lines (in all its files) in proportion to what each was paid. A refund of
    a platform whose orders give refunds themselves is not used, and one whose order no file
    has is counted: both on the refund's file."""
    from dataclasses import replace as copy

    refunds = [t for t in tables if t.kind == "refunds" and "channel" in t.frame and len(t.frame)]
    if not refunds or not any(t.kind == "orders" for t in tables):
        return tables  # (refunds imported before their orders are joined once the orders are in)
    import numpy as np
    import pandas as pd

    from .formats import spread

    taking = [i for i, t in enumerate(tables) if t.kind == "orders" and "refund" not in t.frame
              and {"channel", "order_id"} <= set(t.frame.columns)]
    given = pd.concat([t.frame.reindex(columns=["channel", "order_id", "line_id", "refund"]) for t in refunds],
                      ignore_index=True)
    wanted = ["channel", "order_id", "line_id", "paid_amount"]
    lines = pd.concat([tables[i].frame.reindex(columns=wanted).assign(_table=i) for i in taking], ignore_index=True) \
        if taking else pd.DataFrame(columns=[*wanted, "_table"])
    lines["refund"] = 0.0
    channels = set(lines["channel"].dropna())
    line_keys = pd.MultiIndex.from_arrays([lines["channel"], lines["line_id"]])
    order_keys = pd.MultiIndex.from_arrays([lines["channel"], lines["order_id"]])
    refunded = (given["refund"].fillna(0) != 0).to_numpy()
    by_line = refunded & given["line_id"].notna().to_numpy() \
        & pd.MultiIndex.from_arrays([given["channel"], given["line_id"]]).isin(line_keys)
    by_order = refunded & ~by_line & pd.MultiIndex.from_arrays([given["channel"], given["order_id"]]).isin(order_keys)
    if len(lines):
        line_sums = given[by_line].groupby(["channel", "line_id"])["refund"].sum()
        order_sums = given[by_order].groupby(["channel", "order_id"])["refund"].sum()
        per_order = pd.Series(order_sums.reindex(order_keys).to_numpy(), index=lines.index)
        paid = lines["paid_amount"].astype("float64").fillna(0)
        refund = spread(lines["order_id"], per_order, paid).fillna(0)
        refund = refund + pd.Series(line_sums.reindex(line_keys).to_numpy(), index=lines.index).fillna(0)
        lines["refund"] = refund.to_numpy()
    out = list(tables)
    for i in taking:
        out[i] = copy(tables[i], frame=tables[i].frame.assign(refund=lines.loc[lines["_table"] == i, "refund"].to_numpy()))
    giving = {name for t in tables if t.kind == "orders" and "refund" in t.frame and "channel" in t.frame
              for name in t.frame["channel"].dropna().unique()} - channels
    own = refunded & given["channel"].isin(giving).to_numpy()  # that platform's orders give their refunds themselves
    lost = refunded & ~own & ~by_line & ~by_order
    start = 0
    for index, table in enumerate(out):
        if any(table is t for t in refunds):
            part = slice(start, start + len(table.frame))
            start += len(table.frame)
            counts = {"refunds_in_orders": int(np.sum(own[part])), "no_order": int(np.sum(lost[part]))}
            if any(counts.values()):
                out[index] = copy(table, left_out={**table.left_out, **{k: n for k, n in counts.items() if n}})
    return out
