"""Large CSV exports read by DuckDB into the database beside the workbook (metrics/duck.py):
every file gives what the pandas way gives — the same values filled, the same files noted, the
same rows left out for the same reasons, the same rows kept — whichever way it was read."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pandas as pd
import pytest
from helpers import ROOT

from retro_tui.checklist import find
from retro_tui.metrics import duck, reader, store
from retro_tui.metrics.importer import describe_outcome, import_files, stored
from retro_tui.metrics.reader import MetricsError
from retro_tui.workbook import Workbook

PERIOD = ("2025-01-01", "2025-12-31")
SHOP_FILES = ["orders.csv", "buyers_before.csv", "products.csv", "ad_spend_daily.csv", "sycm_shop_daily.csv",
              "sycm_item_daily.csv", "targets_annual.csv", "targets_monthly.csv", "targets_campaign.csv", "costs.csv"]


def year_of_exports(tmp_path_factory, id_style: str) -> Path:
    """A year of a shop's exports in UTF-8, ids written plain, or row by row each way exports
    write them (`="…"`, after a tab, after a quote, plain)."""
    out = tmp_path_factory.mktemp(f"shop-{id_style}")
    subprocess.run([sys.executable, str(ROOT / "bench" / "make_shop_data.py"), "--rows", "2500", "--encoding",
                    "utf-8-sig", "--out", str(out), "--id-style", id_style, "--newlines-in-notes", "--quiet"],
                   check=True)
    return out


_READ_IN_DATABASE = reader.read_in_database


class Spy:
    """Which files DuckDB read in (and which it left to pandas)."""

    def __init__(self, monkeypatch, min_bytes: int) -> None:
        self.read, self.left = [], []
        monkeypatch.setattr(duck, "MIN_BYTES", min_bytes)
        original = _READ_IN_DATABASE

        def spied(database, path, *args, **kwargs):
            table = original(database, path, *args, **kwargs)
            (self.left if table is None else self.read).append(path.name)
            return table

        monkeypatch.setattr(reader, "read_in_database", spied)


def run_imports(folder: Path, batches: list[list[Path]], min_bytes: int, monkeypatch) -> dict:
    """Import the batches of files one after the other into a new annual review in `folder`;
    what the workbook holds after (its answers, its notes of the files) and what was said."""
    folder.mkdir(parents=True)
    path = folder / "review.toml"
    Workbook.new_file(path, find("annual-review"), period=tuple(map(pd.Timestamp.date, map(pd.Timestamp, PERIOD))),
                      language="en")
    spy = Spy(monkeypatch, min_bytes)
    said = []
    for files in batches:
        book = Workbook.load(path, for_editing=True)
        try:
            outcome = import_files(book, files)
        except MetricsError as exc:
            said.append(["error", exc.message])
            continue
        book.save()
        assert stored(outcome.report) is None
        said.append(describe_outcome(outcome, "en"))
    saved = tomllib.loads(path.read_text())
    imports = [{k: v for k, v in entry.items() if k not in ("imported", "path")} for entry in saved.get("imports", [])]
    rows = {}
    for entry in saved.get("imports", []):
        kept = store.load(path, {entry["sha256"]: folder / entry["file"]})
        if entry["sha256"] in kept:
            rows[entry["file"]] = kept[entry["sha256"]].frame
    return {"answers": saved.get("answers"), "imports": imports, "said": said, "rows": rows, "spy": spy}


def assert_same(duckdb_way: dict, pandas_way: dict) -> None:
    if duckdb_way["said"] != pandas_way["said"]:  # every line, to see where they part
        import difflib

        lines = [difflib.unified_diff(pandas, duck, "pandas", "duckdb", lineterm="")
                 for pandas, duck in zip(pandas_way["said"], duckdb_way["said"])]
        counts = f"{len(pandas_way['said'])} imports the pandas way, {len(duckdb_way['said'])} the DuckDB way\n"
        pytest.fail("the imports said different things: " + counts + "\n".join(line for diff in lines for line in diff))
    assert duckdb_way["answers"] == pandas_way["answers"]
    assert duckdb_way["imports"] == pandas_way["imports"]
    assert duckdb_way["rows"].keys() == pandas_way["rows"].keys()
    for name, frame in pandas_way["rows"].items():
        theirs = duckdb_way["rows"][name]
        assert list(theirs.columns) == list(frame.columns), name
        for column in frame.columns:  # (a time's unit may differ: s or µs)
            mine = frame[column].astype("datetime64[ns]") if frame[column].dtype.kind == "M" else frame[column]
            other = theirs[column].astype("datetime64[ns]") if theirs[column].dtype.kind == "M" else theirs[column]
            pd.testing.assert_series_equal(other, mine, check_dtype=False, check_index_type=False, obj=f"{name}.{column}")


def both_ways(tmp_path, batches, monkeypatch) -> tuple[dict, dict]:
    duckdb_way = run_imports(tmp_path / "duckdb", batches, 0, monkeypatch)
    pandas_way = run_imports(tmp_path / "pandas", batches, 1 << 62, monkeypatch)
    assert not pandas_way["spy"].read
    return duckdb_way, pandas_way


def test_a_shop_s_year_of_exports_gives_the_same_either_way(tmp_path_factory, tmp_path, monkeypatch):
    """Ids written every way exports write them, row by row (the orders after the other files:
    ids written plain, below)."""
    shop_data = year_of_exports(tmp_path_factory, "mixed")
    duckdb_way, pandas_way = both_ways(tmp_path, [[shop_data / "orders.csv"], [shop_data / f for f in SHOP_FILES[1:]]],
                                       monkeypatch)
    assert "orders.csv" in duckdb_way["spy"].read
    assert_same(duckdb_way, pandas_way)
    assert duckdb_way["answers"]["goals"]["targets"]["sales"]["actual"] > 0


def test_the_orders_after_the_other_files_give_the_same_either_way(tmp_path_factory, tmp_path, monkeypatch):
    """The orders read in by DuckDB are counted in SQL with files read the pandas way before them."""
    shop_data = year_of_exports(tmp_path_factory, "plain")
    duckdb_way, pandas_way = both_ways(tmp_path, [[shop_data / f for f in SHOP_FILES[1:]], [shop_data / "orders.csv"],
                                                  [shop_data / "targets_annual.csv"]], monkeypatch)
    assert "orders.csv" in duckdb_way["spy"].read
    assert_same(duckdb_way, pandas_way)


HEADER = "订单编号,子订单编号,平台,买家ID,订单付款时间,商家编码,购买数量,买家实付金额,买家应付邮费,退款金额,商家备注"
ROWS = [
    "1001,1001-1,天猫,tb_a,2025-01-03 10:00:00,SKU-1,1,100.50,0,0,",
    "1002,1002-1,Tmall,tb_b,2025/1/4 9:05,SKU-2,2,\"¥1,234.50\",￥10,-,\"note, with comma\"",
    "1003,1003-1, 京东 ,jd_c,2025-02-01,SKU-1,1,1.2万,0,-,",
    '="1004",="1004-1",京东,jd_d,20250301,SKU-3,１,12.5%,0,5,"line\nbreak"',
    "\t1005,'1005-1,天貓,'tb_e ,2025-03-02T08:30:00.5,SKU-2,3,  88 ,N/A,0.00,",
    "1006,1006-1,抖音,dy_f,,SKU-1,1,66,0,0,",
    "",
    "1007,1007-1,唯品会,vip_g,2025-12-31 23:59:59,SKU-4,2,约200元,0,200,",
    "合计,,,,,,10,9999,,,",
    "1008,1008-1,拼多多,NA,2025-06-18 20:00:00,SKU-5,1,3亿,0,0,",
    "1009,1009-1,pdd,pdd_h,2025-06-18 20:00:00,SKU-5,1,0.5W,0,0,",
    "1001,1001-1,天猫,tb_a,2025-01-03 10:00:00,SKU-1,1,100.50,0,0,",
    "1010,,拼多多, ,2024-12-31 23:59:59,SKU-5,1,１,０,0,",
    "1011,1011-1,天猫,tb_i,2025-04-01 10:00:00,SKU-1,1,1.2k,0,0,",
    "1012,1012-1,天猫,tb_j,2025-04-02 10:00:00,SKU-2,1,>=80,0,≤5,",
]


def write(path: Path, rows: list[str], header: str = HEADER, bom: bool = True) -> Path:
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + ("\n".join([header, *rows]) + "\n").encode())
    return path


def test_messy_cells_are_cleaned_in_sql_as_pandas_cleans_them(tmp_path, monkeypatch):
    files = tmp_path / "files"
    files.mkdir()
    orders = write(files / "orders.csv", ROWS)
    duckdb_way, pandas_way = both_ways(tmp_path, [[orders]], monkeypatch)
    assert duckdb_way["spy"].read == ["orders.csv"]
    assert_same(duckdb_way, pandas_way)
    said = "\n".join(duckdb_way["said"][0])
    assert "left out 1 total row(s)" in said  # the 合计 line


@pytest.mark.parametrize("cell, column", [
    ("1_000", 7), ("+-1", 7), ("inf", 7), ("1e20", 7), ("NAN", 7), ("1e3", 7), ("－", 9), ("≈200", 7), ("=100", 7),  # numbers
    ("2025-06-18T20:00:00+08:00", 4), ("45826", 4), ("2025-02-30 10:00:00", 4), ("18/06/2025", 4),  # times
    ("4.32393E+18", 0), ("10\x0b11", 0), ("tb\x1bx", 3), ('"a\rb"', 3),  # ids pandas reports
])
def test_a_cell_sql_does_not_read_as_pandas_does_leaves_the_file_to_pandas(tmp_path, monkeypatch, cell, column):
    files = tmp_path / "files"
    files.mkdir()
    cells = ROWS[0].split(",")
    cells[column] = cell
    orders = write(files / "orders.csv", [*ROWS[:1], ",".join(cells), *ROWS[1:3]])
    duckdb_way, pandas_way = both_ways(tmp_path, [[orders]], monkeypatch)
    assert duckdb_way["spy"].left == ["orders.csv"] and not duckdb_way["spy"].read
    assert_same(duckdb_way, pandas_way)


def test_lines_duckdb_cannot_split_are_left_to_pandas_and_its_message(tmp_path, monkeypatch):
    files = tmp_path / "files"
    files.mkdir()
    ragged = write(files / "ragged.csv", [*ROWS[:2], "1011,1011-1,天猫"])
    many = [f"{3000 + i},{3000 + i}-1,天猫,tb,2025-01-01 00:00:00,S,1,1,0,0,备注" for i in range(6000)]  # past the top read
    mixed = files / "mixed.csv"  # a channel in GBK in a UTF-8 file
    mixed.write_bytes(write(files / "x.csv", many).read_bytes() + b"1012,1012-1," + "天猫".encode("gbk")
                      + b",tb,2025-01-01 00:00:00,S,1,1,0,0,\n")
    for path in (ragged, mixed):
        duckdb_way, pandas_way = both_ways(tmp_path / path.stem, [[path]], monkeypatch)
        assert duckdb_way["spy"].left == [path.name] and not duckdb_way["spy"].read
        assert duckdb_way["said"][0][0] == "error"
        assert_same(duckdb_way, pandas_way)
    remark = files / "remark.csv"  # a remark in GBK: neither way reads that column
    remark.write_bytes(write(files / "y.csv", many).read_bytes() + "1012,1012-1,天猫,tb,2025-01-01 00:00:00,S,1,1,0,0,"
                       .encode() + "备注".encode("gbk") + b"\n")
    assert_same(*both_ways(tmp_path / "remark", [[remark]], monkeypatch))


def test_the_numbers_and_times_duckdb_parses_are_those_pandas_reads(tmp_path, monkeypatch):
    """The fast way — DuckDB's parser reading the numbers and times — is taken for plain cells
    and gives, bit for bit, what pandas gives; a cell it cannot parse makes it read every cell as
    text, which gives the same too."""
    import random

    rng = random.Random(7)
    rows = [f"{2000 + i},{2000 + i}-1,天猫,tb_{i % 97},2025-{1 + i % 12:02d}-{1 + i % 28:02d} {i % 24:02d}:{i % 60:02d}:{(i * 7) % 60:02d},"
            f"S{i % 13},{1 + i % 4},{rng.uniform(0, 5000):.{rng.choice([0, 1, 2, 3, 6])}f},{rng.choice(['0', '6.5', '12'])},"
            f"{rng.choice(['0', '0.00', f'{rng.uniform(0, 99):.2f}'])},"
            for i in range(3000)]
    files = tmp_path / "files"
    files.mkdir()
    plain = write(files / "plain.csv", rows)
    duckdb_way, pandas_way = both_ways(tmp_path / "plain", [[plain]], monkeypatch)
    assert duckdb_way["spy"].read == ["plain.csv"]
    assert_same(duckdb_way, pandas_way)
    messy = write(files / "messy.csv", rows[:-1] + [rows[-1].replace(",S", ",S").rsplit(",", 4)[0] + ",¥5.00,0,0,"])
    duckdb_way, pandas_way = both_ways(tmp_path / "messy", [[messy]], monkeypatch)
    assert duckdb_way["spy"].read == ["messy.csv"]
    assert_same(duckdb_way, pandas_way)


def test_the_duckdb_way_imports_neither_pandas_nor_pyarrow(tmp_path):
    files = tmp_path / "files"
    files.mkdir()
    orders = write(files / "orders.csv", ROWS)
    book = tmp_path / "review.toml"
    Workbook.new_file(book, find("annual-review"), period=(pd.Timestamp(PERIOD[0]).date(), pd.Timestamp(PERIOD[1]).date()),
                      language="en")
    code = f"""
