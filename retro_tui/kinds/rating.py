"""`rating`: a score from 1 to 5 with a note — the team's confidence in reaching a target, how
well a campaign went. Its answer is a table: `[answers.section.item]` `score = 4`, `note = "…"`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..i18n import Bilingual, Lang, Text, pick
from .base import ItemBase, Kind, Problem, labelled

if TYPE_CHECKING:
    from ..checklist import Section
    from ..workbook import Workbook

LOWEST, HIGHEST = 1, 5
SCORE, NOTE = "score", "note"
"""The keys of the answer's table."""
WORDS = {
    "scale": Bilingual(zh="1–5 分", en="1 to 5"),
    "keys": Bilingual(zh="按 1–5 打分，←/→ 调整，退格清除", en="1–5 to score, ←/→ to change, Backspace to clear"),
    "note": Bilingual(zh="一句话说明为什么", en="A line on why"),
    "unscored": Bilingual(zh="未打分", en="not scored"),
}
"""What a rating says around its score, in both languages."""


class RatingItem(ItemBase, tag="rating"):
    """A score from 1 to 5, with a note on why."""

    low: Text | None = None
    """What 1 means (没把握 / not at all)."""
    high: Text | None = None
    """What 5 means (很有把握 / certain)."""


def score_of(value: Any) -> int | None:
    """The score of an answer (None when there is none)."""
    score = value.get(SCORE) if isinstance(value, dict) else None
    return score if isinstance(score, int) and not isinstance(score, bool) and LOWEST <= score <= HIGHEST else None


def stars(score: int | None) -> str:
    """`★★★★☆ 4/5`; empty without a score."""
    return "" if score is None else "★" * score + "☆" * (HIGHEST - score) + f" {score}/{HIGHEST}"


def scale(item: RatingItem, lang: Lang) -> str:
    """`1–5 分（1 = 没把握，5 = 很有把握）`: the scale and what its ends mean."""
    ends = [f"{end} = {pick(text, lang)}" for end, text in ((LOWEST, item.low), (HIGHEST, item.high)) if text]
    sep = "，" if lang == "zh" else ", "
    return pick(WORDS["scale"], lang) + ((f"（{sep.join(ends)}）" if lang == "zh" else f" ({sep.join(ends)})") if ends else "")


class RatingKind(Kind):
    item = RatingItem

    def answered(self, workbook: Workbook, section: Section, item: RatingItem) -> bool:
        value = workbook.value(section.id, item.id)
        return score_of(value) is not None or bool(isinstance(value, dict) and str(value.get(NOTE) or "").strip())

    def problem(self, item: RatingItem, value: Any) -> str | None:
        if not isinstance(value, dict):
            return f"expected a table like `{{ {SCORE} = 4, {NOTE} = \"…\" }}`"
        if SCORE in value and score_of(value) is None:
            return Problem(f"{SCORE}: expected a whole number from {LOWEST} to {HIGHEST}, got {value[SCORE]!r}", SCORE)
        if not isinstance(value.get(NOTE, ""), str):
            return Problem(f"{NOTE}: expected text, got {value[NOTE]!r}", NOTE)
        return None

    def report(self, workbook: Workbook, section: Section, item: RatingItem, value: Any, lang: Lang) -> Iterator[str]:
        from ..export.markdown import escape_text

        score = score_of(value)
        note = str(value.get(NOTE) or "").strip()
        shown = stars(score) or pick(WORDS["unscored"], lang)
        yield labelled(item, lang, escape_text(shown) + (f" — {escape_text(note)}" if note else ""))


KIND = RatingKind()
