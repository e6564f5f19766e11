"""The sales-gap decomposition: visitors × conversion × AOV."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retro_tui.gap import FACTORS, decompose

positive = st.floats(min_value=0.01, max_value=1e7, allow_nan=False, allow_infinity=False)
sides = st.fixed_dictionaries({"visitors": st.integers(1, 10**7).map(float), "conversion": st.floats(0.01, 100),
                               "aov": positive})


@settings(max_examples=300, deadline=None)
@given(sides, sides)
def test_the_contributions_add_up_to_the_gap(base, actual):
    gap = decompose(base, actual)
    assert math.isclose(sum(gap.contributions.values()), gap.total, rel_tol=1e-9, abs_tol=1e-6)
    assert sum(gap.in_cents().values()) == round(gap.actual * 100) - round(gap.base * 100)  # exactly, as shown


@settings(max_examples=100, deadline=None)
@given(sides, sides, st.sampled_from(FACTORS))
def test_a_factor_that_did_not_change_contributes_nothing(base, actual, same):
    actual = {**actual, same: base[same]}
    assert decompose(base, actual).contributions[same] == 0


def test_the_tmall_january_gap_from_the_sample_targets():
    # Tmall, January 2025: visitors 9,248 × 2.69% × 607 元 planned
    gap = decompose({"visitors": 9248, "conversion": 2.69, "aov": 607}, {"visitors": 10000, "conversion": 2.5, "aov": 505.51})
    assert gap.base == pytest.approx(9248 * 0.0269 * 607)
    assert gap.contributions["visitors"] > 0 > gap.contributions["aov"] and gap.contributions["conversion"] < 0


@pytest.mark.parametrize("missing", [{"visitors": None}, {"conversion": 0}, {"aov": -5}])
def test_no_split_without_every_factor_positive(missing):
    base = {"visitors": 100, "conversion": 2, "aov": 300}
    assert decompose(base, {**base, **missing}) is None


# --- month by month, with the plan's rounding --------------------------------------------

import csv  # noqa: E402
import datetime as dt  # noqa: E402
import json  # noqa: E402
from collections import defaultdict  # noqa: E402

from helpers import DATA as TEST_DATA  # noqa: E402
from helpers import ROOT  # noqa: E402

from retro_tui.checklist import find  # noqa: E402
from retro_tui.export.markdown import export  # noqa: E402
from retro_tui.gap import LINES, PLAN, Month, actual_factors, split_months, to_answer  # noqa: E402
from retro_tui.metrics import catalogue as catalogues  # noqa: E402
from retro_tui.metrics.compute import Data, Scope  # noqa: E402
from retro_tui.metrics.importer import import_files  # noqa: E402
from retro_tui.metrics.reader import read_all  # noqa: E402
from retro_tui.workbook import Workbook  # noqa: E402

DATA = TEST_DATA / "utf8"
KEY = json.loads((DATA / "answer_key.json").read_text(encoding="utf-8"))
MONTHLY = ROOT / "retro_tui" / "demo" / "data" / "targets_monthly.csv"

money = st.integers(1, 10**11).map(lambda cents: cents / 100)
plans = st.fixed_dictionaries({"visitors": st.integers(1, 10**7).map(float), "conversion": st.floats(0.01, 100),
                               "aov": st.floats(0.01, 1e5)})  # up to 10¹² 元 a month: cents stay exact in a float
months = st.lists(st.tuples(plans, money, st.integers(1, 10**7), st.integers(1, 10**7), money), min_size=1, max_size=12)


def month(name, target, sales_target, visitors, buyers, sales):
    return Month(name, sales_target, target, actual_factors(float(max(visitors, buyers)), float(buyers), sales))


@settings(max_examples=200, deadline=None)
@given(months)
def test_the_months_and_the_plan_rounding_add_up_to_the_gap_to_the_cent(drawn):
    split = split_months([month(f"2025-{i + 1:02}", *values) for i, values in enumerate(drawn)])
    gap_cents = round(split.gap.actual * 100) - round(split.gap.base * 100)
    assert sum(split.gap.in_cents().values()) == gap_cents
    scale = sum(abs(value) for value in split.gap.contributions.values())  # what float rounding is relative to
    assert math.isclose(sum(split.gap.contributions.values()), split.gap.total, abs_tol=1e-9 * scale + 1e-6)
    planned = sum(math.prod(t[f] for f in FACTORS) / 100 - s for t, s, *_ in drawn)
    assert math.isclose(split.gap.contributions[PLAN], planned, rel_tol=1e-9, abs_tol=1e-4)
    answer = to_answer(split)  # as the workbook keeps it: 元 with two decimals
    kept = sum(round(answer.line(line).contribution * 100) for line in LINES)
    assert kept == round(answer.actual * 100) - round(answer.target * 100) == gap_cents


def test_a_month_without_every_factor_is_left_out_and_named():
    plan = {"visitors": 100.0, "conversion": 2.0, "aov": 300.0}
    split = split_months([month("2025-01", plan, 600, 120, 3, 900.0), month("2025-02", {**plan, "aov": None}, 600, 120, 3, 900.0),
                          month("2025-03", plan, 600, 0, 0, 0.0), month("2025-04", plan, None, 120, 3, 900.0)])
    assert split.months == ["2025-01"] and split.left_out == ["2025-02", "2025-03", "2025-04"]
    assert split.gap.base == 600 and split.gap.actual == pytest.approx(900)
    assert split_months([month("2025-02", {**plan, "aov": 0}, 600, 120, 3, 900.0)]) is None


def _independent_tmall_split() -> tuple[dict[str, float], float]:
    """The Tmall split worked out here from the CSV files with the csv module alone."""
    def number(text: str) -> float:
        text = text.replace(",", "")
        return float(text[:-1]) * 10_000 if text.endswith("万") else float(text)

    rows = list(csv.reader((DATA / "sycm_shop_daily.csv").open(encoding="utf-8-sig")))
    header = next(row for row in rows if row and row[0] == "统计日期")
    actual = defaultdict(lambda: [0.0, 0.0, 0.0])
    for row in rows[rows.index(header) + 1:]:
        if row and row[0][:4].isdigit():
            day = dict(zip(header, row))
            for index, column in enumerate(("访客数", "支付买家数", "支付金额")):
                actual[row[0][:7]][index] += number(day[column])
    totals, plan = defaultdict(float), 0.0
    for row in csv.DictReader(MONTHLY.open(encoding="utf-8-sig")):
        if row["渠道"] != "天猫":
            continue
        visitors, buyers, sales = actual[row["月份"]]
        target = number(row["访客数目标"]), number(row["转化率目标"].rstrip("%")) / 100, number(row["客单价目标"])
        planned = math.prod(target)
        weight = (sales - planned) / (math.log(sales) - math.log(planned))
        for factor, now, then in zip(FACTORS, (visitors, buyers / visitors, sales / buyers), target):
            totals[factor] += weight * math.log(now / then)
        plan += planned - number(row["销售额目标"])
    return totals, plan


def test_the_tmall_split_of_the_sample_year():
    catalogue = catalogues.load()
    tables = [t for path in (DATA / "sycm_shop_daily.csv", MONTHLY) for t in read_all(path, catalogue)]
    split = split_months(Data(tables, catalogue).gap_months(Scope(dt.date(2025, 1, 1), dt.date(2025, 12, 31), "天猫")))
    assert split.months == [f"2025-{m:02}" for m in range(1, 13)] and split.left_out == []
    targets = sum(month["天猫"]["target_cents"] for month in KEY["by_month_channel"].values())
    assert round(split.gap.actual * 100) == KEY["sycm_tmall"]["支付金额_cents"]
    assert round(split.gap.base * 100) == targets
    assert sum(split.gap.in_cents().values()) == KEY["sycm_tmall"]["支付金额_cents"] - targets  # +664.89
    expected, plan = _independent_tmall_split()
    for factor in FACTORS:
        assert math.copysign(1, split.gap.contributions[factor]) == math.copysign(1, expected[factor]), factor
        assert split.gap.contributions[factor] == pytest.approx(expected[factor], abs=0.01)
    assert split.gap.contributions[PLAN] == pytest.approx(plan, abs=0.005)
    assert split.actual["visitors"] == KEY["sycm_tmall"]["访客数_sum"]
    assert split.actual["conversion"] == pytest.approx(KEY["sycm_tmall"]["支付买家数_sum_of_days"] / KEY["sycm_tmall"]["访客数_sum"] * 100)


# --- the workbook, the report ------------------------------------------------------------

SHOP = """统计日期,访客数,支付买家数,支付金额
2025-01-01,500,10,"3,000.00"
2025-01-31,500,10,"3,000.00"
2025-02-01,400,12,"2,400.00"
2025-02-28,400,12,"2,400.00"
2025-03-01,300,6,"1,800.00"
2025-03-31,300,6,"1,800.00"
"""
TARGETS = """月份,渠道,销售额目标,访客数目标,转化率目标,客单价目标
2025-01,天猫,5000,1000,2.00%,260
2025-02,天猫,6000,800,2.50%,300
2025-03,天猫,4000,700,,300
"""


@pytest.fixture
def small(tmp_path) -> Workbook:
    """A first-quarter review, its shop report and targets (March has no conversion target)."""
    (tmp_path / "shop.csv").write_text(SHOP, encoding="utf-8")
    (tmp_path / "targets.csv").write_text(TARGETS, encoding="utf-8")
    book = Workbook.create(tmp_path / "q1.toml", find("annual-review"), title="2025 Q1",
                           period=(dt.date(2025, 1, 1), dt.date(2025, 3, 31)), language="zh")
    book.save()
    return book


def test_an_import_fills_the_gap_item_and_one_without_the_data_leaves_it(small, tmp_path):
    outcome = import_files(small, [tmp_path / "shop.csv", tmp_path / "targets.csv"])
    assert "goals.sales-gap" in [f.where for f in outcome.report.filled]
    small.save()
    answer = Workbook.load(small.path).gap("goals", "sales-gap")  # read back from the file
    assert answer.months == ["2025-01", "2025-02"] and answer.left_out == ["2025-03"]
    assert answer.sources == ["shop.csv", "targets.csv"]
    assert (answer.target, answer.actual) == (11000, 10800)
    assert answer.visitors.target == 1800 and answer.visitors.actual == 1800
    assert answer.visitors.contribution == 0  # as planned: no effect
    assert answer.conversion.contribution > 0 > answer.aov.contribution
    # January planned 1,000 × 2% × 260 = 5,200 against 5,000; February 800 × 2.5% × 300 = 6,000 as planned
    assert answer.plan.contribution == 200
    # January: only the order value moved (300 against 260), so it made all of 6,000 − 5,200
    # February: conversion 3% against 2.5%, order value 200 against 300; L(4,800, 6,000) = 1,200 / ln 1.25
    february = 1200 / math.log(1.25)
    assert answer.conversion.contribution == pytest.approx(february * math.log(3 / 2.5), abs=0.01)
    assert answer.aov.contribution == pytest.approx(800 + february * math.log(200 / 300), abs=0.01)
    assert sum(round(answer.line(line).contribution * 100) for line in LINES) == (10800 - 11000) * 100

    (tmp_path / "costs.csv").write_text("月份,商品成本\n2025-01,100\n", encoding="utf-8")
    import_files(small, [tmp_path / "costs.csv"])
    assert small.gap("goals", "sales-gap") == answer

    (tmp_path / "targets.csv").write_text("月份,渠道,销售额目标\n2025-01,天猫,5000\n", encoding="utf-8")
    outcome = import_files(small, [tmp_path / "targets.csv"])  # the factor targets are gone
    assert "goals.sales-gap" in outcome.report.cleared and small.value("goals", "sales-gap") is None


def test_the_report_shows_the_split_with_bars_and_one_reading(small, tmp_path):
    import_files(small, [tmp_path / "shop.csv", tmp_path / "targets.csv"])
    zh = export(small, "zh")
    table = zh.split("### 天猫销售额差距拆解：访客 × 转化率 × 客单价\n\n", 1)[1].split("\n\n")[0].splitlines()
    assert table[0] == "| 因素 | 目标 | 实际 | 贡献（元） | 影响 |"
    assert table[2].startswith("| 访客数（人） | 1,800 | 1,800 | 0.00 |")
    conversion, aov = table[3], table[4]
    assert conversion.startswith("| 转化率（%） | 2.22 | 2.44 |") and conversion.endswith(" 有利 |") and "█" in conversion
    assert aov.startswith("| 客单价（元） |") and aov.endswith(" 不利 |") and "████████████ 不利" in aov
    assert table[5].startswith("| 目标拆解差 |  |  | +200.00 |")
    assert table[6] == "| **销售额（元）** | **11,000.00** | **10,800.00** | **-200.00** |  |"
    assert "销售额比目标少 200.00 元，其中访客数 0.00、转化率 +" in zh and "拖累最大的是客单价（-" in zh
    assert "未计入（缺少因素或为零）：2025-03。" in zh
    en = export(small, "en")
    assert "| Factor | Target | Actual | Effect (CNY) | Impact |" in en
    assert "Sales came in 200.00 CNY below target: Visitors 0.00, Conversion +" in en and "Order value cost the most" in en


def test_a_hand_edited_split_without_its_contributions_is_refused_on_load(installed_demo, tmp_path):
    from retro_tui.workbook import WorkbookError

    text = installed_demo.read_text(encoding="utf-8")
    for old, new in [("plan = {contribution = 7.79}", "plan = {}"), (", contribution = -102554.2}", "}")]:
        path = tmp_path / "r.toml"
        path.write_text(text.replace(old, new), encoding="utf-8")
        with pytest.raises(WorkbookError, match=r"expected `\{ target = …, actual = …, contribution = … \}`"):
            Workbook.load(path)
