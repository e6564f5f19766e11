"""The rows of every file imported into a workbook, kept beside it in an embedded analytical
database (`review.duckdb` beside `review.toml`), so that a later import counts them without
the files and without parsing them again.

What is in it: per imported file (by its SHA-256, as the workbook's `[[imports]]` note it), the
rows as read — the canonical columns, values cleaned — and how the file was read (its kind,
format, channel, columns, the rows it left out). Nothing else: the answers and the record of
imports are the workbook's. The database is a cache of the files: deleted, it is rebuilt by the
next import from the files where they are (those that are gone keep the values they filled);
a workbook sent without it opens and exports as it is.

Beside the rows, the figures last worked out from them (`memo`): each sum or distinct count over
one scope, keyed by the files it was made from (their SHA-256s, in order) and what it counts.
An import that brings a file of another kind (an ad report after the orders) takes the orders'
figures from there and never reads their rows; a file's rows are read back only when a figure
needs them (see `StoredTable`). A file DuckDB read in also has its figures per day and channel
kept (`daily`), for the next import of its kind; a later file that repeats some of an earlier
one's rows has them listed, for the import, in a `rows_repeated_…` table (see `alongside` and
`duck.without_repeated`).

Writes run in one background thread, beside the computing (DuckDB works without the GIL); a
file's rows are written once, whatever the imports after it."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import json
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import RetroError
from .reader import Table

if TYPE_CHECKING:
    import duckdb

SUFFIX = ".duckdb"
MEMORY = "160MB"
"""DuckDB's memory for writing rows, beside the import's own (it spills to disk beyond it)."""
_WRITING = ThreadPoolExecutor(max_workers=1, thread_name_prefix="store")
_FIELDS = ("kind", "encoding", "header_row", "mapping", "unknown", "columns", "derived", "dropped_rows", "format",
           "channel", "gives_refunds", "left_out")
"""What a Table says of how its file was read, kept beside its rows."""


class StoreError(RetroError):
    """The database beside a workbook cannot be read or written."""


def path_of(workbook_path: Path) -> Path:
    return workbook_path.with_suffix(SUFFIX)


_CONNECTING = threading.Lock()


def _connect(path: Path) -> duckdb.DuckDBPyConnection:
    """A connection to the database: every connection of this process shares one (the rows are
    read while others are written), so they all open it alike, and one at a time — a connection
    opened while another thread opens one may find the database without its Python functions
    (`python_arrow_scan`: the rows handed over from Arrow cannot be written)."""
    import duckdb

    try:
        with _CONNECTING:
            return duckdb.connect(str(path),  # never a download when SQL names an extension
                                  config={"autoinstall_known_extensions": False, "autoload_known_extensions": False})
    except duckdb.Error as exc:
        raise StoreError(f"{path.name}: {exc}") from None


def _rows_table(sha256: str, meta: dict | None = None) -> str:
    """A file's rows table: named in its notes when DuckDB read the file in (see `duck`), else by its SHA-256."""
    return f'"{(meta or {}).get("table") or f"rows_{sha256}"}"'


_OPEN: dict[Path, duckdb.DuckDBPyConnection] = {}


def connection(path: Path) -> duckdb.DuckDBPyConnection:
    """A connection to the database kept open over an import (the rows DuckDB read in are
    queried many times; `release` closes it); a new cursor of it for each thread that asks."""
    path = Path(path).resolve()
    if path not in _OPEN:
        _OPEN[path] = _connect(path)
    return _OPEN[path] if threading.current_thread() is threading.main_thread() else _OPEN[path].cursor()


def release(workbook_path: Path) -> None:
    """Close the connection `connection` kept open (the database is opened again when asked:
    a later import, a file's rows read)."""
    con = _OPEN.pop(path_of(workbook_path).resolve(), None)
    if con is not None:
        con.close()


def in_writer(work):
    """Run `work` in the writing thread and wait for it (the database's settings are the
    process's: one thing is written at a time)."""
    return _WRITING.submit(work).result()


