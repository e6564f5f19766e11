"""`number`: a number in its unit, read by the number rule (`retro_tui.numbers`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...i18n import Lang, pick
from ...numbers import format_number, parse_number, refusal
from ...signs import negative_note
from .base import View

if TYPE_CHECKING:
    from ...checklist import NumberItem, Section
    from ...session import Session


class NumberView(View):
    def editor(self, session: Session, section: Section, item: NumberItem, lang: Lang, **options):
        from ..widgets.fields import CommitInput, kept

        def store(text: str) -> str | None:
            try:
                number = parse_number(text)
            except ValueError as error:
                return refusal(error, text, lang)
            session.workbook.set_value(section.id, item.id, number)
            session.changed()
            return kept(negative_note(item, number, pick(item.label, lang), lang))

        return CommitInput(format_number(session.workbook.value(section.id, item.id), 6), store, **options)


VIEW = NumberView()
