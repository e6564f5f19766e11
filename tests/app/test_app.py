"""What a user does in the app, driven with Pilot."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers import (
    SIZE,
    edit_cell,
    grid_in_section,
    grid_text,
    mounted,
    rendered,
    show_section,
    target_actual,
    toasts,
    type_into,
)
from textual import events
from textual.widgets import Input, OptionList, Static, TextArea

from retro_tui.timeline import in_date_order
from retro_tui.ui.app import RetroApp
from retro_tui.ui.screens.start import StartScreen
from retro_tui.ui.screens.workbook import WorkbookScreen
from retro_tui.ui.widgets.cell_grid import CellGrid
from retro_tui.ui.widgets.section_view import SectionView
from retro_tui.workbook import Workbook


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
        await edit_cell(pilot, "#item-targets", 0, 1, "619万")
        targets = await edit_cell(pilot, "#item-targets", 0, 2, "6,470,283.44")
        assert grid_text(targets, 0).endswith("6,190,000.00 | 6,470,283.44 | +280,283.44 | 104.5% |  |  | ✅ 达成")
        targets = await edit_cell(pilot, "#item-targets", 0, 5, "591万")
        assert grid_text(targets, 0).endswith("104.5% | 5,910,000.00 | +9.5% | ✅ 达成")
        assert targets.table.cursor_coordinate.row == 1  # Enter moves down, like a spreadsheet
        causes = app.screen.query_one("#item-causes", CellGrid)
        causes.table.focus()
        await pilot.press("ctrl+n")
        await pilot.pause()
        await edit_cell(pilot, "#item-causes", 0, 0, "直通车 ROI 偏低，预算分配过散")
        causes.table.move_cursor(row=0, column=1)
        await pilot.press("space")  # a choice cell steps to its first option
        await pilot.pause()
        assert "主观" in grid_text(causes, 0)

        # next section: input-output
        await pilot.press("f8")
        await pilot.pause()
        assert app.screen.view.section.id == "input-output"
        assert [view.section.id for view in app.screen.query(SectionView) if view.display] == ["input-output"]  # one on screen
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
    assert target_actual(book.target_row("goals", "targets", "sales")) == (6190000, 6470283.44)
    assert book.records("goals", "causes") == [{"cause": "直通车 ROI 偏低，预算分配过散", "side": "subjective"}]
    assert book.value("input-output", "budget-lesson") == "推广费明年按 ROI 分档投放；直播间单独核算"

    # reopen: at the section it was left at, the answers on screen; export from the app
    app = RetroApp(workbook=book)
    async with app.run_test(size=SIZE) as pilot:
        assert app.screen.view.section.id == "input-output"
        await pilot.press("f7")
        await pilot.pause()
        assert (await mounted(pilot, "#item-highlights")).text.startswith("双十一 GMV")  # below the first screenful
        assert "6,470,283.44" in grid_text(app.screen.query_one("#item-targets", CellGrid), 0)
        await pilot.press("f5")
        await pilot.pause()
    report = path.with_suffix(".md").read_text(encoding="utf-8")
    assert "双十一 GMV 同比 +32%" in report
    assert "| 销售额（元） | 6,190,000.00 | 6,470,283.44 | +280,283.44 | 104.5% ██████████ | 5,910,000.00 | +9.5% | ✅ 达成 |" in report
    assert "推广费明年按 ROI 分档投放；直播间单独核算" in report


async def test_a_bad_number_is_flagged_and_not_saved(tmp_path, demo_copy):
    app = RetroApp(workbook=Workbook.load(demo_copy))
    async with app.run_test(size=SIZE) as pilot:
        before = demo_copy.read_text(encoding="utf-8")
        grid = await edit_cell(pilot, "#item-targets", 0, 2, "很多")
        assert grid.editor.has_class("-rejected") and grid.editor.value == "很多"
        assert app.focused is grid.editor  # the text stays for the user to correct
        assert demo_copy.read_text(encoding="utf-8") == before
        grid.editor.value = "647万"
        await pilot.press("enter")
        await pilot.pause()
        assert not grid.editor.has_class("-rejected") and app.focused is grid.table
        assert Workbook.load(demo_copy).target_row("goals", "targets", "sales").actual == 6470000


async def test_numbers_no_shop_has_are_refused_where_typed_and_a_negative_sales_target_is_kept_and_said(tmp_path):
    from textual.widgets import Static

    from retro_tui.checklist import find
    from retro_tui.ui.screens.checks import ChecksScreen

    path = tmp_path / "review.toml"
    Workbook.new_file(path, find("annual-review"), period=(dt.date(2025, 1, 1), dt.date(2025, 12, 31)), language="zh")
    before = path.read_bytes()
    rows = [row.id for row in find("annual-review").section("goals").item("targets").rows]
    app = RetroApp(workbook=Workbook.load(path, for_editing=True), lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        said = toasts(app)
        for text in ("NaN", "Infinity", "1e20"):
            grid = await edit_cell(pilot, "#item-targets", 0, 1, text)
            assert grid.editor.has_class("-rejected") and grid.editor.value == text and app.focused is grid.editor
            await pilot.press("escape")
            await pilot.pause()
        assert [toast.message for toast in said] == ["不是数字：NaN", "不是数字：Infinity", "数字太大，不会是金额：1e20（10,000,000,000,000 及以上），请核对位数"]
        assert path.read_bytes() == before  # nothing refused was saved
        grid = await edit_cell(pilot, "#item-targets", 0, 1, "-5000")
        assert not grid.editor.has_class("-rejected") and app.focused is grid.table  # kept, and on to the next row
        await edit_cell(pilot, "#item-targets", rows.index("operating-profit"), 1, "-5000")  # a planned loss: no word
        await show_section(pilot, "optimization")  # the optimisation section: next year's sales target, a number field
        await pilot.pause()
        await type_into(pilot, "#item-next-sales-target", "1e20")
        await type_into(pilot, "#item-next-sales-target", "-6500000")
        assert [toast.message for toast in said[3:]] == ["销售额 · 目标：-5,000 小于 0，而这一项不会是负数；已照填保存，请核对正负号",
                            "数字太大，不会是金额：1e20（10,000,000,000,000 及以上），请核对位数",
                            "明年销售额目标（初定）：-6,500,000 小于 0，而这一项不会是负数；已照填保存，请核对正负号"]
        await pilot.press("f5")  # the checks before the report goes out say them again
        await pilot.pause()
        assert isinstance(app.screen, ChecksScreen)
        shown = [str(line.render()) for line in app.screen.query(".check-line").results(Static)]
        assert "• 年度目标与实际 · 销售额 · 目标：-5,000 小于 0，而这一项不会是负数；已照填保存，请核对正负号" in shown
        assert "• 明年销售额目标（初定）：-6,500,000 小于 0，而这一项不会是负数；已照填保存，请核对正负号" in shown
        assert not any("营业利润" in line for line in shown)
    book = Workbook.load(path)
    assert target_actual(book.target_row("goals", "targets", "sales")) == (-5000, None)
    assert target_actual(book.target_row("goals", "targets", "operating-profit")) == (-5000, None)
    assert book.value("optimization", "next-sales-target") == -6500000


async def test_records_rows_are_added_and_removed_by_key(demo_copy):
    book = Workbook.load(demo_copy)
    before = len(book.records("process-issues", "issues"))
    app = RetroApp(workbook=book)
    async with app.run_test(size=SIZE) as pilot:
        issues = await grid_in_section(pilot, "process-issues", "issues")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert issues.table.cursor_coordinate.row == before
        await pilot.press(*"Stock")  # typing on a cell starts editing it
        assert app.focused is issues.editor and issues.editor.value == "Stock"
        issues.editor.value = "Stock count was wrong in week 2"
        await pilot.press("enter")
        await pilot.pause()
        rows = Workbook.load(demo_copy).records("process-issues", "issues")
        assert len(rows) == before + 1 and rows[-1] == {"issue": "Stock count was wrong in week 2"}
        issues.table.move_cursor(row=before, column=0)
        await pilot.press("escape")  # nothing being edited: harmless
        await pilot.press("ctrl+r")  # a filled row asks for a second Ctrl+R
        await pilot.pause()
        assert len(Workbook.load(demo_copy).records("process-issues", "issues")) == before + 1
        await pilot.press("ctrl+r")
        await pilot.pause()
    assert len(Workbook.load(demo_copy).records("process-issues", "issues")) == before


async def test_a_burst_of_keys_lands_whole_in_the_cell(demo_copy):
    """Fast typing or an input method's whole word arrives before the edit field has the focus."""
    app = RetroApp(workbook=Workbook.load(demo_copy))
    async with app.run_test(size=SIZE) as pilot:
        events_grid = await grid_in_section(pilot, "timeline", "events", column=0)
        for character in "快递停运":
            app.post_message(events.Key(character, character))  # as the terminal driver does
        await pilot.pause()
        assert app.focused is events_grid.editor and events_grid.editor.value == "快递停运"
        await pilot.press("enter")
        await pilot.pause()
    assert Workbook.load(demo_copy).records("timeline", "events")[0]["event"] == "快递停运"


