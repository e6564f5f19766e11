"""Ctrl+Z and Ctrl+Y: every change in the workbook screen goes back, and forward again, in the
section it was made in; what is on disk after an undo is the workbook as it was."""

from __future__ import annotations

from helpers import DATA, SIZE, grid_in_section, new_review, open_import, section_index, submit, type_in_cell

from retro_tui.history import History
from retro_tui.ui.app import RetroApp
from retro_tui.workbook import Workbook

EVENTS = "timeline"  # sections of the annual review
ISSUES = "process-issues"


def test_history_goes_back_and_forward_and_a_new_change_ends_the_way_forward():
    history = History.start("a", 0)
    history.changed("b", 1)
    history.changed("c", 2)
    history.changed("c", 2)  # saved again unchanged: not a step
    assert history.undo() == ("b", 2) and history.undo() == ("a", 1) and history.undo() is None
    assert history.redo() == ("b", 1)
    history.changed("d", 3)
    assert history.redo() is None
    assert history.undo() == ("b", 3)


async def undo(pilot, key: str = "ctrl+z") -> None:
    await pilot.press(key)
    await pilot.pause()


async def test_a_cell_a_choice_and_rows_added_and_deleted_are_undone_and_redone(demo_copy):
    original = demo_copy.read_text(encoding="utf-8")
    first = Workbook.load(demo_copy).records("process-issues", "issues")[0]
    app = RetroApp(workbook=Workbook.load(demo_copy), lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        issues = await grid_in_section(pilot, ISSUES, "issues")
        await type_in_cell(pilot, issues, "说明不清 [重要]")  # a cell
        issues.table.move_cursor(row=0, column=3)
        await pilot.press("space")  # a choice (状态)
        await pilot.press("ctrl+n")  # a row added …
        await pilot.pause()
        rows = len(Workbook.load(demo_copy).records("process-issues", "issues"))
        issues.table.move_cursor(row=0, column=0)
        await pilot.press("ctrl+r", "ctrl+r")  # … and the first deleted
        await pilot.pause()
        assert len(Workbook.load(demo_copy).records("process-issues", "issues")) == rows - 1
        await undo(pilot)
        assert Workbook.load(demo_copy).records("process-issues", "issues")[0]["issue"] == "说明不清 [重要]"
        await undo(pilot)
        assert len(Workbook.load(demo_copy).records("process-issues", "issues")) == rows - 1
        await undo(pilot)
        assert Workbook.load(demo_copy).records("process-issues", "issues")[0]["status"] == first["status"]
        await undo(pilot)
        assert Workbook.load(demo_copy).records("process-issues", "issues")[0] == first
        assert app.screen.current == section_index(app, ISSUES)
        await undo(pilot)  # nothing more: the file is as it was opened, but for its stamp
        assert demo_copy.read_text(encoding="utf-8").split("updated")[0] == original.split("updated")[0]
        await pilot.press("ctrl+y", "ctrl+y")  # the cell and the choice again (one burst: each done before the next)
        await pilot.pause()
        issues = app.screen.query_one("#item-issues")
        again = Workbook.load(demo_copy).records("process-issues", "issues")
        assert len(again) == rows - 1 and again[0]["issue"] == "说明不清 [重要]" and again[0]["status"] != first["status"]
        assert app.focused is issues.table  # where the room was, not the section's first field


async def test_an_import_from_the_app_and_a_timeline_row_moved_by_its_date_are_undone(tmp_path):
    from textual.widgets import Button

    path = new_review(tmp_path)
    app = RetroApp(workbook=Workbook.load(path, for_editing=True), lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_import(pilot)
        await submit(pilot, "#import-path", str(DATA / "gbk" / "targets_annual.csv"))
        screen.query_one("#apply", Button).press()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert Workbook.load(path).target_row("goals", "targets", "sales").target is not None
        assert Workbook.load(path).imports()
        events = await grid_in_section(pilot, EVENTS, "events")
        await pilot.press("ctrl+n", "right")  # a new row's 日期
        await pilot.pause()
        await type_in_cell(pilot, events, "1.5")  # into date order: the row moves up, the cursor with it
        assert Workbook.load(path).records("timeline", "events")[-1]["date"].isoformat() == "2025-01-05"
        await undo(pilot)
        assert "date" not in Workbook.load(path).records("timeline", "events")[-1]
        await undo(pilot)  # the row added
        await undo(pilot)  # the import
        book = Workbook.load(path)
        assert book.target_row("goals", "targets", "sales").target is None and not book.imports()
        assert app.screen.current == 0  # where the import's figures were shown
        for _ in range(3):
            await undo(pilot, "ctrl+y")
        assert Workbook.load(path).target_row("goals", "targets", "sales").target is not None
        assert app.screen.current == section_index(app, EVENTS)
        events = app.screen.query_one("#item-events")  # on the row the change was made in
        assert "01-05" in " ".join(map(str, events.rows()[events.table.cursor_coordinate.row]))



async def test_sections_built_anew_twice_at_once_are_built_one_after_the_other(demo_copy):
    """Two changes from outside in a row (undo, undo) each build the sections anew; the second
    must not mount a section while the first still removes it."""
    import asyncio

    app = RetroApp(workbook=Workbook.load(demo_copy), lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await grid_in_section(pilot, ISSUES, "issues")
        screen = app.screen
        issues = section_index(app, ISSUES)
        await asyncio.gather(screen.show_section(issues, fresh=True), screen.show_section(issues, fresh=True))
        await pilot.pause()
        assert len(screen.query(f"#section-{issues}")) == 1 and screen.view.display
