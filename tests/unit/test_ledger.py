"""The cost ledger: budget vs spend per line, each line's share, a total, and the spend's share of turnover."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import KEY, one_section

from retro_tui.checklist import ChecklistError, find, parse
from retro_tui.export.markdown import export
from retro_tui.ledger import total_texts, totals
from retro_tui.workbook import Workbook

ANNUAL = find("annual-review")
SECTION = ANNUAL.section("input-output")
COSTS = SECTION.item("costs")
SPEND = {"wages": (560000, 595291), "product-cost": (2304300, 2131016.91), "commission": (336000, 352452.4),
         "promotion": (1814700, 1753719.22), "logistics": (120000, 111098.7), "after-sales": (25000, 18999)}


@pytest.fixture
def book(tmp_path) -> Workbook:
    book = Workbook.new_file(tmp_path / "r.toml", ANNUAL, period=(dt.date(2025, 1, 1), dt.date(2025, 12, 31)), language="zh")
    for line, (budget, spend) in SPEND.items():
        book.set_target("input-output", "costs", line, "target", budget)
        book.set_target("input-output", "costs", line, "actual", spend)
    book.set_target("input-output", "output", "turnover", "actual", 6470283.44)
    return book


def test_shares_add_up_to_the_whole_and_the_total_is_direction_aware(book):
    result = totals(book, SECTION, COSTS)
    spent = sum(spend for _, spend in SPEND.values())
    assert result.actual == pytest.approx(spent) and result.target == sum(b for b, _ in SPEND.values())
    assert sum(result.shares.values()) == pytest.approx(1)
    assert result.shares["promotion"] == pytest.approx(1753719.22 / spent)
    assert result.cost_ratio == pytest.approx(spent / 6470283.44)
    texts = total_texts(COSTS, result, "zh")
    assert texts.status == "met"  # under budget in total, though wages and commission are over
    assert texts.label == f"合计（元） · 占营业额 {spent / 6470283.44 * 100:.1f}%"


def test_a_line_without_its_figure_leaves_no_total(book):
    book.set_target("input-output", "costs", "logistics", "actual", None)
    result = totals(book, SECTION, COSTS)
    assert result.actual is None and result.cost_ratio is None and result.target is not None
    assert set(result.shares.values()) == {None}
    assert total_texts(COSTS, result, "en").status == "pending"


def test_the_report_shows_each_share_and_the_total_row(book):
    report = export(book, "en")
    table = report.split("### Costs: budget vs spend", 1)[1].split("\n\n")[1].splitlines()
    assert table[0].endswith("| Status | Share |") and table[1] == "|---|--:|--:|--:|--:|---|--:|"
    assert table[3].startswith("| Product cost (CNY) | 2,304,300.00 | 2,131,016.91 |") and table[3].endswith("| ✅ met | 42.9% |")
    assert table[-1].startswith("| **Total (CNY) · 76.7% of sales** | 5,160,000.00 | 4,962,577.23 | -197,422.77 |")


def test_revenue_must_name_a_targets_row_of_the_section():
    text = one_section("""
      - {id: out, kind: targets, label: O, rows: [{id: sales, label: Sales}]}
      - {id: costs, kind: ledger, label: C, revenue: out.sales, rows: [{id: ads, label: Ads, direction: lower}]}
""")
    assert parse(text).section("s").item("costs").revenue == "out.sales"
    with pytest.raises(ChecklistError, match="'out.nope' is not ITEM.ROW of a targets table"):
        parse(text.replace("revenue: out.sales", "revenue: out.nope"))


def test_each_channel_s_spend_and_roi_in_the_demo_match_the_answer_key(installed_demo):

    key = KEY
    book = Workbook.load(installed_demo)
    rows = {row.id: row for row in SECTION.item("channel-returns").rows}
    for prefix, channel in [("tmall", "天猫"), ("jd", "京东"), ("pdd", "拼多多"), ("douyin", "抖音"), ("vip", "唯品会")]:
        figures = key["by_channel"][channel]
        assert rows[f"{prefix}-spend"].channel == channel
        spend = book.target_row("input-output", "channel-returns", f"{prefix}-spend").actual
        roi = book.target_row("input-output", "channel-returns", f"{prefix}-roi").actual
        assert round(spend * 100) == figures["promo_cents"]
        assert roi == pytest.approx(figures["roi_gmv"], abs=1e-4)


def test_each_cost_line_month_by_month_matches_the_answer_key_and_the_report_shows_it(installed_demo):

    from retro_tui.ledger import by_month, month_total

    key = KEY
    book = Workbook.load(installed_demo)
    months = by_month(book, SECTION, COSTS)
    assert list(months) == [f"2025-{m:02d}" for m in range(1, 13)]
    names = {row.id: row.label.zh for row in COSTS.rows}
    for month, figures in key["costs"]["by_month"].items():
        assert {line: round(value * 100) for line, value in months[month].items()} == {
            line: figures[name] for line, name in names.items()}
        assert round(month_total(COSTS, months[month]) * 100) == figures["合计"]
    assert book.target_row("input-output", "costs", "wages").sources()["monthly"] == ["costs.csv"]
    report = export(book, "zh")
    table = report.split("**成本：预算与实际花费（按月）**\n\n", 1)[1].split("\n\n")[0].splitlines()
    assert table[0] == "| 月份 | 人力工资 | 商品成本 | 平台佣金 | 推广费用 | 物流费用 | 售后费用 | 合计 |"
    assert table[2] == "| 2025-01 | 95,617.00 | 78,350.81 | 14,998.74 | 116,494.84 | 3,348.40 | 531.00 | 309,340.79 |"
    assert len(table) == 14


def test_a_month_by_month_line_must_hold_numbers(installed_demo, tmp_path):
    from retro_tui.workbook import WorkbookError

    path = tmp_path / "r.toml"
    path.write_text(installed_demo.read_text(encoding="utf-8").replace("2025-01 = 95617", '2025-01 = "95617"', 1), encoding="utf-8")
    with pytest.raises(WorkbookError, match="wages.monthly: expected a table of month = number"):
        Workbook.load(path)
