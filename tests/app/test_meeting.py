"""The meeting: who is in the room, each section's time-box on a clock the test moves, the
sittings, the remarks parked, and the minutes in the report."""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest
from helpers import MINIMAL, new_review, run, show_section

from retro_tui import meeting
from retro_tui.checklist import find
from retro_tui.export.markdown import export
from retro_tui.ui.app import RetroApp
from retro_tui.workbook import Workbook

TZ = dt.timezone(dt.timedelta(hours=8))
START = dt.datetime(2026, 1, 6, 14, 0, tzinfo=TZ)


class StepClock(meeting.Clock):
    """A clock that moves only when the test says so."""

    def __init__(self) -> None:
        self.at = 0.0

    def seconds(self) -> float:
        return self.at

    def now(self) -> dt.datetime:
        return START + dt.timedelta(seconds=self.at)


@pytest.fixture
def path(tmp_path):
    return new_review(tmp_path)


def test_attendees_are_read_in_either_language_and_a_role_nobody_has_is_refused():
    assert meeting.parse_attendees("林悦：引导人，周航:Narrator、王芳, Li Lei:questioner") == [
        meeting.Attendee("林悦", "facilitator"), meeting.Attendee("周航", "narrator"),
        meeting.Attendee("王芳", "participant"), meeting.Attendee("Li Lei", "questioner")]
    with pytest.raises(ValueError, match="'主持人': not a role"):
        meeting.parse_attendees("林悦:主持人")


def test_a_time_box_counts_only_while_running_from_the_time_spent_before():
    clock = StepClock()
    box = meeting.TimeBox(30 * 60, before=600, clock=clock.seconds)
    clock.at = 100
    assert box.elapsed() == 600 and not box.running
    box.start()
    clock.at = 400
    assert box.elapsed() == 900 and box.remaining() == 900 and not box.over()
    assert box.pause() == 300
    clock.at = 5000
    assert box.elapsed() == 900
    box.start()
    clock.at = 5900
    assert box.over() and box.remaining() == 0
    assert meeting.clock_text(box.remaining() - 190) == "-3:10" and meeting.clock_text(3725) == "1:02:05"
    assert meeting.TimeBox(None).remaining() is None and not meeting.TimeBox(None).over()


def test_a_sitting_is_one_however_long_the_clock_runs_and_a_long_break_starts_another(path):
    book = Workbook.load(path, for_editing=True)
    meeting.clock_started(book, START)
    meeting.clock_ran_until(book, START + dt.timedelta(minutes=95))  # one section talked over for 95 minutes
    meeting.clock_started(book, START + dt.timedelta(minutes=180))  # after lunch
    meeting.clock_ran_until(book, START + dt.timedelta(minutes=200))
    assert meeting.sittings(book) == [(START, START + dt.timedelta(minutes=95)),
                                      (START + dt.timedelta(minutes=180), START + dt.timedelta(minutes=200))]


def test_the_record_is_kept_in_the_file_beside_the_answers_and_gives_the_report_its_minutes(path):
    book = Workbook.load(path, for_editing=True)
    assert not meeting.held(book) and "会议纪要" not in export(book)  # a review held alone has no minutes
    meeting.set_attendees(book, meeting.parse_attendees("林悦:引导人, 周航:叙述人, [/]王芳"))
    meeting.clock_started(book, START)
    meeting.add_spent(book, "goals", 1830.4)
    meeting.clock_ran_until(book, START + dt.timedelta(minutes=25))
    meeting.clock_started(book, START + dt.timedelta(minutes=35))  # a break of ten minutes: the same sitting
    meeting.clock_ran_until(book, START + dt.timedelta(minutes=40))
    meeting.clock_started(book, START + dt.timedelta(days=2))  # another day: another sitting
    meeting.add_spent(book, "goals", 300)
    meeting.add_spent(book, "process-issues", 2400)
    meeting.clock_ran_until(book, START + dt.timedelta(days=2, minutes=45))
    meeting.park(book, "仓库搬迁要不要提前？")
    book.save()
    saved = tomllib.loads(path.read_text(encoding="utf-8"))["meeting"]
    assert saved["spent"] == {"goals": 2130, "process-issues": 2400}
    assert [s["end"] - s["start"] for s in saved["sittings"]] == [dt.timedelta(minutes=40), dt.timedelta(minutes=45)]
    report = export(Workbook.load(path), "zh")
    minutes = report[report.index("## 会议纪要"):].splitlines()
    assert minutes[2] == "- **会议时间**：2026-01-06 14:00–14:40；2026-01-08 14:00–14:45"
    assert minutes[3] == "- **参会人**：林悦（引导人）、周航（叙述人）、\\[/\\]王芳（参与人）"
    assert minutes[5:13] == [
        "| 环节 | 计划 | 实际 |", "| --- | ---: | ---: |",
        "| 1. 目标与偏差 | 30 分钟 | 36 分钟 |", "| 2. 投入产出 | 20 分钟 |  |", "| 3. 时间轴 | 15 分钟 |  |",
        "| 4. 过程问题 | 35 分钟 | 40 分钟 |", "| 5. 优化方向 | 20 分钟 |  |", "| **合计** | 120 分钟 | 76 分钟 |"]
    assert minutes[14:17] == ["**停车场（会上暂放的话题）**", "", "- 仓库搬迁要不要提前？"]
    english = export(Workbook.load(path), "en")
    assert "- **Attendees**: 林悦 (Facilitator), 周航 (Narrator), \\[/\\]王芳 (Participant)" in english


