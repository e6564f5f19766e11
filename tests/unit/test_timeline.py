"""The timeline: started with the promotion calendar, kept in date order, each event's metrics
over its days from the import."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest
from helpers import KEY, one_section

from retro_tui.checklist import ChecklistError, find, parse
from retro_tui.demo import DATA
from retro_tui.export.markdown import export
from retro_tui.metrics.importer import import_files
from retro_tui.timeline import display_order, in_date_order
from retro_tui.workbook import Workbook

YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
ANNUAL = find("annual-review")
EVENTS = ANNUAL.section("timeline").item("events")


def events(book: Workbook) -> list[dict]:
    return book.records("timeline", "events")


def test_a_new_review_starts_its_timeline_with_the_year_s_calendar_in_date_order(tmp_path):
    book = Workbook.new_file(tmp_path / "r.toml", ANNUAL, period=YEAR, language="zh")
    rows = events(Workbook.load(book.path))
    names = [row["event"] for row in rows]
    assert names[:3] == ["元旦", "年货节", "春节（快递停运）"] and "618" in names and "双十一" in names
    assert [row["date"] for row in rows] == sorted(row["date"] for row in rows)
    six18 = rows[names.index("618")]
    assert (six18["date"], six18["until"], six18["kind"]) == (dt.date(2025, 5, 20), dt.date(2025, 6, 18), "platform")
    assert "until" not in rows[0]  # New Year's Day: one day
    assert not book.is_answered(ANNUAL.section("timeline"), EVENTS)  # nothing the room said yet
    assert book.progress(ANNUAL.section("timeline"))[0] == 0


def test_a_campaign_s_period_gets_only_the_events_it_overlaps_in_the_workbook_language(tmp_path):
    book = Workbook.new_file(tmp_path / "r.toml", ANNUAL, period=(dt.date(2025, 5, 20), dt.date(2025, 6, 18)), language="en")
    assert [row["event"] for row in events(book)] == ["520", "618"]


def test_a_dated_row_is_shown_in_its_place_stays_where_it_is_in_the_file_and_the_report_reads_in_date_order(tmp_path):
    path = tmp_path / "r.toml"
    Workbook.new_file(path, ANNUAL, period=YEAR, language="zh")
    text = path.read_text(encoding="utf-8")
    six18 = text.index('event = "618"')
    header = text.rindex("[[answers.timeline.events]]", 0, six18)
    path.write_text(text[:header] + "# 手写：618 的备注\n" + text[header:], encoding="utf-8")
    book = Workbook.load(path, for_editing=True)
    index = book.add_record("timeline", "events", {"event": "春季清仓", "kind": "shop", "what-we-did": "老款五折"})
    book.set_cell("timeline", "events", index, "date", dt.date(2025, 4, 10))
    book.save()
    rows = events(Workbook.load(path))
    assert rows[-1]["event"] == "春季清仓"  # the file keeps the order rows were added in
    shown = in_date_order(EVENTS, rows)
    to = [row["event"] for row in shown].index("春季清仓")
    assert shown[to - 1]["date"] < dt.date(2025, 4, 10) < shown[to + 1]["date"]
    assert display_order(EVENTS, rows)[to] == len(rows) - 1
    saved = path.read_text(encoding="utf-8")  # the comment is still right above the 618 row
    assert saved.split("# 手写：618 的备注\n", 1)[1].split('event = "', 1)[1].startswith('618"')
    undated = {"event": "未定日期", "what-we-did": "x"}
    assert in_date_order(EVENTS, [undated, rows[-1]]) == [rows[-1], undated]
    report = export(book, "zh")
    table = [line for line in report.splitlines() if re.match(r"\| [^|]+ \| 2025-", line)]  # 节点 | 日期 | …
    assert len(table) > 10 and [line.split(" | ")[1] for line in table] == sorted(line.split(" | ")[1] for line in table)
    assert any("春季清仓" in line and "老款五折" in line for line in table)


def test_each_event_s_sales_spend_and_roi_come_from_the_import_over_its_days(tmp_path):
    for name in ("orders.csv", "ad_spend_daily.csv"):
        shutil.copyfile(DATA / name, tmp_path / name)
    book = Workbook.new_file(tmp_path / "r.toml", ANNUAL, period=YEAR, language="zh")
    names = [row["event"] for row in events(book)]
    book.set_cell("timeline", "events", names.index("双十一"), "sales", 1_000_000)  # typed by hand
    outcome = import_files(book, [tmp_path / "orders.csv", tmp_path / "ad_spend_daily.csv"])
    rows = events(book)
    six18, campaign = rows[names.index("618")], KEY["campaigns"]["618"]["total"]
    assert round(six18["sales"] * 100) == campaign["gmv_cents"]
    assert round(six18["spend"] * 100) == campaign["promo_cents"]
    assert six18["roi"] == pytest.approx(campaign["roi_gmv"], abs=1e-4)  # ROI kept to 4 decimals
    assert six18["sales_from"] == ["orders.csv"]
    assert rows[names.index("双十一")]["sales"] == 1_000_000  # kept
    assert "timeline.events[13].sales" in outcome.report.kept
    import_files(book, [tmp_path / "orders.csv"], overwrite=True)
    double11 = events(book)[names.index("双十一")]
    assert round(double11["sales"] * 100) == KEY["campaigns"]["双十一"]["total"]["gmv_cents"]


CHECKLIST = one_section("""
      - id: events
        kind: records
        label: E
        calendar: {date: date, event: event}
        columns:
          - {id: date, label: Date, kind: date}
          - {id: event, label: Event}
          - {id: sales, label: Sales, kind: number, metric: gmv}
