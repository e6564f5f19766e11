"""The TOML workbook: edited in place, saved atomically, refused loudly when broken."""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest
from helpers import MINIMAL, target_actual

from retro_tui.checklist import find
from retro_tui.dates import parse_date, parse_period
from retro_tui.workbook import Workbook, WorkbookError

PERIOD = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


@pytest.fixture
def workbook(tmp_path) -> Workbook:
    book = Workbook.create(tmp_path / "review.toml", find("annual-review"), title="2025 年度复盘",
                           period=PERIOD, language="zh", team="山野织物")
    book.save()
    return book


def test_new_workbook_has_schema_meta_and_a_table_per_section(workbook):
    data = tomllib.loads(workbook.path.read_text(encoding="utf-8"))
    assert data["schema"] == 1
    meta = data["workbook"]
    assert (meta["checklist"], meta["checklist_version"], meta["language"]) == ("annual-review", 1, "zh")
    assert (meta["period_start"], meta["period_end"]) == PERIOD
    assert isinstance(meta["created"], dt.datetime) and meta["created"].tzinfo is not None
    assert list(data["answers"]) == ["goals", "input-output", "timeline", "process-issues", "optimization"]


def test_every_kind_round_trips_through_the_file(workbook):
    workbook.set_value("goals", "highlights", "双十一 GMV 破纪录\n老客复购率 32%")
    workbook.set_value("optimization", "next-sales-target", 7_000_000)
    workbook.set_value("optimization", "confidence", "medium")
    workbook.set_check("timeline", "calendar", "618", True)
    workbook.set_target("goals", "targets", "sales", "target", 6190000)
    workbook.set_target("goals", "targets", "sales", "actual", 6470283.44)
    index = workbook.add_record("process-issues", "issues", {"issue": "618 仓库爆仓"})
    workbook.set_cell("process-issues", "issues", index, "status", "unresolved")
    workbook.add_record("timeline", "events", {"date": dt.date(2025, 6, 18), "event": "618"})
    workbook.save()

    again = Workbook.load(workbook.path)
    assert again.value("goals", "highlights") == "双十一 GMV 破纪录\n老客复购率 32%"
    assert again.value("optimization", "next-sales-target") == 7_000_000
    assert again.value("optimization", "confidence") == "medium"
    assert again.checks("timeline", "calendar") == {"618": True}
    assert target_actual(again.target_row("goals", "targets", "sales")) == (6190000, 6470283.44)
    assert again.records("process-issues", "issues") == [{"issue": "618 仓库爆仓", "status": "unresolved"}]
    assert again.records("timeline", "events")[0]["date"] == dt.date(2025, 6, 18)
    text = workbook.path.read_text(encoding="utf-8")
    assert 'highlights = """双十一' in text  # multi-line text as a block
    assert "sales = {target = 6190000, actual = 6470283.44}" in text
    assert again.dumps() == text  # load → save changes nothing but the stamp


def test_clearing_answers_removes_them(workbook):
    workbook.set_value("goals", "highlights", "x")
    workbook.set_value("goals", "highlights", "")
    workbook.set_target("goals", "targets", "sales", "target", 1)
    workbook.set_target("goals", "targets", "sales", "target", None)
    index = workbook.add_record("process-issues", "issues", {"issue": "a"})
    workbook.remove_record("process-issues", "issues", index)
    assert workbook.value("goals", "highlights") is None
    assert target_actual(workbook.target_row("goals", "targets", "sales")) == (None, None)
    assert workbook.records("process-issues", "issues") == []


def test_hand_written_comments_and_keys_survive_app_saves(workbook):
    text = workbook.path.read_text(encoding="utf-8")
    text = text.replace("[answers.goals]\n", "[answers.goals]\n# 老板特别关心利润，请先讨论这一行\nhighlights = \"手写的亮点\"\nmy_own_key = 42\n")
    text += "\n[my-notes]  # 我自己的表\nowner = \"王经理\"\n"
    workbook.path.write_text(text, encoding="utf-8")

    book = Workbook.load(workbook.path)
    assert book.value("goals", "highlights") == "手写的亮点"
    book.set_value("goals", "shortfalls", "新客不足")
    book.set_target("goals", "targets", "operating-profit", "actual", 797267.08)
    book.add_record("goals", "causes", {"cause": "推广 ROI 偏低", "side": "subjective"})
    book.save()

    saved = workbook.path.read_text(encoding="utf-8")
    assert "# 老板特别关心利润，请先讨论这一行" in saved
    assert "my_own_key = 42" in saved
    assert '[my-notes]  # 我自己的表\nowner = "王经理"' in saved
    assert Workbook.load(workbook.path).value("goals", "shortfalls") == "新客不足"


