"""The database beside a workbook: every imported file's rows kept, so that a later import counts
them without the files; deleted or broken, it is rebuilt from the files, and it never decides a
figure the files would not give."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from helpers import cents
from helpers import run_ok as run
from platform_exports import (
    ADS,
    JD,
    PERIOD,
    TAOBAO,
    ad_totals,
    expected,
    jd_rows,
    taobao_order_report,
    wanxiangtai_rows,
    write_csv,
    write_xls,
)

from retro_tui.checklist import find
from retro_tui.metrics import store
from retro_tui.metrics.importer import read_files
from retro_tui.workbook import Workbook


@pytest.fixture
def review(tmp_path) -> Path:
    path = tmp_path / "review.toml"
    Workbook.new_file(path, find("annual-review"), period=PERIOD, language="zh")
    return path


def channel_sales(path: Path) -> tuple[int | None, int | None]:
    book = Workbook.load(path)
    return cents(book.target_row("goals", "channels", "tmall").actual), cents(book.target_row("goals", "channels", "jd").actual)


def kept_files(path: Path) -> set[str]:
    import duckdb

    with duckdb.connect(str(store.path_of(path)), read_only=True) as con:
        return {sha for (sha,) in con.execute("SELECT sha256 FROM files").fetchall()}


def test_a_file_s_rows_come_back_from_the_database_as_they_were_read(review, tmp_path):
    report = taobao_order_report(tmp_path / "ExportOrderList.csv", TAOBAO)
    run("import", review, report)
    assert store.path_of(review) == tmp_path / "review.duckdb"
    read = read_files(Workbook.load(review), [report])[0][0]
    kept = store.load(review, {read.sha256: report})[read.sha256]
    pd.testing.assert_frame_equal(kept.frame, read.frame.reset_index(drop=True))
    assert (kept.kind, kept.format, kept.channel, kept.left_out, kept.mapping, kept.sha256) == \
        (read.kind, read.format, read.channel, read.left_out, read.mapping, read.sha256)


def test_rows_written_while_the_database_is_opened_elsewhere_are_all_kept(review, tmp_path):
    """The rows are written in a thread of their own while the import opens the database again
    and again; a connection opened beside another once lost the rows it was handed (DuckDB's
    `python_arrow_scan` not found), now and then: this run fails about every other time without
    the connections opened one at a time."""
    from concurrent.futures import Future
    from dataclasses import replace

    read = read_files(Workbook.load(review), [taobao_order_report(tmp_path / "ExportOrderList.csv", TAOBAO)])[0][0]

    def digest(number: int) -> Future:
        done: Future = Future()
        done.set_result(f"{number:064x}")
        return done

    writes = [store.keep(review, [replace(read, digest=digest(n))]) for n in range(120)]
    opened = 0
    while not all(write.done() for write in writes) or not opened:
        store.memo(review)  # the database opened meanwhile, as an import opens it
        opened += 1
    for write in writes:
        write.result()  # (a write that failed raises StoreError here)
    assert len(kept_files(review)) == 120


def test_a_later_import_counts_the_earlier_files_without_them(review, tmp_path):
    report = taobao_order_report(tmp_path / "ExportOrderList.csv", TAOBAO)
    run("import", review, report)
    report.unlink()  # downloaded, imported, deleted
    output = run("import", review, write_xls(tmp_path / "京东订单.xls", jd_rows(JD)))
    assert "ExportOrderList.csv" in output and "既不在数据库里" not in output
    assert channel_sales(review) == (expected(TAOBAO).gmv, expected(JD).gmv)
    assert cents(Workbook.load(review).target_row("goals", "targets", "sales").actual) == expected(TAOBAO).gmv + expected(JD).gmv


def test_deleted_it_is_rebuilt_from_the_files_and_gives_the_same_figures(review, tmp_path):
    report = taobao_order_report(tmp_path / "ExportOrderList.csv", TAOBAO)
    jd = write_xls(tmp_path / "京东订单.xls", jd_rows(JD))
    run("import", review, report)
    run("import", review, jd)
    figures = channel_sales(review)
    store.path_of(review).unlink()
    run("import", review, jd)  # the same file again: nothing changes, and every file is kept again
    assert channel_sales(review) == figures
    assert kept_files(review) == {entry["sha256"] for entry in Workbook.load(review).imports()}


def test_a_file_taken_out_leaves_the_database_too(review, tmp_path):
    run("import", review, taobao_order_report(tmp_path / "ExportOrderList.csv", TAOBAO))
    jd = write_xls(tmp_path / "京东订单.xls", jd_rows(JD))
    run("import", review, jd)
    assert len(kept_files(review)) == 2
    run("import", review, "--forget", jd.name)
    assert kept_files(review) == {entry["sha256"] for entry in Workbook.load(review).imports()}
    assert len(kept_files(review)) == 1


def test_a_broken_database_is_said_and_the_import_stands(review, tmp_path):
    store.path_of(review).write_bytes(b"not a database" * 100)
    output = run("import", review, taobao_order_report(tmp_path / "ExportOrderList.csv", TAOBAO))
    assert "数据未能存入工作簿旁的数据库" in output and "review.duckdb" in output
    assert channel_sales(review)[0] == expected(TAOBAO).gmv
    output = run("import", review, write_xls(tmp_path / "京东订单.xls", jd_rows(JD)))  # the files are read again
    assert channel_sales(review) == (expected(TAOBAO).gmv, expected(JD).gmv)


def test_a_workbook_sent_without_its_database_or_files_keeps_what_they_filled(review, tmp_path):
    report = taobao_order_report(tmp_path / "ExportOrderList.csv", TAOBAO)
    run("import", review, report)
    store.path_of(review).unlink()
    report.unlink()
    output = run("import", review, write_xls(tmp_path / "京东订单.xls", jd_rows(JD)))
    assert "既不在数据库里" in output and "ExportOrderList.csv" in output
    assert channel_sales(review) == (expected(TAOBAO).gmv, expected(JD).gmv)


def answers(path: Path) -> dict:
    """The workbook's figures, without the record of when files were imported."""
    book = Workbook.load(path)
    return {"answers": book.doc["answers"].unwrap(), "imports": [(e["file"], e["rows_used"]) for e in book.imports()]}