""")


def test_the_calendar_must_name_the_right_kinds_of_column_and_metrics_need_days():
    assert parse(CHECKLIST).section("s").item("events").calendar.date == "date"
    with pytest.raises(ChecklistError, match="'event' is not a date column"):
        parse(CHECKLIST.replace("{date: date, event: event}", "{date: event, event: event}"))
    with pytest.raises(ChecklistError, match="only a number column can be filled with a metric"):
        parse(CHECKLIST.replace("kind: number, metric: gmv", "kind: text, metric: gmv"))
    with pytest.raises(ChecklistError, match="needs the table's `calendar`"):
        parse(CHECKLIST.replace("        calendar: {date: date, event: event}\n", ""))


def test_a_campaign_review_starts_with_the_campaign_s_phases_and_imports_each_one(tmp_path):
    for name in ("orders.csv", "ad_spend_daily.csv"):
        shutil.copyfile(DATA / name, tmp_path / name)
    book = Workbook.new_file(tmp_path / "c.toml", find("campaign-review"), period=(dt.date(2025, 5, 20), dt.date(2025, 6, 18)),
                             language="zh")
    phases = book.records("execution", "phases")
    assert [(p["phase"], p["date"], p["until"]) for p in phases] == [
        ("618 预热", dt.date(2025, 5, 20), dt.date(2025, 5, 30)), ("618 开门红", dt.date(2025, 5, 31), dt.date(2025, 6, 3)),
        ("618 平销", dt.date(2025, 6, 4), dt.date(2025, 6, 15)), ("618 高潮", dt.date(2025, 6, 16), dt.date(2025, 6, 18))]
    import_files(book, [tmp_path / "orders.csv", tmp_path / "ad_spend_daily.csv"])
    phases = book.records("execution", "phases")
    whole = KEY["campaigns"]["618"]["total"]
    assert sum(round(p["sales"] * 100) for p in phases) == whole["gmv_cents"]  # the phases cover the campaign's days
    assert sum(round(p["spend"] * 100) for p in phases) == whole["promo_cents"]


def test_a_timeline_is_an_answer_once_the_room_adds_a_date_or_the_import_fills_it(tmp_path):
    section = ANNUAL.section("timeline")
    book = Workbook.new_file(tmp_path / "r.toml", ANNUAL, period=YEAR, language="zh")
    assert not book.is_answered(section, EVENTS)  # only the calendar's days and names
    index = book.add_record("timeline", "events", {"date": dt.date(2025, 4, 10), "event": "春季清仓", "kind": "shop"})
    assert book.is_answered(section, EVENTS)
    assert "春季清仓" in export(book, "zh").split("## 3.")[1]
    book.remove_record("timeline", "events", index)
    book.set_cell("timeline", "events", 0, "sales", 7890.99)  # as an import fills it
    assert book.is_answered(section, EVENTS)


def test_a_date_time_written_by_hand_in_a_timeline_counts_as_its_day(tmp_path):
    path = tmp_path / "r.toml"
    Workbook.new_file(path, ANNUAL, period=YEAR, language="zh")
    text = path.read_text(encoding="utf-8").replace("date = 2025-01-21", "date = 2025-01-21T09:00:00", 1)
    path.write_text(text + '\n', encoding="utf-8")
    book = Workbook.load(path, for_editing=True)
    book.set_cell("timeline", "events", 5, "what-we-did", "x")
    assert "春节" in export(book, "zh")
    rows = in_date_order(EVENTS, book.records("timeline", "events"))
    assert [r["event"] for r in rows][:3] == ["元旦", "年货节", "春节（快递停运）"]
