"""Checks before export: never blocking, each a sentence the room can act on."""

from __future__ import annotations

import datetime as dt

from helpers import one_section, run, target_actual

from retro_tui.checklist import find
from retro_tui.conclusions import conclusion_checks
from retro_tui.workbook import Workbook


def test_each_check_is_raised_and_settled(tmp_path):
    path = tmp_path / "review.toml"
    book = Workbook.new_file(path, find("annual-review"), period=(dt.date(2025, 1, 1), dt.date(2025, 12, 31)), language="zh")
    assert conclusion_checks(book, "zh") == []  # an empty review has nothing to settle yet
    book.add_record("optimization", "actions", {"what": "客服话术整理成册"})
    book.add_record("process-issues", "issues", {"issue": "618 仓库爆仓，发货延迟", "status": "unresolved"})
    book.add_record("process-issues", "issues", {"issue": "主图被投诉侵权", "status": "solved"})
    book.set_target("goals", "targets", "new-customers", "target", 9980)
    book.set_target("goals", "targets", "new-customers", "actual", 9019)
    book.set_target("goals", "targets", "promo-roi", "actual", 3.69)
    assert conclusion_checks(book, "zh") == [
        "“新客户数”没达成，但原因分析里没有写它的原因",
        "年度目标与实际：“推广ROI”有实际值但没有目标",
        "未解决的问题“618 仓库爆仓，发货延迟”在行动计划里没有对应的行动",
        "行动计划第 1 行“客服话术整理成册”没有填负责人、截止日期",
    ]
    book.add_record("goals", "causes", {"cause": "新客礼没有跟上", "effect": "新客户数、推广ROI"})
    book.set_target("goals", "targets", "promo-roi", "target", 6)
    book.set_cell("optimization", "actions", 0, "owner", "周航")
    book.set_cell("optimization", "actions", 0, "due", dt.date(2026, 3, 1))
    book.set_cell("optimization", "actions", 0, "issue", "618 仓库爆仓")
    assert conclusion_checks(book, "en") == []


def test_export_lists_the_checks_on_stderr_and_writes_the_report(tmp_path):
    path = tmp_path / "review.toml"
    book = Workbook.new_file(path, find("annual-review"), period=(dt.date(2025, 1, 1), dt.date(2025, 12, 31)), language="zh")
    book.add_record("optimization", "actions", {"what": "Size chart on every page", "owner": "Chen"})
    book.save()
    result = run("export", str(path))
    assert result.exit_code == 0
    assert "Size chart on every page" in result.stdout and "没有填截止日期" not in result.stdout
    assert "行动计划第 1 行“Size chart on every page”没有填截止日期" in result.stderr


def figures(checklist_id: str) -> dict[str, object]:
    """Every targets row, number item and number column of a shipped checklist, by id."""
    from retro_tui.checklist import NumberItem, RecordsItem, TargetsItem

    found: dict[str, object] = {}
    for section in find(checklist_id).sections:
        for item in section.items:
            if isinstance(item, TargetsItem):
                found |= {f"{item.id}.{row.id}": row for row in item.rows}
            elif isinstance(item, NumberItem):
                found[item.id] = item
            elif isinstance(item, RecordsItem):
                found |= {f"{item.id}.{column.id}": column for column in item.columns if column.kind == "number"}
    return found


def test_a_figure_is_never_negative_by_its_unit_then_its_metric():
    from retro_tui.signs import never_negative

    annual, campaign, product = figures("annual-review"), figures("campaign-review"), figures("product-review")
    never = {"targets.sales", "targets.returning-customers", "targets.new-customers", "targets.market-share",
             "targets.staff-turnover", "targets.promo-roi", "costs.wages", "channel-returns.tmall-spend",
             "next-sales-target", "events.sales", "events.spend", "events.roi"}
    may = {"targets.growth", "targets.operating-profit", "targets.net-sales", "output.gross-margin", "issues.votes"}
    assert {name for name in never | may if never_negative(annual[name])} == never
    assert never_negative(campaign["core-metrics.rank"]) and never_negative(campaign["core-metrics.competitor-sales"])
    assert never_negative(campaign["overall-targets.refund-rate"]) is False  # refunds may be written below zero
    assert never_negative(product["stock-left"]) and never_negative(product["totals.units-sold"])
    assert not never_negative(product["totals.margin"]) and not never_negative(product["slow-sellers.stock"])


