"""Large CSV exports read by DuckDB straight into the database beside the workbook, cleaned in
SQL exactly as `reader` cleans them with pandas, and their figures worked out there.

A plain UTF-8 CSV of at least MIN_BYTES, whose header and delimiter `reader.read` found in its
first lines, is read by DuckDB's own parser (only the mapped columns, every cell as text) into a
rows table of the database (`review.duckdb`): money and numbers (`¥1,234.50`, `1.2万`, `12.5%`,
`-`), dates, ids (`="…"`), total lines left out, channel names as formats.py writes them. The
figures (`compute.Data`) are then sums and distinct counts in SQL over that table; neither
pandas nor pyarrow is imported. The rows are written once, as they are read (`store.keep` only
notes the file beside them).

The SQL gives what the pandas path gives, value for value, for the values it knows; a file with
anything else — a cell pandas would report (unreadable, too large, control characters, an id a
spreadsheet rounded), a date or number written in a way not listed here, a line the parser
refuses, text that is not UTF-8, a platform format whose rules are not done in SQL — is read
again the pandas way, which says what is wrong or reads it as it always did. So the cost of
anything unusual is one more read, never a different figure."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from .. import numbers as rule
from ..numbers import LARGEST, WHITESPACE
from ..terminal import CONTROL

if TYPE_CHECKING:
    import duckdb

    from .formats import Format

MIN_BYTES = 16 << 20
"""Files smaller than this are read the pandas way (DuckDB pays off from about here: pandas
alone takes half a second to import)."""
MEMORY = "300MB"
"""DuckDB's memory for reading a file in (it spills to disk beyond it). Keeping the rows in the
file's order takes room for the blocks read ahead of the one written: with 160 MB the reading
went one block at a time (2.0 s instead of 1.1 s for a million rows on two cores)."""
MAX_LINE = 512 * 1024
"""A longer line is refused here (and read the pandas way, which refuses rows over 1 MB)."""
TYPES = {"id", "text", "money", "number", "percent", "datetime", "date"}
"""The field types cleaned in SQL (a month column, or a targets file, is read the pandas way)."""

ARROW_NULLS = ["", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "N/A", "NA",
               "NULL", "NaN", "n/a", "nan", "null"]
"""Cells pyarrow's CSV reader takes for missing (its default `null_values`), in any column."""


def sql_text(value: str) -> str:
    """A SQL string literal of any text (control characters and all)."""
    parts, plain = [], []
    for char in value:
        if char == "'" or char.isprintable():
            plain.append("''" if char == "'" else char)
        else:
            if plain:
                parts.append("'" + "".join(plain) + "'")
                plain = []
            parts.append(f"chr({ord(char)})")
    if plain or not parts:
        parts.append("'" + "".join(plain) + "'")
    return parts[0] if len(parts) == 1 else "(" + " || ".join(parts) + ")"


def sql_list(values) -> str:
    return "(" + ", ".join(sql_text(v) for v in values) + ")"


def quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


_WS = sql_text(WHITESPACE)


_NOT_PLAIN = "(contains({0}, '_') OR contains({0}, 'e') OR contains({0}, 'E') OR contains({0}, '+'))"
"""Text that DuckDB's number cast reads and pandas' does not (`1_000`, `+-1`), or reads to
another last bit (`3e72`): such a cell is left to pandas."""
_DATE = "'^(\\d{4})([-/])(\\d{1,2})([-/])(\\d{1,2})(?:([ T])(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d{1,6}))?)?)?$'"
LAYERS = 5
"""Steps of cleaning a text cell (see `cleaning_sql`)."""


def number_sql(raw: str, name: str) -> list[list[str]]:
    """`reader.parse_numbers` — cells as shop back-ends write numbers (`¥1,234.50`, `1.2万`,
    `12.5%`, `-`) → DOUBLE — as expressions for each layer of `cleaning_sql` (`name` is the
    clean value's; `_name_…` the steps'), the last one whether pandas would report the cell
    or might read it otherwise."""
    f, t, p, plain = (quoted(f"_{name}_{step}") for step in ("f", "t", "p", "plain"))
    value = quoted(name)
    empty = sql_list(_empty())
    marks = "[" + "".join(f"\\x{{{ord(c):x}}}" for c in rule.MARKS + WHITESPACE) + "]"  # (RE2's `\\s` is ASCII only)
    wide, narrow = (sql_text(forms) for forms in rule.FULL_WIDTH_FORMS)
    rest = (f"regexp_replace(regexp_replace(translate({t}, {wide}, {narrow}), "
            f"{sql_text(rule.BOUND_PATTERN)}, ''), '{marks}', '', 'g')")
    scale = " ".join(f"WHEN {sql_text(sign)} THEN {factor:.1f}" for sign, factor in rule.MULTIPLIERS.items())
    return [
        [f"TRY_CAST({raw} AS DOUBLE) AS {f}", f"{_NOT_PLAIN.format(raw)} AS {plain}"],
        [f"CASE WHEN {raw} IS NULL OR (NOT {plain} AND isfinite({f})) THEN NULL ELSE trim({raw}, {_WS}) END AS {t}"],
        [f"CASE WHEN {t} IS NULL OR {t} IN {empty} THEN NULL "
         f"ELSE regexp_extract({rest}, {sql_text(rule.MULTIPLIED_PATTERN)}, ['n', 'm']) END AS {p}"],
        [f"CASE WHEN {raw} IS NULL THEN NULL WHEN {t} IS NULL THEN {f} WHEN {p} IS NULL THEN NULL "
         f"WHEN {_NOT_PLAIN.format(p + '.n')} THEN NULL "
         f"ELSE TRY_CAST({p}.n AS DOUBLE) * CASE {p}.m {scale} ELSE 1.0 END END AS {value}"],
        [f"({p} IS NOT NULL AND {value} IS NULL) OR NOT isfinite({value}) OR abs({value}) >= {LARGEST}"],
    ]