import sys
from pathlib import Path
from retro_tui.metrics import duck
duck.MIN_BYTES = 0
from retro_tui.metrics.importer import import_files, stored
from retro_tui.workbook import Workbook
book = Workbook.load(Path({str(book)!r}), for_editing=True)
outcome = import_files(book, [Path({str(orders)!r})])
book.save()
assert stored(outcome.report) is None
print(sorted(m for m in ("pandas", "pyarrow", "numpy", "textual") if m in sys.modules))
"""
    found = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert found.stdout.strip() == "[]"


def test_a_file_read_in_again_leaves_no_second_table_behind(tmp_path, monkeypatch):
    import duckdb

    files = tmp_path / "files"
    files.mkdir()
    orders = write(files / "orders.csv", ROWS)
    run_imports(tmp_path / "book", [[orders], [orders]], 0, monkeypatch)
    with duckdb.connect(str(tmp_path / "book" / "review.duckdb"), read_only=True) as con:
        tables = [name for (name,) in con.execute("SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'rows_%'").fetchall()]
    assert len(tables) == 1


def test_sql_text_writes_any_text_as_a_literal():
    import duckdb

    con = duckdb.connect()
    for text in ["", "a'b", "合计 ", "\x00\x1b\u3000\u200b", duck.WHITESPACE]:
        assert con.execute(f"SELECT {duck.sql_text(text)}").fetchone()[0] == text


def test_rows_keep_the_file_s_order_across_duckdb_s_parallel_reads(tmp_path, monkeypatch):
    """DuckDB reads a large file in blocks, several at once: the rows are kept in the file's
    order all the same (later imports match them row for row, total lines are numbered)."""
    rows = [f'="{7_000_000 + i}",{i}-1,{"天猫" if i % 3 else "Tmall"},tb_{i % 997},2025-{1 + i % 12:02d}-{1 + i % 28:02d} 10:00:00,'
            f"S{i % 50},1,{i % 1000}.{i % 100:02d},0,0,{'备注' * (40 + i % 7)}" for i in range(70_000)]
    rows[52_345] = "合计,,,,,,,1,,,"
    files = tmp_path / "files"
    files.mkdir()
    orders = write(files / "orders.csv", rows)
    assert orders.stat().st_size > 16 * (1 << 20)  # (several of DuckDB's blocks)
    duckdb_way, pandas_way = both_ways(tmp_path, [[orders]], monkeypatch)
    assert duckdb_way["spy"].read == ["orders.csv"]
    assert_same(duckdb_way, pandas_way)
    kept = duckdb_way["rows"]["orders.csv"]
    assert kept["order_id"].tolist() == [str(7_000_000 + i) for i in range(70_000) if i != 52_345]
    assert "left out 1 total row(s) (row 52347)" in "\n".join(duckdb_way["said"][0])


def quarter(first: int, month: int, count: int) -> list[str]:
    """Order lines of one quarter's export, plain cells (order ids from `first` on)."""
    return [f"{first + i},{first + i}-1,{('天猫', '京东', '拼多多')[i % 3]},buyer_{i % 97},2025-{month + i % 3:02d}-"
            f"{1 + i % 28:02d} 10:00:00,SKU-{i % 5},1,{50 + i % 300}.25,0,{(i % 7 == 0) * 20},"
            for i in range(count)]


