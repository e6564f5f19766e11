"""The promotion calendar (`checklists/calendar.yaml`): the platforms' yearly events — 年货节,
618, 双十一 … — with their usual days and phases, resolved for a year."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import msgspec

from .checklist import bundled_dir
from .datafile import DataFileError, line_of, parse_struct, read_text
from .i18n import Lang, Text, pick

Days = str | dict[str, list[int]]
"""`05-20..06-18`, or days from a lunar date: `{lunar_new_year: [-24, -9]}`."""


class CalendarError(DataFileError):
    """A promotion calendar that cannot be used."""


class Event(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    id: str
    label: Text
    kind: str
    window: Days
    phases: dict[str, Days] = {}
    aliases: list[str] = []
    """Other names files give it (38女王节)."""


class Calendar(msgspec.Struct, forbid_unknown_fields=True):
    id: str
    version: int
    lunar_new_year: dict[int, dt.date]
    qixi: dict[int, dt.date]
    events: list[Event]


@dataclass(frozen=True)
class Dated:
    """An event on the days of one year."""

    id: str
    label: Text
    kind: str
    start: dt.date
    end: dt.date
    phases: dict[str, tuple[dt.date, dt.date]]
    aliases: tuple[str, ...] = ()

    def named(self, name: str) -> bool:
        """Whether `name` (as a checklist or a targets file writes it: 618, 双十一) is this event."""
        return _is_named(name, self.id, self.label, self.aliases)

    def title(self, lang: Lang) -> str:
        return pick(self.label, lang)


_SPAN = re.compile(r"^(\d{2})-(\d{2})\.\.(\d{2})-(\d{2})$")


@lru_cache(maxsize=2)
def load(path: Path | None = None) -> Calendar:
    path = path or bundled_dir() / "calendar.yaml"
    text = read_text(path, CalendarError)
    calendar = parse_struct(text, path, Calendar, CalendarError)
    for index, event in enumerate(calendar.events):
        for where, days in [("window", event.window), *((f"phases.{k}", v) for k, v in event.phases.items())]:
            problem = _problem(days)
            if problem:
                field = f"events[{index}].{where}"
                raise CalendarError(path, line_of(text, field), field, problem)
    return calendar


def events_in(year: int, calendar: Calendar | None = None) -> list[Dated]:
    """Every event of the calendar on the days of `year`, in date order (an event whose lunar
    date is not listed for that year is left out)."""
    calendar = calendar or load()
    found = []
    for event in calendar.events:
        try:
            start, end = _resolve(event.window, year, calendar)
            phases = {name: _resolve(days, year, calendar) for name, days in event.phases.items()}
        except KeyError:
            continue
        found.append(Dated(event.id, event.label, event.kind, start, end, phases, tuple(event.aliases)))
    return sorted(found, key=lambda event: (event.start, event.end))


def campaign_in(start: dt.date, end: dt.date) -> Dated | None:
    """The platforms' campaign (618, 双十一 …) a review period is about: of the major and
    platform events, the one whose days the period holds most of (none if it holds none)."""
    best, most = None, 0
    for year in range(start.year, end.year + 1):
        for event in events_in(year):
            if event.kind not in ("major", "platform"):
                continue
            days = (min(end, event.end) - max(start, event.start)).days + 1
            if days > most:
                best, most = event, days
    return best


def last_days(name: str, today: dt.date) -> tuple[dt.date, dt.date] | None:
    """The days of the latest campaign `name` that is over by `today` (this year's or last year's)."""
    for year in (today.year, today.year - 1):
        event = find_event(name, year)
        if event and event.end < today:
            return event.start, event.end
    return None


def review_days(campaign: str | None, today: dt.date) -> tuple[dt.date, dt.date]:
    """The days a new review looks back on: a campaign's latest, else last calendar year."""
    from .dates import default_period

    return (last_days(campaign, today) if campaign else None) or default_period(today)


@lru_cache(maxsize=256)
def campaign_name(name: str) -> str:
    """A campaign as workbooks and targets files are compared by: the calendar's Chinese name
    for any name of a calendar event (Double 11, 双11, double-11 → 双十一); a shop's own
    campaign as it is written."""
    event = next((event for event in load().events if _is_named(name, event.id, event.label, event.aliases)), None)
    return pick(event.label, "zh") if event else name.strip()


def _is_named(name: str, event_id: str, label: Text, aliases) -> bool:
    wanted = name.strip().casefold()
    return wanted in {event_id.casefold(), *(pick(label, lang).casefold() for lang in ("zh", "en")),
                      *(alias.casefold() for alias in aliases)}


def campaign_label(name: str, lang: Lang) -> str:
    """A campaign's name in `lang` (双十一 / Double 11); a shop's own as it is written."""
    wanted = campaign_name(name)
    event = next((e for e in load().events if pick(e.label, "zh") == wanted), None)
    return pick(event.label, lang) if event else wanted


def find_event(name: str, year: int) -> Dated | None:
    """The event a campaign is called by (618, 双十一, Double 11) in `year`."""
    return next((event for event in events_in(year) if event.named(name)), None)


def _resolve(days: Days, year: int, calendar: Calendar) -> tuple[dt.date, dt.date]:
    if isinstance(days, str):
        span = _SPAN.match(days)
        assert span is not None  # (the calendar's format allows no other)
        month, day, end_month, end_day = map(int, span.groups())
        return dt.date(year, month, day), dt.date(year, end_month, end_day)
    (anchor, (first, last)), = days.items()
    base = _anchor_day(calendar, anchor, year)
    return base + dt.timedelta(days=first), base + dt.timedelta(days=last)


LUNAR = {"lunar_new_year": (1, 1), "qixi": (7, 7)}
"""The lunar month and day of each anchor a window may count from."""


def _anchor_day(calendar: Calendar, anchor: str, year: int) -> dt.date:
    """春节 or 七夕 of `year`: as the calendar lists it, else computed from the lunar calendar
    (1900–2099; KeyError outside it)."""
    listed = getattr(calendar, anchor)
    if year in listed:
        return listed[year]
    from lunardate import LunarDate

    month, day = LUNAR[anchor]
    try:
        return LunarDate(year, month, day).to_solar_date()
    except ValueError:
        raise KeyError(year) from None


def _problem(days: Days) -> str | None:
    if isinstance(days, str):
        match = _SPAN.match(days)
        if not match:
            return f"expected MM-DD..MM-DD, got {days!r}"
        try:
            dt.date(2024, int(match[1]), int(match[2])), dt.date(2024, int(match[3]), int(match[4]))
        except ValueError as exc:
            return f"not a day of the year: {exc}"
        return None
    if len(days) != 1 or next(iter(days)) not in ("lunar_new_year", "qixi") or len(next(iter(days.values()))) != 2:
        return "expected {lunar_new_year: [FIRST, LAST]} or {qixi: [FIRST, LAST]} (days from that date)"
    return None
