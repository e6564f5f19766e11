"""What an item shows that is computed, not typed (a sales-gap split, a ledger's months): read
from the workbook when mounted and again when the answers it is made of changed."""

from __future__ import annotations

from typing import Any

from textual.widgets import Static

from ...checklist import Section
from ...i18n import Lang
from ...workbook import Workbook


class Computed(Static):
    """A read-only view of one item; `show` draws it from the workbook as it is now."""

    def __init__(self, workbook: Workbook, section: Section, item: Any, lang: Lang, **kw) -> None:
        super().__init__(**kw)
        self.add_class(*self.DEFAULT_CLASSES.split())  # (also beside the classes it is given)
        self.workbook, self.section, self.item, self.lang = workbook, section, item, lang

    def on_mount(self) -> None:
        self.show()

    def show(self) -> None:
        raise NotImplementedError
