"""What data a workbook holds, from its notes of imported files: per channel and kind of file,
the files, their rows, the days they cover and the days of the review's period they miss — so
that a platform whose orders stop in September is said before the report goes out."""

from __future__ import annotations

import datetime as dt

import msgspec

from .i18n import Lang, tr
from .workbook import Workbook

PLACED_IN_TIME = ("orders", "ads", "shop", "items", "costs")
"""Kinds of file whose rows are days (or months) of the period."""


class Holding(msgspec.Struct):
    """The files of one kind for one channel (None: files that name no channel, or many)."""

    channel: str | None
    kind: str
    files: list[str] = msgspec.field(default_factory=list)
    rows: int = 0
    spans: list[tuple[dt.date, dt.date]] = msgspec.field(default_factory=list)
    """The days its files have rows of, as stretches."""
    refunds: bool = True
    """False for orders whose exports give no refunds and no after-sales file makes up for."""

    @property
    def covered(self) -> tuple[dt.date, dt.date] | None:
        return (min(s[0] for s in self.spans), max(s[1] for s in self.spans)) if self.spans else None

    def missing(self, start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date]]:
        """The days from `start` to `end` no file covers, as ranges."""
        gaps, day = [], start
        for first, last in sorted(self.spans):
            if first > day:
                gaps.append((day, min(first - dt.timedelta(days=1), end)))
            day = max(day, last + dt.timedelta(days=1))
            if day > end:
                break
        if day <= end:
            gaps.append((day, end))
        return [gap for gap in gaps if gap[0] <= gap[1]]


def holdings(workbook: Workbook) -> list[Holding]:
    """The workbook's data by channel and kind, in the order the files were imported."""
    found: dict[tuple[str | None, str], Holding] = {}
    refunded = {entry.get("channel") for entry in workbook.imports() if entry.get("kind") == "refunds"}
    for entry in workbook.imports():
        key = (entry.get("channel"), entry.get("kind", ""))
        holding = found.setdefault(key, Holding(*key))
        holding.files.append(entry["file"])
        holding.rows += int(entry.get("rows", 0))
        if entry.get("first_date") and entry.get("last_date"):
            holding.spans += _pieces((_day(entry["first_date"]), _day(entry["last_date"])),
                                     [(_day(a), _day(b)) for a, b in entry.get("empty_days", [])])
        if entry.get("kind") == "orders" and entry.get("refunds") is False and entry.get("channel") not in refunded:
            holding.refunds = False
    return list(found.values())


def _pieces(span: tuple[dt.date, dt.date], empty: list[tuple[dt.date, dt.date]]) -> list[tuple[dt.date, dt.date]]:
    """The days of a file's span that its rows fall on, as stretches (its span less its empty days)."""
    pieces, day = [], span[0]
    for first, last in sorted(empty):
        if first > day:
            pieces.append((day, first - dt.timedelta(days=1)))
        day = max(day, last + dt.timedelta(days=1))
    return pieces + ([(day, span[1])] if day <= span[1] else [])


def _day(value) -> dt.date:
    return value if isinstance(value, dt.date) and not isinstance(value, dt.datetime) else dt.date.fromisoformat(str(value)[:10])


def coverage_checks(workbook: Workbook, lang: Lang) -> list[str]:
    """Sentences for the checks before a report goes out: days of the period a platform's files
    miss, and platforms whose orders carry no refunds."""
    if workbook.period_days is None:
        return []
    start, end = workbook.period_days
    found = []
    for holding in holdings(workbook):
        if holding.kind in PLACED_IN_TIME and holding.spans:
            gaps = holding.missing(start, end)
            if gaps:
                found.append(tr("check_days_missing", lang, channel=holding.channel or tr("all_channels", lang),
                                kind=_kind_label(holding.kind, lang), days=describe_gaps(gaps, lang)))
        if not holding.refunds:
            found.append(tr("check_no_refunds", lang, channel=holding.channel or tr("all_channels", lang)))
    return found


def describe_gaps(gaps: list[tuple[dt.date, dt.date]], lang: Lang) -> str:
    shown = [f"{a}" if a == b else f"{a} – {b}" for a, b in gaps[:4]]
    days = sum((b - a).days + 1 for a, b in gaps)
    return tr("days_in", lang, n=days, ranges="、".join(shown) if lang == "zh" else ", ".join(shown))


def _kind_label(kind: str, lang: Lang) -> str:
    from .metrics.catalogue import load

    catalogue = load()
    return catalogue.kind_label(kind, lang) if kind in catalogue.kinds else kind


def describe_holdings(workbook: Workbook, lang: Lang) -> list[str]:
    """`retro imports`: one line per channel and kind, with the files and the days missing."""
    start, end = workbook.period
    lines = []
    for holding in holdings(workbook):
        covered = holding.covered
        line = tr("holding", lang, channel=holding.channel or tr("all_channels", lang), kind=_kind_label(holding.kind, lang),
                  files=len(holding.files), rows=holding.rows,
                  days=f"{covered[0]} – {covered[1]}" if covered else "—")
        lines.append(line)
        if covered and start and end and holding.kind in PLACED_IN_TIME:
            gaps = holding.missing(start, end)
            lines.append("  " + (tr("holding_missing", lang, days=describe_gaps(gaps, lang)) if gaps else tr("holding_whole", lang)))
        if not holding.refunds:
            lines.append("  " + tr("check_no_refunds", lang, channel=holding.channel or tr("all_channels", lang)))
        lines += [f"  - {name}" for name in holding.files]
    return lines or [tr("holding_none", lang)]
