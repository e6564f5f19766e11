"""What a user does in the app, driven with Pilot."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList, Static, TextArea

from retro_tui.ui.app import RetroApp
from retro_tui.ui.screens.start import StartScreen
from retro_tui.ui.screens.workbook import WorkbookScreen
from retro_tui.ui.widgets.records_table import ChoiceCell
from retro_tui.ui.widgets.section_view import SectionView
from retro_tui.workbook import Workbook

SIZE = (140, 45)


async def type_into(pilot, selector: str, text: str, then: str = "tab") -> None:
    """Focus a field, put `text` in it as a paste would, and leave (or submit) it."""
    widget = pilot.app.screen.query_one(selector)
    widget.focus()
    await pilot.pause()
    if isinstance(widget, TextArea):
        widget.text = text
    else:
        widget.value = text
    await pilot.press(then)
    await pilot.pause()


async def test_whole_journey_new_answer_quit_reopen_export(tmp_path: Path):
    path = tmp_path / "复盘-2025.toml"
    app = RetroApp(lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, StartScreen)
        app.screen.query_one("#path", Input).value = str(path)
        app.screen.query_one("#period", Input).value = "2025-01-01..2025-12-31"
        app.screen.query_one("#title", Input).value = "2025 年度复盘 · 山野织物"
        await pilot.click("#create")
        await pilot.pause()
        assert isinstance(app.screen, WorkbookScreen)
        assert path.exists()

        # goals: a note, a target row, a cause with a choice cell
        await type_into(pilot, "#item-highlights", "双十一 GMV 同比 +32%\n老客复购率创新高")
        await type_into(pilot, "#sales-target", "619万", then="enter")
        await type_into(pilot, "#sales-actual", "6,470,283.44", then="enter")
        computed = str(app.screen.query(".col-computed").first(Static).render())
        assert "104.5%" in computed and "达成" in computed
        app.screen.query_one("#item-causes").focus()
        await pilot.press("ctrl+n")
        await pilot.pause()
        await type_into(pilot, "#item-causes Input", "直通车 ROI 偏低，预算分配过散")
        cell = app.screen.query_one("#item-causes").query(ChoiceCell).first()
        cell.focus()
        await pilot.press("space")  # → first option

        # next section: input-output
        await pilot.press("f8")
        await pilot.pause()
        assert app.screen.query_one(SectionView).section.id == "input-output"
        assert len(app.screen.query(SectionView)) == 1  # only the current section is mounted
        await type_into(pilot, "#item-budget-lesson", "推广费明年按 ROI 分档投放")
        status = str(app.screen.query_one("#status", Static).render())
        assert "已保存" in status
        progress = str(app.screen.query_one("#sections", OptionList).get_option_at_index(0).prompt)
        assert "3/" in progress

        # typed but not committed: quitting still keeps it
        field = app.screen.query_one("#item-io-checks")  # something focusable to leave focus on
        app.screen.query_one("#item-budget-lesson", TextArea).text = "推广费明年按 ROI 分档投放；直播间单独核算"
        field.focus()
        await pilot.press("ctrl+q")

    book = Workbook.load(path)
    assert book.value("goals", "highlights") == "双十一 GMV 同比 +32%\n老客复购率创新高"
    assert book.target("goals", "targets", "sales") == (6190000, 6470283.44)
    assert book.records("goals", "causes") == [{"cause": "直通车 ROI 偏低，预算分配过散", "side": "subjective"}]
    assert book.value("input-output", "budget-lesson") == "推广费明年按 ROI 分档投放；直播间单独核算"

    # reopen: the answers are on screen; export from the app
    app = RetroApp(workbook=book)
    async with app.run_test(size=SIZE) as pilot:
        assert app.screen.query_one("#item-highlights", TextArea).text.startswith("双十一 GMV")
        assert app.screen.query_one("#sales-actual", Input).value == "6,470,283.44"
        await pilot.press("f5")
        await pilot.pause()
    report = path.with_suffix(".md").read_text(encoding="utf-8")
    assert "双十一 GMV 同比 +32%" in report
    assert "| 销售额（元） | 6,190,000 | 6,470,283.44 | +280,283.44 | 104.5% | ✅ 达成 |" in report
    assert "推广费明年按 ROI 分档投放；直播间单独核算" in report


async def test_a_bad_number_is_flagged_and_not_saved(tmp_path, demo_copy):
    app = RetroApp(workbook=Workbook.load(demo_copy))
    async with app.run_test(size=SIZE) as pilot:
        before = demo_copy.read_text(encoding="utf-8")
        await type_into(pilot, "#sales-actual", "很多", then="enter")
        field = app.screen.query_one("#sales-actual", Input)
        assert field.has_class("-rejected") and field.value == "很多"
        assert demo_copy.read_text(encoding="utf-8") == before
        await type_into(pilot, "#sales-actual", "6470283.44", then="enter")
        assert not field.has_class("-rejected")


async def test_records_rows_are_added_and_removed_by_key(demo_copy):
    book = Workbook.load(demo_copy)
    before = len(book.records("process-issues", "issues"))
    app = RetroApp(workbook=book)
    async with app.run_test(size=SIZE) as pilot:
        await app.screen.show_section(3)
        app.screen.query_one("#item-issues").focus()
        await pilot.press("ctrl+n")
        await pilot.pause()
        await type_into(pilot, "#item-issues .table-row:last-of-type Input", "Inventory count was wrong in week 2")
        assert len(Workbook.load(demo_copy).records("process-issues", "issues")) == before + 1
        await pilot.press("ctrl+r")
        await pilot.pause()
    assert len(Workbook.load(demo_copy).records("process-issues", "issues")) == before


async def test_language_switch_and_palette_jump(demo_copy):
    app = RetroApp(workbook=Workbook.load(demo_copy), lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        assert app.lang == "en"
        assert "Goals and gaps" in str(app.screen.query_one(".section-title", Static).render())
        assert Workbook.load(demo_copy).language == "en"
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"timeline")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert app.screen.query_one(SectionView).section.id == "timeline"


async def test_help_lists_the_keys(demo_copy):
    app = RetroApp(workbook=Workbook.load(demo_copy), lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        text = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert "Next section" in text and "Add row" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WorkbookScreen)