def test_save_is_atomic_and_a_failed_save_keeps_the_old_file(workbook):
    before = workbook.path.read_text(encoding="utf-8")
    workbook.set_value("goals", "highlights", "bad \ud800 surrogate")  # cannot be written as UTF-8
    with pytest.raises(WorkbookError, match="broken character"):
        workbook.save()
    assert workbook.path.read_text(encoding="utf-8") == before
    assert sorted(p.name for p in workbook.path.parent.iterdir()) == ["review.toml"]  # no temp file left


def test_save_into_a_missing_directory_is_a_clear_error(workbook, tmp_path):
    with pytest.raises(WorkbookError, match="cannot save"):
        workbook.save(tmp_path / "no-such-dir" / "x.toml")


def test_broken_toml_is_reported_with_line_and_column_and_left_alone(workbook):
    broken = workbook.path.read_text(encoding="utf-8").replace('team = "山野织物"', 'team = "山野织物')
    workbook.path.write_text(broken, encoding="utf-8")
    with pytest.raises(WorkbookError) as info:
        Workbook.load(workbook.path)
    line = broken.splitlines().index('team = "山野织物') + 1
    assert info.value.line == line and info.value.column is not None
    assert str(info.value).startswith(f"{workbook.path}:{line}:")
    assert workbook.path.read_text(encoding="utf-8") == broken


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("schema = 1", "schema = 7", "written by a newer retro_tui (schema 7"),
        ("schema = 1", "", "not a retro_tui workbook"),
        ('checklist = "annual-review"', 'checklist = "weekly-standup"', "made from checklist 'weekly-standup', which is not installed"),
        ("period_start = 2025-01-01", 'period_start = "last year"', "workbook.period_start: expected a date"),
        ("[answers.goals]\n", "[answers.goals]\nhighlights = 3\n", "answers.goals.highlights: expected text, got 3"),
        ("[answers.goals]\n", "[answers.goals]\ntargets = { sales = { target = \"lots\" } }\n", "sales.target: expected a number"),
        ("[answers.optimization]\n", "[answers.optimization]\nconfidence = \"sure\"\n", "unknown option 'sure'"),
    ],
)
def test_workbook_problems_are_named(workbook, old, new, message):
    text = workbook.path.read_text(encoding="utf-8")
    assert old in text
    workbook.path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(WorkbookError, match=message.replace("(", r"\(")):
        Workbook.load(workbook.path)


def test_wrong_type_error_points_at_the_line(workbook):
    text = workbook.path.read_text(encoding="utf-8").replace("[answers.goals]\n", "[answers.goals]\nhighlights = 3\n")
    workbook.path.write_text(text, encoding="utf-8")
    with pytest.raises(WorkbookError) as info:
        Workbook.load(workbook.path)
    assert info.value.line == text.splitlines().index("highlights = 3") + 1


def test_missing_file_and_directory_are_clear(tmp_path):
    with pytest.raises(WorkbookError, match="no such file"):
        Workbook.load(tmp_path / "nope.toml")
    with pytest.raises(WorkbookError, match="is a directory"):
        Workbook.load(tmp_path)


def test_progress_counts_answered_items(workbook):
    goals = workbook.checklist.section("goals")
    assert workbook.progress(goals) == (0, len(goals.items))
    workbook.set_value("goals", "highlights", "x")
    workbook.set_target("goals", "targets", "sales", "actual", 1)
    workbook.add_record("goals", "causes")  # an empty row is not an answer
    assert workbook.progress(goals) == (2, len(goals.items))


