"""The metrics import against the sample shop data's answer key (to the cent)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from helpers import DATA, KEY, cents, new_review, open_import, run, submit, target_actual, utf8

from retro_tui.checklist import find
from retro_tui.metrics import catalogue as catalogues
from retro_tui.metrics.compute import compute
from retro_tui.metrics.reader import MetricsError, parse_numbers, read
from retro_tui.workbook import Workbook

YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
FILES = ("orders.csv", "costs.csv", "buyers_before.csv", "targets_annual.csv")






@pytest.mark.parametrize(
    "files",
    [
        [utf8(name) for name in FILES],
        [DATA / "gbk" / name for name in FILES],
        [DATA / "utf8" / "orders.xlsx", DATA / "utf8" / "costs.xlsx", utf8("buyers_before.csv")],
    ],
    ids=["utf8", "gbk", "xlsx"],
)
def test_totals_equal_the_answer_key_to_the_cent(files):
    catalogue = catalogues.load()
    result = compute([read(path, catalogue) for path in files], catalogue, YEAR)
    values, totals = result.values, KEY["totals"]
    assert cents(values["gmv"]) == totals["gmv_cents"]
    assert cents(values["refunds"]) == totals["refund_cents"]
    assert cents(values["net-sales"]) == totals["net_cents"]
    assert values["paid-orders"] == totals["paid_orders"]
    assert values["buyers"] == totals["buyers_paid"]
    assert (values["returning-customers"], values["new-customers"]) == (totals["buyers_old"], totals["buyers_new"])
    assert cents(values["cost-promotion"]) == totals["promo_cents"]
    assert cents(values["total-cost"]) == totals["total_cost_cents"]
    assert cents(values["operating-profit"]) == totals["operating_profit_cents"]
    for metric, line in [("cost-wages", "人力工资"), ("cost-product", "商品成本"), ("cost-after-sales", "售后费用")]:
        assert cents(values[metric]) == KEY["costs"]["year"][line]
    assert values["promo-roi"] == pytest.approx(totals["roi_gmv"], abs=1e-4)
    assert values["gross-margin"] == pytest.approx(totals["gross_margin"] * 100, abs=1e-3)


def test_a_month_is_a_period_too_and_no_data_is_empty_not_zero():
    catalogue = catalogues.load()
    tables = [read(utf8(name), catalogue) for name in ("orders.csv", "costs.csv")]
    january = compute(tables, catalogue, (dt.date(2025, 1, 1), dt.date(2025, 1, 31))).values
    assert cents(january["gmv"]) == KEY["by_month"]["2025-01"]["gmv_cents"]
    assert cents(january["total-cost"]) == KEY["costs"]["by_month"]["2025-01"]["合计"]
    nothing = compute(tables, catalogue, (dt.date(2030, 1, 1), dt.date(2030, 12, 31))).values
    assert nothing["gmv"] is None and nothing["promo-roi"] is None and nothing["returning-customers"] is None


def test_long_ids_stay_text_and_the_total_row_is_left_out():
    catalogue = catalogues.load()
    orders = read(DATA / "gbk" / "orders.csv", catalogue)
    assert orders.frame["order_id"].iloc[0] == "4323933275556446255"
    costs = read(utf8("costs.csv"), catalogue)
    assert costs.dropped_rows == [74] and costs.encoding == "utf-8-sig"
    assert read(DATA / "gbk" / "costs.csv", catalogue).encoding == "gb18030"


def test_numbers_as_shop_back_ends_write_them():
    import pandas as pd

    numbers, bad, huge = parse_numbers(pd.Series(["¥1,234.50", "￥36,059.25", "12.5%", "1.2万", "3.4亿", "-", "", "--", "１２", "≤10%", "abc"]))
    assert numbers.iloc[:5].tolist() == [1234.5, 36059.25, 12.5, 12000.0, 340_000_000.0]
    assert numbers.iloc[5:8].isna().all() and numbers.iloc[8] == 12 and numbers.iloc[9] == 10
    assert bad.tolist() == [False] * 10 + [True] and not huge.any()


@pytest.mark.parametrize("dtype", ["string", "float64"])  # as text, and as a column pyarrow read as numbers
def test_a_number_too_large_for_any_shop_is_its_own_problem_and_infinity_is_unreadable(dtype):
    import pandas as pd

    cells = ["12.5", "-3", "9999999999999.99", "1e20", "-1e13", "inf", "nan"] + (["100000亿", "¥2,000,000亿"] if dtype == "string" else [])
    numbers, bad, huge = parse_numbers(pd.Series(cells, dtype="string").astype(dtype))
    assert numbers.iloc[:3].tolist() == [12.5, -3, 9999999999999.99] and numbers.iloc[3:].isna().all()
    assert huge.tolist() == [False] * 3 + [True, True, False, False] + [True] * (len(cells) - 7)
    assert bad.tolist() == [False] * 5 + [True, False] + [False] * (len(cells) - 7)  # ("nan": an empty cell)


def test_an_amount_of_1e20_stops_the_import_with_its_row_and_column(tmp_path):
    orders = broken(tmp_path, "orders.csv", "订单编号,订单付款时间,买家实付金额\n1,2025-01-02 10:00:00,12.5\n"
                                            "2,2025-01-03 10:00:00,1e20\n3,2025-01-04 10:00:00,3\n")
    table = read(orders, catalogues.load())
    assert [problem.describe() for problem in table.problems] == [
        "买家实付金额 (paid_amount): 1 number(s) too large to be an amount (10,000,000,000,000 or more), rows 3, e.g. '1e+20'"]
    assert table.frame["paid_amount"].sum() == 15.5  # left out, never summed


@pytest.fixture
def workbook(tmp_path) -> Path:
    return new_review(tmp_path)




def test_cli_import_fills_the_tables_with_sources_and_is_idempotent(workbook):
    files = [DATA / "gbk" / name for name in FILES]
    result = run("import", workbook, *files)
    assert result.exit_code == 0, result.output
    assert "已填入 goals.targets.sales.actual = 6,470,283.44（来自 orders.csv）" in result.output
    assert "orders.csv：订单明细，gb18030，表头在第 1 行，20000 行" in result.output
    book = Workbook.load(workbook)
    assert target_actual(book.target_row("goals", "targets", "sales")) == (6190000, 6470283.44)
    assert book.target_row("goals", "targets", "sales").sources() == {"target": ["targets_annual.csv"], "actual": ["orders.csv"],
                                                                  "last_year": ["targets_annual.csv"]}
    assert book.target_row("goals", "targets", "sales").last_year == 5910126.37
    assert book.target_row("input-output", "costs", "promotion").actual == 1753719.22
    assert [entry["file"] for entry in book.imports()] == list(FILES)
    assert book.imports()[0]["sha256"] and book.imports()[0]["rows"] == 20000
    answers = book.value("goals", "targets")
    assert run("import", workbook, *files).exit_code == 0
    again = Workbook.load(workbook)
    assert again.value("goals", "targets") == answers and len(again.imports()) == len(FILES)


def test_typed_values_are_kept_unless_overwrite(workbook):
    book = Workbook.load(workbook, for_editing=True)
    book.set_target("goals", "targets", "sales", "actual", 6_500_000)
    book.save()
    result = run("import", workbook, utf8("orders.csv"))
    assert "保留 goals.targets.sales.actual（手填的值" in result.output
    assert Workbook.load(workbook).target_row("goals", "targets", "sales").actual == 6_500_000
    run("import", workbook, utf8("orders.csv"), "--overwrite")
    assert Workbook.load(workbook).target_row("goals", "targets", "sales").actual == 6470283.44


def broken(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.csv", "", "the file is empty"),
        ("header.csv", "订单编号,订单付款时间,买家实付金额\n", "no data rows under the header"),
        ("nocol.csv", "订单编号,买家ID,买家实付金额\n1,a,3\n", "cannot tell what kind of file this is; as orders it lacks paid_at"),
        ("badnum.csv", "订单编号,订单付款时间,买家实付金额\n1,2025-01-02 10:00:00,12.5\n2,2025-01-03 10:00:00,十二\n",
         "买家实付金额 (paid_amount): 1 unreadable value(s), rows 3, e.g. '十二'"),
        ("unknown.csv", "甲,乙,丙\n1,2,3\n", "no header row with known column names"),
    ],
)
def test_bad_files_get_a_precise_message_and_change_nothing(workbook, tmp_path, name, content, message):
    before = workbook.read_text(encoding="utf-8")
    result = run("import", workbook, broken(tmp_path, name, content))
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output
    assert workbook.read_text(encoding="utf-8") == before


def test_a_wrong_encoding_guess_is_caught(tmp_path):
    rows = "1,2025-01-02 10:00:00,12.5,a\n" * 20000
    mixed = tmp_path / "mixed.csv"  # UTF-8 at the top, a GBK name further down
    mixed.write_bytes(("订单编号,订单付款时间,买家实付金额,买家ID\n" + rows).encode("utf-8") + "2,2025-01-03 10:00:00,3,王五\n".encode("gbk"))
    with pytest.raises(MetricsError, match="not valid UTF-8 at row 20002, column 买家ID, although the rows above are"):
        read(mixed, catalogues.load())
    ascii_top = tmp_path / "gbk-late.csv"  # plain ASCII at the top: GBK after all
    ascii_top.write_bytes(b"order id,paid at,paid amount,buyer id\n" + rows.encode() + "2,2025-01-03 10:00:00,3,王五\n".encode("gbk"))
    table = read(ascii_top, catalogues.load())
    assert table.encoding == "gb18030" and table.frame["buyer_id"].iloc[-1] == "王五"


def test_ids_a_spreadsheet_rounded_stop_the_import(workbook, tmp_path):
    path = broken(tmp_path, "resaved.csv", "订单编号,订单付款时间,买家实付金额\n4.32393E+18,2025-01-02 10:00:00,12\n"
                                            "4323933275556446255,2025-01-03 10:00:00,13\n4.32393E+18,2025-01-04 10:00:00,14\n")
    result = run("import", workbook, path)
    assert result.exit_code == 1
    assert "订单编号 (order_id): 2 id(s) written as rounded numbers" in result.output and "rows 2, 4" in result.output
    assert target_actual(Workbook.load(workbook).target_row("goals", "targets", "sales")) == (None, None)


def test_column_mapping_by_hand(workbook, tmp_path):
    path = broken(tmp_path, "odd.csv", "单号,付款,金额\nA1,2025-03-01 12:00:00,100\nA2,2025-03-02 12:00:00,50.5\n")
    result = run("import", workbook, path, "--map", "单号=order_id", "--map", "付款=paid_at", "--map", "金额=paid_amount")
    assert result.exit_code == 0, result.output
    assert Workbook.load(workbook).target_row("goals", "targets", "sales").actual == 150.5
    bad = run("import", workbook, path, "--map", "单号=order", "--map", "付款=paid_at", "--map", "金额=paid_amount")
    assert bad.exit_code == 1 and "--map 单号=order: unknown field" in bad.output
    absent = run("import", workbook, path, "--map", "订单号码=order_id")
    assert absent.exit_code == 1 and "no file has a column '订单号码'" in absent.output


def test_a_mapping_is_remembered_for_the_next_import(workbook, tmp_path):
    path = broken(tmp_path, "odd.csv", "单号,付款,金额\nA1,2025-03-01 12:00:00,100\n")
    assert run("import", workbook, path).exit_code == 1  # nothing known in it yet
    run("import", workbook, path, "--map", "单号=order_id", "--map", "付款=paid_at", "--map", "金额=paid_amount")
    assert Workbook.load(workbook).mapping() == {"单号": "order_id", "付款": "paid_at", "金额": "paid_amount"}
    later = broken(tmp_path, "odd-april.csv", "单号,付款,金额\nB1,2025-04-01 12:00:00,70\n")
    result = run("import", workbook, later)
    assert result.exit_code == 0, result.output
    assert Workbook.load(workbook).target_row("goals", "targets", "sales").actual == 170  # March's file is read again
    assert "同时用上先前导入的文件：odd.csv" in result.output


def test_imports_add_up_files_imported_earlier_are_read_again(workbook, tmp_path):
    orders, costs = tmp_path / "orders.csv", tmp_path / "costs.csv"
    shutil.copy(utf8("orders.csv"), orders)
    shutil.copy(utf8("costs.csv"), costs)
    run("import", workbook, orders)
    assert Workbook.load(workbook).target_row("goals", "targets", "operating-profit").actual is None  # needs the costs too
    result = run("import", workbook, costs)
    assert result.exit_code == 0 and "同时用上先前导入的文件：orders.csv" in result.output
    book = Workbook.load(workbook)
    assert cents(book.target_row("goals", "targets", "operating-profit").actual) == KEY["totals"]["operating_profit_cents"]
    assert book.imports()[0]["path"] == "orders.csv"  # beside the workbook here, so relative
    march = tmp_path / "orders-march.csv"  # another orders file adds its orders to the earlier one's
    march.write_text("订单编号,订单付款时间,买家实付金额,退款金额\nX1,2025-03-01 10:00:00,99,0\n", encoding="utf-8")
    result = run("import", workbook, march)
    assert "同时用上先前导入的文件：orders.csv, costs.csv" in result.output
    assert cents(Workbook.load(workbook).target_row("goals", "targets", "sales").actual) == KEY["totals"]["gmv_cents"] + 9900
    renamed = tmp_path / "orders-2025.csv"  # the same data under a new name counts once: the later file
    shutil.copy(orders, renamed)
    result = run("import", workbook, renamed)
    assert result.exit_code == 0 and "每一行都在这次导入的文件里，不再单独计算：orders.csv" in result.output
    assert "略去" not in result.output.split("orders-2025.csv", 2)[1].split("\n")[1]  # the new file loses nothing
    assert cents(Workbook.load(workbook).target_row("goals", "targets", "sales").actual) == KEY["totals"]["gmv_cents"] + 9900
    assert [entry["file"] for entry in Workbook.load(workbook).imports()] == ["costs.csv", "orders-march.csv", "orders-2025.csv"]
    renamed.write_text("changed", encoding="utf-8")  # its rows as imported are in review.duckdb: they count
    result = run("import", workbook, costs)
    assert "同时用上先前导入的文件：orders-march.csv, orders-2025.csv" in result.output
    workbook.with_suffix(".duckdb").unlink()  # without them, the file is said to have changed, its cells kept
    result = run("import", workbook, costs)
    assert "先前导入的文件既不在数据库里，也已不在原处或已改动，它们填的值保持不变：orders-2025.csv" in result.output
    assert cents(Workbook.load(workbook).target_row("goals", "targets", "sales").actual) == KEY["totals"]["gmv_cents"] + 9900


def test_every_metric_a_shipped_checklist_names_is_in_the_catalogue():
    catalogue = catalogues.load()
    for section in find("annual-review").sections:
        for item in section.items:
            for row in getattr(item, "rows", []):
                assert row.metric is None or row.metric in catalogue.metrics, row.id


async def test_the_app_shows_which_cells_came_from_data(workbook):
    from retro_tui.ui.app import RetroApp
    from retro_tui.ui.widgets.cell_grid import CellGrid

    run("import", workbook, utf8("orders.csv"))
    book = Workbook.load(workbook, for_editing=True)
    book.set_target("goals", "targets", "sales", "target", 6190000)  # typed by hand
    book.save()
    app = RetroApp(workbook=Workbook.load(workbook))
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.pause()
        cells = app.screen.query_one("#item-targets", CellGrid).table.get_row_at(0)
        target, actual = cells[1], cells[2]
        assert str(actual).strip() == "6,470,283.44" and actual.style == "cyan"
        assert str(target).strip() == "6,190,000.00" and target.style == ""






async def test_the_import_screen_reads_in_a_thread_shows_the_file_and_fills_the_workbook(workbook, tmp_path):
    from textual.widgets import Button, DataTable, Static

    from retro_tui.ui.app import RetroApp
    from retro_tui.ui.screens.workbook import WorkbookScreen

    bad = broken(tmp_path, "bad.csv", "订单编号,订单付款时间,买家实付金额\n1,2025-01-02 10:00:00,十二\n")
    app = RetroApp(workbook=Workbook.load(workbook, for_editing=True), lang="zh")
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_import(pilot)
        for path in (DATA / "gbk" / "orders.csv", DATA / "gbk" / "targets_annual.csv"):
            await submit(pilot, "#import-path", str(path))
        summaries = [str(s.render()) for s in screen.query(".import-summary").results(Static)]
        assert summaries[0].startswith("orders.csv：订单明细，gb18030，表头在第 1 行，20000 行")
        assert screen.query(DataTable).first().row_count == 5
        assert not screen.query_one("#apply", Button).disabled
        await submit(pilot, "#import-path", str(bad))
        assert screen.query_one("#apply", Button).disabled  # a file with a problem blocks the whole import
        await pilot.click("#clear")
        await pilot.pause()
        assert screen.tables == [] and screen.query_one("#apply", Button).disabled
        for path in (DATA / "gbk" / "orders.csv", DATA / "gbk" / "targets_annual.csv"):
            await submit(pilot, "#import-path", str(path))
        assert (screen.reading, screen.query_one("#apply", Button).disabled) == (0, False), [t.path.name for t in screen.tables]
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, WorkbookScreen)
    book = Workbook.load(workbook)
    assert target_actual(book.target_row("goals", "targets", "sales")) == (6190000, 6470283.44)
    assert [entry["file"] for entry in book.imports()] == ["orders.csv", "targets_annual.csv"]


async def test_the_import_screen_maps_a_column_by_hand_and_the_workbook_remembers_it(workbook, tmp_path):
    from textual.widgets import Button, Static

    from retro_tui.ui.app import RetroApp

    odd = broken(tmp_path, "odd.csv", "订单编号,支付时刻,实收(元)\nA1,2025-03-01 12:00:00,\"¥1,000.50\"\n")
    app = RetroApp(workbook=Workbook.load(workbook, for_editing=True), lang="zh")
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_import(pilot)
        await submit(pilot, "#import-path", str(odd))
        assert "no header row" in str(screen.query_one("#import-status", Static).render())
        await submit(pilot, "#import-map", "支付时刻=paid_at")
        await submit(pilot, "#import-map", "实收(元)=paid_amount")
        assert [table.path.name for table in screen.tables] == ["odd.csv"]
        assert "实收(元)→paid_amount" in str(screen.query(".import-summary").first(Static).render())
        assert not screen.query_one("#apply", Button).disabled
        await submit(pilot, "#import-map", "实收=amount")
        assert "字段是其中之一" in str(screen.query_one("#import-status", Static).render())
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    book = Workbook.load(workbook)
    assert book.mapping() == {"支付时刻": "paid_at", "实收(元)": "paid_amount"}
    assert book.target_row("goals", "targets", "sales").actual == 1000.5


async def test_the_import_screen_says_an_excel_file_is_too_large_in_the_app_s_language(workbook, tmp_path, monkeypatch):
    from platform_exports import write_xlsx
    from textual.widgets import Static

    from retro_tui.metrics import reader
    from retro_tui.ui.app import RetroApp

    monkeypatch.setattr(reader, "machine_memory", lambda: 10_000_000)  # a limit of 1 MB
    big = write_xlsx(tmp_path / "big.xlsx", {"订单": [["订单编号", "订单付款时间", "买家实付金额"]]
                                             + [[str(n), "2025-03-01 10:00:00", 12.5] for n in range(20_000)]})
    app = RetroApp(workbook=Workbook.load(workbook, for_editing=True), lang="en")  # (the locale is Chinese)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_import(pilot)
        await submit(pilot, "#import-path", str(big))
        said = str(screen.query_one("#import-status", Static).render())
        assert said.startswith(f"{big}: its sheets take ") and "MB unpacked, more than this machine's limit of 1 MB" in said
        assert screen.tables == []


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("semicolons.csv", "订单编号;订单付款时间;买家实付金额\n1;2025-01-02 10:00:00;12\n2;2025-01-03 10:00:00;\"¥1,234.56\"\n".encode()),
        ("cr-only.csv", "订单编号,订单付款时间,买家实付金额\r1,2025-01-02 10:00:00,12\r2,2025-01-03 10:00:00,1234.56\r".encode()),
        ("zoned.csv", "订单编号,订单付款时间,买家实付金额\n1,2025-01-01T00:30:00+08:00,12\n2,2025-01-03T02:00:00Z,1234.56\n".encode()),
        ("preamble.csv", "【店铺日报】\n统计时间：2025\n\n订单编号,订单付款时间,买家实付金额\n1,2025-01-02 10:00:00,12\n2,2025-01-03 10:00:00,1234.56\n".encode("gbk")),
    ],
)
def test_files_in_other_shapes_read_the_same(tmp_path, name, raw):
    path = tmp_path / name
    path.write_bytes(raw)
    catalogue = catalogues.load()
    values = compute([read(path, catalogue)], catalogue, YEAR).values
    assert values["gmv"] == 1246.56 and values["paid-orders"] == 2


def test_values_that_change_shape_below_the_first_block_are_read(tmp_path):
    """Column types are taken from the file's first block (1 MB); rows further down that do not
    fit them (a `¥1,234.50`, a date in another style, a first refund) are still read."""
    lines = ["订单编号,买家ID,订单付款时间,买家实付金额,退款金额"]
    lines += [f"{10**18 + i},b{i % 777},2025-03-0{1 + i % 9} 10:00:00,{i % 100}," for i in range(40000)]
    lines += ['9,bx,2025/04/01 10:00,"¥1,234.50",12.5', "10,by,2025-04-01 10:00:00,7,3"]
    path = tmp_path / "late.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert path.stat().st_size > 2**20
    table = read(path, catalogues.load())
    assert not table.problems and table.frame["paid_at"].notna().all()
    assert table.frame["paid_amount"].sum() == sum(i % 100 for i in range(40000)) + 1234.5 + 7
    assert table.frame["refund"].sum() == 15.5


def test_the_same_file_twice_is_refused(workbook):
    result = run("import", workbook, DATA / "gbk" / "orders.csv", DATA / "gbk" / "orders.csv")
    assert result.exit_code == 1 and "would be counted twice" in result.output


def test_monthly_costs_are_left_empty_when_the_period_cuts_a_month():
    catalogue = catalogues.load()
    costs = read(utf8("costs.csv"), catalogue)
    result = compute([costs], catalogue, (dt.date(2025, 5, 20), dt.date(2025, 6, 18)))
    assert result.values["cost-promotion"] is None and result.split_months == [costs.path]
    spring = compute([costs], catalogue, (dt.date(2025, 3, 1), dt.date(2025, 5, 31))).values
    expected = sum(KEY["costs"]["by_month"][m]["推广费用"] for m in ("2025-03", "2025-04", "2025-05"))
    assert cents(spring["cost-promotion"]) == expected


def test_a_value_the_data_no_longer_gives_is_cleared(workbook):
    run("import", workbook, utf8("orders.csv"))
    book = Workbook.load(workbook, for_editing=True)
    book.set_meta("period_start", dt.date(2024, 1, 1))
    book.set_meta("period_end", dt.date(2024, 12, 31))
    book.save()
    result = run("import", workbook, utf8("orders.csv"))
    assert "清空 goals.targets.sales.actual" in result.output and "复盘周期内没有数据" in result.output
    assert Workbook.load(workbook).target_row("goals", "targets", "sales").actual is None


def test_an_import_that_fails_while_filling_leaves_the_workbook_as_it_was(workbook):
    from retro_tui.metrics.importer import import_files

    book = Workbook.load(workbook, for_editing=True)
    book.doc["answers"]["goals"]["targets"] = "oops"  # filling fails after the import was recorded
    before = book.dumps()
    with pytest.raises(AttributeError):
        import_files(book, [utf8("orders.csv")])
    assert book.dumps() == before and book.imports() == []


def test_when_two_columns_name_one_field_the_first_is_read(tmp_path):
    path = broken(tmp_path, "twice.csv", "订单编号,订单付款时间,付款时间,买家实付金额\n1,2025-01-02 10:00:00,2030-01-01,12\n")
    table = read(path, catalogues.load())
    assert table.mapping["订单付款时间"] == "paid_at" and "付款时间" not in table.mapping
    assert table.frame["paid_at"].iloc[0].year == 2025


def test_a_target_given_again_in_a_new_file_replaces_the_earlier_one(workbook, tmp_path):
    run("import", workbook, utf8("targets_annual.csv"))
    revised = tmp_path / "targets_v2.csv"
    revised.write_text("指标,目标值\n销售额,7000000\n", encoding="utf-8")
    result = run("import", workbook, revised)
    assert result.exit_code == 0, result.output
    book = Workbook.load(workbook)
    assert book.target_row("goals", "targets", "sales").target == 7000000  # the newer file wins
    assert book.target_row("goals", "targets", "new-customers").target == 9980  # the earlier file still counts


def test_two_columns_of_one_name_read_the_first_in_csv_as_in_excel(tmp_path):
    path = broken(tmp_path, "twice.csv", "订单编号,订单付款时间,实付金额,实付金额\n1,2025-01-02 10:00:00,100,7\n")
    assert read(path, catalogues.load()).frame["paid_amount"].tolist() == [100]


@pytest.mark.parametrize(("value", "current", "sources", "overwrite", "expected"), [
    (90, None, None, False, "fill"),  # nothing there: filled
    (90, 80, None, False, "keep"),  # typed by hand (from no file): kept
    (90, 80, None, True, "fill"),  # … unless told to overwrite
    (90, 80, ["old.csv"], False, "fill"),  # imported before: the new value
    (None, 80, ["orders.csv"], False, "clear"),  # a file of this import gave it and no longer does
    (None, 80, ["other.csv"], False, None),  # another file gave it: left
    (None, 80, None, False, None),  # typed: never cleared
    (90, 80, ["gone.csv"], True, None),  # partly made of a file that cannot be read now: left
])
def test_one_rule_decides_every_value_an_import_may_fill(value, current, sources, overwrite, expected):
    from retro_tui.metrics.fill import merge

    assert merge(value, current, sources, imported={"orders.csv", "old.csv"}, unavailable={"gone.csv"},
                 overwrite=overwrite) == expected
