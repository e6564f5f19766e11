"""The `rating` kind: a score from 1 to 5 with a note (the team's confidence in a target),
added as a module of its own in the core and in the UI."""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest

from retro_tui.checklist import ChecklistError, find, parse
from retro_tui.export.markdown import export
from retro_tui.paths import user_checklist_dir
from retro_tui.ui.app import RetroApp
from retro_tui.workbook import Workbook, WorkbookError

CHECKLIST = """\
id: confidence-check
version: 1
title: {zh: 信心检查, en: Confidence check}
description: {zh: 说明, en: About}
sections:
  - id: goals
    title: {zh: 目标, en: Goals}
    guide: {zh: 引导, en: Guide}
    items:
      - id: target
        kind: number
        label: {zh: 销售额目标, en: Sales target}
      - id: confidence
        kind: rating
        label: {zh: 对目标的把握, en: Confidence in the target}
        low: {zh: 没把握, en: Not at all}
        high: {zh: 很有把握, en: Certain}
"""
PERIOD = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


@pytest.fixture
def book(tmp_path):
    folder = user_checklist_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "confidence-check.yaml").write_text(CHECKLIST, encoding="utf-8")
    workbook = Workbook.create(tmp_path / "r.toml", find("confidence-check"), title="2026 目标", period=PERIOD,
                               language="zh")
    workbook.save()
    return workbook


def test_a_score_and_a_note_are_kept_as_a_table_and_shown_in_the_report(book):
    goals = book.checklist.section("goals")
    rating = goals.item("confidence")
    assert not book.is_answered(goals, rating)
    book.set_entry("goals", "confidence", "score", 4)
    book.set_entry("goals", "confidence", "note", "京东要看 [b]资源位[/b]")
    book.save()
    saved = tomllib.loads(book.path.read_text(encoding="utf-8"))
    assert saved["answers"]["goals"]["confidence"] == {"score": 4, "note": "京东要看 [b]资源位[/b]"}
    again = Workbook.load(book.path)
    assert again.is_answered(goals, rating)
    report = export(again, "zh")
    assert "**对目标的把握**：★★★★☆ 4/5 — 京东要看 \\[b\\]资源位\\[/b\\]" in report
    assert "**Confidence in the target**: ★★★★☆ 4/5 —" in export(again, "en")
    again.set_entry("goals", "confidence", "score", None)  # the score taken back, the note kept
    assert again.value("goals", "confidence") == {"note": "京东要看 [b]资源位[/b]"}
    assert again.is_answered(goals, rating) and "：未打分 — 京东要看" in export(again, "zh")


@pytest.mark.parametrize(("answer", "expected"), [
    ('confidence = 4', "expected a table like `{ score = 4, note = \"…\" }`"),
    ('confidence = { score = 7 }', "score: expected a whole number from 1 to 5, got 7"),
    ('confidence = { score = "four" }', "score: expected a whole number from 1 to 5, got 'four'"),
    ('confidence = { score = true }', "score: expected a whole number from 1 to 5, got True"),
    ('confidence = { score = 3, note = 5 }', "note: expected text, got 5"),
])
def test_a_hand_edited_rating_that_is_no_rating_is_refused_with_its_place(book, answer, expected):
    text = book.path.read_text(encoding="utf-8")
    assert "[answers.goals]\n" in text
    book.path.write_text(text.replace("[answers.goals]\n", f"[answers.goals]\n{answer}\n"), encoding="utf-8")
    with pytest.raises(WorkbookError, match="answers.goals.confidence") as info:
        Workbook.load(book.path)
    assert expected in str(info.value)


def test_a_rating_in_a_checklist_is_checked_like_any_item():
    with pytest.raises(ChecklistError, match=r"items\[1\]\.colour: unknown field"):
        parse(CHECKLIST.replace("        low:", "        colour: red\n        low:"), "c.yaml")


async def test_the_score_is_set_with_a_key_and_the_note_typed_beside_it(book):
    app = RetroApp(Workbook.load(book.path, for_editing=True), lang="zh")
    async with app.run_test(size=(110, 30)) as pilot:
        await pilot.pause()
        rating = app.screen.query_one("#item-confidence")
        score, note = rating.query_one(".rating-score"), rating.query_one(".rating-note")
        score.focus()
        await pilot.pause()
        assert "按 1–5 打分" in str(score.render())
        await pilot.press("5")
        await pilot.press("left", "left")
        note.focus()
        note.value = "人手够，货要在 9 月前到仓"
        await pilot.press("enter")
        await pilot.pause()
        saved = tomllib.loads(book.path.read_text(encoding="utf-8"))
        assert saved["answers"]["goals"]["confidence"] == {"score": 3, "note": "人手够，货要在 9 月前到仓"}
        assert "★★★☆☆ 3/5" in str(score.render())
        score.focus()
        await pilot.press("backspace")
        await pilot.pause()
        assert tomllib.loads(book.path.read_text(encoding="utf-8"))["answers"]["goals"]["confidence"] == {
            "note": "人手够，货要在 9 月前到仓"}
        await pilot.press("right")  # from no score, → starts at 1
        await pilot.press("ctrl+z", "ctrl+z")  # undone: back to no score, then to 3, the focus on the score again
        await pilot.pause()
        assert tomllib.loads(book.path.read_text(encoding="utf-8"))["answers"]["goals"]["confidence"]["score"] == 3
        assert app.focused is app.screen.query_one("#item-confidence .rating-score")


def test_how_a_rating_looks_scored_with_a_note_and_focused(snap_compare, book, monkeypatch):
    book.set_entry("goals", "confidence", "score", 4)
    book.set_entry("goals", "confidence", "note", "人手够，货要在 9 月前到仓")
    book.save()
    monkeypatch.chdir(book.path.parent)  # (the status line shows the path as given)

    async def on_the_score(pilot):
        await pilot.pause()
        pilot.app.screen.query_one("#item-confidence .rating-score").focus()
        await pilot.pause()

    assert snap_compare(RetroApp(Workbook.load(book.path.name), lang="zh"), terminal_size=(110, 24),
                        run_before=on_the_score)