@pytest.mark.parametrize(("minutes", "said"), [("-5", "expected `float` > 0.0"), ("abc", "expected `float | null`, got `str`")])
def test_validate_refuses_a_negative_or_non_numeric_time_box_with_its_line(minutes, said, tmp_path):

    path = tmp_path / "tiny.yaml"
    path.write_text(MINIMAL.replace("    guide: {zh: 引导, en: Guide}\n", f"    guide: {{zh: 引导, en: Guide}}\n    minutes: {minutes}\n"),
                    encoding="utf-8")
    result = run("validate", str(path))
    assert result.exit_code == 1 and f"tiny.yaml:9: sections[0].minutes: {said}" in result.output


def test_the_shipped_reviews_plan_their_sections():
    assert sum(s.minutes for s in find("annual-review").sections) == 120  # a two-hour annual review
    for checklist_id in ("campaign-review", "product-review"):
        assert all(s.minutes for s in find(checklist_id).sections)


async def test_the_clock_runs_per_section_tells_the_room_when_time_is_up_and_keeps_the_time(path):
    from textual.widgets import Static

    clock = StepClock()
    app = RetroApp(workbook=Workbook.load(path, for_editing=True), lang="zh")
    app.meeting_clock = clock
    rings = []
    app.bell = lambda: rings.append(clock.at)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert not app.screen.query("#meeting-clock")  # alone at the keyboard: no clock, nor its line
        await pilot.press("f9")
        clock.at = 29 * 60
        app.screen.show_clock()
        shown = app.screen.query_one("#meeting-clock", Static)
        assert str(shown.render()) == "⏱ 目标与偏差  还剩 1:00  (29:00 / 30:00)    全场 29 / 120 分钟    F9 暂停"
        said = app.screen.following.clock()  # what a following window shows: F9 is this window's key only
        assert said["zh"] == "⏱ 目标与偏差  还剩 1:00  (29:00 / 30:00)    全场 29 / 120 分钟" and "F9" not in said["en"]
        assert not shown.has_class("-over") and rings == []
        clock.at = 30 * 60 + 5
        app.screen.show_clock()
        app.screen.show_clock()
        assert shown.has_class("-over") and rings == [30 * 60 + 5]  # once, and nothing stops the room
        assert "超时 0:05  (30:05 / 30:00)" in str(shown.render())
        await pilot.press("f8")  # on to 投入产出: the time goes to 目标与偏差
        clock.at += 120
        app.screen.show_clock()
        assert str(shown.render()).startswith("⏱ 投入产出  还剩 18:00  (2:00 / 20:00)    全场 32 / 120 分钟")
        assert not shown.has_class("-over")
        await pilot.press("f9")  # a break
        clock.at += 3600
        app.screen.show_clock()
        assert str(shown.render()) == "⏸ 投入产出  还剩 18:00  (2:00 / 20:00)    全场 32 / 120 分钟    F9 继续"
        await pilot.press("f9", "f7")  # back to the goals, the clock running again
        clock.at += 60
        await pilot.press("ctrl+z")  # an undo goes back in the answers, never in the time spent
        await pilot.press("ctrl+q")
    saved = tomllib.loads(path.read_text(encoding="utf-8"))["meeting"]
    assert saved["spent"] == {"goals": 30 * 60 + 5 + 60, "input-output": 120}
    assert saved["sittings"][0]["start"] == START
    assert saved["sittings"][-1]["end"] == START + dt.timedelta(seconds=clock.at)


