"""The exports shops really download, each platform's in its own layout: every file gives the
totals worked out from the orders it was written from, to the cent."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest
from helpers import cents, one_section, open_import, submit, toasts
from helpers import run as retro
from helpers import run_ok as run
from platform_exports import (
    ADS,
    DOUYIN,
    JD,
    PDD_NEW_ORDERS,
    PDD_OLD_ORDERS,
    PERIOD,
    SYCM_TITLE,
    TAOBAO,
    Totals,
    ad_totals,
    douyin_aftersales_rows,
    douyin_rows,
    expected,
    jd_aftersales_rows,
    jd_rows,
    jzt_csv_rows,
    jzt_sheet,
    pdd_ads_sheet,
    pdd_aftersales_rows,
    pdd_rows,
    pdd_star_shop_rows,
    qianchuan_rows,
    qianchuan_standard_rows,
    qianniu_21_rows,
    qianniu_rows,
    sycm_shop_rows,
    taobao_item_report,
    taobao_order_report,
    taobao_refund_report,
    wanxiangtai_rows,
    write_csv,
    write_xls,
    write_xlsx,
)
from platform_exports import DOUYIN_AFTERSALES as DOUYIN_AFTERSALES_HEADER

from retro_tui.checklist import find, parse
from retro_tui.metrics import catalogue as catalogues
from retro_tui.metrics.compute import Data, Scope
from retro_tui.metrics.importer import import_files, read_files
from retro_tui.paths import user_checklist_dir
from retro_tui.workbook import Workbook

FIGURES = ["gmv", "refunds", "paid-orders", "units", "net-sales", "refund-rate", "ad-spend", "ad-sales"]


@pytest.fixture
def workbook(tmp_path) -> Workbook:
    path = tmp_path / "review.toml"
    Workbook.new_file(path, find("annual-review"), period=PERIOD, language="zh")
    return Workbook.load(path, for_editing=True)


def figures(book: Workbook, paths: list[Path], channel: str | None, **read) -> dict[str, float | None]:
    """The figures the files give over the period for one channel, as the import computes them."""
    tables, _ = read_files(book, paths, **read)
    return Data(tables, catalogues.load()).compute(Scope(*PERIOD, channel), set(FIGURES), last_year=False).values


def assert_orders(values: dict, totals: Totals) -> None:
    assert cents(values["gmv"]) == totals.gmv
    assert cents(values["refunds"]) == totals.refunds
    assert values["paid-orders"] == totals.orders
    assert values["units"] == totals.units
    assert cents(values["net-sales"]) == totals.gmv - totals.refunds


def test_taobao_order_report_gbk_with_its_item_report(workbook, tmp_path):
    report = taobao_order_report(tmp_path / "ExportOrderList202512310930.csv", TAOBAO)
    items = taobao_item_report(tmp_path / "ExportOrderDetailList202512310930.csv", TAOBAO)
    assert report.read_bytes().startswith("订单编号".encode("gbk"))  # GBK, as 千牛 writes it
    outcome = import_files(workbook, [report, items])  # the item report is recognised and set aside
    assert [exc.path.name for exc in outcome.skipped] == [items.name]
    table = outcome.tables[0]
    assert (table.format, table.channel) == ("taobao-orders", "天猫")  # the workbook's one Alibaba channel
    unpaid_closed = sum(1 for o in TAOBAO if not o.paid_at)
    assert table.left_out["not_sales"] + table.left_out.get("no_paid_time", 0) == unpaid_closed
    assert_orders(figures(workbook, [report], "天猫"), expected(TAOBAO))
    assert cents(workbook.target_row("goals", "channels", "tmall").actual) == expected(TAOBAO).gmv


def test_qianniu_workbook_counts_its_order_sheet_and_line_sheet_once(workbook, tmp_path):
    head, lines = qianniu_rows(TAOBAO)
    book = write_xlsx(tmp_path / "订单导出.xlsx", {"订单报表": head, "销售明细": lines})
    tables, _ = read_files(workbook, [book])
    assert [t.format for t in tables] == ["taobao-orders", "qianniu-suborders"]
    assert_orders(figures(workbook, [book], "天猫"), expected(TAOBAO))


def test_qianniu_sub_orders_utf8_bom_with_no_refund_written_as_text(workbook, tmp_path):
    _, lines = qianniu_rows(TAOBAO)
    path = write_csv(tmp_path / "ExportItemList.csv", lines, "utf-8-sig")
    assert "无退款申请" in path.read_text(encoding="utf-8-sig")
    assert_orders(figures(workbook, [path], "天猫"), expected(TAOBAO))


def test_jd_order_amounts_repeated_on_each_sku_line_count_once_and_refunds_come_from_after_sales(workbook, tmp_path):
    orders = write_xls(tmp_path / "京东订单.xls", jd_rows(JD))
    assert sum(len(o.lines) for o in JD) > len(JD)  # orders of several SKUs, the amounts on each line
    values = figures(workbook, [orders], "京东")
    assert cents(values["gmv"]) == expected(JD).gmv
    assert values["refunds"] is None and values["net-sales"] is None  # the order export has no refunds
    outcome = import_files(workbook, [orders])
    assert "goals.targets.net-sales.actual" in outcome.report.incomplete
    after = write_csv(tmp_path / "京东售后服务单.csv", jd_aftersales_rows(JD, 5), "gb18030")
    assert_orders(figures(workbook, [orders, after], "京东"), expected(JD))


def test_douyin_sub_orders_behind_tabs_and_refunds_by_after_sales_status(workbook, tmp_path):
    path = write_csv(tmp_path / "1735660800_订单导出.csv", douyin_rows(DOUYIN), "utf-8-sig")
    assert "\t6" in path.read_text(encoding="utf-8-sig")
    assert_orders(figures(workbook, [path], "抖音"), expected(DOUYIN))


@pytest.mark.parametrize("layout", ["old", "new"])
def test_pdd_orders_in_both_layouts(workbook, tmp_path, layout):
    orders = PDD_OLD_ORDERS if layout == "old" else PDD_NEW_ORDERS
    rows = pdd_rows(orders, layout)
    path = write_csv(tmp_path / "orders_export.csv", rows, "utf-8-sig") if layout == "old" \
        else write_xlsx(tmp_path / "orders_export.xlsx", {"Sheet1": rows})
    if layout == "new":  # rows without 订单成交时间 are dated by 支付时间
        assert any(row[PDD_ROWS_DEAL] == "" and row[-1] for row in rows[1:])
    assert_orders(figures(workbook, [path], "拼多多"), expected(orders))


PDD_ROWS_DEAL = -2  # 订单成交时间 in the newer layout


@pytest.mark.parametrize("platform", ["天猫", "京东", "拼多多", "抖音"])
def test_ad_reports(workbook, tmp_path, platform):
    days = ADS[platform]
    path = {
        "天猫": lambda: write_csv(tmp_path / "计划报表_20260105.csv", wanxiangtai_rows(days), "gb18030"),
        "京东": lambda: write_xlsx(tmp_path / "京准通报表.xlsx", {"报表": jzt_sheet(days)}),
        "拼多多": lambda: write_xlsx(tmp_path / "推广商品报表.xlsx", {"Sheet1": pdd_ads_sheet(days)}),
        "抖音": lambda: write_csv(tmp_path / "千川数据.csv", qianchuan_rows(days), "utf-8"),
    }[platform]()
    values = figures(workbook, [path], platform)
    totals = ad_totals(days)
    assert (cents(values["ad-spend"]), cents(values["ad-sales"])) == (totals.spend, totals.ad_sales)


def platform_files(folder: Path) -> dict[str, list[Path]]:
    """Each platform's files as a shop downloads them, in folders of their own (the same names
    in several)."""
    files = {}
    for platform in ("天猫", "京东", "拼多多", "抖音"):
        (folder / platform).mkdir(parents=True)
    files["天猫"] = [taobao_order_report(folder / "天猫" / "orders.csv", TAOBAO),
                    write_csv(folder / "天猫" / "ads.csv", wanxiangtai_rows(ADS["天猫"]), "gb18030")]
    files["京东"] = [write_xls(folder / "京东" / "orders.xls", jd_rows(JD)),
                    write_csv(folder / "京东" / "售后.csv", jd_aftersales_rows(JD, 5), "gb18030"),
                    write_xlsx(folder / "京东" / "ads.xlsx", {"报表": jzt_sheet(ADS["京东"])})]
    files["拼多多"] = [write_csv(folder / "拼多多" / "orders.csv", pdd_rows(PDD_OLD_ORDERS, "old"), "utf-8-sig"),
                     write_xlsx(folder / "拼多多" / "ads.xlsx", {"Sheet1": pdd_ads_sheet(ADS["拼多多"])})]
    files["抖音"] = [write_csv(folder / "抖音" / "orders.csv", douyin_rows(DOUYIN), "utf-8-sig"),
                    write_csv(folder / "抖音" / "ads.csv", qianchuan_rows(ADS["抖音"]), "utf-8")]
    return files


def test_one_workbook_each_platform_imported_in_a_run_of_its_own(tmp_path):
    path = tmp_path / "review.toml"
    Workbook.new_file(path, find("annual-review"), period=PERIOD, language="zh")
    files = platform_files(tmp_path / "downloads")
    for platform_files_ in files.values():
        for file in platform_files_:  # one run per file: orders, after-sales, then the ad report
            run("import", path, file)
    book = Workbook.load(path)
    orders = {"天猫": expected(TAOBAO), "京东": expected(JD), "拼多多": expected(PDD_OLD_ORDERS), "抖音": expected(DOUYIN)}
    rows = {"天猫": "tmall", "京东": "jd", "拼多多": "pdd", "抖音": "douyin"}
    for platform, totals in orders.items():
        assert cents(book.target_row("goals", "channels", rows[platform]).actual) == totals.gmv, platform
        spend = ad_totals(ADS[platform]).spend
        assert cents(book.target_row("input-output", "channel-returns", f"{rows[platform]}-spend").actual) == spend, platform
        assert book.target_row("input-output", "channel-returns", f"{rows[platform]}-roi").actual == round(totals.gmv / spend, 4)
    shop = sum(t.gmv for t in orders.values())
    assert cents(book.target_row("goals", "targets", "sales").actual) == shop
    assert cents(book.target_row("goals", "targets", "net-sales").actual) == shop - sum(t.refunds for t in orders.values())
    assert len(book.imports()) == 9  # three files named orders.csv, from three folders, all kept
    answers = tomllib.loads(book.dumps())["answers"]
    for file in (files["京东"][0], files["天猫"][0], files["抖音"][1]):  # importing any of them again changes nothing
        run("import", path, file)
        assert tomllib.loads(Workbook.load(path).dumps())["answers"] == answers


def test_an_overlapping_export_and_the_same_one_under_another_name_count_once(workbook, tmp_path):
    first = taobao_order_report(tmp_path / "ExportOrderList-H1.csv", [o for o in TAOBAO if o.created.month <= 7])
    second = taobao_order_report(tmp_path / "ExportOrderList-H2.csv", [o for o in TAOBAO if o.created.month >= 6])
    again = tmp_path / "ExportOrderList-H2 (1).csv"
    again.write_bytes(second.read_bytes())
    import_files(workbook, [first])
    import_files(workbook, [second])
    assert cents(workbook.target_row("goals", "channels", "tmall").actual) == expected(TAOBAO).gmv
    outcome = import_files(workbook, [again])
    assert outcome.report.replaced == [second.name]
    assert cents(workbook.target_row("goals", "channels", "tmall").actual) == expected(TAOBAO).gmv
    assert [entry["file"] for entry in workbook.imports()] == [first.name, again.name]


def channels_checklist(*channels: str):
    """A checklist with one sales row per channel (ids c0, c1 …)."""
    rows = "".join(f"""
          - id: c{i}
            label: {name}
            metric: gmv
            channel: {name}""" for i, name in enumerate(channels))
    text = one_section(f"""
      - id: channels
        kind: targets
        label: Channels
        rows:{rows}