def datetime_sql(raw: str, name: str) -> list[list[str]]:
    """`reader._parse_datetimes` for the ways shop exports write times (`2025-06-18 20:00:00`,
    `2025/6/18 20:00`, `2025-06-18T20:00:00.5`, `2025-06-18`, `20250618`) → TIMESTAMP; a time
    written any other way (with a time zone, an Excel serial number …) is a doubt."""
    f, t, p = (quoted(f"_{name}_{step}") for step in ("f", "t", "p"))
    value = quoted(name)
    empty = sql_list(_empty())
    canonical = (f"{p}.y || '-' || {p}.m || '-' || {p}.d || ' ' || coalesce(nullif({p}.h, ''), '0') || ':' || "
                 f"coalesce(nullif({p}.mi, ''), '0') || ':' || coalesce(nullif({p}.s, ''), '0') || '.' || "
                 f"rpad(coalesce(nullif({p}.f, ''), '0'), 6, '0')")
    return [
        [f"CASE WHEN length({raw}) = 19 THEN TRY_STRPTIME({raw}, '%Y-%m-%d %H:%M:%S') END AS {f}"],
        [f"CASE WHEN {raw} IS NULL OR {f} IS NOT NULL THEN NULL ELSE trim({raw}, {_WS}) END AS {t}"],
        [f"CASE WHEN {t} IS NULL OR {t} IN {empty} OR regexp_full_match({t}, '\\d{{8}}') THEN NULL "
         f"ELSE regexp_extract({t}, {_DATE}, ['y', 's1', 'm', 's2', 'd', 'sep', 'h', 'mi', 's', 'f']) END AS {p}"],
        [f"CASE WHEN {raw} IS NULL THEN NULL WHEN {t} IS NULL THEN {f} WHEN {t} IN {empty} THEN NULL "
         f"WHEN {p} IS NULL THEN TRY_STRPTIME({t}, '%Y%m%d') "
         f"WHEN {p}.y = '' OR {p}.s1 <> {p}.s2 THEN NULL "
         f"ELSE TRY_STRPTIME({canonical}, '%Y-%m-%d %H:%M:%S.%f') END AS {value}"],
        [f"{value} IS NULL AND {t} IS NOT NULL AND NOT {t} IN {empty}"],
    ]


def text_sql(raw: str, name: str) -> str:
    """`reader._clean_ids`: ids and text without the wrappers exports put around them."""
    wrapped = f"ord({raw}) IN (61, 39, 96, 34, 32, 9) OR suffix({raw}, ' ') OR suffix({raw}, '\"')"  # = ' ` " space tab
    return (f"CASE WHEN {wrapped} THEN trim(regexp_replace(trim({raw}, {_WS}), '^=\"?|\"$|^[''`]+', '', 'g'), {_WS}) "
            f"ELSE {raw} END")


def _empty() -> list[str]:
    from .reader import EMPTY

    return EMPTY


@dataclass
class Column:
    raw: str
    """Its name in the CSV as DuckDB reads it (`c7`)."""
    field: str
    type: str


