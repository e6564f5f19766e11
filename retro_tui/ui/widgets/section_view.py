"""The current section: its guide, then its items. Only one section is mounted at a time.

What the first screen shows is mounted with the section: the items that fit, and the label of
one the screen ends in. The rest follows right after the first frame is drawn, so a section
appears at once however long it is.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from ... import meeting
from ...checklist import Item, Section
from ...i18n import Lang, pick, tr
from ..changes import OfSession
from ..kinds import view_of
from ..layout import text_width
from ..plain import plain
from .cell_grid import CellGrid
from .fields import CommitInput
from .prose import Prose

if TYPE_CHECKING:
    from textual.widget import Widget

    from ...session import Session


class SectionView(OfSession, VerticalScroll):
    def __init__(self, session: Session, section: Section, lang: Lang, **kw) -> None:
        super().__init__(**kw)
        self.session, self.section, self.lang = session, section, lang
        self._later: list[Callable[[], list[Widget]]] = []
        """What is left to mount after the first frame, in order: an item's widgets each."""
        self.revision = 0
        """The session's revision this view last showed (see Session.revision)."""
        self._mounting = asyncio.Lock()
        """One mount at a time: the items stay in their order however they are mounted."""

    def compose(self) -> ComposeResult:
        sections = self.workbook.checklist.sections
        number = sections.index(self.section) + 1
        heading = plain(pick(self.section.title, self.lang))
        heading.style = "bold"
        heading.append(f"   {tr('section_of', self.lang, n=number, count=len(sections))}", style="dim")
        yield Static(heading, classes="section-title")
        guide = Prose(*self.guide_text(), classes="guide")
        yield guide
        if self.section is sections[-1]:  # where the review ends: nothing parked is forgotten
            parked = Prose(classes="parked")
            self._fill_parked(parked)
            yield parked
        width = text_width(self.app.size.width)
        # the screen less the title bar, status and footer, the section's title and the guide (with their margins)
        room = self.app.size.height - 3 - 2 - 2 - guide.height_at(width - 3)
        items = self.section.items
        for index, item in enumerate(items):
            if room <= 0:
                self._later += [partial(self._widgets, later) for later in items[index:]]
                break
            view = view_of(item)
            label = view.label(item, self.lang)
            yield label
            room -= label.height_at(width)
            if room <= 0:  # the screen ends in the label: the item's editor comes after the first frame
                self._later.append(partial(self._editor, item))
                continue  # (and the items after it)
            room -= view.height(self.workbook, self.section, item)
            yield from self._editor(item)

    @property
    def folded(self) -> bool:
        """The guide shows its first sentence only (F3; so on a screen under 30 rows)."""
        folded = getattr(self.screen, "guide_folded", None)
        return self.app.size.height < 30 if folded is None else folded

    def guide_text(self) -> list[tuple[str, str]]:
        guide = pick(self.section.guide, self.lang).strip()
        if not self.folded:
            return [(guide, "")]
        first = re.split(r"(?<=[。！？.!?])\s*", guide, maxsplit=1)[0].strip()
        return [(first, ""), (tr("guide_folded", self.lang), "italic")]

    def _fill_parked(self, block: Prose) -> None:
        remarks = meeting.parked(self.workbook)
        block.display = bool(remarks)
        block.update((tr("minutes_parked", self.lang), "bold"), *((f"• {remark}", "") for remark in remarks))

    def show_parked(self) -> None:
        for block in self.query(".parked").results(Prose):
            self._fill_parked(block)

    def show_guide(self) -> None:
        self.query_one(".guide", Prose).update(*self.guide_text())

    def on_mount(self) -> None:
        if not self._later:
            self.post_message(self.Whole())
        elif getattr(self.app, "first_frame_shown", True):
            self.call_after_refresh(self.mount_later)

    class Whole(Message):
        """Every item of the section is mounted: with it, or once its first frame was drawn."""

    @property
    def whole(self) -> bool:
        """Nothing is left to mount after the first frame."""
        return not self._later

    async def mount_later(self) -> None:
        """Mount the items left out of the first screenful, one per refresh so that the screen
        keeps drawing meanwhile (the app starts this after its first frame)."""
        async with self._mounting:
            if self._later:
                await self.mount_all(self._later.pop(0)())
                if not self._later:
                    self.post_message(self.Whole())
        if self._later:
            self.call_after_refresh(self.mount_later)

    async def mount_rest(self) -> None:
        """Mount every item still left for later, now."""
        async with self._mounting:
            later, self._later = self._later, []
            if later:
                await self.mount_all([widget for make in later for widget in make()])
                self.post_message(self.Whole())

    def _widgets(self, item: Item) -> list[Widget]:
        """An item's label, its editor and what is below it."""
        return [view_of(item).label(item, self.lang), *self._editor(item)]

    def _editor(self, item: Item) -> list[Widget]:
        """An item's editor and what is below it."""
        view = view_of(item)
        editor = view.editor(self.session, self.section, item, self.lang, id=f"item-{item.id}",
                             classes=f"editor editor-{item.kind}")
        return [editor, *view.below(self.workbook, self.section, item, self.lang)]

    def refresh_data(self) -> None:
        """Show again what is computed from other sections' answers (a section shown again: a
        target typed elsewhere, an action's metric now)."""
        from .computed import Computed

        for grid in self.query(CellGrid):
            grid.reload()
        for shown in self.query(Computed):
            shown.show()

    def flush(self) -> None:
        """Commit whatever is typed but not yet committed in this section."""
        for grid in self.query(CellGrid):
            grid.flush()
        for field in self.query(CommitInput):
            field.flush()
        for area in self.query("CommitTextArea"):  # (by name: its module is loaded once a note is shown)
            area.flush()  # type: ignore[attr-defined]
