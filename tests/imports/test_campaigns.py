"""A campaign review is for the campaign its workbook names: 双十一's figures in a 双十一
review, never 618's."""

from __future__ import annotations

from helpers import KEY, target_actual
from helpers import run as retro
from helpers import run_ok as run

from retro_tui import demo
from retro_tui.workbook import Workbook

FILES = [demo.DATA / name for name in ("orders.csv", "ad_spend_daily.csv", "targets_campaign.csv", "targets_campaign_sku.csv")]
CHANNELS = {"tmall": "天猫", "jd": "京东", "pdd": "拼多多", "douyin": "抖音", "vip": "唯品会"}


def cents(value: float | None) -> int | None:
    return None if value is None else round(value * 100)


def test_a_review_of_double_11_computes_double_11_and_not_618(tmp_path):
    path = tmp_path / "double-11.toml"
    run("new", path, "--checklist", "campaign-review", "--period", "2025-10-20..2025-11-13", "--lang", "zh")
    book = Workbook.load(path)
    assert (book.campaign, book.title) == ("双十一", "2025 双十一 大促复盘")  # the campaign its period holds
    run("import", path, *FILES)
    book = Workbook.load(path)
    key = KEY["campaigns"]["双十一"]
    target, actual = target_actual(book.target_row("goals", "overall-targets", "sales"))
    assert cents(actual) == key["total"]["gmv_cents"] != KEY["campaigns"]["618"]["total"]["gmv_cents"]
    assert book.target_row("goals", "overall-targets", "orders").actual == key["total"]["paid_orders"]
    for row, channel in CHANNELS.items():
        assert cents(book.target_row("goals", "by-channel", row).actual) == key["by_channel"][channel]["gmv_cents"], channel


def test_the_campaign_named_on_the_command_line_and_its_latest_days(tmp_path):
    path = tmp_path / "c.toml"
    run("new", path, "--checklist", "campaign-review", "--campaign", "Double 11")
    book = Workbook.load(path)
    start, end = book.period
    assert book.campaign == "双十一" and (start.month, start.day, end.month, end.day) == (10, 20, 11, 11)
    result = retro("new", str(tmp_path / "a.toml"), "--checklist", "annual-review", "--campaign", "618")
    assert result.exit_code == 1 and "not for one campaign" in result.output
    result = retro("new", str(tmp_path / "b.toml"), "--checklist", "campaign-review", "--campaign", "店庆")
    assert result.exit_code == 1 and "give its days with --period" in result.output
    run("new", tmp_path / "d.toml", "--checklist", "campaign-review", "--campaign", "店庆", "--period", "2025-08-01..2025-08-03")
    assert Workbook.load(tmp_path / "d.toml").campaign == "店庆"  # a shop's own campaign, its days given


async def test_the_start_screen_starts_a_campaign_review_on_its_campaign_s_latest_days(tmp_path, monkeypatch):
    import datetime as dt

    from textual.widgets import Input, RadioButton, RadioSet

    from retro_tui.promotions import last_days
    from retro_tui.ui.app import RetroApp
    from retro_tui.ui.screens.workbook import WorkbookScreen

    monkeypatch.chdir(tmp_path)
    app = RetroApp(lang="zh")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        start, end = last_days("618", dt.date.today())
        radios = screen.query_one("#checklist", RadioSet)
        campaign = next(i for i, button in enumerate(radios.query(RadioButton)) if "campaign-review" in str(button.label))
        list(radios.query(RadioButton))[campaign].value = True
        await pilot.pause()
        assert screen.query_one("#period", Input).value == f"{start}..{end}"
        assert screen.query_one("#path", Input).value == f"campaign-review-{start.year}.toml"
        await pilot.click("#create")
        await pilot.pause()
        assert isinstance(app.screen, WorkbookScreen)
    book = Workbook.load(tmp_path / f"campaign-review-{start.year}.toml")
    assert (book.campaign, book.period) == ("618", (start, end))


def test_a_targets_file_may_name_the_campaign_another_way(tmp_path):
    path = tmp_path / "double-11.toml"
    run("new", path, "--checklist", "campaign-review", "--campaign", "双11", "--period", "2025-10-20..2025-11-13")
    targets = tmp_path / "targets_campaign.csv"
    targets.write_text((demo.DATA / "targets_campaign.csv").read_text(encoding="utf-8").replace("双十一", "Double 11"),
                       encoding="utf-8")
    run("import", path, demo.DATA / "orders.csv", targets)
    book = Workbook.load(path)
    assert book.campaign == "双十一"
    target, actual = target_actual(book.target_row("goals", "overall-targets", "sales"))
    assert target is not None and cents(actual) == KEY["campaigns"]["双十一"]["total"]["gmv_cents"]
    run("new", tmp_path / "en.toml", "--checklist", "campaign-review", "--campaign", "双十一", "--lang", "en",
        "--period", "2025-10-20..2025-11-13")
    assert Workbook.load(tmp_path / "en.toml").title == "Double 11 Campaign review 2025"


def test_a_note_of_a_missing_figure_is_no_answer_and_goes_once_a_figure_is_there(tmp_path):
    from retro_tui.checklist import find

    path = tmp_path / "r.toml"
    Workbook.new_file(path, find("annual-review"), period=(__import__("datetime").date(2025, 1, 1),
                                                          __import__("datetime").date(2025, 12, 31)), language="zh")
    book = Workbook.load(path, for_editing=True)
    section = book.checklist.section("goals")
    before = book.progress(section)
    book.set_lacking("goals", "targets", "net-sales", ["京东订单.xls"])
    assert book.progress(section) == before
    book.set_target("goals", "targets", "net-sales", "actual", 100)
    assert book.target_row("goals", "targets", "net-sales").actual_lacking is None
    book.save()
    assert target_actual(Workbook.load(path).target_row("goals", "targets", "net-sales")) == (None, 100)
