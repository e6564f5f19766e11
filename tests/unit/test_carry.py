"""A review carried into the next: open actions and unresolved issues come back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers import run, target_actual, toasts

from retro_tui.checklist import ChecklistError, find, parse
from retro_tui.demo import DATA
from retro_tui.export.markdown import export
from retro_tui.workbook import Workbook

LAST_YEAR = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))


@pytest.fixture
def last_review(tmp_path) -> Path:
    path = tmp_path / "2024.toml"
    book = Workbook.new_file(path, find("annual-review"), period=LAST_YEAR, language="zh")
    for what, status in [("618 前两周备货到 120%", "doing"), ("春节停运期间关掉推广", "done"),
                         ("客服话术整理成册", None), ("抖音直播周更", "dropped")]:
        book.add_record("optimization", "actions", {"what": what, "owner": "周航", "status": status,
                                                    "metric": "推广ROI", "expected": "≥ 4"})
    book.add_record("process-issues", "issues", {"issue": "618 仓库爆仓，发货延迟", "status": "unresolved", "cause": "subjective"})
    book.add_record("process-issues", "issues", {"issue": "主图被投诉侵权", "status": "solved"})
    book.set_target("goals", "targets", "sales", "actual", 5910126.37, ["orders.csv"])
    book.set_target("goals", "targets", "sales", "target", 5500000)
    book.save()
    return path


def test_open_actions_and_unresolved_issues_come_back_marked(last_review, tmp_path):
    path = tmp_path / "2025.toml"
    result = run("new", path, "--checklist", "annual-review", "--period", "2025-01-01..2025-12-31", "--from", last_review)
    assert result.exit_code == 0, result.output
    assert "从 2024.toml 带入 2 行仍未完成的 optimization.actions" in result.output
    assert "从 2024.toml 带入 1 行仍未完成的 process-issues.issues" in result.output
    book = Workbook.load(path)
    actions = book.records("optimization", "actions")
    assert [(a["what"], a.get("status"), a["carried"]) for a in actions] == [
        ("618 前两周备货到 120%", "doing", "last-review"), ("客服话术整理成册", None, "last-review")]
    assert actions[0]["metric"] == "推广ROI" and actions[0]["expected"] == "≥ 4"
    issues = book.records("process-issues", "issues")
    assert [(i["issue"], i["status"], i["recurring"]) for i in issues] == [("618 仓库爆仓，发货延迟", "unresolved", "yes")]
    assert book.target_row("goals", "targets", "sales").last_year == 5910126.37  # last review's actual, to compare with
    assert book.target_row("goals", "targets", "sales").sources() == {"last_year": ["2024.toml"]}
    assert target_actual(book.target_row("goals", "targets", "sales")) == (None, None)
    assert "goals.targets：1 行以 2024.toml 的实际值作为去年同期" in result.output
    report = export(book, "zh")
    assert "| 618 前两周备货到 120% |" in report and "上次复盘" in report and "反复出现" in report


def test_a_previous_review_that_cannot_be_read_creates_nothing(tmp_path):
    broken = tmp_path / "2024.toml"
    broken.write_text("schema = 1\n[workbook\n", encoding="utf-8")
    path = tmp_path / "2025.toml"
    result = run("new", path, "--checklist", "annual-review", "--from", broken)
    assert result.exit_code == 1 and "2024.toml:2" in result.output
    assert not path.exists()


def test_a_carry_must_name_the_table_s_own_choice_columns():
    text = """
id: t
version: 1
title: {zh: 测试, en: Test}
description: {zh: 测试, en: Test}
sections:
  - id: s
    title: {zh: 节, en: Section}
    guide: {zh: 引导, en: Guide}
    items:
      - id: actions
        kind: records
        label: {zh: 行动, en: Actions}
        carry: {status: state}
        columns:
          - {id: what, label: {zh: 行动, en: Action}}
