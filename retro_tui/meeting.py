"""The record of a review's meeting, kept in the workbook's `[meeting]` table: who was in the
room and in which role, the sittings, the time spent on each section against the time the
checklist plans for it (`minutes:` on a section), and the remarks parked for later. All of it
is optional: a workbook never met over has no `[meeting]` table, and the report no minutes.

    [meeting]
    attendees = [{name = "林悦", role = "facilitator"}, {name = "周航", role = "narrator"}]
    sittings = [{start = 2026-01-06T14:00:00+08:00, end = 2026-01-06T15:10:00+08:00}]
    spent = {goals = 1830, input-output = 1215}      # seconds per section
    parked = ["仓库搬迁要不要提前？"]
"""

from __future__ import annotations

import datetime as dt
import math
import time
from collections.abc import Callable

import msgspec

from .checklist import Section, TargetsItem
from .i18n import Lang
from .targets import RowTexts, row_texts
from .workbook import Workbook

TABLE = "meeting"
ROLES = ("facilitator", "narrator", "questioner", "participant")
"""引导人 leads and types, 叙述人 tells what happened, 设问人 asks, 参与人 takes part."""


class Attendee(msgspec.Struct, frozen=True):
    name: str
    role: str = "participant"


def attendees(workbook: Workbook) -> list[Attendee]:
    people = workbook.beside(TABLE).get("attendees") or []
    return [Attendee(str(p.get("name", "")), str(p.get("role")) if p.get("role") in ROLES else "participant")
            for p in people if isinstance(p, dict) and str(p.get("name", "")).strip()]


def set_attendees(workbook: Workbook, people: list[Attendee]) -> None:
    """Who is in the room, in order (the facilitator first, as they were given)."""
    workbook.set_beside(TABLE, "attendees", [{"name": p.name.strip(), "role": p.role} for p in people if p.name.strip()]
                        or None)


def parse_attendees(text: str) -> list[Attendee]:
    """`林悦:引导人, 周航:叙述人, 王芳` → attendees (a role by its Chinese or English name, or its
    id; none given: 参与人). Raises ValueError naming a role it does not know."""
    from .i18n import tr

    names = {tr(f"role_{role}", lang).lower(): role for role in ROLES for lang in ("zh", "en")} | {r: r for r in ROLES}
    people = []
    for part in text.replace("，", ",").replace("、", ",").split(","):
        name, _, role = part.replace("：", ":").partition(":")
        if not name.strip():
            continue
        if role.strip() and role.strip().lower() not in names:
            raise ValueError(f"{role.strip()!r}: not a role ({', '.join(ROLES)})")
        people.append(Attendee(name.strip(), names.get(role.strip().lower(), "participant")))
    return people


def parked(workbook: Workbook) -> list[str]:
    return [str(remark) for remark in workbook.beside(TABLE).get("parked") or [] if str(remark).strip()]


def park(workbook: Workbook, remark: str) -> None:
    """Keep an off-topic remark for later (the optimisation section and the minutes show it)."""
    if remark.strip():
        workbook.set_beside(TABLE, "parked", [*parked(workbook), remark.strip()])


def spent(workbook: Workbook) -> dict[str, int]:
    """Whole seconds spent on each section, over every sitting."""
    table = workbook.beside(TABLE).get("spent") or {}
    return {str(k): round(v) for k, v in table.items()
            if isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)}


def add_spent(workbook: Workbook, section_id: str, seconds: float) -> None:
    if seconds > 0:
        times = spent(workbook)
        times[section_id] = round(times.get(section_id, 0) + seconds)
        workbook.set_beside(TABLE, "spent", times)


def sittings(workbook: Workbook) -> list[tuple[dt.datetime, dt.datetime | None]]:
    found = []
    for sitting in workbook.beside(TABLE).get("sittings") or []:
        start, end = (sitting.get("start"), sitting.get("end")) if isinstance(sitting, dict) else (None, None)
        if isinstance(start, dt.datetime):
            found.append((start, end if isinstance(end, dt.datetime) else None))
    return found