def cleaning_sql(source: str, columns: list[Column], constants: dict[str, str], typed: bool) -> str:
    """The SELECT turning the cells of `source` into the canonical columns (in order), each
    constant column after them, and `_flag`: 1 on a total line (合计), 2 on a row with a cell
    that pandas would read otherwise or report, 0 on the others.

    `typed`: DuckDB's parser read the numbers and times (see `csv_source`), and only the text
    is cleaned here. Otherwise every cell is text, cleaned in a few steps, one layer of SELECT
    each, so that a step is worked out once and only where the one before could not tell
    (most cells are plain numbers and times)."""
    from .reader import TOTAL_WORDS

    layers: list[list[str]] = [[] for _ in range(LAYERS)]
    text = [c for c in columns if c.type not in NUMBERS + TIMES]
    for column in columns:
        if typed and column.type not in NUMBERS + TIMES:
            layers[-2].append(f"{text_sql(column.raw, column.field)} AS {quoted(column.field)}")
        elif typed:
            layers[-2].append(f"{column.raw} AS {quoted(column.field)}")
        else:
            steps = number_sql(column.raw, column.field) if column.type in NUMBERS else \
                datetime_sql(column.raw, column.field) if column.type in TIMES else \
                [[], [], [], [f"{text_sql(column.raw, column.field)} AS {quoted(column.field)}"], []]
            for layer, expressions in zip(layers, steps):
                layer += expressions
    *steps, doubts = layers
    longest = max(len(word.encode()) for word in TOTAL_WORDS)
    total = " OR ".join(f"CASE WHEN strlen({c.raw}) <= {longest} THEN {c.raw} IN {sql_list(TOTAL_WORDS)} END"
                        for c in (text if typed else columns)) or "false"
    query = f"SELECT *, coalesce({total}, false) AS _total FROM {source}"
    for expressions in steps:
        query = f"SELECT *, {', '.join(expressions)} FROM ({query})" if expressions else query
    names = ", ".join(quoted(c.field) for c in columns)
    extra = "".join(f", {sql_text(value)} AS {quoted(name)}" for name, value in constants.items())
    doubt = " OR ".join(f"coalesce({d}, false)" for d in doubts) or "false"
    return (f"SELECT {names}{extra}, CAST(CASE WHEN _total THEN 1 WHEN {doubt} THEN 2 ELSE 0 END AS UTINYINT) AS _flag "
            f"FROM ({query})")


def csv_source(path: Path, delimiter: str, skip_lines: int, width: int, types: dict[str, str] | None = None) -> str:
    """DuckDB's reader set as `reader._read_csv` sets pyarrow's: no header (it is skipped with
    the lines above it), pyarrow's missing values, quotes doubled; every cell text, or the
    columns of `types` (`c7` → DOUBLE, TIMESTAMP) parsed by DuckDB (a cell it cannot parse
    is an error: then they are read as text)."""
    types = types or {}
    columns = "{" + ", ".join(f"'c{i}': '{types.get(f'c{i}', 'VARCHAR')}'" for i in range(width)) + "}"
    return (f"read_csv({sql_text(str(path))}, columns={columns}, header=false, skip={skip_lines}, "
            f"delim={sql_text(delimiter)}, quote='\"', escape='\"', auto_detect=false, strict_mode=true, "
            f"null_padding=false, nullstr=[{', '.join(sql_text(v) for v in ARROW_NULLS)}], "
            f"timestampformat='%Y-%m-%d %H:%M:%S', max_line_size={MAX_LINE}, encoding='utf-8')")


PLAIN_TEXT = {"order_id", "line_id", "buyer_id", "refund_id"}
"""Ids of (nearly) one row each, kept as they are: compressing them costs more than the room
it saves (a third of the time of writing the rows, for 26 MB in 70 of a million rows)."""


def table_columns(columns: list[Column], constants: dict[str, str]) -> str:
    """The rows table's columns (see `cleaning_sql`)."""
    kinds = [(c.field, PARSED.get(c.type, "VARCHAR")) for c in columns] + [(name, "VARCHAR") for name in constants]
    return ", ".join(f"{quoted(name)} {kind}" + (" USING COMPRESSION uncompressed" if name in PLAIN_TEXT else "")
                     for name, kind in kinds) + ", _flag UTINYINT"


NUMBERS = ("money", "number", "percent")
TIMES = ("datetime", "date")
PARSED = {"money": "DOUBLE", "number": "DOUBLE", "percent": "DOUBLE", "datetime": "TIMESTAMP", "date": "TIMESTAMP"}
"""What DuckDB's parser reads the cells of a field type as, when it can (see `load`)."""


class Doubt(Exception):
    """The file is read the pandas way (see the module's text)."""


@dataclass
class Loaded:
    """A file's rows as written into the database."""

    table: str
    rows: int
    dropped_rows: list[int]
    channels: dict[str, int] | None
    span: tuple[dt.date, dt.date] | None
    no_paid_time: int | None
    days: list[int] | None
    columns: list[str]
    daily: list[tuple[tuple, int, dict]]
    """Its figures per day and channel (see `daily_groups`)."""


def eligible(path: Path, size: int, encoding: str, kind: str, field_types: dict[str, str], platform: Format | None,
             lines_read: list[int], header_index: int, read_in: frozenset[str] = frozenset()) -> bool:
    """Whether a file is read by DuckDB (see the module's text): of any size when files of its
    kind were read in already (`read_in`: the kinds; it is then counted with them in SQL, and
    pandas is not even imported)."""
    return ((size >= MIN_BYTES or kind in read_in) and encoding in ("utf-8", "utf-8-sig") and kind != "targets"
            and all(kind in TYPES for kind in field_types.values())
            and (platform is None or _plain_format(platform))
            and lines_read[header_index] == header_index + 1)  # no quoted line breaks above the header


def _plain_format(platform: Format) -> bool:
    """A platform format whose rules need no statuses (those are read the pandas way)."""
    return not (platform.not_sales or platform.unpaid_if_zero or platform.prefer or platform.order_level
                or platform.refunds is not None or platform.tool or platform.plus
                or any(len(columns) > 1 for columns in platform.fields.values()))