def test_a_file_of_another_kind_takes_the_earlier_figures_from_the_database_without_reading_their_rows(
        review, tmp_path, monkeypatch):
    run("import", review, taobao_order_report(tmp_path / "ExportOrderList.csv", TAOBAO))
    ads = write_csv(tmp_path / "计划报表.csv", wanxiangtai_rows(ADS["天猫"]), "gb18030")
    without = tmp_path / "without" / "review.toml"  # the same, worked out from the files alone
    without.parent.mkdir()
    without.write_text(review.read_text(encoding="utf-8"), encoding="utf-8")
    (without.parent / "ExportOrderList.csv").write_bytes((tmp_path / "ExportOrderList.csv").read_bytes())
    read = []
    rows_of = store.rows_of
    monkeypatch.setattr(store, "rows_of", lambda *args: read.append(args) or rows_of(*args))
    run("import", review, ads)
    assert read == []  # the orders' sums and counts were kept, not worked out again
    assert cents(Workbook.load(review).target_row("goals", "channels", "tmall").actual) == expected(TAOBAO).gmv
    run("import", without, ads)
    assert answers(review) == answers(without)
    assert cents(Workbook.load(review).target_row("input-output", "channel-returns", "tmall-spend").actual) == ad_totals(ADS["天猫"]).spend


def test_orders_of_another_platform_count_the_earlier_rows_again(review, tmp_path, monkeypatch):
    run("import", review, taobao_order_report(tmp_path / "ExportOrderList.csv", TAOBAO))
    read = []
    rows_of = store.rows_of
    monkeypatch.setattr(store, "rows_of", lambda *args: read.append(args) or rows_of(*args))
    run("import", review, write_xls(tmp_path / "京东订单.xls", jd_rows(JD)))
    assert len(read) == 1  # the shop's buyers are counted over both platforms' rows
    assert cents(Workbook.load(review).target_row("goals", "targets", "sales").actual) == expected(TAOBAO).gmv + expected(JD).gmv