class StoredTable(Table):
    """A file as kept in the database: how it was read, its days and channels at hand, its rows
    read from the database when first needed."""

    _frame = None
    _rows: Callable[[], Any] | None = None  # its rows, until they are read
    span: tuple[dt.date, dt.date] | None | bool = False
    """The first and last day of its rows (None: a kind not placed in time; False: not known)."""
    channels: dict[str, int] | None = None
    database: Path | None = None
    """The database its rows are in, and their table (see `in_database`)."""
    table: str | None = None
    length: int | None = None
    """Its rows (total lines aside), when known without reading them."""
    row_columns: list[str] | None = None
    """The columns of its rows, when known without reading them."""
    days: list[int] | None = None
    """The days its rows fall on (since 1970, ascending), when DuckDB read it in."""
    daily: list | None = None
    """Its figures per day and channel (`duck.daily_groups`), once worked out."""
    new: bool = False
    """Read into the database by this import (its notes are written by `keep`)."""
    base: str | None = None
    kept: str | None = None
    """When a later file has some of its rows: the table its rows are in, and which of them
    count (an SQL condition); `table` is then a query of those (see `duck.without_repeated`)."""

    @property
    def in_database(self) -> bool:
        """Whether its figures are worked out in the database (its rows not read into memory)."""
        return self._rows is not None and self.database is not None and self.row_columns is not None

    def row_count(self) -> int:
        return self.length if self._rows is not None and self.length is not None else super().row_count()

    @property
    def frame(self):
        if self._rows is not None:
            self._frame, self._rows = self._rows(), None
        return self._frame

    @frame.setter
    def frame(self, value) -> None:
        self._frame, self._rows = value, None

    def channel_counts(self) -> dict[str, int]:
        return super().channel_counts() if self.channels is None or self._rows is None else self.channels


def alongside(workbook_path: Path, tables: list[Table], written: Future[None] | None = None) -> list[Table]:
    """The tables, with each file of a kind that has a file whose figures are worked out in the
    database (millions of order lines DuckDB read in) given as one whose figures are worked out
    there too, from its rows `keep` wrote there (`written`: being written) — rather than the
    other's rows read into memory to be added up with it: one more quarter's orders costs what
    its own rows do. Its rows in memory stay at hand for what is not done in SQL."""
    from . import duck
    from .compute import time_span

    figured = {table.kind for table in tables if duck.in_database(table)}
    joining = [index for index, table in enumerate(tables) if table.kind in figured and not duck.in_database(table)]
    if not joining:
        return tables
    import duckdb

    from . import catalogue as catalogues

    catalogue = catalogues.load()
    out = list(tables)
    try:
        if written is not None:
            written.result()
        con = connection(path_of(workbook_path))
        for index in joining:
            table = tables[index]
            name = _rows_table(table.sha256)
            columns = [c for (c,) in con.execute("SELECT column_name FROM duckdb_columns() WHERE table_name = ? "
                                                 "ORDER BY column_index", [name.strip('"')]).fetchall() if c != "_row"]
            if not columns:
                continue
            time_field = catalogue.kinds[table.kind].time
            days = duck.days_in(con, name, time_field) if time_field is not None and time_field in columns else []
            (length,) = con.execute(f"SELECT count(*) FROM {name}").fetchone() or (0,)
            there = copy.copy(table) if isinstance(table, StoredTable) else StoredTable(
                **{f.name: getattr(table, f.name) for f in dataclasses.fields(table)})
            frame = table.frame if not isinstance(table, StoredTable) else None
            if frame is not None:
                there._rows = lambda frame=frame: frame  # (already in memory: not read again)
            there.span, there.channels, there.days = time_span(table, catalogue), table.channel_counts(), days
            there.database, there.table = path_of(workbook_path), name
            there.length, there.row_columns = length, columns
            out[index] = there
    except (duckdb.Error, StoreError):
        return tables  # (their rows are added up in memory, as before)
    return out


def kinds_read_in(path: Path) -> frozenset[str]:
    """The kinds of file DuckDB read into the database `path` (none without one)."""
    import duckdb

    if not path.is_file():
        return frozenset()
    try:  # (not the connection kept over an import: a file read for the import screen's preview leaves none open)
        with _connect(path) as con:
            metas = con.execute("SELECT meta FROM files").fetchall()
    except (duckdb.Error, StoreError):
        return frozenset()
    return frozenset(meta["kind"] for meta in (json.loads(text) for (text,) in metas) if "row_columns" in meta)


def load(workbook_path: Path, wanted: dict[str, Path]) -> dict[str, Table]:
    """The tables kept for the files `wanted` (SHA-256 → the file's path as the workbook notes
    it, a sheet's as `book.xlsx#sheet`), those the database has, their rows unread; none without
    a database, or when it cannot be read (the files are read again instead)."""
    path = path_of(workbook_path)
    if not wanted or not path.is_file():
        return {}
    import duckdb

    try:
        with _connect(path) as con:
            known = dict(con.execute("SELECT sha256, meta FROM files").fetchall())
        return {sha256: _table(path, sha256, where, json.loads(known[sha256]))
                for sha256, where in wanted.items() if sha256 in known}
    except (duckdb.Error, StoreError, KeyError, ValueError):
        return {}