def load(db: Path, path: Path, delimiter: str, skip_lines: int, width: int, columns: list[Column],
         constants: dict[str, str], time_field: str | None, monthly: bool, scan) -> Loaded:
    """Read the file into a new rows table of the database `db` (in the database's writing
    thread: its settings are the process's); raises Doubt, with nothing left behind, when it
    is to be read the pandas way. `scan`: the future of `reader.scan_bytes` over the file."""
    from . import store

    return store.in_writer(lambda: _load(db, path, delimiter, skip_lines, width, columns, constants, time_field,
                                         monthly, scan))


def _load(db: Path, path: Path, delimiter: str, skip_lines: int, width: int, columns: list[Column],
          constants: dict[str, str], time_field: str | None, monthly: bool, scan) -> Loaded:
    """First with DuckDB's parser reading the numbers and times: where every cell of those is
    one it reads as pandas does (a plain number, a `2025-06-18 20:00:00` time) that is the
    fastest. A cell it cannot read (`¥1,234.50`, `-`, `2025/6/18`) stops it: then every cell
    is read as text and cleaned in SQL. The bytes of the file tell whether a cell may hold
    what DuckDB reads and pandas does not (`1_000`, `+-1`): then as text too."""
    import duckdb

    from . import store

    con = store.connection(db)
    con.execute("SET preserve_insertion_order = true")  # a row's place in the table is its place in the file:
    con.execute("SET disabled_optimizers = 'in_clause'")  # (a list of values planned as a join loses it)
    con.execute(f"SET memory_limit = '{MEMORY}'")
    types = {c.raw: PARSED[c.type] for c in columns if c.type in PARSED}
    for typed in (True, False) if types else (False,):
        name = f"rows_{uuid.uuid4().hex}"
        select = cleaning_sql(csv_source(path, delimiter, skip_lines, width, types if typed else None), columns,
                              constants, typed)
        try:
            con.execute(f"CREATE TABLE {quoted(name)} ({table_columns(columns, constants)})")
            con.execute(f"INSERT INTO {quoted(name)} {select}")
        except duckdb.ConversionException:
            con.execute(f"DROP TABLE IF EXISTS {quoted(name)}")
            if typed:
                continue  # a cell DuckDB's parser does not read: every cell as text
            raise Doubt("a cell it cannot read") from None
        except duckdb.Error as exc:  # a line it cannot split, text that is not UTF-8 …: pandas says which
            con.execute(f"DROP TABLE IF EXISTS {quoted(name)}")
            raise Doubt(str(exc)) from None
        try:
            found = scan.result()
            if typed and found["numbers"]:
                raise Doubt("read as text")
            return _describe(con, name, columns, constants, time_field, monthly, found["control"])
        except Doubt as exc:
            con.execute(f"DROP TABLE IF EXISTS {quoted(name)}")
            if typed and str(exc) == "read as text":
                continue
            raise
        except BaseException:
            con.execute(f"DROP TABLE IF EXISTS {quoted(name)}")
            raise
    raise Doubt("not read")


def _describe(con: duckdb.DuckDBPyConnection, name: str, columns: list[Column], constants: dict[str, str],
              time_field: str | None, monthly: bool, control: bool) -> Loaded:
    """What `reader.read` says of the file (and the figures `store` keeps beside it), from its
    rows; Doubt when pandas would report a cell of it."""
    table = quoted(name)
    names = [c.field for c in columns] + list(constants)
    numbers = [c.field for c in columns if c.type in NUMBERS]
    checks = {"totals": "count(*) FILTER (WHERE _flag = 1)", "doubts": "count(*) FILTER (WHERE _flag = 2)"}
    for column in columns:
        field = quoted(column.field)
        if column.type in NUMBERS:  # unreadable (inf, nan), too large
            checks[column.field] = f"count(*) FILTER (WHERE _flag = 0 AND (NOT isfinite({field}) OR abs({field}) >= {LARGEST}))"
        elif column.type not in TIMES and control:  # control characters (the file's bytes may hold some)
            checks[column.field] = f"count(*) FILTER (WHERE _flag = 0 AND regexp_matches({field}, {sql_text(CONTROL)}))"
        elif column.type not in TIMES:  # a carriage return in a quoted cell (the bytes do not tell it from a line end)
            checks[column.field] = f"count(*) FILTER (WHERE _flag = 0 AND contains({field}, chr(13)))"
    daily = daily_groups(con, table, names, numbers, time_field, checks)  # (total lines among them, for now)
    found = {check: sum(figures[check] for _, _, figures in daily) for check in checks}
    rows = sum(figures["rows"] for _, _, figures in daily) - found["totals"] - found["doubts"]
    if any(found[check] for check in checks if check != "totals") or not rows:
        raise Doubt("cells pandas reports or reads otherwise" if rows else "no data rows")
    dropped = []
    if found["totals"]:  # total lines: numbered as in the file, and left out
        dropped = [rowid for (rowid,) in con.execute(f"SELECT rowid FROM {table} WHERE _flag = 1 ORDER BY rowid").fetchall()]
        con.execute(f"DELETE FROM {table} WHERE _flag = 1")
        daily = daily_groups(con, table, names, numbers, time_field)
    ids = [quoted(c.field) for c in columns if c.type == "id"]
    if ids:  # ids a spreadsheet rounded (4.32393E+18), looked for in the first 1000 rows as pandas does
        rounded = " OR ".join(f"regexp_full_match({f}, '\\d+(\\.\\d+)?[eE]\\+?\\d+')" for f in ids)
        if (con.execute(f"SELECT count(*) FILTER (WHERE {rounded}) FROM "
                        f"(SELECT {', '.join(ids)} FROM {table} ORDER BY rowid LIMIT 1000)").fetchone() or (0,))[0]:
            raise Doubt("rounded ids")
    if monthly and time_field in names:
        raise Doubt("a monthly kind")
    channels = None
    if "channel" in names:
        channels, renamed = _channels(daily)
        if renamed:  # each name as formats.py writes it
            cases = " ".join(f"WHEN {sql_text(old)} THEN {sql_text(new)}" for old, new in renamed.items())
            con.execute(f"UPDATE {table} SET channel = CASE channel {cases} END WHERE channel IN {sql_list(renamed)}")
            daily = daily_groups(con, table, names, numbers, time_field)
    span, days, no_paid = None, None, None
    if time_field in names:
        dated = sorted({day for (day, _), _, _ in daily if day is not None})
        if dated:
            span = (dated[0], dated[-1])
            days = [(day - EPOCH).days for day in dated]
        no_paid = sum(figures["rows"] - figures["dated"] for _, _, figures in daily)
    return Loaded(name, rows, dropped, channels, span, no_paid, days, names, daily)


