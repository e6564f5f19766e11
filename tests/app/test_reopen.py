"""Opening a workbook again: in its own language, at the section it was left at."""

from __future__ import annotations

from helpers import run_ok as run

from retro_tui.workbook import Workbook


async def test_a_workbook_opened_from_the_start_screen_speaks_its_own_language(tmp_path, monkeypatch):
    from retro_tui.ui.app import RetroApp
    from retro_tui.ui.screens.workbook import WorkbookScreen

    path = tmp_path / "review.toml"
    run("new", path, "--checklist", "annual-review", "--lang", "en")
    app = RetroApp()  # no --lang: the locale's (zh here) until a workbook is opened
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.lang == "zh"
        app.screen.open_path(path)
        await pilot.pause()
        assert isinstance(app.screen, WorkbookScreen) and app.lang == "en"


async def test_a_workbook_reopens_at_the_section_it_was_left_at(tmp_path):
    from retro_tui.ui.app import RetroApp

    path = tmp_path / "review.toml"
    run("new", path, "--checklist", "annual-review", "--lang", "zh")
    app = RetroApp(workbook=Workbook.load(path, for_editing=True), lang="zh")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f8", "f8")
        await pilot.pause()
        assert app.screen.current == 2
    app = RetroApp(workbook=Workbook.load(path, for_editing=True), lang="zh")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.screen.current == 2
        assert app.screen.view.section.id == "timeline"