def _table(path: Path, sha256: str, where: Path, meta: dict) -> StoredTable:
    digest: Future[str] = Future()
    digest.set_result(meta["digest"])
    table = StoredTable(where, frame=None, digest=digest, **{name: meta[name] for name in _FIELDS})
    name = _rows_table(sha256, meta)
    table._rows = lambda: rows_of(path, name, where)
    if "span" in meta:
        table.span = meta["span"] and tuple(dt.date.fromisoformat(day) for day in meta["span"])
        table.channels = meta["channels"]
    if "row_columns" in meta:  # its figures are worked out in the database
        table.database, table.table = path, name
        table.length, table.row_columns = meta["length"], meta["row_columns"]
    return table


def daily_of(table: StoredTable) -> list | None:
    """The figures per day and channel (`duck.daily_groups`) of a table DuckDB read in, as kept
    when it was (None if they were not): a later import of its kind adds them up without a pass
    over its rows."""
    import duckdb

    if table.base or not table.table or table.database is None:
        return None  # (a table some of whose rows a later file has: its own figures)
    try:
        found = connection(table.database).execute("SELECT figures FROM daily WHERE rows_table = ?",
                                                   [table.table.strip('"')]).fetchone()
    except duckdb.Error:  # (a database kept before figures were)
        return None
    if found is None:
        return None
    return [((day and dt.date.fromisoformat(day), channel), first,
             {tuple(key) if isinstance(key, list) else key: value for key, value in figures})
            for day, channel, first, figures in json.loads(found[0])]


def _daily_json(daily: list) -> str:
    return json.dumps([[day and day.isoformat(), channel, first,
                        [[list(key) if isinstance(key, tuple) else key, value] for key, value in figures.items()]]
                       for (day, channel), first, figures in daily])


def rows_table(path: Path, name: str, where: Path, **known) -> StoredTable:
    """A table of this import whose rows DuckDB read into the database `path` (table `name`)."""
    table = StoredTable(where, frame=None, **known)
    table._rows = lambda: rows_of(path, f'"{name}"', where)
    table.database, table.table, table.new = path, f'"{name}"', True
    return table


def rows_of(path: Path, name: str, where: Path, condition: str = "true", only: list[str] | None = None):
    """A table's rows as a frame, in the file's order (those of `condition`, the columns `only`)."""
    import duckdb
    import pandas as pd
    import pyarrow as pa

    def types(arrow_type):
        return pd.StringDtype("pyarrow") if arrow_type in (pa.string(), pa.large_string()) else None

    try:
        with _connect(path) as con:
            columns = [c for (c,) in con.execute("SELECT column_name FROM duckdb_columns() WHERE table_name = ? "
                                                 "ORDER BY column_index", [name.strip('"')]).fetchall()]
            order = "_row" if "_row" in columns else "rowid"  # (rows DuckDB read in are in the file's order)
            shown = ", ".join(f'"{c}"' for c in columns if c not in ("_row", "_flag") and (only is None or c in only))
            rows = con.sql(f"SELECT {shown or 'NULL AS _none'} FROM {name} WHERE {condition} ORDER BY {order}").to_arrow_table()
        if not shown:
            rows = rows.drop_columns(["_none"])
    except (duckdb.Error, StoreError) as exc:
        from .reader import MetricsError

        raise MetricsError(where, f"its rows cannot be read from {path.name} ({exc}); delete {path.name} and "
                                  "import the files again") from None
    return rows.to_pandas(types_mapper=types, split_blocks=True, self_destruct=True)  # (not two copies at once)


def memo(workbook_path: Path) -> dict[str, list]:
    """The figures kept beside the rows (see the module's text); none when they cannot be read."""
    path = path_of(workbook_path)
    if not path.is_file():
        return {}
    import duckdb

    try:
        with _connect(path) as con:
            return {key: json.loads(value) for key, value in con.execute("SELECT key, value FROM memo").fetchall()}
    except (duckdb.Error, StoreError, ValueError):
        return {}


def remember(workbook_path: Path, figures: dict[str, list]) -> Future[None]:
    """Keep these figures, and only these (those of the files imported now), in the background."""
    return _WRITING.submit(_remember, path_of(workbook_path), dict(figures))


def _remember(path: Path, figures: dict[str, list]) -> None:
    import duckdb

    try:
        with _connect(path) as con:
            con.execute("BEGIN")
            con.execute("CREATE OR REPLACE TABLE memo (key VARCHAR PRIMARY KEY, value VARCHAR)")
            con.executemany("INSERT INTO memo VALUES (?, ?)", [(k, json.dumps(v)) for k, v in figures.items()])
            con.execute("COMMIT")
    except duckdb.Error as exc:
        raise StoreError(f"{path.name}: {exc}") from None


