"""`rating`: the score, set with a key (1–5, ←/→), and a line of note beside it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widget import Widget

from ...i18n import Lang, pick
from ...kinds.rating import HIGHEST, LOWEST, NOTE, SCORE, WORDS, RatingItem, scale, score_of, stars
from ...terminal import visible
from ..changes import OfSession, record
from .base import View

if TYPE_CHECKING:
    from ...checklist import Section
    from ...session import Session
    from ...workbook import Workbook


class RatingView(View):
    def editor(self, session: Session, section: Section, item: RatingItem, lang: Lang, **options):
        from ..widgets.fields import CommitInput

        def store_note(text: str) -> str | None:
            session.workbook.set_entry(section.id, item.id, NOTE, text.strip())
            session.changed()
            return None

        note = (session.workbook.value(section.id, item.id) or {}).get(NOTE) or ""
        return Rating(Score(session, section, item, lang),
                      CommitInput(visible(str(note)), store_note, placeholder=pick(WORDS["note"], lang),
                                  classes="rating-note"), **options)

    def height(self, workbook: Workbook, section: Section, item: Any) -> int:
        return 3


class Rating(Horizontal):
    """The score, and the note beside it."""

    DEFAULT_CSS = """
    Rating { height: auto; }
    Rating > .rating-score { width: 2fr; }
    Rating > .rating-note { width: 3fr; }
    """


class Score(OfSession, Widget, can_focus=True):
    """The score as stars; a digit sets it, the arrows move it, Backspace clears it."""

    DEFAULT_CSS = """
    Score { height: 3; padding: 1 1 0 1; }
    Score:focus { background: $boost; }
    """
    BINDINGS = [
        *(Binding(str(n), f"score({n})", show=False) for n in range(LOWEST, HIGHEST + 1)),
        Binding("right", "step(1)", show=False),
        Binding("left", "step(-1)", show=False),
        Binding("backspace", "score(0)", show=False),
        Binding("delete", "score(0)", show=False),
    ]

    def __init__(self, session: Session, section: Section, item: RatingItem, lang: Lang) -> None:
        super().__init__(classes="rating-score")
        self.session, self.section, self.item, self.lang = session, section, item, lang

    @property
    def score(self) -> int | None:
        return score_of(self.workbook.value(self.section.id, self.item.id))

    def render(self) -> Text:
        shown = Text(stars(self.score) or pick(WORDS["unscored"], self.lang), style="bold")
        shown.append(f"  {scale(self.item, self.lang)}" if not self.has_focus else f"  {pick(WORDS['keys'], self.lang)}",
                     style="dim")
        return shown

    def action_score(self, score: int) -> None:
        if score != (self.score or 0):
            self.workbook.set_entry(self.section.id, self.item.id, SCORE, score or None)
            record(self, self.session)
        self.refresh()

    def action_step(self, by: int) -> None:
        """→ one more (from nothing: the lowest), ← one less (from nothing: the highest)."""
        score = self.score
        self.action_score((LOWEST if by > 0 else HIGHEST) if score is None else min(HIGHEST, max(LOWEST, score + by)))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()


VIEW = RatingView()
