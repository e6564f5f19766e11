"""Dates and review periods as people type them."""

from __future__ import annotations

import datetime as dt
import re

_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")
_DAY = re.compile(r"^(\d{1,2})[-/.月](\d{1,2})日?$")


def parse_date(text: str, period: tuple[dt.date, dt.date] | None = None) -> dt.date:
    """`2025-06-18`, `2025/6/18`, `2025.6.18`, `2025年6月18日` → a date (ValueError otherwise).
    With a `period`, a day without its year — `6.18`, `6-18`, `6月18日`, as notes write them —
    is that day in the period (in its first year when the period holds it twice; not a date
    when the period does not hold it)."""
    text = text.strip()
    match = _DATE.match(text)
    try:
        if match:
            return dt.date(*(int(part) for part in match.groups()))
        day = _DAY.match(text) if period else None
        if day and period:
            candidates = []
            for year in range(period[0].year, period[1].year + 1):
                try:
                    candidates.append(dt.date(year, int(day[1]), int(day[2])))
                except ValueError:
                    continue  # 2.29 in a year without it
            inside = next((c for c in candidates if period[0] <= c <= period[1]), None)
            if inside is not None:
                return inside
        raise ValueError
    except ValueError:
        raise ValueError(f"not a date: {text!r} (use 2025-06-18)") from None


def parse_period(text: str) -> tuple[dt.date, dt.date]:
    """`2025-01-01..2025-12-31` → two dates (start ≤ end); ValueError with a message otherwise."""
    start_text, sep, end_text = text.partition("..")
    if not sep or not start_text.strip() or not end_text.strip():
        raise ValueError(f"period {text!r}: expected START..END, e.g. 2025-01-01..2025-12-31")
    start, end = parse_date(start_text), parse_date(end_text)
    if end < start:
        raise ValueError(f"period {text!r}: the end is before the start")
    return start, end


def default_period(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """Last calendar year: what an annual review looks back on."""
    year = (today or dt.date.today()).year - 1
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def whole_months(start: dt.date, end: dt.date):
    """(first day, last day) of each whole month from `start` to `end`."""
    first = start if start.day == 1 else (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    while True:
        last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        if last > end:
            return
        yield first, last
        first = last + dt.timedelta(days=1)