def daily_groups(con: duckdb.DuckDBPyConnection, table: str, names: list[str], numbers: list[str],
                 time_field: str | None, checks: dict[str, str] | None = None) -> list[tuple[tuple, int, dict]]:
    """A file's rows per day and channel — (day, channel), the first row, and the figures:
    rows, rows with a time (`dated`), paid rows, and each number column's sum over all and over
    the paid rows. From these the figures of any window of days of a channel are added up.
    `checks`: more counts (name → SQL) worked out in the same pass."""
    checks = checks or {}
    day = f"CAST({quoted(time_field)} AS DATE)" if time_field in names else "NULL::DATE"
    channel = '"channel"' if "channel" in names else "NULL::VARCHAR"
    paid = '"paid_at" IS NOT NULL' if "paid_at" in names else "false"
    dated = f"{quoted(time_field)} IS NOT NULL" if time_field in names else "false"
    asked = ["count(*)", f"count(*) FILTER (WHERE {dated})", f"count(*) FILTER (WHERE {paid})"]
    for column in numbers:
        asked += [f"sum({quoted(column)})", f"sum({quoted(column)}) FILTER (WHERE {paid})"]
    groups = []
    sql = f"SELECT {day}, {channel}, min(rowid), {', '.join([*asked, *checks.values()])} FROM {table} GROUP BY ALL"
    for row in con.execute(sql).fetchall():
        figures: dict[Any, Any] = {"rows": row[3], "dated": row[4], ("rows", "paid"): row[5]}
        for index, column in enumerate(numbers):
            figures[(column, None)], figures[(column, "paid")] = row[6 + 2 * index], row[7 + 2 * index]
        figures |= dict(zip(checks, row[6 + 2 * len(numbers):]))
        groups.append(((row[0], row[1]), row[2], figures))
    return groups


def _channels(daily: list[tuple[tuple, int, dict]]) -> tuple[dict[str, int], dict[str, str]]:
    """Rows per channel, each name as formats.py writes it, most rows first (as
    `Table.channel_counts` gives them); and the names to write so."""
    from .formats import load as formats

    found: dict[str, list[int]] = {}
    for (_, name), first, figures in daily:
        if name is not None:
            known = found.setdefault(name, [0, first])
            known[0] += figures["rows"]
            known[1] = min(known[1], first)
    names = {name: formats().channel(name) for name in found}
    counts: dict[str, list[int]] = {}
    for name, (rows, first) in found.items():
        known = counts.setdefault(names[name], [0, first])
        known[0] += rows
        known[1] = min(known[1], first)
    ordered = sorted(counts.items(), key=lambda item: (-item[1][0], item[1][1]))
    return {name: rows for name, (rows, _) in ordered}, {old: new for old, new in names.items() if old != new}


def in_database(table) -> bool:
    """Whether a table's figures are worked out in the database (its rows not read into memory)."""
    return bool(getattr(table, "in_database", False))