async def test_escape_cancels_an_edit_and_choices_are_picked_never_typed(demo_copy):
    app = RetroApp(workbook=Workbook.load(demo_copy), lang="en")
    async with app.run_test(size=SIZE) as pilot:
        issues = await grid_in_section(pilot, "process-issues", "issues")
        before = Workbook.load(demo_copy).records("process-issues", "issues")[0]
        await pilot.press("enter")
        issues.editor.value = "something else"
        await pilot.pause(1.2)  # longer than the fields' pause-to-save
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is issues.table
        assert Workbook.load(demo_copy).records("process-issues", "issues")[0] == before
        status = 3  # the status column: a choice
        issues.table.move_cursor(row=0, column=status)
        await pilot.press("delete")
        await pilot.pause()
        assert "status" not in Workbook.load(demo_copy).records("process-issues", "issues")[0]
        await pilot.press("u")  # a letter picks the next option it starts; no free text
        await pilot.pause()
        assert Workbook.load(demo_copy).records("process-issues", "issues")[0]["status"] == "unresolved"
        assert issues.editing is None and issues.table.cursor_coordinate == (0, status)
        await pilot.press("enter")  # Enter on a choice steps to the next option
        await pilot.pause()
        assert Workbook.load(demo_copy).records("process-issues", "issues")[0]["status"] == "solved"
        await pilot.press("未")  # 未解决, by its first character
        await pilot.pause()
        assert Workbook.load(demo_copy).records("process-issues", "issues")[0]["status"] == "unresolved"
        assert issues.editing is None and app.focused is issues.table


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
        assert app.screen.view.section.id == "timeline"


