"""Checks before export: never blocking, each a sentence the room can act on."""

from __future__ import annotations

import datetime as dt

from click.testing import CliRunner

from retro_tui.checklist import find
from retro_tui.cli import cli
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
    result = CliRunner().invoke(cli, ["export", str(path)], catch_exceptions=False)
    assert result.exit_code == 0
    assert "Size chart on every page" in result.stdout and "没有填截止日期" not in result.stdout
    assert "行动计划第 1 行“Size chart on every page”没有填截止日期" in result.stderr