class Selection:
    """The rows of one file in the database inside a scope (`compute.Data._select` in SQL):
    sized, asked which columns it has, summed; read into memory (`frame`) only for what SQL
    does not do here. `where`: its rows as a SQL condition (None: none); `channel` and `days`:
    the scope's, when `where` says nothing else (then the file's daily sums answer)."""

    def __init__(self, table, where: str | None, fields: set[str], channel: str | None = None,
                 days: tuple[dt.date, dt.date] | None = None, daily: bool = False) -> None:
        self.table, self.where = table, where
        self.channel, self.days, self.daily = channel, days, daily
        self.columns = list(table.row_columns)
        self.fields = [c for c in self.columns if c in fields]

    def __contains__(self, column: str) -> bool:
        return column in self.columns

    def __len__(self) -> int:
        return 0 if self.where is None else self.figures()["rows"]

    def source(self) -> str:
        return f"(SELECT * FROM {self.table.table} WHERE {self.where})"

    def figures(self) -> dict:
        """Its rows, its paid rows, and the sum of each number column over each."""
        if getattr(self, "_found", None) is None:
            if self.daily:
                self._found = _from_daily(self.table, self.channel, self.days)
            else:
                numbers = [c for c in self.columns if _types(self.table).get(c) == "DOUBLE"]
                self._found = cast(dict, _figures(self.table, numbers, f"WHERE {self.where}"))
        return self._found

    def frame(self):
        """Its rows (the columns of the figures asked for) as `Data._select` gives them."""
        from .store import rows_of

        condition = "false" if self.where is None else self.where  # (no rows: a scope the file cannot give)
        if getattr(self.table, "kept", None):  # (rows a later file has left out: see `without_repeated`)
            return rows_of(self.table.database, self.table.base, self.table.path,
                           f"({condition}) AND {self.table.kept}", self.fields)
        return rows_of(self.table.database, self.table.table, self.table.path, condition, self.fields)


def _figures(table, numbers: list[str], where: str, by: Sequence[str] = ()) -> dict | list[tuple[tuple, dict]]:
    """Rows, paid rows, and each number column's sum over all and over the paid rows — of the
    rows `where` says, or per group of `by`."""
    paid = '"paid_at" IS NOT NULL' if "paid_at" in table.row_columns else "false"
    asked = ["count(*)", f"count(*) FILTER (WHERE {paid})"]
    for column in numbers:
        asked += [f"sum({quoted(column)})", f"sum({quoted(column)}) FILTER (WHERE {paid})"]
    group = f" GROUP BY {', '.join(by)}" if by else ""
    found = query(table, f"SELECT {', '.join([*by, *asked])} FROM {table.table} {where}{group}")
    groups = []
    for values in found:
        keys, values = values[:len(by)], values[len(by):]
        figures: dict[Any, Any] = {"rows": values[0], ("rows", "paid"): values[1]}
        for index, column in enumerate(numbers):
            figures[(column, None)], figures[(column, "paid")] = values[2 + 2 * index], values[3 + 2 * index]
        groups.append((keys, figures))
    return groups if by else groups[0][1]


def _from_daily(table, channel: str | None, days: tuple[dt.date, dt.date] | None) -> dict:
    """`_figures` of the rows of a channel and days, added up from the file's figures per day
    and channel (`daily_groups`, worked out once: a review asks for dozens of windows)."""
    import bisect

    from .catalogue import load

    if getattr(table, "_daily", None) is None:
        if getattr(table, "daily", None) is None:
            from .store import connection, daily_of

            numbers = [c for c in table.row_columns if _types(table).get(c) == "DOUBLE"]
            table.daily = daily_of(table) or daily_groups(connection(table.database), table.table, table.row_columns,
                                                          numbers, load().kinds[table.kind].time)
        keys = list(table.daily[0][2]) if table.daily else ["rows", ("rows", "paid")]
        daily: dict = {}
        for (day, name), _, figures in sorted(table.daily, key=lambda g: (g[0][0] is None, g[0][0] or dt.date.min)):
            for where in (name, ...):  # the channel's, and every channel's (`...`)
                found = daily.setdefault(where, ([], []))
                found[0].append(day)
                found[1].append([figures[key] for key in keys])
        table._daily = keys, daily
    keys, daily = table._daily
    found = daily.get(... if channel is None else channel, ([], []))
    rows = found[1]
    if days is not None:  # (the days are in order, the rows without a day last)
        dated = [day for day in found[0] if day is not None]
        rows = rows[bisect.bisect_left(dated, days[0]):bisect.bisect_right(dated, days[1])]
    total = []
    for values in zip(*rows) if rows else [[] for _ in keys]:
        present = [value for value in values if value is not None]
        total.append(sum(present) if present else None)
    figures = dict(zip(keys, total))
    figures["rows"], figures[("rows", "paid")] = figures["rows"] or 0, figures[("rows", "paid")] or 0
    return figures


