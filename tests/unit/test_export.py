"""The Markdown report: readable, complete, and impossible to break out of."""

from __future__ import annotations

import datetime as dt

import pytest

from retro_tui.checklist import find
from retro_tui.export.markdown import escape_cell, export
from retro_tui.workbook import Workbook


@pytest.fixture
def workbook(tmp_path) -> Workbook:
    book = Workbook.create(tmp_path / "r.toml", find("annual-review"), title="2025 年度复盘",
                           period=(dt.date(2025, 1, 1), dt.date(2025, 12, 31)), language="zh",
                           team="山野织物", facilitator="林悦")
    book.set_target("goals", "targets", "sales", "target", 6190000)
    book.set_target("goals", "targets", "sales", "actual", 6470283.44)
    book.set_target("goals", "targets", "staff-turnover", "target", 10)
    book.set_target("goals", "targets", "staff-turnover", "actual", 12.5)
    book.set_target("goals", "targets", "market-share", "target", 0)
    book.set_target("goals", "targets", "market-share", "actual", 0.74)
    book.set_value("goals", "highlights", "双十一 GMV 破纪录\n老客复购率 32%")
    book.add_record("process-issues", "issues", {"issue": "赠品 | 缺货\n第二行", "status": "unresolved"})
    book.set_check("timeline", "calendar", "618", True)
    return book


def table_rows(markdown: str, first_cell: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith(f"| {first_cell}")]


def test_report_has_title_meta_and_sections_in_order(workbook):
    md = export(workbook)
    assert md.startswith("# 2025 年度复盘\n")
    assert "- **周期**：2025-01-01 – 2025-12-31" in md
    assert "- **团队**：山野织物" in md and "- **主持人**：林悦" in md
    headings = [line for line in md.splitlines() if line.startswith("## ")]
    assert headings == ["## 1. 目标与偏差", "## 2. 投入产出", "## 3. 时间轴", "## 4. 过程问题", "## 5. 优化方向"]


def test_targets_table_has_computed_columns_direction_aware(workbook):
    md = export(workbook)
    assert table_rows(md, "销售额")[0] == "| 销售额（元） | 6,190,000.00 | 6,470,283.44 | +280,283.44 | 104.5% ██████████ | ✅ 达成 |"
    assert table_rows(md, "团队稳定性")[0].endswith("| 10.00 | 12.50 | +2.50 | 80.0% ████████ | ❌ 未达成 |")
    assert "— (目标≤0，不计完成率)" in table_rows(md, "市场占有率")[0]
    assert table_rows(md, "净销售额")[0].endswith("|  |  |  |  | — |")


def test_cells_cannot_break_the_table_or_inject_html(workbook):
    workbook.add_record("process-issues", "issues", {"issue": "<script>alert(1)</script>", "owner": "a\\|b"})
    md = export(workbook)
    row = table_rows(md, "赠品")[0]
    assert row.startswith("| 赠品 \\| 缺货<br>第二行 |")
    head = next(line for line in md.splitlines() if line.startswith("| 问题 |"))
    assert row.count(" | ") == head.count(" | ") == 2  # no extra cell (issue, status, owner: the columns filled)
    assert "<script>" not in md and "&lt;script&gt;" in md
    assert "a\\\\\\|b" in md  # a backslash cannot un-escape the pipe


def test_unanswered_items_are_left_out_and_empty_sections_say_so(workbook):
    md = export(workbook)
    assert "不足" not in md  # the shortfalls note was never answered
    section = md.split("## 5. 优化方向")[1]
    assert "_本节暂无内容。_" in section


def test_notes_keep_their_lines_and_checks_are_a_task_list(workbook):
    md = export(workbook)
    assert "双十一 GMV 破纪录  \n老客复购率 32%" in md
    assert "- [x] 618" in md and "- [ ] 双十一" in md


def test_english_report_from_the_same_workbook(workbook):
    md = export(workbook, "en")
    assert "## 1. Goals and gaps" in md
    assert "| Metric | Target | Actual | Variance | Completion | Status |" in md
    assert table_rows(md, "Sales")[0].endswith("| 6,190,000.00 | 6,470,283.44 | +280,283.44 | 104.5% ██████████ | ✅ met |")
    assert "| Unresolved |" in md
    assert "本节" not in md and "目标" not in md.split("## 1.")[1].split("### ")[1].splitlines()[0]


def test_escape_cell():
    assert escape_cell("a|b") == "a\\|b"
    assert escape_cell("x\r\ny") == "x<br>y"
    assert escape_cell("<b>") == "&lt;b&gt;"


def test_a_note_cannot_make_headings_rules_code_or_links_but_keeps_lists(workbook):
    note = "- 第一条\n1. 第二条\n```\n# 不是标题\n---\n===\n    缩进\n[链接](javascript:alert(1)) ![图](http://x/y.png)"
    workbook.set_value("goals", "shortfalls", note)
    section = export(workbook).split("**不足", 1)[1].split("\n\n", 2)[1]
    lines = section.splitlines()
    assert lines[0] == "- 第一条  " and lines[1] == "1. 第二条  "
    assert lines[2] == "\\`\\`\\`  " and lines[3] == "\\# 不是标题  "
    assert lines[4] == "\\---  " and lines[5] == "\\===  " and lines[6] == "缩进  "
    assert "\\[链接\\](javascript" in lines[7] and "!\\[图\\]" in lines[7]


def test_a_column_no_row_fills_is_left_out_of_the_report(workbook):
    workbook.add_record("process-issues", "issues", {"issue": "发货慢", "votes": 3})
    md = export(workbook, "en")
    head = next(line for line in md.splitlines() if line.startswith("| Problem |"))
    assert head.split(" | ")[1:] == ["Votes", "Status |"]  # filled somewhere
    assert "Controllable" not in head and "Recurring" not in head


def test_the_report_opens_with_the_summary_a_manager_reads_first(workbook):
    workbook.set_value("optimization", "summary", "GMV 超目标 4.5%，利润只完成 83.9%。")
    workbook.set_value("goals", "overall", "missed")
    for lang, heading, verdict in (("zh", "## 摘要", "**总体完成情况**：未达成"), ("en", "## Summary", "**Overall result**: Missed")):
        md = export(workbook, lang)
        sections = md.split("\n## ")
        assert sections[1].startswith(heading[3:]) and sections[2].startswith("1. ")  # before the first section
        assert verdict in sections[1] and "GMV 超目标 4.5%，利润只完成 83.9%。" in sections[1]
        assert md.count("GMV 超目标 4.5%") == 1 and md.count(verdict) == 1  # not again in their sections
    workbook.set_value("optimization", "summary", None)
    workbook.set_value("goals", "overall", None)
    assert "## 摘要" not in export(workbook, "zh")  # nothing to lead with: no empty heading
