"""The workbook as a Markdown report a manager can forward as it is.

Unanswered items are left out; a section with nothing in it says so. Every cell and
paragraph is escaped so that typed text cannot break a table or inject HTML.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec

from .. import ledger, meeting, votes
from ..answers import GapSplit
from ..atomic import write_atomic
from ..checklist import (
    Item,
    LedgerItem,
    RecordsItem,
    Section,
    TargetsItem,
)
from ..i18n import Lang, label_with_unit, list_sep, pick, tr
from ..kinds import kind_of
from ..numbers import format_amount, format_percent, text_bar
from ..records import cell_text, record_texts
from ..targets import row_texts
from ..terminal import visible
from ..timeline import in_date_order
from ..workbook import Workbook, answer_text


def export(workbook: Workbook, lang: Lang | None = None) -> str:
    """The whole report as Markdown text."""
    lang = lang or workbook.language
    lines: list[str] = [f"# {escape_text(workbook.title)}", ""]
    lines += _meta(workbook, lang)
    lead = [block for section in workbook.checklist.sections for item in section.items if item.lead
            for block in _item(workbook, section, item, lang)]
    if lead:  # what a manager reads first
        lines += ["", f"## {tr('report_summary', lang)}", "", *lead]
    for number, section in enumerate(workbook.checklist.sections, start=1):
        lines += ["", f"## {number}. {escape_text(pick(section.title, lang))}", ""]
        body = [block for item in section.items if not item.lead for block in _item(workbook, section, item, lang)]
        lines += body or [f"_{tr('no_answers', lang)}_", ""]
    lines += _minutes(workbook, lang) + _unplaced(workbook, lang)
    updated = workbook.meta.get("updated")
    stamp = f" · {tr('updated', lang)} {updated:%Y-%m-%d %H:%M}" if isinstance(updated, dt.datetime) else ""
    lines += ["---", f"_{tr('exported_by', lang)}{stamp}_", ""]
    return "\n".join(_squeeze(lines))


def _minutes(workbook: Workbook, lang: Lang) -> list[str]:
    """The meeting's record, when there was one: its sittings, who was there in which role,
    the time planned and spent per section, and the remarks parked."""
    if not meeting.held(workbook) and not votes.rounds(workbook):
        return []
    lines = ["", f"## {tr('minutes_title', lang)}", ""]
    if sittings := meeting.sittings(workbook):
        when = [f"{start:%Y-%m-%d %H:%M}" + (f"–{end:%H:%M}" if end and end.date() == start.date() else
                                               f" – {end:%Y-%m-%d %H:%M}" if end else "") for start, end in sittings]
        lines.append(f"- **{tr('minutes_sittings', lang)}**{colon(lang)}{'；'.join(when) if lang == 'zh' else '; '.join(when)}")
    if people := meeting.attendees(workbook):
        named = [f"{escape_text(p.name)}（{tr('role_' + p.role, lang)}）" if lang == "zh" else
                 f"{escape_text(p.name)} ({tr('role_' + p.role, lang)})" for p in people]
        lines.append(f"- **{tr('minutes_attendees', lang)}**{colon(lang)}{list_sep(lang).join(named)}")
    spent = meeting.spent(workbook)
    rows = [(number, section) for number, section in enumerate(workbook.checklist.sections, 1)
            if section.minutes or section.id in spent]
    if spent and rows:
        def minutes(seconds: float | None) -> str:
            return "" if seconds is None else tr("minutes_min", lang, n=round(seconds / 60))

        lines += ["", f"| {tr('minutes_section', lang)} | {tr('minutes_planned', lang)} | {tr('minutes_spent', lang)} |",
                  "| --- | ---: | ---: |"]
        lines += [f"| {number}. {escape_cell(pick(section.title, lang))} | {minutes(meeting.planned(section))} | "
                  f"{minutes(spent.get(section.id))} |" for number, section in rows]
        planned = [each for _, section in rows if (each := meeting.planned(section)) is not None]
        lines.append(f"| **{tr('minutes_total', lang)}** | {minutes(sum(planned) if planned else None)} | "
                     f"{minutes(sum(spent.get(section.id, 0) for _, section in rows))} |")
    for section_id, item_id, voted in votes.rounds(workbook):
        section = workbook.checklist.section(section_id)
        item = section.item(item_id)
        if not isinstance(item, RecordsItem):
            continue
        first = item.columns[0].id
        lines += ["", f"**{tr('minutes_votes', lang)}{colon(lang)}{escape_text(pick(item.label, lang))}**", ""]
        lines += [f"{number}. " + tr("minutes_vote_line", lang, name=escape_text(str(row.get(first, ""))),
                                     votes=sum(by.values()), by=list_sep(lang).join(f"{escape_text(k)} {v}" for k, v in by.items()))
                  for number, (row, by) in enumerate(voted, 1)]
    if remarks := meeting.parked(workbook):
        lines += ["", f"**{tr('minutes_parked', lang)}**", ""]
        lines += [f"- {escape_text(remark).replace(chr(10), ' ')}" for remark in remarks]
    return lines + [""]


def _unplaced(workbook: Workbook, lang: Lang) -> list[str]:
    """An appendix of the answers the checklist has no place for (a checklist of the same id
    that was changed or replaced): in the report rather than lost from it."""
    unplaced = workbook.unplaced_answers()
    if not unplaced:
        return []
    lines = ["", f"## {tr('report_unplaced', lang)}", "",
             f"_{escape_text(tr('report_unplaced_intro', lang, id=workbook.checklist.id, file=workbook.checklist_where))}_", ""]
    for key, value in unplaced:
        lines += [f"**{escape_text(key)}**", "", escape_text(answer_text(value)), ""]
    return lines


def write_report(workbook: Workbook, path: Path, lang: Lang | None = None) -> None:
    """Write the report to `path` atomically (OSError if it cannot be written)."""
    write_atomic(path, export(workbook, lang))


def _meta(workbook: Workbook, lang: Lang) -> list[str]:
    start, end = workbook.period
    rows = [
        (tr("period", lang), f"{start} – {end}" if start and end else ""),
        (tr("team", lang), str(workbook.meta.get("team", ""))),
        (tr("facilitator", lang), str(workbook.meta.get("facilitator", ""))),
        (tr("checklist", lang), f"{workbook.checklist.title_in(lang)} (v{workbook.checklist.version})"),
    ]
    return [f"- **{name}**{colon(lang)}{escape_text(value)}" for name, value in rows if value]


def colon(lang: Lang) -> str:
    return "：" if lang == "zh" else ": "


def _item(workbook: Workbook, section: Section, item: Item, lang: Lang) -> Iterator[str]:
    if not workbook.is_answered(section, item):
        return
    yield from kind_of(item).report(workbook, section, item, workbook.value(section.id, item.id), lang)
    yield ""


def targets_table(workbook: Workbook, section: Section, item: TargetsItem, lang: Lang) -> Iterator[str]:
    """The table (with last year and growth when any row has last year's value), then which
    files its data came from."""
    values = workbook.target_rows(section.id, item.id, [row.id for row in item.rows])
    compare = any(row.last_year is not None for row in values.values())
    totals = ledger.totals(workbook, section, item) if isinstance(item, LedgerItem) else None
    heads = ["metric", "target", "actual", "variance", "completion", *(["last_year", "growth"] if compare else []),
             "status", *(["share"] if totals else [])]
    yield "| " + " | ".join(tr(h, lang) for h in heads) + " |"
    yield "|" + "|".join("--:" if h not in ("metric", "status") else "---" for h in heads) + "|"
    files: dict[str, None] = {}

    def cells(texts, extra: list[str]) -> str:
        completion = f"{texts.completion} {text_bar(texts.ratio)}".strip() if texts.completion else (
            f"— ({texts.reason})" if texts.reason else "")
        return "| " + " | ".join(escape_cell(cell) for cell in [
            texts.label, texts.target, texts.actual, texts.variance, completion,
            *([texts.last_year, texts.growth] if compare else []), texts.status_text, *extra]) + " |"

    for row in item.rows:
        answer = values[row.id]
        texts = row_texts(row, answer.target, answer.actual, lang, answer.last_year)
        yield cells(texts, [format_percent(totals.shares[row.id])] if totals else [])
        for names in answer.sources().values():
            files.update(dict.fromkeys(names))
    if totals and isinstance(item, LedgerItem):
        total = ledger.total_texts(item, totals, lang)
        yield cells(msgspec.structs.replace(total, label=f"**{total.label}**"), [""])
    yield ""
    if isinstance(item, LedgerItem) and item.by_month:
        yield from _by_month(workbook, section, item, lang)
    if files:
        yield f"*{escape_text(tr('sources_note', lang, files=list_sep(lang).join(files)))}*"
        yield ""
    for row in item.rows:  # why an import left a row empty
        lacking = values[row.id].actual_lacking
        if lacking and values[row.id].actual is None:
            yield f"*{escape_text(tr('lacking_note', lang, name=pick(row.label, lang), files=list_sep(lang).join(lacking)))}*"
            yield ""


def _by_month(workbook: Workbook, section: Section, item: LedgerItem, lang: Lang) -> Iterator[str]:
    """A ledger's lines month by month (as the import filled them), with each month's total."""
    months = ledger.by_month(workbook, section, item)
    if not months:
        return
    yield f"**{escape_text(tr('ledger_by_month', lang, item=pick(item.label, lang)))}**"
    yield ""
    heads = [tr("month", lang), *(label_with_unit(pick(row.label, lang), "", lang) for row in item.rows), tr("ledger_total", lang)]
    yield "| " + " | ".join(escape_cell(head) for head in heads) + " |"
    yield "|---|" + "--:|" * (len(heads) - 1)
    for month, values in months.items():
        cells = [format_amount(values.get(row.id), pick(row.unit, "zh")) for row in item.rows]
        total = format_amount(ledger.month_total(item, values), pick(item.rows[0].unit, "zh"))
        yield f"| {month} | " + " | ".join(cells) + f" | {total} |"
    yield ""


def gap_table(answer: GapSplit, lang: Lang) -> Iterator[str]:
    """The sales gap split by factor: a table with a text bar and the sign in words, one
    sentence reading it, and the months and files it came from."""
    from ..gap_texts import coverage, lines, reading, sign_words

    heads = [tr(h, lang) for h in ("gap_factor", "target", "actual", "gap_contribution", "gap_effect")]
    yield "| " + " | ".join(heads) + " |"
    yield "|---|--:|--:|--:|---|"
    for line in lines(answer, lang):
        effect = " ".join(part for part in (line.bar, sign_words(line.helps, lang)) if part)
        cells = [line.label, line.target, line.actual, line.contribution, effect]
        if line.line == "sales":
            cells = [f"**{escape_cell(cell)}**" if cell else "" for cell in cells]
        else:
            cells = [escape_cell(cell) for cell in cells]
        yield "| " + " | ".join(cells) + " |"
    yield ""
    yield escape_text(reading(answer, lang))
    yield ""
    yield f"*{escape_text(coverage(answer, lang))}*"
    yield ""


def by_issue(workbook: Workbook, section: Section, item: RecordsItem, lang: Lang) -> Iterator[str]:
    """Under a table of actions, each issue (of a table whose rows it answers) with the actions
    that answer it, its status beside it; an open issue without one says so."""
    from ..conclusions import answering, names

    actions = workbook.records(section.id, item.id)
    first = item.columns[0]
    for issue_section, issues in answering(workbook, item.id):
        rows = workbook.records(issue_section, issues.id)
        if not rows or issues.answered_in is None:
            continue
        link, key, status = issues.answered_in.column, issues.columns[0], issues.status_column
        yield f"**{escape_text(tr('by_issue', lang, issues=pick(issues.label, lang)))}**"
        yield ""
        for row in rows:
            text = str(row.get(key.id) or "").strip()
            answers = [a for a in actions if names(text, str(a.get(link) or ""))]
            if not text or (not answers and not issues.is_open(row)):
                continue  # a solved issue that needed no action
            state = cell_text(status, row.get(status.id), lang) if status and row.get(status.id) else ""
            yield f"- {label_with_unit(escape_text(text), escape_text(state), lang)}"
            for action in answers:
                yield f"  - {escape_text(cell_text(first, action.get(first.id), lang))}{_action_details(item, action, lang)}"
            if not answers:
                yield f"  - {escape_text(tr('by_issue_none', lang))}"
        yield ""


def _action_details(item: RecordsItem, action: dict[str, Any], lang: Lang) -> str:
    """`（周航，2026-03-01，进行中）`: the action's owner, due date and status, as filled."""
    shown = [escape_text(cell_text(c, action.get(c.id), lang)) for c in item.columns
             if c.id in ("owner", "due", "status") and action.get(c.id) not in (None, "")]
    return label_with_unit("", ("，" if lang == "zh" else ", ").join(shown), lang)


def records_table(workbook: Workbook, section: Section, item: RecordsItem, lang: Lang) -> Iterator[str]:
    """The rows that hold something, in date order for a timeline; a column no row fills is
    left out (a report shows what was said, not the form's empty boxes)."""
    rows = [record_texts(workbook, item, row, lang) for row in in_date_order(item, workbook.records(section.id, item.id))
            if any(row.get(c.id) is not None and str(row.get(c.id)).strip() for c in item.columns)]  # not blank or spaces
    shown = [i for i, _ in enumerate(item.columns) if any(texts[i].strip() for texts in rows)] or list(range(len(item.columns)))
    columns = [item.columns[i] for i in shown]
    yield "| " + " | ".join(escape_cell(pick(c.label, lang)) for c in columns) + " |"
    yield "|" + "|".join("--:" if c.kind in ("number", "now") else "---" for c in columns) + "|"
    for texts in rows:
        yield "| " + " | ".join(escape_cell(texts[i]) for i in shown) + " |"
    yield ""


_INLINE = str.maketrans({
    "\\": "\\\\", "&": "&amp;", "<": "&lt;", ">": "&gt;",
    "`": "\\`", "|": "\\|", "[": "\\[", "]": "\\]",
})
_RULE = re.compile(r"[-=]+|([*_])(\s*\1){2,}")
"""A line that would underline the line above into a heading, or draw a rule."""
_LINE_BREAK = re.compile(r"\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
"""What ends a line: Markdown's own (LF, CR, CRLF), and what `str.splitlines` also splits at,
so that no break is left for a later step to turn into a line nothing escaped."""


def _escape_inline(text: str) -> str:
    """No raw HTML, no code spans, links, images or table cells from typed text, and no control
    character (an escape sequence is written out: `\\x1b]52;…`). For one line."""
    return visible(text).translate(_INLINE)


def escape_text(text: str) -> str:
    """Typed text made safe in a Markdown paragraph. Lists (`- `, `1. `) and emphasis still
    work; headings, rules, code blocks, links, tables and HTML cannot be made."""
    lines = []
    for line in map(_escape_inline, _LINE_BREAK.split(text)):
        line = line.strip()  # an indented line would start a code block
        if line.startswith(("#", "~")) or _RULE.fullmatch(re.sub(r"[ \t]", "", line)):
            line = "\\" + line
        lines.append(line)
    return "\n".join(lines)


def escape_cell(text: str) -> str:
    """Typed text made safe in a pipe-table cell: line breaks become `<br>`."""
    return "<br>".join(_escape_inline(part).strip() for part in _LINE_BREAK.split(text.strip())) if text else ""


def _squeeze(lines: list[str]) -> Iterator[str]:
    """Drop repeated blank lines."""
    blank = False
    for line in lines:
        if line == "" and blank:
            continue
        blank = line == ""
        yield line
