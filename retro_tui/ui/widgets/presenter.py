"""The presenter view's top (F10): the question the room is on, large enough to read from the
back of the room, and the review's key figures as big-digit cards — actual, target,
completion — from the goals' targets table."""

from __future__ import annotations

from rich.text import Text as RichText
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from ... import meeting
from ...i18n import Lang, tr
from ...terminal import visible
from ...workbook import Workbook
from ..plain import plain


class Presenter(Vertical):
    def compose(self) -> ComposeResult:
        yield Static(id="presenter-question")
        yield Horizontal(id="figures")

    async def show(self, workbook: Workbook, lang: Lang, question: str) -> None:
        """The question asked now (an item's label and its help), and the figures as they are."""
        from textual.widgets import Digits  # (the first time F10 is pressed, not before the first frame)

        self.query_one("#presenter-question", Static).update(plain(question))
        figures = self.query_one("#figures", Horizontal)
        await figures.remove_children()
        cards = []
        for texts in meeting.key_figures(workbook, lang):
            status = RichText(visible(texts.status_text), style="green" if texts.status == "met" else
                              "red" if texts.status == "missed" else "dim")
            cards.append(Vertical(
                Static(plain(texts.label), classes="figure-label"),
                Digits(texts.actual or "-", classes="figure-value"),
                Static(RichText.assemble(tr("presenter_target", lang, target=texts.target or "—",
                                            completion=texts.completion or "—"), "  ", status), classes="figure-note"),
                classes="figure-card"))
        figures.display = bool(cards)
        await figures.mount_all(cards)