def clock_started(workbook: Workbook, at: dt.datetime) -> None:
    """The meeting's clock started at `at`: the sitting goes on after a short break, or a new
    one starts (after more than BREAK, or on another day)."""
    times = sittings(workbook)
    last = times[-1][1] or times[-1][0] if times else None
    if last is None or at - last > BREAK or at.date() != last.date():
        times.append((at, at))
        _keep_sittings(workbook, times)


def clock_ran_until(workbook: Workbook, at: dt.datetime) -> None:
    """The clock counted until `at` (paused, moved on, the app closed): the sitting lasted so long."""
    times = sittings(workbook) or [(at, at)]
    times[-1] = (times[-1][0], at)
    _keep_sittings(workbook, times)


def _keep_sittings(workbook: Workbook, times: list[tuple[dt.datetime, dt.datetime | None]]) -> None:
    workbook.set_beside(TABLE, "sittings", [{"start": start, "end": end or start} for start, end in times])


BREAK = dt.timedelta(hours=1)


def key_figures(workbook: Workbook, lang: Lang, count: int = 3) -> list[RowTexts]:
    """What the room reads from the back on a projector: the first rows of the review's first
    targets table (the goals) that have a target or an actual, as shown."""
    for section in workbook.checklist.sections:
        for item in section.items:
            if type(item) is TargetsItem:  # (not a ledger: its rows are costs)
                answered = workbook.target_rows(section.id, item.id, [row.id for row in item.rows])
                return [row_texts(row, values.target, values.actual, lang) for row in item.rows
                        if (values := answered[row.id]).target is not None or values.actual is not None][:count]
    return []


def planned(section: Section) -> float | None:
    """The section's time-box in seconds (None: the checklist plans none)."""
    return section.minutes * 60 if section.minutes else None


def held(workbook: Workbook) -> bool:
    """Whether the workbook holds a meeting's record (then the report has minutes)."""
    return bool(attendees(workbook) or sittings(workbook) or spent(workbook) or parked(workbook))


def carry_record(workbook: Workbook, record: dict) -> None:
    """Put back the meeting's record as it was (an undo goes back in the answers, not in time)."""
    for key in {*record, *workbook.beside(TABLE)}:
        workbook.set_beside(TABLE, key, record.get(key))


class Clock:
    """Seconds that only go forward (a time-box's), and the time of day (a sitting's); a test
    gives its own."""

    def seconds(self) -> float:
        return time.monotonic()

    def now(self) -> dt.datetime:
        return dt.datetime.now().astimezone().replace(microsecond=0)


class TimeBox:
    """The clock of the section the room is on: it counts while running, from the time already
    spent on the section; `clock` gives seconds (a test's own clock, or time.monotonic)."""

    def __init__(self, planned: float | None, before: float = 0.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.planned, self.before, self.clock = planned, before, clock
        self.since: float | None = None

    @property
    def running(self) -> bool:
        return self.since is not None

    def start(self) -> None:
        if self.since is None:
            self.since = self.clock()

    def pause(self) -> float:
        """Stop counting; returns the seconds counted since it was started."""
        if self.since is None:
            return 0.0
        counted = self.clock() - self.since
        self.before, self.since = self.before + counted, None
        return counted

    def elapsed(self) -> float:
        return self.before + (self.clock() - self.since if self.since is not None else 0.0)

    def remaining(self) -> float | None:
        return None if self.planned is None else self.planned - self.elapsed()

    def over(self) -> bool:
        remaining = self.remaining()
        return remaining is not None and remaining <= 0


def clock_text(seconds: float) -> str:
    """`12:05`; past the time-box `-3:10`; an hour or more `1:02:05`."""
    sign, seconds = ("-" if seconds < 0 else ""), abs(int(seconds))
    hours, rest = divmod(seconds, 3600)
    return f"{sign}{hours}:{rest // 60:02}:{rest % 60:02}" if hours else f"{sign}{rest // 60}:{rest % 60:02}"
