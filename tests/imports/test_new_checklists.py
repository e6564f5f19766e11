"""The annual review, the campaign review (大促复盘) and the product review (商品复盘): a user
fills one answer in each section with the keys (F8 to the next section, Tab to a field, Enter into a cell); the
618 demo against the answer key; a campaign review made from the annual demo."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import KEY, SIZE, cents, run, target_actual, type_in_cell
from textual.widgets import Input, TextArea

from retro_tui import demo
from retro_tui.checklist import find
from retro_tui.timeline import in_date_order
from retro_tui.ui.app import RetroApp
from retro_tui.ui.widgets.cell_grid import CellGrid
from retro_tui.workbook import Workbook

CHANNELS = {"tmall": "天猫", "jd": "京东", "pdd": "拼多多", "douyin": "抖音", "vip": "唯品会"}


async def tab_to(pilot, item_id: str):
    """Press Tab until the item's field (or its table) has the focus, as a user would."""
    for _ in range(60):
        focused = pilot.app.focused
        if focused is not None and any(w.id == f"item-{item_id}" for w in (focused, *focused.ancestors)):
            return focused
        await pilot.press("tab")
        await pilot.pause()
    raise AssertionError(f"Tab never reached {item_id} (focus: {pilot.app.focused})")


async def next_section(pilot, section_id: str) -> None:
    await pilot.press("f8")
    await pilot.pause()
    assert pilot.app.screen.view.section.id == section_id


async def write(pilot, item_id: str, text: str) -> None:
    """Tab to a text field, put the text in (as an input method commits it), Tab away."""
    field = await tab_to(pilot, item_id)
    if isinstance(field, TextArea):
        field.text = text
    else:
        assert isinstance(field, Input)
        field.value = text
    await pilot.press("tab")
    await pilot.pause()


async def add_row(pilot, item_id: str, text: str, *more: str) -> None:
    """Tab to a table, add a row (Ctrl+N), Enter into its first cell, type, Enter; then each of
    `more` into the next cell of the row."""
    await tab_to(pilot, item_id)
    await pilot.press("ctrl+n")
    await pilot.pause()
    grid = pilot.app.screen.query_one(f"#item-{item_id}", CellGrid)
    row = grid.table.cursor_row
    for column, cell in enumerate([text, *more]):
        grid.table.move_cursor(row=row, column=column)
        await type_in_cell(pilot, grid, cell)


async def type_cell(pilot, item_id: str, right: int, text: str) -> None:
    """Tab to a table, move right to a column, Enter, type, Enter."""
    await tab_to(pilot, item_id)
    for _ in range(right):
        await pilot.press("right")
    await type_in_cell(pilot, pilot.app.screen.query_one(f"#item-{item_id}", CellGrid), text)


def new_workbook(tmp_path, checklist: str, period: str):
    path = tmp_path / f"{checklist}.toml"
    result = run("new", path, "--checklist", checklist, "--period", period, "--lang", "zh")
    assert result.exit_code == 0, result.output
    return path