async def test_the_meeting_panel_keeps_who_is_in_the_room_and_the_remarks_parked(path):
    from textual.widgets import Input

    app = RetroApp(workbook=Workbook.load(path, for_editing=True), lang="zh")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert not app.screen.query(".parked")  # (only the last section has a parking lot)
        await pilot.press("f4")
        await pilot.pause()
        assert app.focused.id == "park"  # F4, type, Enter: set aside without leaving the section
        app.focused.value = "仓库搬迁要不要提前？ [重要]"
        await pilot.press("enter")
        people = app.screen.query_one("#attendees", Input)
        people.value = "林悦:主持人"
        people.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert any("'主持人': not a role" in toast.message for toast in app._notifications)
        people.value = "林悦：引导人，周航:叙述人、王芳"
        await pilot.press("enter")
        await pilot.pause()
        assert people.value == "林悦:引导人, 周航:叙述人, 王芳:参与人"
        await pilot.press("escape", "f8", "f8", "f8", "f8")  # the last section: 优化方向
        await pilot.pause()
        parked = app.screen.query_one(".parked")
        assert parked.display and "• 仓库搬迁要不要提前？ [重要]" in str(parked.render())
        await pilot.press("ctrl+z")  # an undo is of answers: the room and the parking lot stay
        await pilot.press("ctrl+q")
    book = Workbook.load(path)
    assert meeting.parked(book) == ["仓库搬迁要不要提前？ [重要]"]
    assert [(p.name, p.role) for p in meeting.attendees(book)] == [("林悦", "facilitator"), ("周航", "narrator"),
                                                                   ("王芳", "participant")]


async def test_the_presenter_view_shows_the_question_and_the_key_figures_large_and_gives_the_screen_back(path):
    from textual.widgets import Digits

    book = Workbook.load(path, for_editing=True)
    book.set_target("goals", "targets", "sales", "target", 6190000)
    book.set_target("goals", "targets", "sales", "actual", 6470283.44)
    book.set_target("goals", "targets", "new-customers", "target", 12000)
    book.save()
    app = RetroApp(workbook=Workbook.load(path, for_editing=True), lang="zh")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("f10")
        await pilot.pause()
        assert not screen.query_one("#sections").display and screen.view.folded
        assert str(screen.query_one("#presenter-question").render()).startswith("年度目标与实际\n目标按年初定下的填写")
        cards = list(screen.query(".figure-card"))
        assert [str(card.query_one(".figure-label").render()) for card in cards] == ["销售额（元）", "新客户数（人）"]
        assert [card.query_one(Digits).value for card in cards] == ["6,470,283.44", "-"]
        assert "目标 6,190,000.00 · 完成 104.5%  ✅ 达成" == str(cards[0].query_one(".figure-note").render())
        await pilot.press("tab")  # the question follows the facilitator's field
        await pilot.pause()
        assert str(screen.query_one("#presenter-question").render()).startswith("分渠道销售额")
        await pilot.press("f10")
        await pilot.pause()
        assert screen.query_one("#sections").display and not screen.query_one("#presenter").display


async def test_a_vote_round_of_three_people_on_the_problems_sorts_them_and_the_minutes_say_who_voted_what(path):
    from retro_tui.ui.widgets.cell_grid import CellGrid

    book = Workbook.load(path, for_editing=True)
    for issue in ("仓库爆仓", "客服响应慢", "主图点击率低", "[/] 直播断流"):
        book.add_record("process-issues", "issues", {"issue": issue})
    meeting.set_attendees(book, meeting.parse_attendees("林悦:引导人, 周航:叙述人, 王芳"))
    book.save()
    app = RetroApp(workbook=Workbook.load(path, for_editing=True), lang="zh")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+t")  # not in a table with votes: said, nothing opens
        await pilot.pause()
        assert any("票数" in toast.message for toast in app._notifications)
        await show_section(pilot, "process-issues")
        app.screen.query_one("#item-issues", CellGrid).table.focus()
        await pilot.press("ctrl+t")
        await pilot.pause()
        turn = app.screen.query_one("#vote-turn")
        assert str(turn.render()) == "轮到 林悦：还剩 3 票（第 1/3 位）"
        await pilot.press("down", "plus", "plus", "down", "down", "space")  # 林悦: 客服 2, 直播 1
        await pilot.press("plus")  # no dots left: the bell, nothing counted
        assert str(turn.render()) == "轮到 林悦：还剩 0 票（第 1/3 位）"
        await pilot.press("tab", "up", "plus", "minus", "up", "plus", "plus", "plus")  # 周航: 主图 … 客服 3
        await pilot.press("tab", "plus", "up", "up", "plus", "plus")  # 王芳: 客服 1, 仓库 2
        assert str(turn.render()) == "轮到 王芳：还剩 0 票（第 3/3 位）"
        await pilot.press("enter")
        await pilot.pause()
        assert any("最多票：客服响应慢、仓库爆仓、[/] 直播断流" in toast.message for toast in app._notifications)
        table = app.screen.query_one("#item-issues", CellGrid).table
        assert [str(table.get_row_at(row)[1]).strip() for row in range(4)] == ["★ 6", "★ 2", "★ 1", ""]  # the top marked
        await pilot.press("ctrl+q")
    book = Workbook.load(path)
    rows = book.records("process-issues", "issues")
    assert [(row["issue"], row.get("votes")) for row in rows] == [
        ("客服响应慢", 6), ("仓库爆仓", 2), ("[/] 直播断流", 1), ("主图点击率低", None)]
    assert rows[0]["votes_by"] == {"林悦": 2, "周航": 3, "王芳": 1}
    report = export(book, "zh")
    assert "**投票：问题清单**\n\n1. 客服响应慢：6 票（林悦 2、周航 3、王芳 1）\n2. 仓库爆仓：2 票（王芳 2）\n" \
           "3. \\[/\\] 直播断流：1 票（林悦 1）\n" in report