def keep(workbook_path: Path, tables: list[Table]) -> Future[None]:
    """Write the rows of the tables the database does not have yet, in the background."""
    from . import catalogue as catalogues
    from .compute import time_span

    catalogue = catalogues.load()
    rows: list[tuple[Table, Any, Any]] = [(table, table.frame, time_span(table, catalogue))  # as they are now
                                          for table in tables if not isinstance(table, StoredTable)]
    rows += [(table, None, table.span) for table in tables if isinstance(table, StoredTable) and table.new]
    return _WRITING.submit(_keep, path_of(workbook_path), rows)


def prune(workbook_path: Path, kept: set[str]) -> Future[None]:
    """Drop the rows of every file not in `kept` (SHA-256s: the workbook's imports), in the
    background, after the writes asked for before."""
    return _WRITING.submit(_prune, path_of(workbook_path), kept)


def _keep(path: Path, rows: list[tuple[Table, Any, Any]]) -> None:
    import duckdb

    if any(frame is not None for _, frame, _ in rows):
        import numpy as np
        import pyarrow as pa
    else:
        pa = None
    try:
        with _connect(path) as con:
            con.execute("SET preserve_insertion_order = false")  # (the rows keep their order in _row)
            con.execute("SET memory_limit = '160MB'")  # written as they come, beside the import's own memory
            con.execute("CREATE TABLE IF NOT EXISTS files (sha256 VARCHAR PRIMARY KEY, meta VARCHAR)")
            known = {sha for (sha,) in con.execute("SELECT sha256 FROM files").fetchall()}
            for table, frame, span in rows:
                sha256 = table.sha256
                if sha256 in known:
                    continue  # (a table DuckDB read in again is dropped by `prune`)
                meta = _meta(table) | {"span": span and [day.isoformat() for day in span],
                                       "channels": table.channel_counts()}
                con.execute("BEGIN")
                if frame is None and isinstance(table, StoredTable) and table.table:  # its rows are in the database already
                    meta |= {"table": table.table.strip('"'), "length": table.length, "row_columns": table.row_columns}
                    if table.daily:
                        con.execute("CREATE TABLE IF NOT EXISTS daily (rows_table VARCHAR PRIMARY KEY, figures VARCHAR)")
                        con.execute("INSERT OR REPLACE INTO daily VALUES (?, ?)", [meta["table"], _daily_json(table.daily)])
                else:
                    incoming = pa.Table.from_pandas(frame, preserve_index=False).append_column(  # noqa: F841 (read by the SQL)
                        "_row", pa.array(np.arange(len(frame), dtype="int64")))
                    con.execute(f"CREATE OR REPLACE TABLE {_rows_table(sha256)} AS SELECT * FROM incoming")
                con.execute("INSERT INTO files VALUES (?, ?)", [sha256, json.dumps(meta, ensure_ascii=False)])
                con.execute("COMMIT")
                known.add(sha256)
    except duckdb.Error as exc:
        raise StoreError(f"{path.name}: {exc}") from None
    except Exception as exc:
        if pa is not None and isinstance(exc, pa.ArrowException):
            raise StoreError(f"{path.name}: {exc}") from None
        raise


def _prune(path: Path, kept: set[str]) -> None:
    import duckdb

    if not path.is_file():
        return
    try:
        with _connect(path) as con:
            named = set()
            for sha256, meta in con.execute("SELECT sha256, meta FROM files").fetchall():
                table = _rows_table(sha256, json.loads(meta))
                if sha256 not in kept:
                    con.execute("BEGIN")
                    con.execute(f"DROP TABLE IF EXISTS {table}")
                    con.execute("DELETE FROM files WHERE sha256 = ?", [sha256])
                    con.execute("COMMIT")
                else:
                    named.add(table.strip('"'))
            for (table,) in con.execute("SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'rows_%'").fetchall():
                if table not in named:  # read in by an import that did not stand, or again
                    con.execute(f'DROP TABLE IF EXISTS "{table}"')
            if con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'daily'").fetchone() != (0,):
                con.execute("DELETE FROM daily WHERE NOT list_contains(?, rows_table)", [sorted(named)])
    except duckdb.Error as exc:
        raise StoreError(f"{path.name}: {exc}") from None


def _meta(table: Table) -> dict:
    return {"digest": table.digest.result(), **{name: getattr(table, name) for name in _FIELDS}}
