"""The room around a workbook: the window holding the lock edits and says where it is; every
other window follows it — section, row, each answer it saves — read only, and may ask for the
floor, which the editor hands over. The other window is played here by the core (a lock and a
Room of its own), so that each step is one look at the room (`Following.tick`), not a wait."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest
from helpers import new_review, target_actual

from retro_tui.lock import WorkbookLock
from retro_tui.room import Place, Room
from retro_tui.ui.app import RetroApp
from retro_tui.workbook import Workbook

PERIOD = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


@pytest.fixture
def path(tmp_path) -> Path:
    return new_review(tmp_path)


def test_the_room_says_who_edits_where_and_who_asks(path):
    editor, first, second = Room(path, "e1", "林悦"), Room(path, "f1", "周航"), Room(path, "f2", "Ann")
    assert first.editor() is None and editor.asking() == []
    editor.lead(Place("goals", "item-targets", (2, 1)))
    assert first.editor().place == Place("goals", "item-targets", (2, 1))
    assert first.editor().name == "林悦 #e1"
    first.ask()
    second.ask()
    assert [a.id for a in editor.asking()] == ["f1", "f2"]  # the earliest first
    second.withdraw()
    assert [a.name for a in editor.asking()] == ["周航 #f1"]
    editor.lead(Place("goals"), granted="f1")
    assert first.editor().granted == "f1" != second.me
    first.leave()
    editor.leave()
    assert not editor.folder.exists()  # nothing left beside the workbook


def test_a_broken_or_hostile_room_file_is_no_editor(path):
    room = Room(path, "f1", "x")
    room.folder.mkdir()
    (room.folder / "editor.json").write_text("{not json", encoding="utf-8")
    assert room.editor() is None
    (room.folder / "editor.json").write_text('{"id": "e", "place": {"section": 3, "cursor": "x"}}', encoding="utf-8")
    assert room.editor().place is None
    (room.folder / "ask-zz.json").write_text('["[@click=app.quit]x[/]"]', encoding="utf-8")
    assert room.asking() == []


def other_window(path: Path, place: Place) -> tuple[WorkbookLock, Room]:
    """Another window editing the workbook: it holds the lock and says where it is."""
    lock = WorkbookLock(path)
    assert lock.acquire()
    room = Room(path, "e1", "林悦")
    room.lead(place)
    return lock, room


def typed_elsewhere(path: Path, value: float) -> None:
    book = Workbook.load(path, for_editing=True)
    book.set_target("goals", "targets", "sales", "actual", value)
    book.save()


async def test_a_second_window_follows_the_editor_and_takes_the_floor_when_handed_it(path):
    from textual.widgets import Static

    lock, editor = other_window(path, Place("input-output"))
    app = RetroApp(workbook=Workbook.load(path, for_editing=True), lang="zh")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.read_only
        await screen.following.tick()
        await pilot.pause()
        assert screen.workbook.checklist.sections[screen.current].id == "input-output"  # where the editor is
        status = str(screen.query_one("#status", Static).render())
        assert "跟随 林悦 #e1 的编辑（只读" in status and "Ctrl+G" in status

        typed_elsewhere(path, 1234.5)  # the editor saves an answer and goes back to the goals
        editor.lead(Place("goals", "item-targets", (2, 1)))
        await screen.following.tick()
        await pilot.pause()
        assert screen.workbook.target_row("goals", "targets", "sales").actual == 1234.5
        assert screen.workbook.checklist.sections[screen.current].id == "goals"
        assert screen.where_focused() == ("item-targets", (2, 1))  # the editor's row and column

        clock = {"zh": "⏱ 目标与偏差  还剩 1:00  (29:00 / 30:00)", "en": "⏱ Goals  1:00 left", "over": False, "running": True}
        editor.lead(Place("goals", "item-targets", (2, 1)), clock=clock)  # the editor's meeting clock runs
        await screen.following.tick()
        shown = screen.query_one("#meeting-clock", Static)
        assert shown.display and str(shown.render()) == clock["zh"]

        await pilot.press("ctrl+g")  # ask for the floor
        assert [a.id for a in editor.asking()] == [screen.following.room.me]
        editor.lead(Place("goals"), granted=screen.following.room.me)
        lock.release()
        await screen.following.tick()
        await pilot.pause()
        assert not screen.read_only and editor.asking() == []
        assert "只读" not in str(screen.query_one("#status", Static).render())
        assert Room(path, "x").editor().id == screen.following.room.me  # the others follow this window now
        screen.workbook.set_target("goals", "targets", "sales", "target", 2000.0)
        screen.record()
        await pilot.press("ctrl+z", "ctrl+z")  # takes back this window's change, never the editor's before it
        assert target_actual(screen.workbook.target_row("goals", "targets", "sales")) == (None, 1234.5)
        await pilot.press("ctrl+y")
        await pilot.press("ctrl+q")
    saved = tomllib.loads(path.read_text(encoding="utf-8"))["answers"]["goals"]["targets"]["sales"]
    assert saved == {"target": 2000.0, "actual": 1234.5}


async def test_the_editor_is_told_who_asks_and_hands_the_floor_over(path):
    app = RetroApp(workbook=Workbook.load(path, for_editing=True), lang="zh")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert not screen.read_only
        await pilot.press("ctrl+g")  # nobody asks: nothing changes
        assert not screen.read_only
        follower = Room(path, "f1", "周航")
        follower.ask()
        await screen.following.tick()
        await pilot.pause()
        assert any("周航 #f1 请求发言权" in str(n.message) for n in app._notifications)
        await pilot.press("ctrl+g")
        assert screen.read_only
        assert follower.editor().granted == follower.me
        lock = WorkbookLock(path)
        assert lock.acquire()  # the editor let go of the lock: the one asking can take it
        lock.release()
