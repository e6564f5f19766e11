"""The metric an action should move, tied to a targets row: its value now beside the value expected."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import one_section

from retro_tui.checklist import ChecklistError, find, parse
from retro_tui.export.markdown import export
from retro_tui.metric_refs import find_row, normalise, now_text, step
from retro_tui.workbook import Workbook

ANNUAL = find("annual-review")


@pytest.fixture
def book(tmp_path) -> Workbook:
    return Workbook.new_file(tmp_path / "r.toml", ANNUAL, period=(dt.date(2025, 1, 1), dt.date(2025, 12, 31)), language="zh")


@pytest.mark.parametrize("typed, row", [
    ("新客户数", "new-customers"), ("New customers", "new-customers"), ("  new-customers ", "new-customers"),
    ("team stability: key staff turnover", "staff-turnover"),
    ("618 roi", "618-roi"),
])
def test_a_metric_names_a_row_by_its_label_in_either_language_or_its_id(typed, row):
    assert find_row(ANNUAL, typed).row.id == row


@pytest.mark.parametrize("typed", ["销售", "流失率", "新客", "", None, "抖音新客数", "客户数"])
def test_text_naming_no_row_or_several_names_none(typed):
    assert find_row(ANNUAL, typed) is None


def test_typed_text_is_stored_as_the_row_s_label_in_the_workbook_language():
    assert normalise(ANNUAL, " staff-turnover ", "zh") == "团队稳定性：核心员工流失率"
    assert normalise(ANNUAL, " 流失率 ", "zh") == "流失率"  # a part of a label is not a name: kept as typed
    assert normalise(ANNUAL, "新客户数", "en") == "New customers"
    assert normalise(ANNUAL, " 客服响应时长 ", "zh") == "客服响应时长"


def test_space_steps_through_every_targets_row_then_back_to_empty_but_never_over_typed_words():
    labels = [step(ANNUAL, None, "zh")]
    while following := step(ANNUAL, labels[-1], "zh"):
        labels.append(following)
        assert len(labels) < 100
    assert labels[0] == "销售额" and "618 ROI" in labels and len(labels) == len(set(labels))
    assert step(ANNUAL, labels[-1], "zh") == "" and step(ANNUAL, "", "zh") == "销售额"
    assert step(ANNUAL, "目标之间是否一致", "zh") is None


def test_now_is_the_row_s_actual_marked_against_a_number_expected_direction_aware(book):
    assert now_text(book, "新客户数", "10,500", "zh") == ""  # nothing imported yet
    book.set_target("goals", "targets", "new-customers", "actual", 9019)
    assert now_text(book, "新客户数", "10,500", "zh") == "9,019 人 ❌"
    assert now_text(book, "New customers", "9000", "en") == "9,019 people ✅"
    assert now_text(book, "新客户数", "全年新客过万", "zh") == "9,019 人"  # a sentence: nothing to judge
    book.set_target("goals", "targets", "staff-turnover", "actual", 12.5)
    assert now_text(book, "staff-turnover", "15%", "zh") == "12.50% ✅"  # lower is better
    assert now_text(book, "团队稳定性：核心员工流失率", "10%", "zh") == "12.50% ❌"
    assert now_text(book, "流失率", "10%", "zh") == ""
    assert now_text(book, "客服响应时长", "30", "zh") == ""


def test_the_report_shows_now_beside_its_metric_and_expected(book):
    book.set_target("goals", "targets", "new-customers", "actual", 9019)
    book.add_record("optimization", "actions", {"what": "新客首单礼", "metric": "新客户数", "expected": "10500"})
    report = export(book, "en")
    assert "| Now | Metric | Expected |" in report  # the room's columns first, then what Now is of
    assert "| 9,019 people ❌ | New customers | 10500 |" in report


def test_a_now_column_must_show_a_metric_column_of_its_table():
    text = one_section("""
      - id: actions
        kind: records
        label: A
        columns:
          - {id: what, label: What}
          - {id: now, label: Now, kind: now, of: what}
""")
    with pytest.raises(ChecklistError, match="a `now` column needs `of`: a metric column"):
        parse(text, "t.yaml")
    with pytest.raises(ChecklistError, match="'nope' is not a column"):
        parse(text.replace("kind: now, of: what", "kind: now, of: what2, against: nope").replace(
            "{id: what, label: What}", "{id: what2, label: What, kind: metric}"), "t.yaml")