async def test_help_lists_the_keys(demo_copy):
    from retro_tui.ui.screens.help import HelpScreen, key_rows

    rows = dict(key_rows("en"))
    assert rows["F8"] == "Next section" and rows["Ctrl+N"] == "Add row" and rows["Ctrl+P"] == "commands"
    assert rows["Esc"] == "cancel the cell being edited"
    assert dict(key_rows("zh"))["F8"] == "下一节"
    app = RetroApp(workbook=Workbook.load(demo_copy), lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WorkbookScreen)


async def test_hand_edited_workbook_keeps_its_comment_after_the_app_saves(tmp_path, demo_copy):
    text = demo_copy.read_text(encoding="utf-8").replace(
        "[answers.goals]\n", "[answers.goals]\n# 王总：利润这一行开会先讨论\n", 1
    ).replace('overall = "missed"', 'overall = "missed"\nmy_note = "手写的键，应用不认识"', 1)
    text = text.replace('highlights = """', 'highlights = """\n- 手写补充：直播间 GMV 占比 8%', 1)
    demo_copy.write_text(text, encoding="utf-8")
    app = RetroApp(workbook=Workbook.load(demo_copy))
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, "#item-shortfalls", "新客户只完成 90.4%")
        await pilot.press("f5")
        await pilot.pause()
    saved = demo_copy.read_text(encoding="utf-8")
    assert "# 王总：利润这一行开会先讨论" in saved and 'my_note = "手写的键，应用不认识"' in saved
    assert Workbook.load(demo_copy).value("goals", "shortfalls") == "新客户只完成 90.4%"
    report = demo_copy.with_suffix(".md").read_text(encoding="utf-8")
    assert "- 手写补充：直播间 GMV 占比 8%" in report and "新客户只完成 90.4%" in report


