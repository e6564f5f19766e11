"""What every kind's editor shares (see `__init__`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from ...i18n import Lang, label_with_unit, pick
from ...terminal import visible

if TYPE_CHECKING:
    from textual.widget import Widget

    from ...checklist import Section
    from ...session import Session
    from ...workbook import Workbook
    from ..widgets.prose import Prose


class View:
    """How an item kind is edited on a section's screen. The defaults: one line of text."""

    def label(self, item: Any, lang: Lang) -> Prose:
        """The item's label (with its unit) and help, above its editor."""
        from ..widgets.prose import Prose

        unit = pick(getattr(item, "unit", None), lang)
        label = [(label_with_unit(pick(item.label, lang), unit, lang), "bold")]
        return Prose(*label, *([(pick(item.help, lang), "dim")] if item.help else []), classes="item-label")

    def editor(self, session: Session, section: Section, item: Any, lang: Lang, **options) -> Widget:
        """The widget the answer is edited in: it writes to `session.workbook` and has the
        session save each change (`changes.record`; a field that commits: `text_store`)."""
        from ..widgets.fields import CommitInput

        store = text_store(session, section, item)
        return CommitInput(visible(session.workbook.value(section.id, item.id) or ""), store,
                           placeholder=pick(item.placeholder, lang), **options)

    def below(self, workbook: Workbook, section: Section, item: Any, lang: Lang) -> Iterator[Widget]:
        """What the item shows under its editor (nothing, for most kinds)."""
        return iter(())

    def height(self, workbook: Workbook, section: Section, item: Any) -> int:
        """About how many lines the editor (and what is below it) takes on screen."""
        return 4


def text_store(session: Session, section: Section, item: Any) -> Callable[[str], str | None]:
    """What a text field does with the text committed in it: the answer, stored and saved."""

    def store(text: str) -> str | None:
        session.workbook.set_value(section.id, item.id, text.strip() if "\n" not in text else text.rstrip())
        session.changed()
        return None

    return store