def test_a_records_row_is_read_alone_as_the_rows_give_it_before_and_after_an_edit(workbook):
    issues = workbook.checklist.section("process-issues").item("issues")
    workbook.add_record("process-issues", "issues")  # an empty row first: the table is answered by the next
    workbook.add_record("process-issues", "issues", {"issue": "618 仓库爆仓", "votes": 3})
    workbook.save()
    for book in (Workbook.load(workbook.path), Workbook.load(workbook.path, for_editing=True)):  # as read, as edited
        rows = book.records("process-issues", "issues")
        assert book.record_count("process-issues", "issues") == 2 and book.record_count("goals", "causes") == 0
        assert [book.record("process-issues", "issues", index) for index in range(2)] == rows
        assert type(book.record("process-issues", "issues", 1)["issue"]) is str  # plain Python, not a TOML item
        assert book.is_answered(book.checklist.section("process-issues"), issues)
    book.remove_record("process-issues", "issues", 1)
    assert not book.is_answered(book.checklist.section("process-issues"), issues)


def test_dates_and_periods_in_the_forms_people_type():
    assert parse_date("2025/6/18") == parse_date("2025年6月18日") == dt.date(2025, 6, 18)
    assert parse_period("2025-01-01..2025-12-31") == PERIOD
    for bad in ("2025-02-30", "yesterday"):
        with pytest.raises(ValueError, match="not a date"):
            parse_date(bad)
    with pytest.raises(ValueError, match="end is before the start"):
        parse_period("2025-12-31..2025-01-01")
    with pytest.raises(ValueError, match="expected START..END"):
        parse_period("2025")
    with pytest.raises(ValueError, match="not a date: '2025-02-30'"):
        parse_period("2025-02-30..2025-03-01")


@pytest.mark.parametrize("typed, period, day", [
    ("6.18", PERIOD, dt.date(2025, 6, 18)), ("6月18日", PERIOD, dt.date(2025, 6, 18)), ("12-31", PERIOD, dt.date(2025, 12, 31)),
    ("1.5", (dt.date(2025, 7, 1), dt.date(2026, 6, 30)), dt.date(2026, 1, 5)),  # a year from July: January is next year's
    ("8.1", (dt.date(2025, 7, 1), dt.date(2026, 6, 30)), dt.date(2025, 8, 1)),
    ("2.29", (dt.date(2023, 12, 1), dt.date(2024, 3, 31)), dt.date(2024, 2, 29)),  # only the leap year has it
])
def test_a_day_without_its_year_is_that_day_in_the_review_s_period(typed, period, day):
    assert parse_date(typed, period) == day


def test_a_day_without_its_year_needs_a_period_and_a_real_day():
    for typed, period in [("6.18", None), ("2.30", PERIOD), ("13.1", PERIOD), ("2.29", PERIOD),
                          ("6.19", (dt.date(2025, 5, 20), dt.date(2025, 6, 18)))]:  # not in the period
        with pytest.raises(ValueError, match="not a date"):
            parse_date(typed, period)


def test_new_files_get_ordinary_permissions_and_existing_ones_keep_theirs(tmp_path):
    import os
    import stat

    from retro_tui.atomic import write_atomic

    fresh = tmp_path / "report.md"
    write_atomic(fresh, "x")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask
    fresh.chmod(0o600)
    write_atomic(fresh, "y")
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600


def test_edits_work_when_a_section_is_split_across_the_file(workbook):
    text = workbook.path.read_text(encoding="utf-8")
    text += "\n[answers.goals.goal-checks]\nquantified = true\n"  # after other sections: tomlkit's proxy
    workbook.path.write_text(text, encoding="utf-8")
    book = Workbook.load(workbook.path, for_editing=True)
    book.set_value("goals", "highlights", "新的亮点")
    book.set_check("goals", "goal-checks", "same-basis", True)
    book.add_record("goals", "causes", {"cause": "x"})
    book.save()
    again = Workbook.load(workbook.path)
    assert again.value("goals", "highlights") == "新的亮点"
    assert again.checks("goals", "goal-checks") == {"quantified": True, "same-basis": True}
    assert again.records("goals", "causes") == [{"cause": "x"}]


