"""Daily shop, item and ad-spend files, targets one column per metric, and figures per channel,
SKU and campaign — against the sample data's answer key (to the cent), in UTF-8, GBK and xlsx."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import DATA, KEY, cents, open_import, run, submit, target_actual, utf8

from retro_tui.metrics import catalogue as catalogues
from retro_tui.metrics.compute import Data, Scope
from retro_tui.metrics.reader import read, read_all
from retro_tui.workbook import Workbook

YEAR = Scope(dt.date(2025, 1, 1), dt.date(2025, 12, 31))
VARIANTS = {
    "utf8": {"orders": utf8("orders.csv"), "ads": utf8("ad_spend_daily.csv"), "shop": DATA / "utf8" / "sycm_shop_daily.csv",
             "targets": [utf8("targets_monthly.csv"), utf8("targets_campaign.csv"), DATA / "utf8" / "targets_campaign_sku.csv"]},
    "gbk": {"orders": DATA / "gbk" / "orders.csv", "ads": DATA / "gbk" / "ad_spend_daily.csv",
            "shop": DATA / "gbk" / "sycm_shop_daily.csv",
            "targets": [DATA / "gbk" / name for name in ("targets_monthly.csv", "targets_campaign.csv", "targets_campaign_sku.csv")]},
    "xlsx": {"orders": DATA / "utf8" / "orders.xlsx", "ads": DATA / "utf8" / "ad_spend_daily.xlsx",
             "shop": DATA / "utf8" / "sycm_shop_daily.xlsx", "targets": [DATA / "utf8" / "targets.xlsx"]},
}


@pytest.fixture(scope="module", params=list(VARIANTS))
def data(request) -> Data:
    catalogue = catalogues.load()
    files = VARIANTS[request.param]
    paths = [files["orders"], files["ads"], files["shop"], *files["targets"]]
    return Data([table for path in paths for table in read_all(path, catalogue)], catalogue)


def test_shop_daily_metrics_are_summed_and_conversion_recomputed(data):
    key = KEY["sycm_tmall"]
    values = data.compute(YEAR, {"visitors", "shop-buyers", "shop-sales", "conversion"}).values
    assert values["visitors"] == key["访客数_sum"]
    assert values["shop-buyers"] == key["支付买家数_sum_of_days"]
    assert cents(values["shop-sales"]) == key["支付金额_cents"]
    assert values["conversion"] == pytest.approx(key["支付买家数_sum_of_days"] / key["访客数_sum"] * 100, abs=1e-4)


def test_ad_spend_is_the_promotion_figure_and_roi_uses_it(data):
    values = data.compute(YEAR, {"promo-spend", "promo-roi", "ad-spend"}).values
    assert cents(values["ad-spend"]) == cents(values["promo-spend"]) == KEY["totals"]["promo_cents"]
    assert values["promo-roi"] == pytest.approx(KEY["totals"]["roi_gmv"], abs=1e-4)


@pytest.mark.parametrize("channel", ["天猫", "京东", "拼多多", "抖音", "唯品会"])
def test_each_channel_against_the_sum_of_its_monthly_targets(data, channel):
    expected = KEY["by_channel"][channel]
    result = data.compute(YEAR.__class__(YEAR.start, YEAR.end, channel=channel), {"gmv", "promo-spend"})
    assert cents(result.values["gmv"]) == expected["gmv_cents"]
    assert cents(result.values["promo-spend"]) == expected["promo_cents"]
    assert result.values["gmv"] / result.targets["gmv"] == pytest.approx(expected["completion_vs_monthly_targets"], abs=1e-6)


def test_one_month_of_one_channel_has_its_target_and_last_year(data):
    expected = KEY["by_month_channel"]["2025-01"]["天猫"]
    result = data.compute(Scope(dt.date(2025, 1, 1), dt.date(2025, 1, 31), channel="天猫"), {"gmv"})
    assert cents(result.values["gmv"]) == expected["gmv_cents"]
    assert cents(result.targets["gmv"]) == expected["target_cents"]
    assert cents(result.last_year["gmv"]) == expected["last_year_cents"]


@pytest.mark.parametrize("campaign", ["618", "双十一"])
def test_campaigns_take_their_days_from_the_targets_file(data, campaign):
    expected = KEY["campaigns"][campaign]
    window = data.campaign_window(campaign)
    assert [day.isoformat() for day in window] == expected["window"]
    whole = data.compute(Scope(*window, campaign=campaign), {"gmv", "paid-orders", "promo-spend", "promo-roi"})
    assert cents(whole.values["gmv"]) == expected["total"]["gmv_cents"]
    assert whole.values["paid-orders"] == expected["total"]["paid_orders"]
    assert cents(whole.values["promo-spend"]) == expected["total"]["promo_cents"]
    assert whole.values["gmv"] / whole.targets["gmv"] == pytest.approx(expected["completion_total"], abs=1e-6)
    assert whole.targets["paid-orders"] == sum(t["orders_target"] for t in expected["targets"].values())
    assert "promo-roi" not in whole.targets  # the channels' ROI targets do not add up to one
    for channel, completion in expected["completion"].items():
        one = data.compute(Scope(*window, channel=channel, campaign=campaign), {"gmv", "promo-spend"})
        assert cents(one.values["gmv"]) == expected["by_channel"][channel]["gmv_cents"]
        assert one.values["gmv"] / one.targets["gmv"] == pytest.approx(completion, abs=1e-6)
        assert cents(one.targets["promo-spend"]) == expected["targets"][channel]["budget_cents"]


def test_campaign_sku_targets(data):
    expected = KEY["campaigns"]["618"]["sku_targets"]
    window = data.campaign_window("618")
    for sku, figures in expected.items():
        result = data.compute(Scope(*window, sku=sku, campaign="618"), {"gmv", "units"})
        assert (result.values["units"], result.targets["units"]) == (figures["units_actual"], figures["units_target"])
        assert (cents(result.values["gmv"]), cents(result.targets["gmv"])) == (figures["gmv_actual_cents"], figures["target_cents"])


def test_item_daily_sales_equal_the_shop_total():
    catalogue = catalogues.load()
    table = read(DATA / "gbk" / "sycm_item_daily.csv", catalogue)
    assert (table.kind, table.rows) == ("items", KEY["files"]["sycm_item_daily"]["rows"])
    values = Data([table], catalogue).compute(YEAR, {"item-sales"}).values
    assert cents(values["item-sales"]) == KEY["sycm_tmall"]["item_daily_支付金额_cents"]


def test_every_sheet_of_a_targets_workbook_is_read():
    tables = read_all(DATA / "utf8" / "targets.xlsx", catalogues.load())
    assert [table.path.name for table in tables] == [f"targets.xlsx#{sheet}" for sheet in KEY["files"]["targets_xlsx"]["sheets"]]
    assert {table.kind for table in tables} == {"targets"} and len({table.sha256 for table in tables}) == 4


def test_ratio_columns_are_recognised_and_not_read():
    table = read(DATA / "utf8" / "sycm_shop_daily.csv", catalogues.load())
    assert table.kind == "shop" and "支付转化率" in table.derived and "客单价" in table.derived
    assert "支付转化率" not in table.mapping and "支付转化率" not in table.unknown


def test_growth_comes_from_last_years_value_in_the_targets_file(tmp_path):
    workbook = tmp_path / "review.toml"
    run("new", workbook, "--checklist", "annual-review", "--period", "2025-01-01..2025-12-31")
    result = run("import", workbook, utf8("orders.csv"), utf8("targets_annual.csv"))
    assert result.exit_code == 0, result.output
    book = Workbook.load(workbook)
    assert book.target_row("goals", "targets", "growth").actual == pytest.approx(KEY["totals"]["growth_vs_last_year"] * 100, abs=1e-2)
    # no data for market share: its target and last year come from the file, the actual is typed
    assert target_actual(book.target_row("goals", "targets", "market-share")) == (0.8, None)
    assert book.target_row("goals", "targets", "market-share").last_year == 0.65


def test_annual_review_campaign_rows_fill_from_campaign_targets(tmp_path):
    workbook = tmp_path / "review.toml"
    run("new", workbook, "--checklist", "annual-review", "--period", "2025-01-01..2025-12-31")
    result = run("import", workbook, utf8("orders.csv"), utf8("ad_spend_daily.csv"), utf8("targets_campaign.csv"))
    assert result.exit_code == 0, result.output
    book = Workbook.load(workbook)
    expected = KEY["campaigns"]["双十一"]
    target, actual = target_actual(book.target_row("timeline", "campaigns", "double-11-sales"))
    assert cents(actual) == expected["total"]["gmv_cents"]
    assert cents(target) == sum(t["target_cents"] for t in expected["targets"].values())
    assert book.target_row("timeline", "campaigns", "double-11-spend").sources() == {
        "target": ["targets_campaign.csv"], "actual": ["ad_spend_daily.csv"]}


def test_a_campaign_without_a_targets_file_takes_its_days_from_the_promotion_calendar(tmp_path):
    workbook = tmp_path / "review.toml"
    run("new", workbook, "--checklist", "annual-review", "--period", "2025-01-01..2025-12-31")
    result = run("import", workbook, utf8("orders.csv"))
    assert result.exit_code == 0 and "活动没有起止日期" not in result.output
    actual = Workbook.load(workbook).target_row("timeline", "campaigns", "618-sales").actual
    assert cents(actual) == KEY["campaigns"]["618"]["total"]["gmv_cents"]  # the calendar's 05-20..06-18


def test_excel_percentages_are_read_as_percent(tmp_path):
    workbook = tmp_path / "review.toml"
    run("new", workbook, "--checklist", "annual-review", "--period", "2025-01-01..2025-12-31")
    result = run("import", workbook, DATA / "utf8" / "targets.xlsx")
    assert result.exit_code == 0, result.output
    assert "targets.xlsx#年度目标: 市场占有率 0.0065 → 0.65%" in result.output
    book = Workbook.load(workbook)
    assert book.target_row("goals", "targets", "market-share").target == 0.8  # written "0.80%" in its cell
    assert book.target_row("goals", "targets", "market-share").last_year == 0.65  # a number shown as 0.65%
    assert book.target_row("goals", "targets", "staff-turnover").last_year == 15
    assert book.target_row("goals", "targets", "sales").target == 6190000
    monthly = Data(read_all(DATA / "utf8" / "targets.xlsx", catalogues.load()), catalogues.load())
    january = monthly.compute(Scope(dt.date(2025, 1, 1), dt.date(2025, 1, 31), channel="天猫"), {"conversion"})
    assert january.targets["conversion"] == pytest.approx(2.69)


def test_last_year_comes_from_the_data_when_it_covers_the_whole_period_a_year_before(tmp_path):
    workbook = tmp_path / "review.toml"
    run("new", workbook, "--checklist", "annual-review", "--period", "2025-01-01..2025-12-31")
    orders = tmp_path / "two-years.csv"
    orders.write_text("订单编号,订单付款时间,买家实付金额,平台\n"
                      "1,2024-01-01 09:00:00,100,天猫\n2,2024-12-31 23:00:00,300,京东\n"
                      "3,2025-06-18 20:00:00,500,天猫\n", encoding="utf-8")
    assert run("import", workbook, orders).exit_code == 0
    book = Workbook.load(workbook)
    assert book.target_row("goals", "targets", "sales").last_year == 400
    assert book.target_row("goals", "targets", "growth").actual == 25  # 500 / 400 − 1, from the data alone
    assert book.target_row("goals", "channels", "tmall").last_year == 100
    partial = tmp_path / "part-of-2024.csv"  # a year before that the data covers only in part: no comparison
    partial.write_text("订单编号,订单付款时间,买家实付金额\n1,2024-06-01 09:00:00,100\n2,2025-06-18 20:00:00,500\n",
                       encoding="utf-8")
    fresh = tmp_path / "fresh.toml"
    run("new", fresh, "--checklist", "annual-review", "--period", "2025-01-01..2025-12-31")
    run("import", fresh, partial)
    assert Workbook.load(fresh).target_row("goals", "targets", "sales").last_year is None


def test_the_product_master_gives_the_units_bought_in():
    table = read(DATA / "utf8" / "products.csv", catalogues.load())
    assert (table.kind, table.rows) == ("products", KEY["files"]["products"]["rows"])
    values = Data([table], catalogues.load()).compute(YEAR, {"stock-bought"}).values
    assert values["stock-bought"] == sum(season["units_purchased"] for season in KEY["products"]["季节"].values())


async def test_the_import_screen_reads_excel_workbooks_sheet_by_sheet(tmp_path):
    from textual.widgets import Button

    from retro_tui.ui.app import RetroApp

    workbook = tmp_path / "review.toml"
    run("new", workbook, "--checklist", "annual-review", "--period", "2025-01-01..2025-12-31")
    app = RetroApp(workbook=Workbook.load(workbook, for_editing=True), lang="en")
    async with app.run_test(size=(140, 45)) as pilot:
        await open_import(pilot)
        for name in ("orders.xlsx", "targets.xlsx", "ad_spend_daily.xlsx"):
            await submit(pilot, "#import-path", str(DATA / "utf8" / name))
        assert len(app.screen.tables) == 6 and not app.screen.query_one("#apply", Button).disabled
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    book = Workbook.load(workbook)
    assert target_actual(book.target_row("goals", "targets", "sales")) == (6190000, 6470283.44)
    assert book.target_row("goals", "targets", "sales").last_year == 5910126.37
    expected = KEY["by_channel"]["京东"]
    target, actual = target_actual(book.target_row("goals", "channels", "jd"))
    assert cents(actual) == expected["gmv_cents"] and actual / target == pytest.approx(expected["completion_vs_monthly_targets"], abs=1e-6)
    assert cents(book.target_row("timeline", "campaigns", "618-spend").actual) == KEY["campaigns"]["618"]["total"]["promo_cents"]
