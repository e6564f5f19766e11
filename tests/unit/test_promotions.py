"""The promotion calendar resolved for a year, against the sample shop's calendar."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import KEY, run

from retro_tui.promotions import events_in, find_event


def test_2025_matches_the_sample_shops_calendar():
    expected = {event["name"].replace("(", "（").replace(")", "）"): (event["start"], event["end"])
                for event in KEY["calendar"]["events"]}
    found = {name: (event.start.isoformat(), event.end.isoformat())
             for name in expected if (event := find_event(name, 2025))}  # by the names the sample gives
    assert found["春节（快递停运）"] == expected["春节（快递停运）"]  # from the lunar new year, 2025-01-29
    assert found == expected and len(events_in(2025)) == len(expected)
    phases = find_event("618", 2025).phases
    assert phases["encore"] == (dt.date(2025, 6, 19), dt.date(2025, 6, 20))
    for name, days in KEY["calendar"]["phases"].items():
        event, phase = name.split("-")
        key = {"预热": "warm-up", "开门红": "opening", "平销": "plateau", "高潮": "peak", "返场": "encore"}[phase]
        start, end = find_event(event, 2025).phases[key]
        assert (start.isoformat(), end.isoformat()) == (days[0], days[-1])


@pytest.mark.parametrize("name", ["双十一", "Double 11", "double-11"])
def test_an_event_goes_by_its_names(name):
    assert find_event(name, 2026).start == dt.date(2026, 10, 20)


def test_lunar_events_move_with_the_year_and_unknown_names_are_none():
    assert find_event("年货节", 2026).start == dt.date(2026, 1, 24)  # 24 days before 2026-02-17
    assert find_event("店庆", 2025) is None


def test_lunar_dates_outside_the_listed_years_are_computed():
    # 春节 2020–2022 (25 Jan, 12 Feb, 1 Feb) and 七夕 2020–2022 (25 Aug, 14 Aug, 4 Aug), as published
    for year, spring, qixi in ((2020, dt.date(2020, 1, 25), dt.date(2020, 8, 25)),
                               (2021, dt.date(2021, 2, 12), dt.date(2021, 8, 14)),
                               (2022, dt.date(2022, 2, 1), dt.date(2022, 8, 4))):
        names = {event.id: event for event in events_in(year)}
        assert find_event("年货节", year).start == spring - dt.timedelta(days=24)
        assert find_event("七夕", year).end == qixi
        assert len(names) == len(events_in(2025))  # nothing dropped
    assert len(events_in(2150)) < len(events_in(2025))  # beyond the lunar tables, the lunar events are left out


def test_retro_calendar_lists_the_year_in_date_order():
    result = run("--lang", "zh", "calendar", "--year", "2025")
    lines = result.output.splitlines()
    assert lines[0] == "2025-01-01 – 2025-01-01  元旦"
    assert "2025-05-20 – 2025-06-18  618  预热 05-20–05-30, 开门红 05-31–06-03" in result.output
    assert lines == sorted(lines)


def test_an_event_is_found_by_any_name_files_give_it():
    from retro_tui.promotions import find_event

    for name in ("3.8 女王节", "38女王节", "3.8 Queen's Day", "womens-day"):
        assert find_event(name, 2025).start == dt.date(2025, 3, 1)