"""
    with pytest.raises(ChecklistError, match=r"carry.status: 'state' is not a choice column"):
        parse(text, "t.yaml")


async def test_a_carried_action_s_status_is_updated_in_the_app(last_review, tmp_path):
    from retro_tui.ui.app import RetroApp

    path = tmp_path / "2025.toml"
    run("new", path, "--checklist", "annual-review", "--period", "2025-01-01..2025-12-31", "--from", last_review)
    app = RetroApp(workbook=Workbook.load(path, for_editing=True), lang="zh")
    said = toasts(app)
    async with app.run_test(size=(140, 45)) as pilot:
        for _ in range(4):
            await pilot.press("f8")
        await pilot.pause()
        grid = app.screen.query_one("#item-actions")
        grid.table.focus()
        status = [c.id for c in grid.item.columns].index("status")
        grid.table.move_cursor(row=0, column=status)
        await pilot.press("space")  # doing → done
        await pilot.pause()
        await pilot.press("f2", "f2")  # the language switched twice: what was said on opening is not said again
        await pilot.pause()
        reminder = [toast.message for toast in said if toast.title == "上次复盘交来的事"]
        assert reminder == ["还没关闭：过程问题 · 问题清单 1 条、优化方向 · 行动计划 2 条。先逐条更新它们的进展。"]
    assert Workbook.load(path).records("optimization", "actions")[0]["status"] == "done"


def test_the_export_lists_each_action_under_the_issue_it_answers_with_its_new_status(last_review, tmp_path):
    path = tmp_path / "2025.toml"
    run("new", path, "--checklist", "annual-review", "--period", "2025-01-01..2025-12-31", "--from", last_review)
    book = Workbook.load(path, for_editing=True)
    book.set_cell("optimization", "actions", 0, "issue", "618 仓库爆仓")  # the carried action answers the carried issue
    book.set_cell("optimization", "actions", 0, "status", "done")
    book.add_record("process-issues", "issues", {"issue": "京东自营同款价格更低", "status": "unresolved"})
    book.save()
    report = export(Workbook.load(path), "zh")
    block = report[report.index("**按问题清单看行动**"):]
    assert block.startswith("**按问题清单看行动**\n\n- 618 仓库爆仓，发货延迟（未解决）\n"
                            "  - 618 前两周备货到 120%（周航，已完成）\n- 京东自营同款价格更低（未解决）\n  - 尚无行动\n")


def test_a_carried_action_shows_its_metric_now_from_this_review_s_import(last_review, tmp_path):
    path = tmp_path / "2025.toml"
    run("new", path, "--checklist", "annual-review", "--period", "2025-01-01..2025-12-31", "--from", last_review)
    book = Workbook.load(path, for_editing=True)
    book.set_cell("optimization", "actions", 0, "expected", "4")
    book.save()
    before = export(Workbook.load(path), "zh")
    assert "| 推广ROI | 4 |" in before and "现值" not in before  # nothing imported yet: no column of blanks
    data = tmp_path / "data"
    data.mkdir()
    for name in ("orders.csv", "ad_spend_daily.csv"):
        (data / name).write_bytes((DATA / name).read_bytes())
    result = run("import", path, data / "orders.csv", data / "ad_spend_daily.csv")
    assert result.exit_code == 0, result.output
    book = Workbook.load(path)
    roi = book.target_row("goals", "targets", "promo-roi").actual
    assert roi is not None and roi < 4
    assert f"| {roi:.2f} 倍 ❌ | 推广ROI | 4 |".replace(".00 倍", " 倍") in export(book, "zh")  # 现值 | 衡量指标 | 预期结果


def test_what_is_still_open_from_last_review_counts_only_carried_rows_not_closed(last_review, tmp_path):
    from retro_tui.carry import still_open

    path = tmp_path / "2025.toml"
    run("new", path, "--checklist", "annual-review", "--period", "2025-01-01..2025-12-31", "--from", last_review)
    book = Workbook.load(path, for_editing=True)
    book.add_record("optimization", "actions", {"what": "新行动", "status": "open"})  # this review's own
    assert [(item.id, n) for _, item, n in still_open(book)] == [("issues", 1), ("actions", 2)]
    book.set_cell("optimization", "actions", 0, "status", "done")
    book.set_cell("optimization", "actions", 1, "status", "dropped")
    assert [(item.id, n) for _, item, n in still_open(book)] == [("issues", 1)]


def test_a_first_review_hands_nothing_over_whatever_its_rows_say(tmp_path):
    from retro_tui.carry import still_open

    path = tmp_path / "2025.toml"
    run("new", path, "--checklist", "annual-review", "--period", "2025-01-01..2025-12-31")
    book = Workbook.load(path, for_editing=True)
    book.add_record("process-issues", "issues", {"issue": "618 仓库爆仓", "status": "unresolved", "recurring": "yes"})
    assert still_open(book) == []