async def test_an_annual_review_filled_section_by_section_with_the_keyboard(tmp_path):
    path = new_workbook(tmp_path, "annual-review", "2025-01-01..2025-12-31")
    app = RetroApp(workbook=Workbook.load(path, for_editing=True), lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_cell(pilot, "targets", 1, "619万")  # goals: the sales target
        await next_section(pilot, "input-output")
        await type_cell(pilot, "costs", 1, "56万")  # the wages budget, in the ledger
        await next_section(pilot, "timeline")
        await add_row(pilot, "events", "春季清仓", "4.10")  # a shop date: it moves to its place among the calendar's
        await next_section(pilot, "process-issues")
        await add_row(pilot, "issues", "618 仓库爆仓，发货延迟")
        await next_section(pilot, "optimization")
        await add_row(pilot, "actions", "大促前两周备货到 120%")
        await pilot.press("ctrl+q")
    book = Workbook.load(path)
    assert target_actual(book.target_row("goals", "targets", "sales")) == (6190000, None)
    assert target_actual(book.target_row("input-output", "costs", "wages")) == (560000, None)
    dates = [row["date"] for row in in_date_order(find("annual-review").section("timeline").item("events"),
                                                   book.records("timeline", "events"))]
    assert len(dates) == 16 and dates == sorted(dates) and dt.date(2025, 4, 10) in dates
    assert {"event": "春季清仓", "date": dt.date(2025, 4, 10)}.items() <= next(
        row for row in book.records("timeline", "events") if row.get("event") == "春季清仓").items()
    assert book.records("process-issues", "issues") == [{"issue": "618 仓库爆仓，发货延迟"}]
    assert book.records("optimization", "actions") == [{"what": "大促前两周备货到 120%"}]


async def test_a_campaign_review_filled_section_by_section_with_the_keyboard(tmp_path):
    path = new_workbook(tmp_path, "campaign-review", "2025-05-20..2025-06-18")
    app = RetroApp(workbook=Workbook.load(path, for_editing=True), lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_cell(pilot, "by-channel", 1, "49.5万")  # goals: Tmall's target
        await next_section(pilot, "plan")
        await write(pilot, "theme", "山野出发季 · 夏日轻户外")
        await next_section(pilot, "execution")
        await write(pilot, "adjustments", "6.4 天猫全站推广日预算下调 20%\n6.10 暂停两个抖音达人计划")
        await next_section(pilot, "results")
        await add_row(pilot, "causes", "预热期抢跑，ROI 只有 2.53")
        await next_section(pilot, "process-issues")
        await add_row(pilot, "issues", "开门红客服接不过来")
        await next_section(pilot, "optimization")
        await add_row(pilot, "actions", "双十一预热期预算不超过 25%")
        await pilot.press("ctrl+q")
    book = Workbook.load(path)
    assert target_actual(book.target_row("goals", "by-channel", "tmall")) == (495000, None)
    assert book.value("plan", "theme") == "山野出发季 · 夏日轻户外"
    assert book.value("execution", "adjustments") == "6.4 天猫全站推广日预算下调 20%\n6.10 暂停两个抖音达人计划"
    assert book.records("results", "causes") == [{"cause": "预热期抢跑，ROI 只有 2.53"}]
    assert book.records("process-issues", "issues") == [{"issue": "开门红客服接不过来"}]
    assert book.records("optimization", "actions") == [{"what": "双十一预热期预算不超过 25%"}]
    assert 'theme = "山野出发季 · 夏日轻户外"' in path.read_text(encoding="utf-8")


async def test_a_product_review_filled_section_by_section_with_the_keyboard(tmp_path):
    path = new_workbook(tmp_path, "product-review", "2025-01-01..2025-12-31")
    app = RetroApp(workbook=Workbook.load(path, for_editing=True), lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_cell(pilot, "totals", 1, "70")  # overview: the sell-through target
        await next_section(pilot, "season")
        await write(pilot, "season-notes", "秋冬款售罄率 63%，羽绒服压货最多")
        await next_section(pilot, "category")
        await add_row(pilot, "slow-sellers", "SY25YR-012")
        await next_section(pilot, "new-old")
        await write(pilot, "new-share", "37.5")
        await next_section(pilot, "competitors")
        await add_row(pilot, "hits", "某品牌 防泼水速干T恤")
        await next_section(pilot, "process-issues")
        await write(pilot, "lessons", "羽绒服首单只下预测量的 60%，按前两周售罄率追单")
        await next_section(pilot, "optimization")
        await write(pilot, "buying-plan", "秋冬款首单减 20%，羽绒服折扣不低于 7 折")
        await pilot.press("ctrl+q")
    book = Workbook.load(path)
    assert target_actual(book.target_row("overview", "totals", "sell-through")) == (70, None)
    assert book.value("season", "season-notes") == "秋冬款售罄率 63%，羽绒服压货最多"
    assert book.records("category", "slow-sellers") == [{"sku": "SY25YR-012"}]
    assert book.value("new-old", "new-share") == 37.5
    assert book.records("competitors", "hits") == [{"product": "某品牌 防泼水速干T恤"}]
    assert book.value("process-issues", "lessons") == "羽绒服首单只下预测量的 60%，按前两周售罄率追单"
    assert book.value("optimization", "buying-plan") == "秋冬款首单减 20%，羽绒服折扣不低于 7 折"


@pytest.fixture(scope="module")
def campaign_demo(installed_demo):
    return Workbook.load(installed_demo.parent / demo.CAMPAIGN)


def test_the_618_demo_matches_the_answer_key_to_the_cent(campaign_demo):
    book, key = campaign_demo, KEY["campaigns"]["618"]
    assert [entry["file"] for entry in book.imports()] == list(demo.CAMPAIGN_IMPORTS)
    target, actual = target_actual(book.target_row("goals", "overall-targets", "sales"))
    assert cents(actual) == key["total"]["gmv_cents"]
    assert cents(target) == sum(t["target_cents"] for t in key["targets"].values())
    assert actual / target == pytest.approx(key["completion_total"], abs=1e-6)
    assert cents(book.target_row("goals", "overall-targets", "net-sales").actual) == key["total"]["net_cents"]
    assert book.target_row("goals", "overall-targets", "orders").actual == key["total"]["paid_orders"]
    assert book.target_row("goals", "overall-targets", "aov").actual == pytest.approx(key["total"]["aov_per_buyer"], abs=0.005)
    assert book.target_row("goals", "overall-targets", "roi").actual == pytest.approx(key["total"]["roi_gmv"], abs=1e-4)
    assert cents(book.target_row("plan", "budget", "promotion").actual) == key["total"]["promo_cents"]
    for row, channel in CHANNELS.items():
        target, actual = target_actual(book.target_row("goals", "by-channel", row))
        assert cents(actual) == key["by_channel"][channel]["gmv_cents"]
        assert cents(target) == key["targets"][channel]["target_cents"]
        assert actual / target == pytest.approx(key["completion"][channel], abs=1e-6)
        assert cents(book.target_row("plan", "budget", f"{row}-spend").target) == key["targets"][channel]["budget_cents"]
    for row, sku in {"ds006": "SY25DS-006", "sg001": "SY24SG-001", "sg003": "SY24SG-003", "fs015": "SY23FS-015"}.items():
        figures = key["sku_targets"][sku]
        assert target_actual(book.target_row("goals", "by-sku", f"{row}-units")) == (figures["units_target"], figures["units_actual"])
        target, actual = target_actual(book.target_row("goals", "by-sku", f"{row}-sales"))
        assert (cents(target), cents(actual)) == (figures["target_cents"], figures["gmv_actual_cents"])
    assert book.target_row("goals", "core-metrics", "old-sell-through").sources() == {"actual": ["orders.csv", "products.csv"]}


def test_the_618_demo_exports_its_tables_with_no_open_checks(installed_demo, tmp_path):
    path = installed_demo.parent / demo.CAMPAIGN
    result = run("export", path, "-o", tmp_path / "618.md")
    assert result.exit_code == 0 and "请先处理" not in result.output, result.output
    report = (tmp_path / "618.md").read_text(encoding="utf-8")
    assert report.startswith("# 2025 618 大促复盘 · 山野织物")
    assert "| 天猫（元） | 495,000.00 | 399,356.60 | -95,643.40 | 80.7% ████████▏ | 391,234.76 | +2.1% | ❌ 未达成 |" in report
    assert "| 京东（元） | 226,000.00 | 247,600.23 | +21,600.23 | 109.6% ██████████ |" in report
    assert "| 城市通勤登山鞋 男款 SY25DS-006 · 件数（件） | 208 | 227 | +19 | 109.1% ██████████ | ✅ 达成 |" in report
    english = run("export", path, "--lang", "en").output
    assert "| Tmall (CNY) | 495,000.00 | 399,356.60 |" in english and "## 6. Next steps" in english


def test_demo_installs_both_reviews_and_lists_both_as_recent(tmp_path):
    from retro_tui import recent

    result = run("demo", tmp_path / "d", "--no-open")
    assert result.exit_code == 0, result.output
    annual, campaign = tmp_path / "d" / demo.WORKBOOK, tmp_path / "d" / demo.CAMPAIGN
    assert [p.resolve() for p in recent.load()[:2]] == [annual.resolve(), campaign.resolve()]
    run("demo", tmp_path / "d", "--no-open", "--campaign")
    assert recent.load()[0].resolve() == campaign.resolve()
    book = Workbook.load(campaign)
    assert all(done == total for done, total in map(book.progress, book.checklist.sections))


async def test_the_demo_opened_lists_both_reviews_as_recent_once_it_is_shown(tmp_path):
    from retro_tui import recent

    demo.install(tmp_path / "d")
    annual, campaign = tmp_path / "d" / demo.WORKBOOK, tmp_path / "d" / demo.CAMPAIGN
    app = RetroApp(Workbook.load(annual), also_recent=(campaign,))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert [p.resolve() for p in recent.load()[:2]] == [annual.resolve(), campaign.resolve()]


def test_a_campaign_review_from_the_annual_demo_brings_back_its_open_rows(installed_demo, tmp_path):
    annual = Workbook.load(installed_demo)
    path = tmp_path / "618-2026.toml"
    result = run("new", path, "--checklist", "campaign-review", "--period", "2026-05-20..2026-06-18",
                 "--from", installed_demo)
    assert result.exit_code == 0, result.output
    book = Workbook.load(path)
    open_issues = [row["issue"] for row in annual.records("process-issues", "issues") if row.get("status") != "solved"]
    assert [row["issue"] for row in book.records("process-issues", "issues")] == open_issues
    assert all(row["recurring"] == "yes" for row in book.records("process-issues", "issues"))
    actions = book.records("optimization", "actions")
    assert [row["what"] for row in actions] == [row["what"] for row in annual.records("optimization", "actions")]
    assert all(row["carried"] == "last-review" for row in actions)
    for section in book.checklist.sections:  # no annual figure poses as last year's 618
        for item in section.items:
            for row in getattr(item, "rows", []):
                assert book.target_row(section.id, item.id, row.id).last_year is None
    exported = run("export", path)
    assert exported.exit_code == 0 and "唯品会退款率 14.1%，全渠道最高" in exported.output


@pytest.mark.parametrize("checklist_id", ["campaign-review", "product-review"])
def test_every_product_attribute_a_checklist_narrows_by_is_one_the_product_master_has(checklist_id):
    from retro_tui.metrics import catalogue as catalogues

    catalogue = catalogues.load()
    attributes = set(catalogue.kinds["products"].attributes)
    rows = [row for section in find(checklist_id).sections for item in section.items for row in getattr(item, "rows", [])]
    assert all(row.metric is None or row.metric in catalogue.metrics for row in rows)
    assert all(set(row.product or {}) <= attributes for row in rows)