def test_the_app_starts_without_pandas(demo_copy):
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from retro_tui.ui.app import RetroApp\n"
        "from retro_tui.workbook import Workbook\n"
        "async def leave(pilot):\n"
        "    await pilot.pause()\n"
        "    pilot.app.exit()\n"
        "RetroApp(workbook=Workbook.load(sys.argv[1])).run(headless=True, auto_pilot=leave)\n"
        "print(sorted(m for m in ('pandas', 'numpy', 'pyarrow') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(demo_copy)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("[]")


async def test_switching_language_on_the_start_screen_keeps_the_form():
    app = RetroApp(lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#title", Input).value = "Q3 大促复盘"
        app.screen.query_one("#team", Input).value = "山野织物"
        await pilot.press("f2")
        await pilot.pause()
        assert app.lang == "en"
        assert app.screen.query_one("#title", Input).value == "Q3 大促复盘"
        assert app.screen.query_one("#team", Input).value == "山野织物"
        assert "New workbook" in str(app.screen.query(".pane-title").last().render())


async def test_enter_opens_a_cell_with_its_value_selected_so_typing_replaces_it(demo_copy):
    app = RetroApp(workbook=Workbook.load(demo_copy))
    async with app.run_test(size=SIZE) as pilot:
        await grid_in_section(pilot, "goals", "targets", row=1, column=1)
        await pilot.press("enter")
        await pilot.press(*"620万", "enter")
        await pilot.pause()
    assert Workbook.load(demo_copy).target_row("goals", "targets", "net-sales").target == 6_200_000


async def test_an_action_s_metric_is_picked_from_the_targets_and_shows_its_value_now(demo_copy):
    book = Workbook.load(demo_copy)
    before = len(book.records("optimization", "actions"))
    app = RetroApp(workbook=book)
    async with app.run_test(size=SIZE) as pilot:
        actions = await grid_in_section(pilot, "optimization", "actions")
        columns = [c.id for c in actions.item.columns]
        await pilot.press("ctrl+n")
        await pilot.pause()
        await edit_cell(pilot, "#item-actions", before, columns.index("metric"), "new customers")  # the English label
        await edit_cell(pilot, "#item-actions", before, columns.index("expected"), "10500")
        row = Workbook.load(demo_copy).records("optimization", "actions")[before]
        assert row == {"metric": "新客户数", "expected": "10500"}
        now = actions.table.get_row_at(before)[columns.index("now")]
        assert str(now).strip() == "9,019 人 ❌"  # the demo's imported new customers, short of 10,500
        actions.table.move_cursor(row=before, column=columns.index("now"))
        await pilot.press("enter")  # computed: not editable
        assert app.focused is actions.table
        actions.table.move_cursor(row=before, column=columns.index("metric"))
        await pilot.press("space")  # steps to the next row of the targets tables
        await pilot.pause()
        assert Workbook.load(demo_copy).records("optimization", "actions")[before]["metric"] == "销售增长率"
        actions.table.move_cursor(row=0, column=columns.index("metric"))
        await pilot.press("space")  # words typed by the room are not stepped over
        await pilot.pause()
        assert Workbook.load(demo_copy).records("optimization", "actions")[0]["metric"] == "目标之间是否一致"


async def test_a_shop_date_added_to_the_timeline_moves_to_its_place(demo_copy):
    app = RetroApp(workbook=Workbook.load(demo_copy))
    async with app.run_test(size=SIZE) as pilot:
        events_grid = await grid_in_section(pilot, "timeline", "events")
        await pilot.press("ctrl+n")
        await pilot.pause()
        last = events_grid.table.row_count - 1
        await edit_cell(pilot, "#item-events", last, 0, "春季清仓")
        await edit_cell(pilot, "#item-events", last, 1, "4.10")  # a day of the review's year, as notes write it
        rows = in_date_order(events_grid.item, Workbook.load(demo_copy).records("timeline", "events"))
        moved = [row.get("event") for row in rows].index("春季清仓")
        assert rows[moved - 1]["date"] < rows[moved]["date"] == dt.date(2025, 4, 10) < rows[moved + 1]["date"]
        assert "春季清仓" in grid_text(events_grid, moved)  # the table shows it there too
        assert events_grid.table.cursor_coordinate.row == moved + 1  # Enter moved down from its new place


async def test_the_cost_ledger_shows_shares_and_a_total_row_that_cannot_be_typed_in(demo_copy):
    app = RetroApp(workbook=Workbook.load(demo_copy))
    async with app.run_test(size=SIZE) as pilot:
        costs = await grid_in_section(pilot, "input-output", "costs")
        total = costs.table.row_count - 1
        assert total == len(costs.item.rows)
        assert grid_text(costs, total).startswith("合计（元） · 占营业额 76.7%") and "| ✅ 达成 |" in grid_text(costs, total)
        assert grid_text(costs, 1).endswith("| 42.9%")  # product cost's share of the spend
        costs.table.move_cursor(row=total, column=1)
        await pilot.press("enter")
        assert app.focused is costs.table  # computed: nothing to edit
        months = (await mounted(pilot, "#months-costs")).content  # the lines month by month, below
        lines = [line.split() for line in rendered(months, width=200)[0].splitlines()]
        firsts = [line[0] for line in lines if line and line[0].startswith("2025-")]
        assert firsts == [f"2025-{m:02d}" for m in range(1, 13)]
        assert next(line for line in lines if line and line[0] == "2025-01")[-1] == "309,340.79"  # all six lines
async def test_the_goals_section_shows_the_sales_gap_split_in_chinese(demo_copy):
    import io

    from rich.console import Console

    from retro_tui.ui.widgets.gap_table import GapTable

    app = RetroApp(workbook=Workbook.load(demo_copy), lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        gap = await mounted(pilot, "#item-sales-gap")
        assert isinstance(gap, GapTable) and not gap.has_class("-empty")
        console = Console(width=120, record=True, file=io.StringIO())
        console.print(gap.content)
        shown = console.export_text()
        heads = next(line for line in shown.splitlines() if "因素" in line).split()
        assert heads == ["因素", "目标", "实际", "贡献（元）"]
        rows = {line.split()[0]: line.split() for line in shown.splitlines() if line.strip()}
        assert rows["访客数（人）"][1:4] == ["231,111", "238,067", "+153,351.84"] and "█" in rows["访客数（人）"][-1]
        assert rows["转化率（%）"][3] == "-50,140.54" and rows["客单价（元）"][3] == "-102,554.20"
        assert rows["目标拆解差"][1] == "+7.79" and rows["销售额（元）"][1:4] == ["2,826,000.00", "2,826,664.89", "+664.89"]
        assert "拖累最大的是客单价" in shown
        bars = [segment for segment in rendered(gap.content)[1] if "█" in segment.text]
        assert ["green" in str(bar.style) for bar in bars[:3]] == [True, False, False]  # visitors helped,
        assert ["red" in str(bar.style) for bar in bars[:3]] == [False, True, True]  # conversion and AOV hurt


async def test_without_data_the_sales_gap_says_which_files_to_import(tmp_path):
    import datetime as dt

    from retro_tui.checklist import find

    book = Workbook.new_file(tmp_path / "r.toml", find("annual-review"), period=(dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
                             language="en")
    async with RetroApp(workbook=Workbook.load(book.path), lang="en").run_test(size=SIZE) as pilot:
        gap = await mounted(pilot, "#item-sales-gap")
        assert gap.has_class("-empty")
        assert "shop daily report" in str(gap.content) and "targets_monthly.csv" in str(gap.content)


async def test_a_figure_typed_over_an_imported_one_is_kept_by_the_next_import(demo_copy):
    import shutil

    from retro_tui.demo import DATA
    from retro_tui.metrics.importer import import_files

    app = RetroApp(workbook=Workbook.load(demo_copy))
    async with app.run_test(size=SIZE) as pilot:
        events_grid = await grid_in_section(pilot, "timeline", "events")
        sales = [c.id for c in events_grid.item.columns].index("sales")
        await edit_cell(pilot, "#item-events", 0, sales, "8000")
        events_grid.table.move_cursor(row=3, column=0)
        await pilot.press("delete")  # a date cleared: the row goes last, and no edit is left open
        await pilot.pause()
        assert events_grid.editing is None and app.focused is events_grid.table
        await pilot.press("down")
        await pilot.pause()
    book = Workbook.load(demo_copy, for_editing=True)
    assert book.records("timeline", "events")[0]["sales"] == 8000 and "sales_from" not in book.records("timeline", "events")[0]
    orders = demo_copy.parent / "orders.csv"
    shutil.copyfile(DATA / "orders.csv", orders)
    outcome = import_files(book, [orders])
    assert book.records("timeline", "events")[0]["sales"] == 8000
    assert "timeline.events[1].sales" in outcome.report.kept


def test_help_shows_every_line_whole_on_a_laptop_s_80_columns():
    from rich.console import Console

    from retro_tui.ui.screens.help import key_rows, keys_table

    for lang in ("zh", "en"):
        console = Console(width=60, record=True, color_system=None)
        console.print(keys_table(lang))
        text = console.export_text()
        assert "…" not in text
        flat = "".join(text.split())
        assert all("".join(description.split()) in flat for _, description in key_rows(lang))


async def test_every_check_before_a_report_goes_out_is_readable_in_the_app(tmp_path):
    from textual.widgets import Static

    from retro_tui.checklist import find
    from retro_tui.conclusions import conclusion_checks
    from retro_tui.ui.screens.checks import ChecksScreen

    path = tmp_path / "review.toml"
    book = Workbook.new_file(path, find("annual-review"), period=(dt.date(2025, 1, 1), dt.date(2025, 12, 31)), language="zh")
    for n in range(9):  # more than a toast shows; one with brackets that are not markup
        book.add_record("optimization", "actions", {"what": f"[重要] 行动 {n} [/]"})
    book.save()
    app = RetroApp(workbook=Workbook.load(path, for_editing=True), lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, ChecksScreen)
        shown = [str(s.render()) for s in app.screen.query(".check-line").results(Static)]
        assert shown == [f"• {check}" for check in conclusion_checks(Workbook.load(path), "zh")] and len(shown) >= 9
        assert "[重要] 行动 8 [/]" in shown[8]
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ChecksScreen)


async def test_the_palette_s_own_commands_speak_chinese(demo_copy):
    app = RetroApp(workbook=Workbook.load(demo_copy), lang="zh")
    async with app.run_test(size=SIZE):
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "主题" in titles and "退出" in titles and "截图" in titles
        assert not {"Theme", "Quit", "Keys", "Screenshot"} & set(titles)


async def test_brackets_in_a_cell_are_text_not_markup(demo_copy):
    from retro_tui.ui.plain import plain

    book = Workbook.load(demo_copy, for_editing=True)
    book.add_record("goals", "causes", {"cause": "[/] [重要] [x] 已完成 [bold]v2[/bold]"})
    book.save()
    app = RetroApp(workbook=Workbook.load(demo_copy, for_editing=True), lang="zh")
    async with app.run_test(size=SIZE) as pilot:  # opening the section used to fail on `[/]`
        causes = await mounted(pilot, "#item-causes")
        await pilot.pause()
        shown = [[str(plain(cell)) for cell in row] for row in causes.rows()]  # the cells as the table gets them
        assert ["[/] [重要] [x] 已完成 [bold]v2[/bold]" in row for row in shown].count(True) == 1
        assert causes.table.row_count == len(shown)


async def test_enter_then_end_typed_in_one_burst_appends_to_the_cell(demo_copy):
    """Enter opens the cell with its text selected; End, typed before the editor could show,
    still moves to the end, so the next key appends instead of replacing the cell."""
    app = RetroApp(workbook=Workbook.load(demo_copy), lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        issues = await grid_in_section(pilot, "process-issues", "issues")
        before = Workbook.load(demo_copy).records("process-issues", "issues")[0]["issue"]
        for key, character in (("enter", None), ("end", None), ("x", "x"), ("left", None), ("y", "y"), ("enter", None)):
            app.post_message(events.Key(key, character))  # all queued before any is handled
        await pilot.pause()
        assert Workbook.load(demo_copy).records("process-issues", "issues")[0]["issue"] == before + "yx"
        assert issues.editing is None


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_the_ledger_month_by_month_never_cuts_its_total(demo_copy, size):
    from textual.geometry import Region

    app = RetroApp(workbook=Workbook.load(demo_copy))
    async with app.run_test(size=size) as pilot:
        await grid_in_section(pilot, "input-output", "costs")
        months = await mounted(pilot, "#months-costs")
        await pilot.pause()
        lines = [strip.text for strip in months.render_lines(Region(0, 0, months.size.width, months.size.height))]
        assert lines[1].rstrip().endswith("合计") and lines[2].rstrip().endswith("309,340.79")  # all of it, scrolled to


async def test_the_footer_keeps_every_key_on_a_laptop_s_80_columns(demo_copy):
    from retro_tui.ui.widgets.keys_footer import KeysFooter

    app = RetroApp(workbook=Workbook.load(demo_copy))
    async with app.run_test(size=(80, 24)) as pilot:
        await grid_in_section(pilot, "timeline", "events")  # a table's keys (add, delete a row) join the screen's
        await pilot.pause()
        footer = app.screen.query_one(KeysFooter)
        shown = footer.drawn()
        assert {key.key for key in shown} >= {"ctrl+n", "ctrl+r", "f8", "f7", "f5", "f6", "f2", "f1", "ctrl+q"}
        assert all(0 <= start < end <= 80 for start, end in shown.values())


async def test_the_footer_shows_its_keys_at_once_and_a_click_on_one_presses_it(demo_copy):
    """Its keys are in the first frame (Textual's footer waits a frame or more for them), follow
    the focus, and do what they say when clicked."""
    from retro_tui.ui.widgets.keys_footer import KeysFooter

    app = RetroApp(workbook=Workbook.load(demo_copy))
    async with app.run_test(size=SIZE) as pilot:
        footer = app.screen.query_one(KeysFooter)
        shown = footer.drawn()
        assert {key.key for key in shown} >= {"f8", "f7", "f5", "ctrl+q", "ctrl+p"}
        palette = next(key for key in shown if key.palette)
        assert shown[palette][1] == SIZE[0]  # at the right edge (its last column a space)
        await grid_in_section(pilot, "timeline", "events")  # a table's keys (add, delete a row) join them
        await pilot.pause()
        shown = footer.drawn()
        assert {key.key for key in shown} >= {"ctrl+n", "ctrl+r"}
        f7 = next(key for key in shown if key.key == "f7")
        await pilot.click(KeysFooter, offset=(shown[f7][0] + 1, 0))
        await pilot.pause()
        assert app.screen.current == 1  # F7 from the timeline (the third section): the second


@pytest.mark.parametrize("size", [(140, 45), (120, 30), (80, 24)])
async def test_the_first_frame_holds_what_the_first_screen_shows_and_the_rest_follows(demo_copy, size):
    """What the section shows on its first screen is mounted with it; what it leaves out (the
    items below, and the editor of an item whose label ends the screen) is below that screen."""
    first: list = []

    class Watched(RetroApp):
        async def on_ready(self) -> None:  # (the first frame is on the terminal)
            first.extend(self.screen.query_one(SectionView).children)
            await super().on_ready()

    app = Watched(Workbook.load(demo_copy))
    async with app.run_test(size=size) as pilot:
        view = app.screen.query_one(SectionView)
        await view.mount_rest()
        await pilot.pause()
        later = [widget for widget in view.children if widget not in first]
        assert first and later  # (the demo's first section is longer than a screen)
        assert all(widget.virtual_region.y >= view.scrollable_content_region.height for widget in later)
        assert any(widget.virtual_region.bottom > view.scrollable_content_region.height - 3 for widget in first)