""")
    folder = user_checklist_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "t.yaml").write_text(text, encoding="utf-8")  # where `retro` finds the user's checklists
    return parse(text)


def test_an_alibaba_export_in_a_workbook_of_taobao_and_tmall_is_named_by_channel(tmp_path):
    path = tmp_path / "review.toml"
    Workbook.new_file(path, channels_checklist("天猫", "淘宝"), period=PERIOD, language="zh")
    report = taobao_order_report(tmp_path / "ExportOrderList.csv", TAOBAO)
    result = retro("import", str(path), str(report))
    assert result.exit_code == 1 and "--channel" in result.output
    run("import", path, report, "--channel", "淘宝网")  # another name of 淘宝
    book = Workbook.load(path)
    assert book.target_row("s", "channels", "c0").actual is None
    assert cents(book.target_row("s", "channels", "c1").actual) == expected(TAOBAO).gmv
    assert book.imports()[0]["channel"] == "淘宝"


def test_channel_names_written_another_way_fall_in_their_row_and_unknown_ones_are_named(tmp_path):
    path = tmp_path / "review.toml"
    Workbook.new_file(path, channels_checklist("天猫", "Tmall", "京东"), period=PERIOD, language="zh")
    names = ["Tmall", "天貓", "天猫商城", "天\u00a0猫", "天猫\u200b", "京東", "快团团"]
    lines = [f"A{i},{name},2025-03-0{i + 1} 10:00:00,{100 + i}" for i, name in enumerate(names)]
    orders = tmp_path / "orders.csv"
    orders.write_text("订单编号,平台,订单付款时间,买家实付金额\n" + "\n".join(lines) + "\n", encoding="utf-8")
    output = run("import", path, orders)
    book = Workbook.load(path)
    assert book.target_row("s", "channels", "c0").actual == 100 + 101 + 102 + 103 + 104
    assert book.target_row("s", "channels", "c1").actual == book.target_row("s", "channels", "c0").actual  # Tmall is 天猫
    assert book.target_row("s", "channels", "c2").actual == 105
    assert "快团团 (1)" in output


def test_imports_lists_each_platform_with_the_days_it_misses_and_forget_takes_a_file_out(tmp_path):
    path = tmp_path / "review.toml"
    Workbook.new_file(path, find("annual-review"), period=PERIOD, language="zh")
    until_september = [o for o in JD if o.paid_at and o.paid_at < dt.datetime(2025, 9, 1)]
    jd = write_xls(tmp_path / "京东订单.xls", jd_rows(until_september))
    run("import", path, taobao_order_report(tmp_path / "ExportOrderList.csv", TAOBAO))
    run("import", path, jd)
    listing = run("imports", path)
    last_jd_day = max(o.paid_at for o in until_september).date()
    assert f"京东 · 订单明细：1 个文件，{sum(len(o.lines) for o in until_september)} 行" in listing
    assert f"复盘周期内缺 {(PERIOD[1] - last_jd_day).days} 天（{last_jd_day + dt.timedelta(days=1)} – {PERIOD[1]}）" in listing
    checks = retro("export", str(path)).output  # the checks before the report goes out
    assert f"京东 的订单明细数据缺 {(PERIOD[1] - last_jd_day).days} 天" in checks
    assert "京东 的订单导出不含退款" in checks and "天猫 的订单导出不含退款" not in checks
    assert "净销售额：实际值留空——京东订单.xls 没有这项数据" in checks  # and the report says why, under its table
    assert Workbook.load(path).target_row("goals", "targets", "net-sales").actual_lacking == ["京东订单.xls"]
    assert cents(Workbook.load(path).target_row("goals", "channels", "jd").actual) == expected(until_september).gmv
    output = run("import", path, "--forget", jd.name)
    assert "清空 goals.channels.jd.actual" in output
    book = Workbook.load(path)
    assert book.target_row("goals", "channels", "jd").actual is None
    assert book.target_row("goals", "targets", "net-sales").actual_lacking is None  # with JD's file gone, nothing lacks refunds
    assert cents(book.target_row("goals", "targets", "sales").actual) == expected(TAOBAO).gmv
    assert [entry["file"] for entry in book.imports()] == ["ExportOrderList.csv"]


def test_a_month_missing_inside_a_file_is_said_and_a_quiet_spell_of_a_small_shop_is_not(tmp_path):
    path = tmp_path / "review.toml"
    Workbook.new_file(path, find("annual-review"), period=PERIOD, language="zh")
    september = [o for o in JD if not (o.paid_at and o.paid_at.month == 9)]  # a year's exports, one month not downloaded
    run("import", path, write_xls(tmp_path / "京东订单.xls", jd_rows(september)))
    run("import", path, taobao_order_report(tmp_path / "ExportOrderList.csv", TAOBAO))  # 180 orders a year: quiet weeks
    year = [PERIOD[0] + dt.timedelta(days=n) for n in range(365)]
    days = [(day, "计划1", 1000, 50, 10_000, 30_000) for day in year[:60] + year[65:]]  # 5 days of March not downloaded
    run("import", path, write_csv(tmp_path / "计划报表.csv", wanxiangtai_rows(days), "gb18030"))
    listing = run("imports", path)
    jd_days = sorted({o.paid_at.date() for o in september if o.paid_at})
    before = max(d for d in jd_days if d < dt.date(2025, 9, 1))
    after = min(d for d in jd_days if d > dt.date(2025, 9, 30))
    hole = (before + dt.timedelta(days=1), after - dt.timedelta(days=1))
    jd_listing = listing.split("京东 · 订单明细")[1].split("\n")[1]
    assert f"{hole[0]} – {hole[1]}" in jd_listing
    taobao_entry = next(e for e in Workbook.load(path).imports() if e["file"] == "ExportOrderList.csv")
    assert "empty_days" not in taobao_entry  # its quiet weeks are a small shop's, not a missing export
    assert f"缺 5 天（{year[60]} – {year[64]}）" in listing
    checks = retro("export", str(path)).output
    assert f"{hole[0]} – {hole[1]}" in checks


async def test_the_import_screen_asks_the_channel_of_an_alibaba_export_and_sets_its_item_report_aside(tmp_path):
    from textual.widgets import Button, Select, Static

    from retro_tui.ui.app import RetroApp

    path = tmp_path / "review.toml"
    Workbook.new_file(path, channels_checklist("天猫", "淘宝", "京东"), period=PERIOD, language="zh")
    report = taobao_order_report(tmp_path / "ExportOrderList.csv", TAOBAO)
    items = taobao_item_report(tmp_path / "ExportOrderDetailList.csv", TAOBAO)
    jd = write_xls(tmp_path / "京东订单.xls", jd_rows(JD))
    app = RetroApp(workbook=Workbook.load(path, for_editing=True), lang="zh")
    said = toasts(app)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_import(pilot)
        await submit(pilot, "#import-path", str(report))
        assert "--channel" in str(screen.query_one("#import-status", Static).render())
        screen.query_one("#import-channel", Select).value = "淘宝"  # picked: the files are read again with it
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        for file in (items, jd):
            await submit(pilot, "#import-path", str(file))
        summaries = "\n".join(str(s.render()) for s in screen.query(".import-summary").results(Static))
        assert "格式：淘宝/天猫 订单报表，渠道：淘宝" in summaries and "宝贝报表，不读取" in summaries
        assert "格式：京东 POP 订单导出，渠道：京东" in summaries, str(screen.query_one("#import-status", Static).render())
        assert not screen.query_one("#apply", Button).disabled
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        warnings = [toast.message for toast in said if toast.severity == "warning"]
        assert warnings == []  # every channel of the data has its row, and this checklist sums no refunds
        done = next(toast.message for toast in said if toast.message.startswith("已从"))
        unpaid = sum(1 for o in TAOBAO if not o.paid_at)
        assert f"ExportOrderList.csv  略去 {unpaid} 行：订单状态不算销售" in done
        assert "京东订单.xls  略去" in done and "不在复盘周期内" in done
    book = Workbook.load(path)
    assert cents(book.target_row("s", "channels", "c1").actual) == expected(TAOBAO).gmv
    assert cents(book.target_row("s", "channels", "c2").actual) == expected(JD).gmv
    assert [entry.get("channel") for entry in book.imports()] == ["淘宝", "京东"]


def test_a_format_of_the_user_s_own_is_read_like_the_bundled_ones_and_its_mistakes_are_named(tmp_path):
    folder = user_checklist_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "formats.yaml").write_text("""\