class Rows:
    """The rows of one or more Selections a metric is made from, `where` it says (`compute`'s
    `select` in SQL)."""

    def __init__(self, parts: list[Selection], where: str | None, customers: list | None = None) -> None:
        self.parts, self.filter = [p for p in parts if p.where is not None], where
        self.columns = {c for p in parts for c in p.columns}
        self.customers = customers or []

    def __contains__(self, column: str) -> bool:
        return column in self.columns

    def _condition(self) -> str:
        """`paid`, `kept`, `returning` as `compute.Data.compute` reads them."""
        if self.filter is None:
            return "true"
        if "paid_at" not in self.columns:
            return "false"
        condition = '"paid_at" IS NOT NULL'
        if self.filter == "kept" and {"refund", "paid_amount"} <= self.columns:
            shipping = 'coalesce("shipping", 0)' if "shipping" in self.columns else "0"
            refund = 'coalesce("refund", 0)'
            condition += f' AND NOT coalesce({refund} > 0 AND {refund} >= ("paid_amount" - {shipping}) - 0.005, false)'
        if self.filter == "returning":
            ids = " UNION ALL ".join(f'SELECT "buyer_id" FROM {t.table}' for t in self.customers)
            condition += f' AND "buyer_id" IN ({ids})'
        return condition

    def _source(self) -> str:
        names = ", ".join(quoted(c) for c in sorted(self.columns))
        union = " UNION ALL BY NAME ".join(f"SELECT * FROM {p.source()}" for p in self.parts)
        return f"(SELECT {names} FROM ({union}))" if len(self.parts) > 1 else self.parts[0].source()

    def _simple(self) -> bool:
        return self.filter in (None, "paid")

    def __len__(self) -> int:
        if not self.parts:
            return 0
        if self._simple():
            return sum(p.figures()["rows" if self.filter is None else ("rows", "paid")] for p in self.parts)
        return self._ask("count(*)")

    def sum(self, column: str) -> float | None:
        """`values.sum(min_count=1)`: None when no row has a value."""
        if not self.parts:
            return None
        if self._simple() and all(_types(p.table).get(column, "DOUBLE") == "DOUBLE" for p in self.parts):
            sums = [value for p in self.parts if column in p if (value := p.figures().get((column, self.filter))) is not None]
            return sum(sums) if sums else None
        return self._ask(f"sum({quoted(column)})")

    def distinct(self, column: str) -> int:
        """`values.dropna().nunique()` (as a count of the rows of a DISTINCT: that one spills
        to disk past the memory limit, `count(DISTINCT …)` does not)."""
        if not self.parts:
            return 0
        values = f"SELECT DISTINCT {quoted(column)} FROM {self._source()} WHERE {self._condition()} AND {quoted(column)} IS NOT NULL"
        return query(self.parts[0].table, f"SELECT count(*) FROM ({values})")[0][0]

    def _ask(self, what: str):
        return query(self.parts[0].table, f"SELECT {what} FROM {self._source()} WHERE {self._condition()}")[0][0]


def _types(table) -> dict[str, str]:
    """A table's column types in the database (asked once)."""
    if getattr(table, "_types", None) is None:
        from .store import connection

        name = (getattr(table, "base", None) or table.table).strip('"')
        table._types = dict(connection(table.database).execute(
            "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ?", [name]).fetchall())
    return table._types


def query(table, sql: str) -> list[tuple]:
    """The rows of a query over the database `table` is in, each asked once (per table)."""
    if getattr(table, "_answers", None) is None:
        table._answers = {}
    if sql not in table._answers:
        from .store import connection

        table._answers[sql] = connection(table.database).execute(sql).fetchall()
    return table._answers[sql]


def shares_rows(table, later, fields: list[str]) -> bool:
    """Whether a row of `table` has the `fields` of a row of `later` (a missing value as one
    missing value: as `compute.deduplicated` tells rows apart), both in one database. Only then
    are their rows read to find which: a later export of other days (the next quarter's orders)
    leaves millions of earlier rows where they are."""
    import duckdb

    if table.database != later.database:
        return True
    on = " AND ".join(f"a.{quoted(name)} IS NOT DISTINCT FROM b.{quoted(name)}" for name in fields)
    try:
        found = query(table, f"SELECT count(*) FROM {table.table} AS a SEMI JOIN {later.table} AS b ON {on}")
    except duckdb.Error:  # values that do not compare (an id written as text in one, a number in the other)
        return True
    return found[0][0] > 0


