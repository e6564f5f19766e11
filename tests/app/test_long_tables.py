"""A records table of thousands of rows: its DataTable holds a window of them around the cursor,
so that opening it, moving in it and typing in it cost what a short table does."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import SIZE, grid_in_section
from textual.widgets import Static

from retro_tui.ui.app import RetroApp
from retro_tui.ui.widgets import records_table
from retro_tui.ui.widgets.cell_grid import MARGIN, CellGrid, GridTable
from retro_tui.workbook import Workbook

ISSUES = "process-issues"  # a section of the annual review


def with_issues(path: Path, total: int) -> None:
    """Fill the workbook's issues table up to `total` rows, each named by its row (`问题 9` … after
    the demo's own), written where the app writes rows."""
    text = path.read_text(encoding="utf-8")
    header = "[[answers.process-issues.issues]]"
    end = re.compile(r"^\[", re.M).search(text, text.rindex(header) + 1).start()
    rows = "".join(f'{header}\nissue = "问题 {i}"\n\n' for i in range(text.count(header), total))
    path.write_text(text[:end] + rows + text[end:], encoding="utf-8")


def issue_at_cursor(grid: CellGrid) -> str:
    return str(grid.table.get_row_at(grid.table.cursor_row)[0])


def screen_line(grid: CellGrid) -> int:
    """The line of the table's view the cursor's row starts on."""
    table = grid.table
    return sum(row.height for row in table.ordered_rows[:table.cursor_row]) - int(table.scroll_y)


def counted(monkeypatch, owner, name: str) -> list:
    """Count the calls of `owner.name` (one item per call in the list returned)."""
    calls, original = [], getattr(owner, name)

    def counting(*args, **kwargs):
        calls.append(None)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, counting)
    return calls


async def test_a_table_of_20000_rows_opens_and_takes_a_value_in_its_last_row(demo_copy, monkeypatch):
    with_issues(demo_copy, 20_000)
    laid_out = counted(monkeypatch, GridTable, "add_row")  # each row added is measured and laid out
    read = counted(monkeypatch, records_table, "record_texts")
    book = Workbook.load(demo_copy)  # as `retro WORKBOOK` opens it
    assert book.parsing() is None  # parsed for editing once shown, while it is: 2 MB take seconds
    app = RetroApp(workbook=book)
    async with app.run_test(size=SIZE) as pilot:
        await app.screen.view.mount_rest()  # the parse for editing starts once the section is mounted whole
        await pilot.pause()
        assert book.parsing() is not None
        issues = await grid_in_section(pilot, ISSUES, "issues")
        assert len(laid_out) < 200 and len(read) < 200  # a window of rows (about 20 on screen), not 20,000
        await pilot.press("ctrl+end")
        await pilot.pause()
        assert issues.cursor == (19_999, 0) and issue_at_cursor(issues) == "问题 19999"
        assert "共 20000 行" in str(issues.query_one(".grid-hint", Static).content)  # the window says where it is
        await pilot.press(*"last", "enter")
        await pilot.pause()
    rows = Workbook.load(demo_copy).records("process-issues", "issues")
    assert len(rows) == 20_000 and rows[-1] == {"issue": "last"} and rows[-2] == {"issue": "问题 19998"}
    assert len(laid_out) < 500 and len(read) < 500  # a few windows, one for each move of it and each change


