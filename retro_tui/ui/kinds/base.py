"""What every kind's editor shares (see `__init__`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from ...i18n import Lang, label_with_unit, pick
from ...terminal import visible

if TYPE_CHECKING:
    from textual.widget import Widget

    from ...checklist import Section
    from ...workbook import Workbook
    from ..widgets.prose import Prose

OnChange = Callable[[], None]
"""Called after an answer was written to the workbook (the screen saves)."""


class View:
    """How an item kind is edited on a section's screen. The defaults: one line of text."""

    def label(self, item: Any, lang: Lang) -> Prose:
        """The item's label (with its unit) and help, above its editor."""
        from ..widgets.prose import Prose

        unit = pick(getattr(item, "unit", None), lang)
        label = [(label_with_unit(pick(item.label, lang), unit, lang), "bold")]
        return Prose(*label, *([(pick(item.help, lang), "dim")] if item.help else []), classes="item-label")

    def editor(self, workbook: Workbook, section: Section, item: Any, lang: Lang, on_change: OnChange,
               **options) -> Widget:
        from ..widgets.fields import CommitInput

        store = text_store(workbook, section, item, on_change)
        return CommitInput(visible(workbook.value(section.id, item.id) or ""), store,
                           placeholder=pick(item.placeholder, lang), **options)

    def below(self, workbook: Workbook, section: Section, item: Any, lang: Lang) -> Iterator[Widget]:
        """What the item shows under its editor (nothing, for most kinds)."""
        return iter(())

    def height(self, workbook: Workbook, section: Section, item: Any) -> int:
        """About how many lines the editor (and what is below it) takes on screen."""
        return 4


def text_store(workbook: Workbook, section: Section, item: Any, on_change: OnChange) -> Callable[[str], str | None]:
    """What a text field does with the text committed in it: the answer, stored."""

    def store(text: str) -> str | None:
        workbook.set_value(section.id, item.id, text.strip() if "\n" not in text else text.rstrip())
        on_change()
        return None

    return store
