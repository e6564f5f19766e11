"""The rows of every file imported into a workbook, kept beside it in an embedded analytical
database (`review.duckdb` beside `review.toml`), so that a later import counts them without
the files and without parsing them again.

What is in it: per imported file (by its SHA-256, as the workbook's `[[imports]]` note it), the
rows as read — the canonical columns, values cleaned — and how the file was read (its kind,
format, channel, columns, the rows it left out). Nothing else: the answers and the record of
imports are the workbook's. The database is a cache of the files: deleted, it is rebuilt by the
next import from the files where they are (those that are gone keep the values they filled);
a workbook sent without it opens and exports as it is.

Writes run in one background thread, beside the computing (DuckDB works without the GIL); a
file's rows are written once, whatever the imports after it."""

from __future__ import annotations

import json
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from .reader import Table

if TYPE_CHECKING:
    import duckdb

SUFFIX = ".duckdb"
_WRITING = ThreadPoolExecutor(max_workers=1, thread_name_prefix="store")
_FIELDS = ("kind", "encoding", "header_row", "mapping", "unknown", "columns", "derived", "dropped_rows", "format",
           "channel", "gives_refunds", "left_out")
"""What a Table says of how its file was read, kept beside its rows."""


class StoreError(Exception):
    """The database beside a workbook cannot be read or written."""


def path_of(workbook_path: Path) -> Path:
    return workbook_path.with_suffix(SUFFIX)


def _connect(path: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    import duckdb

    try:
        return duckdb.connect(str(path), read_only=read_only,  # never a download when SQL names an extension
                              config={"autoinstall_known_extensions": False, "autoload_known_extensions": False})
    except duckdb.Error as exc:
        raise StoreError(f"{path.name}: {exc}") from None


def _rows_table(sha256: str) -> str:
    return f'"rows_{sha256}"'


def load(workbook_path: Path, wanted: dict[str, Path]) -> dict[str, Table]:
    """The tables kept for the files `wanted` (SHA-256 → the file's path as the workbook notes
    it, a sheet's as `book.xlsx#sheet`), those the database has; none without a database, or
    when it cannot be read (the files are read again instead)."""
    path = path_of(workbook_path)
    if not wanted or not path.is_file():
        return {}
    import duckdb

    found: dict[str, Table] = {}
    try:
        with _connect(path, read_only=True) as con:
            known = dict(con.execute("SELECT sha256, meta FROM files").fetchall())
            for sha256, where in wanted.items():
                if sha256 in known:
                    rows = con.sql(f"SELECT * EXCLUDE (_row) FROM {_rows_table(sha256)} ORDER BY _row")
                    found[sha256] = _table(where, json.loads(known[sha256]), rows.to_arrow_table())
    except (duckdb.Error, StoreError, KeyError, ValueError):
        return {}
    return found


def _table(where: Path, meta: dict, rows) -> Table:
    import pandas as pd
    import pyarrow as pa

    def types(arrow_type):
        return pd.StringDtype("pyarrow") if arrow_type in (pa.string(), pa.large_string()) else None

    digest: Future[str] = Future()
    digest.set_result(meta["digest"])
    frame = rows.to_pandas(types_mapper=types, split_blocks=True, self_destruct=True)  # (not two copies at once)
    return Table(where, frame=frame, digest=digest, **{name: meta[name] for name in _FIELDS})


def keep(workbook_path: Path, tables: list[Table]) -> Future[None]:
    """Write the rows of the tables the database does not have yet, in the background."""
    rows = [(table, table.frame) for table in tables]  # as they are now: a later change is not theirs
    return _WRITING.submit(_keep, path_of(workbook_path), rows)


def prune(workbook_path: Path, kept: set[str]) -> Future[None]:
    """Drop the rows of every file not in `kept` (SHA-256s: the workbook's imports), in the
    background, after the writes asked for before."""
    return _WRITING.submit(_prune, path_of(workbook_path), kept)


def _keep(path: Path, rows: list[tuple[Table, object]]) -> None:
    import duckdb
    import numpy as np
    import pyarrow as pa

    try:
        with _connect(path) as con:
            con.execute("SET preserve_insertion_order = false")  # (the rows keep their order in _row)
            con.execute("SET memory_limit = '160MB'")  # written as they come, beside the import's own memory
            con.execute("CREATE TABLE IF NOT EXISTS files (sha256 VARCHAR PRIMARY KEY, meta VARCHAR)")
            known = {sha for (sha,) in con.execute("SELECT sha256 FROM files").fetchall()}
            for table, frame in rows:
                sha256 = table.sha256
                if sha256 in known:
                    continue
                incoming = pa.Table.from_pandas(frame, preserve_index=False).append_column(  # noqa: F841 (read by the SQL)
                    "_row", pa.array(np.arange(len(frame), dtype="int64")))
                con.execute("BEGIN")
                con.execute(f"CREATE OR REPLACE TABLE {_rows_table(sha256)} AS SELECT * FROM incoming")
                con.execute("INSERT INTO files VALUES (?, ?)", [sha256, json.dumps(_meta(table), ensure_ascii=False)])
                con.execute("COMMIT")
                known.add(sha256)
    except (duckdb.Error, pa.ArrowException) as exc:
        raise StoreError(f"{path.name}: {exc}") from None


def _prune(path: Path, kept: set[str]) -> None:
    import duckdb

    if not path.is_file():
        return
    try:
        with _connect(path) as con:
            for (sha256,) in con.execute("SELECT sha256 FROM files").fetchall():
                if sha256 not in kept:
                    con.execute("BEGIN")
                    con.execute(f"DROP TABLE IF EXISTS {_rows_table(sha256)}")
                    con.execute("DELETE FROM files WHERE sha256 = ?", [sha256])
                    con.execute("COMMIT")
    except duckdb.Error as exc:
        raise StoreError(f"{path.name}: {exc}") from None


def _meta(table: Table) -> dict:
    return {"digest": table.digest.result(), **{name: getattr(table, name) for name in _FIELDS}}
