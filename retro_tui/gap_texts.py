"""The sales-gap split (a `gap` item's answer, see `gap.to_answer`) as people read it: the
table's rows with a bar each, the months it covers, and one sentence — the same in the app and
in the report."""

from __future__ import annotations

import msgspec

from .answers import GapLine, GapSplit
from .gap import FACTORS, LINES, PLAN
from .i18n import Lang, label_with_unit, list_sep, tr
from .numbers import format_amount, format_number, signed, text_bar

UNITS = {"visitors": "unit_people", "conversion": "unit_percent", "aov": "unit_yuan", PLAN: "unit_yuan", "sales": "unit_yuan"}
DECIMALS = {"visitors": 0, "conversion": 2}
BAR_WIDTH = 12


class LineTexts(msgspec.Struct, frozen=True):
    """One line of the split."""

    line: str
    """`visitors`, `conversion`, `aov`, `plan`, or `sales` (the total)."""
    label: str
    target: str
    actual: str
    contribution: str
    """Signed, in 元."""
    bar: str
    """Block characters, as long as the contribution is large (the largest fills `BAR_WIDTH`)."""
    helps: bool | None
    """Whether the factor raised sales (None for the plan's rounding, the total and a 0)."""


def line_label(line: str, lang: Lang) -> str:
    return label_with_unit(tr(f"gap_{line}", lang), tr(UNITS[line], lang) if line != PLAN else "", lang)


def lines(answer: GapSplit, lang: Lang) -> list[LineTexts]:
    """The factors, the plan's rounding, then the sales total."""
    total = answer.actual - answer.target
    largest = max((abs(split.contribution) for line in LINES if (split := answer.line(line))), default=0) or 1
    shown = []
    for line in LINES:
        values = answer.line(line) or GapLine(contribution=0)
        contribution = values.contribution
        decimals = DECIMALS.get(line, 2)
        shown.append(LineTexts(
            line=line,
            label=line_label(line, lang),
            target=format_number(values.target, decimals),
            actual=format_number(values.actual, decimals),
            contribution=_money(contribution),
            bar=text_bar(abs(contribution) / largest, BAR_WIDTH),
            helps=None if contribution == 0 or line == PLAN else contribution > 0,
        ))
    shown.append(LineTexts("sales", line_label("sales", lang), format_amount(answer.target, "元"),
                           format_amount(answer.actual, "元"), _money(total), "", None))
    return shown


def _money(value: float) -> str:
    """`+153,351.84`, `-50,140.50`."""
    return signed(format_amount(value, "元"), value)


def sign_words(helps: bool | None, lang: Lang) -> str:
    """`有利` / `helped`, `不利` / `hurt`, "" for neither."""
    return "" if helps is None else tr("gap_helped" if helps else "gap_hurt", lang)


def reading(answer: GapSplit, lang: Lang) -> str:
    """`销售额比目标少 X 元，其中访客数 −Y、……；拖累最大的是客单价。`"""
    total = answer.actual - answer.target
    amount = format_amount(abs(total), "元")
    head = tr("gap_below" if total < 0 else "gap_above" if total > 0 else "gap_even", lang, amount=amount)
    parts = list_sep(lang).join(f"{tr(f'gap_{line}', lang)} {_money(split.contribution)}"
                                for line in LINES if (split := answer.line(line)))
    text = tr("gap_reading", lang, head=head, parts=parts)
    factors = {factor: split.contribution for factor in FACTORS if (split := answer.line(factor))}
    worst = min(factors, key=lambda factor: factors[factor], default=None)
    best = max(factors, key=lambda factor: factors[factor], default=None)
    if worst is not None and factors[worst] < 0:
        text += tr("gap_most_cost", lang, factor=tr(f"gap_{worst}", lang), amount=_money(factors[worst]))
    elif best is not None and factors[best] > 0:
        text += tr("gap_most_help", lang, factor=tr(f"gap_{best}", lang), amount=_money(factors[best]))
    return text


def coverage(answer: GapSplit, lang: Lang) -> str:
    """Which months were split and added up, which were left out, and the files."""
    text = tr("gap_months", lang, n=len(answer.months), months=month_list(answer.months, lang))
    if answer.left_out:
        text += tr("gap_left_out", lang, months=list_sep(lang).join(answer.left_out))
    if answer.sources:
        text += tr("gap_sources", lang, files=list_sep(lang).join(answer.sources))
    return text


def month_list(months: list[str], lang: Lang) -> str:
    """`2025-01 – 2025-12` for consecutive months, else each of them."""
    def index(month: str) -> int:
        year, number = month.split("-")
        return int(year) * 12 + int(number)

    try:
        consecutive = [index(m) for m in months] == list(range(index(months[0]), index(months[0]) + len(months)))
    except (ValueError, IndexError):
        consecutive = False
    if consecutive and len(months) > 2:
        return f"{months[0]} – {months[-1]}"
    return list_sep(lang).join(months)