channels:
  快手: [快手小店, Kuaishou]
formats:
  kuaishou-orders:
    label: {zh: 快手小店 订单, en: Kuaishou shop orders}
    download: {zh: 快手小店 → 订单 → 导出, en: "Kuaishou shop → Orders → Export"}
    kind: orders
    platform: [快手]
    columns: [订单号, 实付款, 成交时间, 商品名称]
    fields:
      order_id: [订单号]
      paid_amount: [实付款]
      paid_at: [成交时间]
    not_sales: [待付款]
""", encoding="utf-8")
    orders = tmp_path / "快手订单.csv"
    orders.write_text("订单号,商品名称,实付款,成交时间,订单状态\n"
                      "K1,冲锋衣,¥199.00,2025-05-01 10:00:00,已完成\n"
                      "K2,冲锋衣,¥99.50,,待付款\n"
                      "K3,抓绒衣,¥88.80,2025-05-02 11:00:00,已发货\n", encoding="utf-8")
    path = tmp_path / "review.toml"
    Workbook.new_file(path, channels_checklist("快手"), period=PERIOD, language="zh")
    output = run("import", path, orders)
    assert "格式：快手小店 订单，渠道：快手" in output and "略去 1 行：订单状态不算销售" in output
    assert Workbook.load(path).target_row("s", "channels", "c0").actual == 287.8
    (folder / "formats.yaml").write_text("formats:\n  broken:\n    label: X\n    download: X\n    kind: order\n    columns: [A]\n",
                                         encoding="utf-8")
    result = retro("import", str(path), str(orders))
    assert result.exit_code == 1 and "formats.yaml:5" in result.output and "unknown kind 'order'" in result.output


def test_a_refund_whose_order_no_file_has_is_counted_aloud(workbook, tmp_path):
    orders = write_xls(tmp_path / "京东订单.xls", jd_rows(JD[:100]))
    after = write_csv(tmp_path / "京东售后服务单.csv", jd_aftersales_rows(JD, 5), "gb18030")
    outcome = import_files(workbook, [orders, after])
    lost = sum(1 for o in JD[100:] for line in o.lines if line.refunded)
    assert outcome.tables[1].left_out.get("no_order", 0) == lost > 0
    values = figures(workbook, [orders, after], "京东")
    assert cents(values["refunds"]) == expected(JD[:100]).refunds


def test_after_sales_exports_give_refunds_where_orders_do_not_and_are_set_aside_where_they_do(workbook, tmp_path):
    report = taobao_order_report(tmp_path / "ExportOrderList.csv", TAOBAO, refunds=False)  # an older layout, no 退款金额
    refunds = taobao_refund_report(tmp_path / "退款报表.csv", TAOBAO)
    assert figures(workbook, [report], "天猫")["refunds"] is None
    assert_orders(figures(workbook, [report, refunds], "天猫"), expected(TAOBAO))
    douyin = write_csv(tmp_path / "抖店订单.csv", douyin_rows(DOUYIN), "gb18030")  # a GBK copy, as Excel saves it
    douyin_after = write_xlsx(tmp_path / "售后单.xlsx", {"售后单": douyin_aftersales_rows(DOUYIN)})
    pdd = write_csv(tmp_path / "orders_export.csv", pdd_rows(PDD_OLD_ORDERS, "old"), "utf-8-sig")
    pdd_after = write_csv(tmp_path / "售后列表.csv", pdd_aftersales_rows(PDD_OLD_ORDERS), "utf-8-sig")
    tables, _ = read_files(workbook, [douyin, douyin_after, pdd, pdd_after])
    assert [t.format for t in tables] == ["douyin-orders", "douyin-aftersales", "pdd-orders", "pdd-aftersales"]
    assert_orders(figures(workbook, [douyin, douyin_after], "抖音"), expected(DOUYIN))  # the orders' own refunds count
    assert_orders(figures(workbook, [pdd, pdd_after], "拼多多"), expected(PDD_OLD_ORDERS))
    outcome = import_files(workbook, [douyin, douyin_after])
    refunded = sum(1 for o in DOUYIN for line in o.lines if line.refunded)
    assert outcome.tables[1].left_out == {"refunds_in_orders": refunded}
    after = read_files(workbook, [douyin_after])[0][0].frame
    assert cents(after["refund"].sum()) == sum(o.refund for o in DOUYIN)  # goods and postage added up


def test_a_later_order_report_takes_the_place_of_an_earlier_sub_order_export_of_the_same_orders(workbook, tmp_path):
    _, lines = qianniu_rows(TAOBAO)
    earlier = write_csv(tmp_path / "销售明细.csv", lines, "utf-8-sig")
    later = taobao_order_report(tmp_path / "ExportOrderList.csv", TAOBAO)
    assert_orders(figures(workbook, [earlier, later], "天猫"), expected(TAOBAO))
    assert_orders(figures(workbook, [later, earlier], "天猫"), expected(TAOBAO))


def test_a_shop_wide_daily_file_and_a_platform_s_are_not_taken_for_each_other(workbook, tmp_path):
    shop = tmp_path / "全店日报.csv"  # the shop's own sheet over every platform: no channel
    shop.write_text("日期,访客数,支付金额,支付买家数\n2025-03-01,1000,5000,50\n2025-03-02,1100,5500,55\n", encoding="utf-8")
    tmall = tmp_path / "【生意参谋平台】店铺整体.csv"  # 生意参谋's: 天猫's
    tmall.write_text("统计日期,访客数,支付金额,支付买家数\n2025-03-01,600,3000,30\n2025-03-02,700,3500,35\n", encoding="utf-8")
    tables, _ = read_files(workbook, [shop, tmall], mapping={})
    data = Data(tables, catalogues.load())
    assert [t.channel for t in data.tables] == [None, "天猫"]
    assert [t.left_out.get("duplicate") for t in data.tables] == [None, None]
    values = data.compute(Scope(*PERIOD), {"visitors"}, last_year=False).values
    assert values["visitors"] == 1000 + 1100 + 600 + 700


def test_order_amounts_are_shared_out_per_order_to_the_cent():
    import pandas as pd

    from retro_tui.metrics.formats import spread

    orders = pd.Series(["A", "A", "A", None, None, "B", "B", "C", "C"])
    amounts = pd.Series([10.0, 10.0, 10.0, 5.0, 7.0, 3.0, None, 4.0, 6.0])  # no order's lines; B blank on one; C not repeated
    weights = pd.Series([1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 3.0, 1.0, 1.0])
    shared = spread(orders, amounts, weights)
    assert list(shared) == [3.34, 3.33, 3.33, 5.0, 7.0, 0.75, 2.25, 4.0, 6.0]


def test_refunds_by_sub_order_reach_orders_that_name_no_sub_order(workbook, tmp_path):
    orders = tmp_path / "抖音订单.csv"
    orders.write_text("订单编号,平台,订单付款时间,买家实付金额\n"
                      "M1,抖音,2025-03-01 10:00:00,100\nM2,抖音,2025-03-02 10:00:00,50\n", encoding="utf-8")
    after = write_csv(tmp_path / "售后单.csv", [DOUYIN_AFTERSALES_HEADER,
                                                ["S1", "M1", "M1-2", "1", "X", "冲锋衣", "仅退款", "退款成功", "2025-03-03", "30.00",
                                                 "0.00", "2025-03-04"]], "utf-8-sig")
    values = figures(workbook, [orders, after], "抖音")
    assert (values["gmv"], values["refunds"]) == (150, 30)


@pytest.mark.parametrize("layout", ["jd-orders-csv", "jzt-csv", "qianchuan-standard", "pdd-star-shop", "sycm-xls",
                                    "wanxiangtai-windows", "qianniu-21"])
def test_more_layouts_of_the_same_platforms(workbook, tmp_path, layout):
    if layout == "jd-orders-csv":
        path = write_csv(tmp_path / "订单.csv", jd_rows(JD), "gb18030")
        assert cents(figures(workbook, [path], "京东")["gmv"]) == expected(JD).gmv
        return
    if layout == "qianniu-21":  # no paid time column: paid orders are dated by their creation
        path = write_xlsx(tmp_path / "订单报表.xlsx", {"订单报表": qianniu_21_rows(TAOBAO)})
        values, totals = figures(workbook, [path], "天猫"), expected(TAOBAO)
        assert (cents(values["gmv"]), values["paid-orders"], values["refunds"]) == (totals.gmv, totals.orders, None)
        return
    if layout == "sycm-xls":
        rows, totals, visitors = sycm_shop_rows(7, 200)
        path = write_xls(tmp_path / "【生意参谋平台】店铺整体_2025-01-01_2025-12-31.xls", rows)
        tables, _ = read_files(workbook, [path])
        assert (tables[0].format, tables[0].header_row) == ("sycm-shop", len(SYCM_TITLE) + 1)
        values = Data(tables, catalogues.load()).compute(Scope(*PERIOD, "天猫"), {"shop-sales", "visitors"}, last_year=False).values
        assert (cents(values["shop-sales"]), values["visitors"]) == (totals.gmv, visitors)
        return
    if layout == "wanxiangtai-windows":  # each plan-day once per attribution window: the longest counts
        windows = write_csv(tmp_path / "计划报表.csv", wanxiangtai_rows(ADS["天猫"], ("15天转化", "1天转化")), "gb18030")
        tables, _ = read_files(workbook, [windows])
        assert tables[0].left_out["other_window"] == len(ADS["天猫"])
    platform, path = {
        "wanxiangtai-windows": ("天猫", lambda: windows),
        "jzt-csv": ("京东", lambda: write_csv(tmp_path / "京准通.csv", jzt_csv_rows(ADS["京东"]), "gb18030")),
        "qianchuan-standard": ("抖音", lambda: write_csv(tmp_path / "标准推广.csv", qianchuan_standard_rows(ADS["抖音"]), "utf-8-sig")),
        "pdd-star-shop": ("拼多多", lambda: write_csv(tmp_path / "明星店铺.csv", pdd_star_shop_rows(ADS["拼多多"]), "utf-8-sig")),
    }[layout]
    values = figures(workbook, [path()], platform)
    totals = ad_totals(ADS[platform])
    assert (cents(values["ad-spend"]), cents(values["ad-sales"])) == (totals.spend, totals.ad_sales)


def test_a_mistyped_kind_lists_the_kinds_and_the_preview_shows_counts_whole_and_money_to_the_cent(tmp_path):
    from retro_tui.ui.screens.import_data import preview_cell

    path = tmp_path / "review.toml"
    Workbook.new_file(path, find("annual-review"), period=PERIOD, language="zh")
    result = retro("import", str(path), str(tmp_path), "--kind", "order")
    assert result.exit_code == 1 and "the kinds: orders, refunds," in result.output
    assert [preview_cell(1.0, "number"), preview_cell(389.0, "money"), preview_cell(None, "id"), preview_cell(2.5, "number")] \
        == ["1", "389.00", "", "2.5"]


def test_after_sales_with_no_paid_orders_or_no_orders_of_their_platform(workbook, tmp_path):
    unpaid = [o for o in JD if not o.paid_at]
    orders = write_csv(tmp_path / "京东订单.csv", jd_rows(unpaid), "gb18030")  # every row 等待付款: none is read
    after = write_csv(tmp_path / "京东售后.csv", jd_aftersales_rows(JD, 5), "gb18030")
    pdd_after = write_csv(tmp_path / "售后列表.csv", pdd_aftersales_rows(PDD_OLD_ORDERS), "utf-8-sig")
    outcome = import_files(workbook, [orders, after, pdd_after])  # no crash
    refunds = sum(1 for o in JD for line in o.lines if line.refunded)
    assert outcome.tables[1].left_out == {"no_order": refunds}
    pdd_refunds = sum(1 for o in PDD_OLD_ORDERS if o.lines[0].refunded)
    assert outcome.tables[2].left_out == {"no_order": pdd_refunds}  # no 拼多多 orders at all: not "their own"


def test_a_file_named_with_escape_sequences_prints_as_text(tmp_path):
    path = tmp_path / "review.toml"
    Workbook.new_file(path, find("annual-review"), period=PERIOD, language="zh")
    odd = tmp_path / "\x1b]52;c;aGk=\x07orders\x1b[2J.csv"
    odd.write_text("订单编号,订单付款时间,买家实付金额\nA1,2025-03-01 10:00:00,100\n", encoding="utf-8")
    output = run("import", path, odd) + run("imports", path)
    assert "\x1b" not in output and "\x07" not in output
    assert "\\x1b]52;c;aGk=\\x07orders\\x1b[2J.csv" in output
    missing = retro("import", str(path), str(tmp_path / "\x1bcgone.csv"))
    assert missing.exit_code == 1 and "\x1b" not in missing.output