def test_open_problems_carried_into_the_next_review_leave_their_votes_behind(tmp_path, installed_demo):
    from retro_tui.carry import carry_over

    previous = Workbook.load(installed_demo)
    assert any(row.get("votes") for row in previous.records("process-issues", "issues"))
    new = Workbook.new_file(tmp_path / "2026.toml", previous.checklist, period=(dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
                            language="zh")
    carry_over(previous, new)
    carried = new.records("process-issues", "issues")
    assert carried and not any("votes" in row or "votes_by" in row for row in carried)


async def test_a_whole_meeting_on_the_annual_review_ends_in_minutes_line_by_line(path):
    from retro_tui.ui.widgets.cell_grid import CellGrid

    book = Workbook.load(path, for_editing=True)
    for issue in ("仓库爆仓", "客服响应慢", "主图点击率低"):  # the problems the room wrote down
        book.add_record("process-issues", "issues", {"issue": issue})
    book.save()
    clock = StepClock()
    app = RetroApp(workbook=Workbook.load(path, for_editing=True), lang="zh")
    app.meeting_clock = clock
    app.bell = lambda: None
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("f4")  # who is in the room
        await pilot.pause()
        app.screen.query_one("#attendees").value = "林悦:引导人, 周航:叙述人, 王芳:设问人"
        app.screen.query_one("#attendees").focus()
        await pilot.press("enter", "escape")
        await pilot.press("f9", "f10")  # the clock on, the projector's view
        for minutes in (32, 18, 15):  # 目标与偏差, 投入产出, 时间轴
            clock.at += minutes * 60
            await pilot.press("f8")
        await pilot.pause()
        await pilot.press("f10")
        await app.screen.view.mount_rest()
        app.screen.query_one("#item-issues", CellGrid).table.focus()
        await pilot.press("ctrl+t", "down", "plus", "plus", "plus", "tab", "plus", "down", "plus", "plus",
                          "tab", "up", "plus", "down", "down", "plus", "plus", "enter")
        await pilot.pause()
        clock.at += 40 * 60
        await pilot.press("f8", "f4")  # 优化方向: a remark set aside on the way
        await pilot.pause()
        app.screen.query_one("#park").value = "仓库搬迁要不要提前？"
        await pilot.press("enter", "escape")
        clock.at += 22 * 60
        await pilot.press("f9", "ctrl+q")
    lines = export(Workbook.load(path), "zh").split("## 会议纪要\n", 1)[1].splitlines()
    assert lines == [
        "",
        "- **会议时间**：2026-01-06 14:00–16:07",
        "- **参会人**：林悦（引导人）、周航（叙述人）、王芳（设问人）",
        "",
        "| 环节 | 计划 | 实际 |",
        "| --- | ---: | ---: |",
        "| 1. 目标与偏差 | 30 分钟 | 32 分钟 |",
        "| 2. 投入产出 | 20 分钟 | 18 分钟 |",
        "| 3. 时间轴 | 15 分钟 | 15 分钟 |",
        "| 4. 过程问题 | 35 分钟 | 40 分钟 |",
        "| 5. 优化方向 | 20 分钟 | 22 分钟 |",
        "| **合计** | 120 分钟 | 127 分钟 |",
        "",
        "**投票：问题清单**",
        "",
        "1. 客服响应慢：5 票（林悦 3、周航 1、王芳 1）",
        "2. 主图点击率低：4 票（周航 2、王芳 2）",  # (nobody chose 仓库爆仓)
        "",
        "**停车场（会上暂放的话题）**",
        "",
        "- 仓库搬迁要不要提前？",
        "",
        "---",
        lines[-1],
    ]