def test_the_catalogue_says_which_metrics_may_be_below_zero():
    from retro_tui.metrics.catalogue import load

    catalogue = load()
    assert {m for m in ("gmv", "refunds", "net-sales", "refund-rate", "operating-profit", "sales-growth", "promo-spend",
                        "promo-roi", "paid-orders", "total-cost", "conversion", "market-share")
            if catalogue.signed(m)} == {"refunds", "net-sales", "refund-rate", "operating-profit", "sales-growth"}


def test_a_negative_figure_that_cannot_be_is_kept_and_said_before_the_report_goes_out(tmp_path):
    from retro_tui.conclusions import sign_checks

    path = tmp_path / "review.toml"
    book = Workbook.new_file(path, find("annual-review"), period=(dt.date(2025, 1, 1), dt.date(2025, 12, 31)), language="zh")
    book.set_target("goals", "targets", "sales", "target", -5000)
    book.set_target("goals", "targets", "sales", "actual", 6470283.44)
    book.set_target("goals", "targets", "returning-customers", "last_year", -12)
    book.set_target("goals", "targets", "operating-profit", "target", -200000)  # a planned loss
    book.set_target("goals", "targets", "growth", "actual", -3.5)  # a year of decline
    book.set_value("optimization", "next-sales-target", -1.5)
    book.add_record("timeline", "events", {"event": "年货节", "sales": -300})
    book.add_record("process-issues", "issues", {"issue": "差评", "votes": -1})  # a table's own column: not judged
    assert sign_checks(book, "zh") == [
        "年度目标与实际 · 销售额 · 目标：-5,000 小于 0，而这一项不会是负数；已照填保存，请核对正负号",
        "年度目标与实际 · 老客户数 · 去年同期：-12 小于 0，而这一项不会是负数；已照填保存，请核对正负号",
        "全年节点 · 销售额 · 年货节：-300 小于 0，而这一项不会是负数；已照填保存，请核对正负号",
        "明年销售额目标（初定）：-1.5 小于 0，而这一项不会是负数；已照填保存，请核对正负号",
    ]
    assert sign_checks(book, "en")[0] == \
        "Annual targets vs actuals · Sales · Target: -5,000 is below 0, which it cannot be; kept as typed — check the sign"
    book.save()
    result = run("export", str(path))
    assert result.exit_code == 0 and "  - 年度目标与实际 · 销售额 · 目标：-5,000 小于 0" in result.stderr
    assert target_actual(Workbook.load(path).target_row("goals", "targets", "sales")) == (-5000, 6470283.44)  # kept


def test_a_negative_target_imported_from_a_targets_file_is_said_by_the_checks(tmp_path):
    path = tmp_path / "review.toml"
    Workbook.new_file(path, find("annual-review"), period=(dt.date(2025, 1, 1), dt.date(2025, 12, 31)), language="zh")
    targets = tmp_path / "targets.csv"
    targets.write_text("指标,目标值\n销售额,-6190000\n营业利润,-50000\n", encoding="utf-8")
    result = run("import", str(path), str(targets))
    assert result.exit_code == 0, result.output
    checks = conclusion_checks(Workbook.load(path), "zh")
    assert "年度目标与实际 · 销售额 · 目标：-6,190,000 小于 0，而这一项不会是负数；已照填保存，请核对正负号" in checks
    assert not any("营业利润" in check for check in checks)


def test_a_negative_refund_is_no_news():

    from retro_tui.checklist import parse
    from retro_tui.signs import negative_note

    checklist = parse(one_section("""
      - id: money
        kind: targets
        label: 钱
        rows:
          - {id: refunds, label: 退款, unit: 元, metric: refunds}
          - {id: spend, label: 推广费, unit: 元, metric: promo-spend}
"""), "t.yaml")
    refunds, spend = checklist.section("s").item("money").rows
    assert negative_note(refunds, -12, "退款 · 实际", "en") is None
    assert negative_note(spend, -12, "Spend · Actual", "en") == "Spend · Actual: -12 is below 0, which it cannot be; kept as typed — check the sign"
    assert negative_note(spend, 0, "Spend · Actual", "en") is None and negative_note(spend, None, "Spend · Actual", "en") is None
