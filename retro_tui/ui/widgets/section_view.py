"""The current section: its guide, then its items. Only one section is mounted at a time."""

from __future__ import annotations

from rich.text import Text as RichText
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ...checklist import Section
from ...i18n import Lang, pick, tr
from ...workbook import Workbook
from .fields import CommitInput, CommitTextArea
from .item_editors import ItemBlock, OnChange


class SectionView(VerticalScroll):
    def __init__(self, workbook: Workbook, section: Section, lang: Lang, on_change: OnChange, **kw) -> None:
        super().__init__(**kw)
        self.workbook, self.section, self.lang, self.on_change = workbook, section, lang, on_change

    def compose(self) -> ComposeResult:
        sections = self.workbook.checklist.sections
        number = sections.index(self.section) + 1
        heading = RichText(pick(self.section.title, self.lang), style="bold")
        heading.append(f"   {tr('section_of', self.lang, n=number, count=len(sections))}", style="dim")
        yield Static(heading, classes="section-title")
        yield Static(pick(self.section.guide, self.lang).strip(), classes="guide")
        for item in self.section.items:
            yield ItemBlock(self.workbook, self.section, item, self.lang, self.on_change)

    def flush(self) -> None:
        """Commit whatever is typed but not yet committed in this section."""
        for field in self.query(CommitInput):
            field.flush()
        for area in self.query(CommitTextArea):
            area.flush()