def write_gbk(path: Path, rows: list[str]) -> Path:
    path.write_bytes(("\n".join([HEADER, *rows]) + "\n").encode("gbk"))
    return path


def test_a_quarter_s_orders_after_orders_in_the_database_give_the_same_either_way(tmp_path, monkeypatch):
    """Taobao exports a few months at a time: one quarter read in by DuckDB, the next read the
    pandas way (GBK), then a re-export that repeats some of the first quarter's lines with newer
    refunds — the figures, notes and messages are those of the pandas way throughout (the rows
    the re-export takes the place of are told in SQL)."""
    files = tmp_path / "files"
    files.mkdir()
    first, second, third = quarter(10_000, 1, 600), quarter(20_000, 4, 400), quarter(30_000, 7, 50)
    first.append(first[5])  # a line written twice: the re-export's one line takes the place of its first
    q1 = write(files / "orders_q1.csv", first)
    q2 = write_gbk(files / "orders_q2.csv", second)
    again = [",".join(cells[:9] + ["30"] + cells[10:]) for cells in (line.split(",") for line in first[:30])]
    q1_again = write_gbk(files / "orders_q1_again.csv", again + third)
    duckdb_way, pandas_way = both_ways(tmp_path, [[q1], [q2], [q1_again]], monkeypatch)
    assert duckdb_way["spy"].read == ["orders_q1.csv"] and duckdb_way["spy"].left == ["orders_q2.csv", "orders_q1_again.csv"]
    assert_same(duckdb_way, pandas_way)
    paid = sum(float(line.split(",")[7]) for line in first + second + third)  # the 30 lines again counted once
    assert duckdb_way["answers"]["goals"]["targets"]["sales"]["actual"] == pytest.approx(paid, abs=0.005)