def _without_answers(text: str) -> str:
    return text[: text.index("[answers.")]


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ('[answers.goals]\ncauses = [{cause = "x"}]\n', r"answers.goals.causes: write the rows as \[\[answers.goals.causes\]\]"),
        ('[answers]\ngoals = {highlights = "x"}\n', r"answers.goals: write it as a \[answers.goals\] table"),
        ('answers = {goals = {highlights = "x"}}\n', "answers: write each section as"),
    ],
)
def test_layouts_the_app_cannot_edit_are_refused_when_opened_for_editing(workbook, answers, message):
    text = workbook.path.read_text(encoding="utf-8")
    if answers.startswith("answers ="):  # a top-level key must come before the tables
        text = text.replace("schema = 1\n", "schema = 1\n" + answers, 1)
        workbook.path.write_text(_without_answers(text), encoding="utf-8")
    else:
        workbook.path.write_text(_without_answers(text) + answers, encoding="utf-8")
    assert Workbook.load(workbook.path).checklist.id == "annual-review"  # reading and exporting still work
    with pytest.raises(WorkbookError, match=message):
        Workbook.load(workbook.path, for_editing=True)


def test_a_byte_order_mark_is_fine(workbook):
    workbook.path.write_bytes(b"\xef\xbb\xbf" + workbook.path.read_bytes())
    assert Workbook.load(workbook.path, for_editing=True).title == "2025 年度复盘"


def test_a_changed_checklist_of_the_same_id_hides_no_answer_without_a_word(tmp_path):
    from helpers import run

    from retro_tui.checklist import parse
    from retro_tui.paths import user_checklist_dir

    folder = user_checklist_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "tiny.yaml").write_text(MINIMAL, encoding="utf-8")
    path = tmp_path / "review.toml"
    book = Workbook.new_file(path, parse(MINIMAL), period=(dt.date(2025, 1, 1), dt.date(2025, 12, 31)), language="zh")
    book = Workbook.load(path, for_editing=True)
    book.set_value("first", "a", "去年写的答案")
    book.save()
    (folder / "tiny.yaml").write_text(MINIMAL.replace("version: 1", "version: 2").replace("id: first", "id: renamed"),
                                      encoding="utf-8")  # shared and edited by someone else
    book = Workbook.load(path, for_editing=True)
    assert book.unplaced_answers() == [("first", {"a": "去年写的答案"})] and book.checklist_changed() == (1, 2)
    assert book.checklist_file == folder / "tiny.yaml" and book.checklist_ids_changed()
    book.save()  # answers still without a place: the workbook keeps saying which checklist it was made with
    said = run("export", str(path)).output
    assert "工作簿里有清单 tiny（" in said and "tiny.yaml）没有的答案" in said  # which file, in a shared folder
    assert "  first: a: 去年写的答案" in said  # the answer itself, not only where it was
    assert "清单 tiny 已从第 1 版变为第 2 版" in said
    appendix = said[said.index("## 附录：清单里没有位置的答案"):]
    assert "**first**" in appendix and "a: 去年写的答案" in appendix and "tiny.yaml" in appendix
    assert "去年写的答案" in path.read_text(encoding="utf-8")  # never dropped from the file


def test_a_checklist_that_only_gained_an_item_is_said_once_then_taken_as_the_workbook_s(tmp_path):

    from retro_tui.checklist import parse
    from retro_tui.conclusions import checklist_checks
    from retro_tui.paths import user_checklist_dir

    folder = user_checklist_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "tiny.yaml").write_text(MINIMAL, encoding="utf-8")
    path = tmp_path / "review.toml"
    Workbook.new_file(path, parse(MINIMAL), period=(dt.date(2025, 1, 1), dt.date(2025, 12, 31)), language="en")
    assert checklist_checks(Workbook.load(path), "en") == []
    (folder / "tiny.yaml").write_text(MINIMAL + "      - id: b\n        kind: text\n        label: {zh: 乙, en: B}\n",
                                      encoding="utf-8")
    book = Workbook.load(path, for_editing=True)
    assert checklist_checks(book, "en") == [f"Checklist tiny ({book.checklist_where}) has other sections or items than "
                                            "when this workbook was made; every answer still has its place"]
    book.save()
    assert checklist_checks(Workbook.load(path), "en") == []


def test_a_workbook_from_before_the_ids_were_kept_gets_them_on_its_next_save(workbook):
    text = workbook.path.read_text(encoding="utf-8")
    workbook.path.write_text("\n".join(line for line in text.splitlines() if not line.startswith("checklist_ids")) + "\n",
                             encoding="utf-8")
    book = Workbook.load(workbook.path, for_editing=True)
    assert not book.checklist_ids_changed()  # nothing to compare with: nothing said
    book.save()
    assert Workbook.load(workbook.path).meta["checklist_ids"] == book.checklist.ids_digest()