async def test_the_window_follows_the_cursor_and_rows_are_added_deleted_and_undone_anywhere(demo_copy):
    with_issues(demo_copy, 300)
    app = RetroApp(workbook=Workbook.load(demo_copy))
    async with app.run_test(size=SIZE) as pilot:
        issues = await grid_in_section(pilot, ISSUES, "issues")
        issues.move_to(200, 0)
        await pilot.pause()
        first = issues.cursor.row - issues.table.cursor_row  # the first row the table holds
        assert first > 0 and issues.table.row_count < 300
        issues.move_to(first + MARGIN, 0)  # as high as the cursor goes before the window moves
        await pilot.pause()
        for row in range(first + MARGIN - 1, first + MARGIN - 4, -1):
            line = screen_line(issues)
            await pilot.press("up")
            await pilot.pause()
            assert issues.cursor.row == row and issue_at_cursor(issues) == f"问题 {row}"
            assert 0 <= screen_line(issues) <= line  # the cursor never jumps down the screen
        assert issues.cursor.row - issues.table.cursor_row < first  # the window moved up
        await pilot.press("ctrl+home")
        await pilot.pause()
        assert issues.cursor == (0, 0)
        await pilot.press("ctrl+end", "ctrl+n")
        await pilot.pause()
        assert issues.cursor == (300, 0) and issues.row_count == 301
        await pilot.press(*"new", "enter")
        await pilot.pause()
        assert Workbook.load(demo_copy).records("process-issues", "issues")[300] == {"issue": "new"}
        issues.move_to(150, 0)
        await pilot.press("ctrl+r", "ctrl+r")  # a filled row asks for a second Ctrl+R
        await pilot.pause()
        rows = Workbook.load(demo_copy).records("process-issues", "issues")
        assert len(rows) == 300 and rows[150] == {"issue": "问题 151"}
        await pilot.press("ctrl+z")
        await pilot.pause()
        issues = app.screen.query_one("#item-issues", CellGrid)  # the section built anew
        assert Workbook.load(demo_copy).records("process-issues", "issues")[150] == {"issue": "问题 150"}
        assert issues.cursor == (150, 0) and app.focused is issues.table


async def test_a_large_workbook_the_app_cannot_edit_is_left_with_the_reason_once_parsed(demo_copy):
    with_issues(demo_copy, 20_000)
    text = demo_copy.read_text(encoding="utf-8")
    demo_copy.write_text(text.replace("[[answers.optimization.actions]]", "[[answers.optimization.kept-aside]]")
                         .replace("[answers.optimization]\n", "[answers.optimization]\nactions = []  # not rows the app can edit\n", 1),
                         encoding="utf-8")
    book = Workbook.load(demo_copy)
    app = RetroApp(workbook=book)
    async with app.run_test(size=SIZE) as pilot:
        await app.screen.view.mount_rest()  # the parse for editing starts once the section is mounted whole
        await pilot.pause()
        book.parsing().exception()  # (the parse, done)
        await pilot.pause()
        await pilot.pause()
    assert app.return_code == 1
    assert demo_copy.read_text(encoding="utf-8").count("[[answers.process-issues.issues]]") == 20_000  # untouched


async def test_a_long_cell_takes_as_many_lines_as_it_wraps_to_and_shows_all_of_it(demo_copy):
    """Rows are as tall as their longest cell wraps to, counted before drawing; a cell whose
    shown text is wider than what was counted (a control character shown as its escape) is
    measured by drawing it, so nothing is cut either way."""
    from textual.geometry import Region

    from retro_tui.linebreak import wrap

    long_issue = "大促前一周备货不足导致断货，客服响应慢，差评集中在物流时效" * 3 + "【完】"
    escaped = "报表里混入了控制字符\x1b[31m" * 6 + "【尾】"
    path = Path(demo_copy)
    book = Workbook.load(path, for_editing=True)
    book.set_cell("process-issues", "issues", 0, "issue", long_issue)
    book.set_cell("process-issues", "issues", 1, "issue", escaped)
    book.save()
    app = RetroApp(workbook=Workbook.load(path))
    async with app.run_test(size=SIZE) as pilot:
        issues = await grid_in_section(pilot, ISSUES, "issues")
        table = issues.table
        width = next(iter(table.columns.values())).width
        first, second = table.ordered_rows[:2]
        assert first.height == len(wrap(long_issue, width)) > 2
        assert second.height >= len(wrap(escaped, width))
        table.scroll_to(y=0, animate=False)
        await pilot.pause()
        shown = "".join(strip.text for strip in table.render_lines(Region(0, 0, table.size.width, table.size.height)))
        assert "【完】" in shown and "【尾】" in shown