def without_repeated(table, later: list[tuple[Any, list[str], bool]], kind):
    """`table` (in the database) without its rows that a later file also has, and how many those
    were — `later`: each such file (in the same database), the fields rows are told apart by,
    and whether equal fields within a file are matched one for one in the file's order
    (`compute.deduplicated`'s rule, in SQL); None where SQL cannot tell them as pandas does
    (fields of different kinds in the two files). The rows left are a query over the table's
    own; the repeated ones are listed in a table of their own (`rows_repeated_…`, dropped by
    `store.prune` at the import's end)."""
    import copy

    from .store import connection, in_writer, rows_of

    if kind.monthly:
        return None
    types = _types(table)
    for other, fields, _ in later:
        if any(_family(types.get(f)) is None or _family(types.get(f)) != _family(_types(other).get(f)) for f in fields):
            return None
    base = getattr(table, "base", None) or table.table
    before = getattr(table, "kept", None)

    def keyed(rows: str, order: str, fields: list[str], nth: bool) -> str:
        """`rows` (with their rowid as `_r`) numbered within equal fields, in the file's order."""
        names = ", ".join(quoted(f) for f in fields)
        number = f", row_number() OVER (PARTITION BY {names} ORDER BY {order}) AS _n" if nth else ""
        return f"SELECT _r, {names}{number} FROM {rows}"

    def order_of(other) -> str:
        return '"_row"' if "_row" in _types(other) else "_r"

    found = []
    for other, fields, nth in later:
        match = " AND ".join(f"a.{quoted(f)} IS NOT DISTINCT FROM b.{quoted(f)}" for f in fields)
        # (only the rows whose fields the other file has are numbered: numbers within equal fields are the same)
        mine_rows = (f"(SELECT * FROM (SELECT rowid AS _r, * FROM {base}{' WHERE ' + before if before else ''}) AS a "
                     f"SEMI JOIN {other.table} AS b ON {match})")
        their_rows = f"(SELECT rowid AS _r, * FROM {other.table})"
        found.append(f"SELECT a._r FROM ({keyed(mine_rows, order_of(table), fields, nth)}) AS a WHERE EXISTS "
                     f"(SELECT 1 FROM ({keyed(their_rows, order_of(other), fields, nth)}) AS b WHERE {match}"
                     f"{' AND a._n = b._n' if nth else ''})")
    name = f'"rows_repeated_{uuid.uuid4().hex}"'

    in_writer(lambda: connection(table.database).execute(
        f"CREATE TABLE {name} AS SELECT DISTINCT _r AS r FROM ({' UNION ALL '.join(found)})"))
    con = connection(table.database)
    (count,) = con.execute(f"SELECT count(*) FROM {name}").fetchone() or (0,)
    kept = f"rowid NOT IN (SELECT r FROM {name})" + (f" AND {before}" if before else "")
    left = copy.copy(table)
    left.base, left.kept = base, kept
    left.table = f"(SELECT *, rowid AS rowid FROM {base} WHERE {kept})"
    left._rows = lambda: rows_of(table.database, base, table.path, kept)
    left.length = (table.length or 0) - count
    left.daily, left._daily, left._answers = None, None, None
    left.left_out = {**table.left_out, "duplicate": count}
    if kind.time is not None and kind.time in table.row_columns:
        left.days = days_in(con, left.table, kind.time)
        left.span = (EPOCH + dt.timedelta(left.days[0]), EPOCH + dt.timedelta(left.days[-1])) if left.days else None
    if "channel" in table.row_columns:
        left.channels = {str(c): n for c, n in con.execute(f'SELECT "channel", count(*) FROM {left.table} '
                                                            'WHERE "channel" IS NOT NULL GROUP BY ALL '
                                                            'ORDER BY count(*) DESC, min(rowid)').fetchall()}
    return left, count


EPOCH = dt.date(1970, 1, 1)
"""Day 0 of a table's `days`."""


def days_in(con: duckdb.DuckDBPyConnection, source: str, time_field: str) -> list[int]:
    """The days (since EPOCH, ascending) the rows of `source` fall on, by their `time_field`."""
    day = f"date_diff('day', DATE '{EPOCH}', CAST({quoted(time_field)} AS DATE))"
    return [d for (d,) in con.execute(f"SELECT DISTINCT {day} AS d FROM {source} WHERE d IS NOT NULL ORDER BY d").fetchall()]


def _family(sql_type: str | None) -> str | None:
    """What a column's values are, as `compute._row_keys` compares them: text, a time, a number."""
    if sql_type is None:
        return None
    if sql_type.startswith("TIMESTAMP") or sql_type == "DATE":
        return "time"
    if sql_type in ("VARCHAR", "BLOB"):
        return "text"
    return "number"


def select(table, scope, strict: bool, covered, skus, fields: set[str]) -> Selection | None:
    """`compute.Data._select` for a file whose rows are in the database (None when it is not
    done in SQL here: a kind of whole months)."""
    from .catalogue import load

    kind = load().kinds[table.kind]
    columns = table.row_columns
    conditions = []
    for key in ("channel", "sku"):
        wanted = getattr(scope, key)
        if wanted is not None:
            if key not in columns:
                return Selection(table, None, fields)
            conditions.append(f"{quoted(key)} = {sql_text(wanted)}")
    daily = scope.sku is None and not scope.product
    if scope.product:
        if "sku" not in columns:
            return Selection(table, None, fields)
        wanted = skus(scope.product)
        conditions.append(f'"sku" IN {sql_list(wanted)}' if wanted else "false")
    days = None
    if kind.time is not None and kind.time in columns:
        if kind.monthly:
            return None
        if strict and (covered is None or covered[0] > scope.start or covered[1] < scope.end):
            return Selection(table, None, fields)
        end = scope.end + dt.timedelta(days=1)
        time = quoted(kind.time)
        conditions.append(f"{time} >= TIMESTAMP '{scope.start.isoformat()}' AND {time} < TIMESTAMP '{end.isoformat()}'")
        days = (scope.start, scope.end)
    return Selection(table, " AND ".join(conditions) or "true", fields, scope.channel, days, daily)