def test_a_later_quarter_leaves_the_rows_in_the_database_where_they_are(tmp_path, monkeypatch):
    """Orders of other days than those DuckDB read in are added up with them in SQL: not one of
    the earlier rows is read into memory (millions of them would take seconds and gigabytes)."""
    files = tmp_path / "files"
    files.mkdir()
    q1 = write(files / "orders_q1.csv", quarter(10_000, 1, 600))
    q2 = write_gbk(files / "orders_q2.csv", quarter(20_000, 4, 400))
    path = tmp_path / "review.toml"
    Workbook.new_file(path, find("annual-review"), period=tuple(map(pd.Timestamp.date, map(pd.Timestamp, PERIOD))),
                      language="en")
    Spy(monkeypatch, 0)
    read_back, original = [], store.rows_of
    passes, daily_groups = [], duck.daily_groups

    def reading(*args, **kwargs):
        read_back.append(args[1])
        return original(*args, **kwargs)

    def passing(con, table, *args, **kwargs):
        passes.append(table)
        return daily_groups(con, table, *args, **kwargs)

    monkeypatch.setattr(store, "rows_of", reading)
    monkeypatch.setattr(duck, "daily_groups", passing)
    for files_now in ([q1], [q2]):
        book = Workbook.load(path, for_editing=True)
        outcome = import_files(book, files_now)
        book.save()
        assert stored(outcome.report) is None
        assert read_back == []
    assert passes.count(passes[0]) == 1  # the first file's figures per day, worked out as DuckDB read it in, are
    # kept in its notes: not worked out again by the next import
    monkeypatch.setattr(store, "rows_of", original)
    pandas_way = run_imports(tmp_path / "pandas", [[q1], [q2]], 1 << 62, monkeypatch)
    assert tomllib.loads(path.read_text())["answers"] == pandas_way["answers"]


def test_a_small_file_of_a_kind_read_in_before_is_read_in_too(tmp_path, monkeypatch):
    """A file of any size joins the files of its kind DuckDB read in (and is counted with them in
    SQL, pandas not even imported), giving what the pandas way gives."""
    files = tmp_path / "files"
    files.mkdir()
    big = write(files / "orders_q1.csv", quarter(10_000, 1, 600))
    small = write(files / "orders_q3.csv", quarter(30_000, 7, 20))
    assert small.stat().st_size < 10_000 < big.stat().st_size
    duckdb_way = run_imports(tmp_path / "duckdb", [[big], [small]], 10_000, monkeypatch)
    pandas_way = run_imports(tmp_path / "pandas", [[big], [small]], 1 << 62, monkeypatch)
    assert duckdb_way["spy"].read == ["orders_q1.csv", "orders_q3.csv"] and not pandas_way["spy"].read
    assert_same(duckdb_way, pandas_way)
