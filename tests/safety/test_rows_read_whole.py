"""A CSV's rows are read from the row below its header, or not at all: the parser skips the
lines above the header by count, and a skip that went too far would drop the first rows
without a word (a year's first month of item figures, once, in a loaded run). The rows read
are checked against the top of the file as the `csv` module splits it; a mismatch is read
again one block at a time, and refused if it persists."""

from __future__ import annotations

import pyarrow.csv as pcsv
import pytest

from retro_tui.metrics import catalogue as catalogues
from retro_tui.metrics.reader import MetricsError, RowsReadAgain, read

ROWS = [f"2025-01-{day:02},SKU-{day},{day * 100}.50,{day}" for day in range(1, 29)]


def export(tmp_path):
    path = tmp_path / "【生意参谋】商品_全部.csv"
    lines = ["【生意参谋平台】商品_全部", "统计时间：2025-01-01 ~ 2025-01-28", "", "统计日期,商品ID,支付金额,访客数", *ROWS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return path


def skipping_too_far(extra: int, threaded_only: bool):
    """pyarrow's options, with `extra` more lines skipped (when its reader runs threaded, or always)."""
    original = pcsv.ReadOptions

    def options(*args, skip_rows: int = 0, use_threads: bool = True, **kwargs):
        more = extra if use_threads or not threaded_only else 0
        return original(*args, skip_rows=skip_rows + more, use_threads=use_threads, **kwargs)

    return options


def test_rows_that_start_too_far_down_are_read_again_one_block_at_a_time(tmp_path, monkeypatch):
    monkeypatch.setattr(pcsv, "ReadOptions", skipping_too_far(3, threaded_only=True))
    with pytest.warns(RowsReadAgain, match="row 5; read again"):  # (a test run lists where it happens)
        table = read(export(tmp_path), catalogues.load())
    assert len(table.frame) == len(ROWS)
    assert table.frame["item_id"].iloc[0] == "SKU-1"


def test_rows_that_still_start_too_far_down_are_refused_not_kept_short(tmp_path, monkeypatch):
    monkeypatch.setattr(pcsv, "ReadOptions", skipping_too_far(3, threaded_only=False))
    with pytest.raises(MetricsError, match="row 5 on"), pytest.warns(RowsReadAgain):
        read(export(tmp_path), catalogues.load())


def test_a_file_read_as_it_is_gives_every_row(tmp_path):
    table = read(export(tmp_path), catalogues.load())
    assert len(table.frame) == len(ROWS) and list(table.frame["item_id"][:2]) == ["SKU-1", "SKU-2"]
