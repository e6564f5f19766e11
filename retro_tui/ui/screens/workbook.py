"""The workbook screen: sections with progress on the left, the current section on the right."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text as RichText
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ... import meeting
from ...atomic import error_text
from ...i18n import Lang, list_sep, pick, tr
from ...terminal import visible
from ...workbook import Workbook, WorkbookError
from ..changes import AnswerChanged
from ..localize import localize_bindings
from ..plain import plain
from ..widgets.keys_footer import KeysFooter
from ..widgets.section_view import SectionView

if TYPE_CHECKING:
    from textual.dom import DOMNode


class WorkbookScreen(Screen):
    AUTO_FOCUS = ""
    """The first field of the section gets the focus (see `_focus_first_field`), not the list."""

    BINDINGS = [
        Binding("f8", "next_section", "Next section", id="key_next", priority=True),
        Binding("f7", "previous_section", "Previous section", id="key_prev", priority=True),
        Binding("f5", "export", "Export", id="key_export", priority=True),
        Binding("f6", "import_data", "Import", id="key_import", priority=True),
        Binding("f2", "app.toggle_language", "中/EN", id="key_lang", priority=True),
        Binding("f3", "toggle_guide", "Guide", id="key_guide", show=False, priority=True),
        Binding("f1", "app.help", "Help", id="key_help", priority=True),
        Binding("ctrl+z", "undo", "Undo", id="key_undo", show=False, priority=True),
        Binding("ctrl+y", "redo", "Redo", id="key_redo", show=False, priority=True),
        Binding("ctrl+s", "save_as", "Save as", id="key_save_as", show=False, priority=True),
        Binding("ctrl+q", "app.quit", "Quit", id="key_quit", priority=True),
        Binding("f9", "meeting_clock", "Clock", id="key_clock", show=False, priority=True),
        Binding("f4", "meeting_panel", "Meeting", id="key_meeting", show=False, priority=True),
        Binding("f10", "presenter", "Presenter view", id="key_presenter", show=False, priority=True),
        Binding("ctrl+t", "vote_round", "Vote", id="key_vote", show=False, priority=True),
        Binding("ctrl+g", "floor", "Floor", id="key_floor", show=False, priority=True),
        # Tab moves on as it comes, to a field that may not be mounted yet (see next_field)
        Binding("tab", "next_field", show=False, priority=True),
        Binding("shift+tab", "next_field(-1)", show=False, priority=True),
    ]

    def __init__(self, workbook: Workbook) -> None:
        from ... import recent
        from ...session import Session

        super().__init__()
        ids = [section.id for section in workbook.checklist.sections]
        left_at = recent.place_of(workbook.path)
        self.current = ids.index(left_at) if left_at in ids else 0
        """The section shown: where the workbook was left last time."""
        self.session = Session(workbook, (self.current, None), where=lambda: (self.current, self.where_focused()),
                               hold=False)
        """The lock (taken once the first frame is drawn: see `shown`), saving and what came of
        it, undo: this window's hold on the workbook. The editors are given it, save each change
        through it, and post `AnswerChanged`."""
        self.asked_on_quit = False
        self.shown_once = False
        """`shown` has run (it runs once)."""
        self.asking = False
        """A question about saving is on screen (asked once, not at every keystroke)."""
        self.guide_folded: bool | None = None
        """The guides folded (F3); None: as the screen's height says."""
        self._folded_before: bool | None = None
        """How the guides were before the presenter view folded them."""
        self.timebox: meeting.TimeBox | None = None
        """The clock of the section the room is on, once F9 started the meeting's clock."""
        self.over_said = False
        """The room was told this section's time-box is up (the bell rings once)."""
        from ..following import Following

        self.following = Following(self)
        """The other windows on this workbook: the one editing is followed by the others."""

    @property
    def workbook(self) -> Workbook:
        return self.session.workbook

    @workbook.setter
    def workbook(self, workbook: Workbook) -> None:
        self.session.workbook = workbook

    @property
    def read_only(self) -> bool:
        """Another window has this workbook open: answers can be read, not saved."""
        return self.session.read_only

    @property
    def unsaved(self) -> bool:
        """Answers changed in this read-only window (kept only if saved elsewhere, Ctrl+S)."""
        return self.session.unsaved

    @property
    def lang(self) -> Lang:
        return self.app.lang  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        localize_bindings(self, self.lang)
        self._showing = asyncio.Lock()
        self._views: dict[int, SectionView] = {}
        """Each section shown so far, kept mounted (hidden when not current): going back to one
        shows it again instead of building it anew."""
        title = plain(self.workbook.title)
        title.style = "bold"
        start, end = self.workbook.period
        if start and end:
            title.append(f"   {start} – {end}", style="dim")
        yield Static(title, id="title-bar")  # (the meeting's clock and the presenter view come below it when first asked for)
        with Horizontal(id="body"):
            yield OptionList(*self._section_options(), id="sections")
            yield self._section_view()
        yield Static(self._status_text(), id="status")
        yield KeysFooter()

    def on_mount(self) -> None:
        self._show_current()
        if self.app.first_frame_shown:  # type: ignore[attr-defined]  # (else the app calls it: see RetroApp.on_ready)
            self.call_after_refresh(self.shown)

    def shown(self) -> None:
        """The workbook is on screen: what its first frame does not need is done now — the lock
        asked for (a save before this asks for it first), what the room is told on opening, and,
        once the section has mounted what its first frame left out, the parse for editing."""
        from ...conclusions import checklist_checks
        from ..following import TICK

        if self.shown_once:
            return
        self.shown_once = True
        self.session.hold()
        self.following.joined()
        if self.read_only:
            self.show_status()
            self.notify(self.following.status() or tr("read_only", self.lang), severity="warning", timeout=10)
        self.set_interval(TICK, self.following.tick)
        for warning in checklist_checks(self.workbook, self.lang):  # answers a changed checklist no longer shows
            self.notify(warning, severity="warning", timeout=15)
        self._remind_carried()
        if self.view.whole:  # (else once it is: see on_section_view_whole)
            self._parse_for_editing()

    def _show_current(self) -> None:
        self.query_one("#sections", OptionList).highlighted = self.current
        self._focus_first_field()
        self.show_status()

    def _remind_carried(self) -> None:
        """Say what last review handed over that is still open: where the meeting starts."""
        from ...carry import still_open

        found = still_open(self.workbook)
        if found:
            lang = self.lang
            where = list_sep(lang).join(tr("carried_where", lang, section=pick(section.title, lang),
                                           item=pick(item.label, lang), n=count) for section, item, count in found)
            self.notify(tr("carried_open", lang, where=where), title=tr("carried_title", lang), timeout=12)

    def on_section_view_whole(self) -> None:
        """The section shown has mounted what its first frame left out: the parse for editing
        starts now, not before (while a thread parses, this one runs at half speed: the first
        keys typed come sooner without it; an edit before then parses at once, see Workbook.doc)."""
        if self.shown_once:
            self._parse_for_editing()

    def _parse_for_editing(self) -> None:
        """Once the workbook is on screen, it is parsed for editing (see Workbook.parse_soon)."""
        if self.workbook.parsing() is not None:  # (asked for already)
            return
        self.workbook.parse_soon()
        if (parsing := self.workbook.parsing()) is not None:
            self.run_worker(lambda: self._parsed(parsing), thread=True, exit_on_error=False)

    def _parsed(self, parsing) -> None:
        """The workbook is parsed for editing while it is shown: one the app cannot edit (see
        workbook.checks.check_layout) is left with the reason, as it would have been at once."""
        from ...workbook.files import with_backup_hint

        try:
            parsing.result()
        except WorkbookError as exc:
            self.app.call_from_thread(self.app.exit, None, 1, str(with_backup_hint(exc)))

    def on_unmount(self) -> None:
        self.following.leave()
        self.session.leave()

    # --- sections -------------------------------------------------------------------------

    def _section_view(self) -> SectionView:
        """The current section's view, made now (and kept: see `show_section`)."""
        section = self.workbook.checklist.sections[self.current]
        view = SectionView(self.session, section, self.lang, id=f"section-{self.current}", classes="section-view")
        self._views[self.current] = view
        return view

    @property
    def view(self) -> SectionView:
        """The section on screen."""
        return self._views[self.current]

    def _section_options(self) -> list[Option]:
        return [Option(self._section_prompt(s), id=s.id) for s in self.workbook.checklist.sections]

    def _section_prompt(self, section) -> RichText:
        done, total = self.workbook.progress(section)
        current = section is self.workbook.checklist.sections[self.current]
        prompt = RichText("▶ " if current else "  ", style="bold yellow" if current else "")
        prompt.append(plain(pick(section.title, self.lang)))  # (a checklist's words: never markup)
        if current:
            prompt.stylize("bold", 2)
        prompt.append("  " + tr("progress", self.lang, done=done, total=total), style="green" if done == total else "dim")
        return prompt

    async def show_section(self, index: int, where: tuple[str, tuple[int, int] | None] | None = None,
                           fresh: bool = False) -> None:
        """Show section `index` (built the first time, shown again after); `where`: the item to
        focus (its widget's id) and a table's cursor, else the first field. `fresh`: build every
        section anew (the workbook changed under them). One at a time, in the order asked: two
        undos in a row would otherwise build a section while the other still removes it."""
        async with self._showing:
            await self._show_section(index, where, fresh)

    async def _show_section(self, index: int, where: tuple[str, tuple[int, int] | None] | None,
                            fresh: bool) -> None:
        count = len(self.workbook.checklist.sections)
        index = max(0, min(index, count - 1))
        self.flush()
        previous, self.current = self.current, index
        if self.timebox is not None and previous != index:
            self._next_timebox(previous)
        if fresh:  # the workbook changed under every view (an undo, an import, a reload)
            views, self._views = list(self._views.values()), {}
            for view in views:
                await view.remove()
        if index in self._views:
            if previous != index and previous in self._views:
                self._views[previous].display = False
            self.view.display = True
            if self.view.revision != self.session.revision:  # another section changed what it shows
                self.view.refresh_data()
        else:
            if previous in self._views:
                self._views[previous].display = False
            await self.query_one("#body").mount(self._section_view())
        self.view.revision = self.session.revision
        for changed in (previous, index):
            self._refresh_progress(changed)
        self.query_one("#sections", OptionList).highlighted = index
        if where and not self.view.query(f"#{where[0]}"):  # an item below the first screenful, still to mount
            await self.view.mount_rest()
        self._focus_first_field(where)
        from ... import recent

        recent.remember_place(self.workbook.path, self.workbook.checklist.sections[index].id)
        self.call_after_refresh(self.following.moved)  # (after the frame that shows the section)

    def _focus_first_field(self, where: tuple[str, tuple[int, int] | None] | None = None) -> None:
        from ..widgets.cell_grid import CellGrid

        view = self.view
        item = view.query(f"#{where[0]}").first() if where and view.query(f"#{where[0]}") else None
        if isinstance(item, CellGrid):
            if where and where[1] is not None:  # once the table has its rows
                row, column = where[1]
                self.call_after_refresh(item.move_to, row, column)
            item = item.table
        if item is not None and not item.focusable:  # an editor of several fields: its first
            item = next((w for w in item.query("*") if w.focusable), None)
        if item is not None and item.focusable:
            self.set_focus(item, scroll_visible=True)
            return
        focusable = [w for w in view.query("*") if w.focusable]
        if focusable:  # now, not after the keys already typed: they are the new section's
            self.set_focus(focusable[0], scroll_visible=False)  # (and the title and guide stay in view)
        view.scroll_home(animate=False)

    async def action_next_field(self, direction: int = 1) -> None:
        """Tab: the next field, the section's items below the first screenful mounted first (they
        come a moment after the section; keys typed at once must find them)."""
        view = self.view
        await view.mount_rest()
        # In the order on screen, from the widgets themselves: Textual orders the focus by where
        # widgets were laid out, and the ones just mounted are not laid out yet
        chain = [w for w in (self.query_one("#sections"), *view.query("*")) if w.focusable and w.display]
        if chain:
            at = chain.index(self.focused) if self.focused in chain else -1 if direction > 0 else 0
            self.set_focus(chain[(at + direction) % len(chain)])

    def action_toggle_guide(self) -> None:
        """F3: the section's guide in full, or its first sentence (folded at first on a screen
        under 30 rows: the questions come first on a laptop)."""
        self.guide_folded = not self.view.folded
        for view in self._views.values():
            view.show_guide()

    async def action_next_section(self) -> None:
        await self.show_section(self.current + 1)

    async def action_previous_section(self) -> None:
        await self.show_section(self.current - 1)

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "sections" and event.option_index != self.current:
            await self.show_section(event.option_index)

    # --- the meeting's clock --------------------------------------------------------------

    @property
    def clock(self) -> meeting.Clock:
        return getattr(self.app, "meeting_clock", None) or meeting.Clock()

    def action_meeting_clock(self) -> None:
        """F9: start the meeting's clock on this section, pause it, go on. The time spent per
        section is kept in the workbook (a meeting may take two sittings)."""
        if self.timebox is None:
            self.timebox = self._timebox(self.current)
            self.set_interval(1, self.show_clock)
        if self.timebox.running:
            self._spend(self.current)
        else:
            self.timebox.start()
            meeting.clock_started(self.workbook, self.clock.now())
            self.record(undoable=False)
        self.show_clock()

    async def action_presenter(self) -> None:
        """F10: what the room reads on a projector — the question large, the key figures as big
        digits, the guide folded, the sections' list away; F10 again: back."""
        presenting = not self.has_class("-presenter")
        self.set_class(presenting, "-presenter")
        if presenting:
            self.guide_folded, self._folded_before = True, self.guide_folded
            await self._show_presenter()
        else:
            self.guide_folded = self._folded_before
        for view in self._views.values():
            view.show_guide()

    async def _show_presenter(self) -> None:
        if not self.has_class("-presenter"):
            return
        lang, section = self.lang, self.workbook.checklist.sections[self.current]
        where, question = self.where_focused(), pick(section.title, lang)
        item = next((i for i in section.items if where and where[0] == f"item-{i.id}"), None)
        if item is not None:  # (not a field of a section left a moment ago)
            question = "\n".join(filter(None, (pick(item.label, lang), pick(item.help, lang) if item.help else "")))
        from ..widgets.presenter import Presenter

        found = self.query(Presenter)
        if found:
            presenter = found.first()
        else:  # the first F10: made now, not with the first frame
            presenter = Presenter(id="presenter")
            await self.mount(presenter, before="#body")
        await presenter.show(self.workbook, lang, question)

    async def on_descendant_focus(self) -> None:
        await self._show_presenter()  # the question follows the field the facilitator is in

    def action_vote_round(self) -> None:
        """Ctrl+T in a table with a 票数 column: a vote round of everyone in the room."""
        from ... import votes
        from ..keys import grid_of
        from ..widgets.records_table import RecordsTable
        from .vote_round import VoteRound

        self.flush()
        grid = grid_of(self.focused, RecordsTable)
        if grid is None or not votes.can_vote(grid.item):
            self.notify(tr("vote_where", self.lang), severity="warning", timeout=4)
            return
        section, item, lang = self.workbook.checklist.sections[self.current], grid.item, self.lang
        rows = self.workbook.records(section.id, item.id)
        if not rows:
            self.notify(tr("vote_empty", lang), severity="warning", timeout=4)
            return
        first = item.columns[0].id
        voters = [p.name for p in meeting.attendees(self.workbook)] or [tr("voter_n", lang, n=n) for n in (1, 2, 3)]

        async def counted(done) -> None:
            if done is None:
                return
            votes.apply(self.workbook, section.id, item.id, done)
            self.record()
            await self.show_section(self.current, (grid.id, (0, 0)), fresh=True)
            voted = self.workbook.records(section.id, item.id)
            chosen = [str(voted[i].get(first, "")) for i in sorted(votes.top_rows(voted))]
            self.notify(tr("vote_done", lang, rows=list_sep(lang).join(chosen)), timeout=8)

        self.app.push_screen(VoteRound(pick(item.label, lang), [str(row.get(first, "")) for row in rows], voters, lang),
                             counted)

    def action_meeting_panel(self) -> None:
        """F4: who is in the room, and the parking lot."""
        from .meeting_panel import MeetingPanel

        self.flush()

        def closed(_) -> None:  # the parking lot as the room left it, on the last section
            for view in self._views.values():
                view.show_parked()
            self.show_saved()

        self.app.push_screen(MeetingPanel(self.session, self.lang), closed)

    def _timebox(self, index: int) -> meeting.TimeBox:
        section = self.workbook.checklist.sections[index]
        return meeting.TimeBox(meeting.planned(section), meeting.spent(self.workbook).get(section.id, 0),
                               self.clock.seconds)

    def _spend(self, index: int) -> None:
        """Stop the clock and keep the time it counted on section `index`."""
        if self.timebox is None:
            return
        counted = self.timebox.pause()
        meeting.add_spent(self.workbook, self.workbook.checklist.sections[index].id, counted)
        meeting.clock_ran_until(self.workbook, self.clock.now())
        self.record(undoable=False)

    def _next_timebox(self, previous: int) -> None:
        """The room moved on: the time goes to the section it left, the clock on to this one."""
        running = self.timebox is not None and self.timebox.running
        if running:
            self._spend(previous)
        timebox = self.timebox = self._timebox(self.current)
        self.over_said = False
        if running:
            timebox.start()
        self.show_clock()

    def stop_clock(self) -> None:
        """Leaving: the time counted so far is kept."""
        if self.timebox is not None and self.timebox.running:
            self._spend(self.current)

    def show_clock(self) -> None:
        box = self.timebox
        if box is None:
            return
        if box.over() and box.running and not self.over_said:
            self.over_said = True
            self.app.bell()  # the room is told, nothing stops it
        key = tr("clock_key_running" if box.running else "clock_key_paused", self.lang)
        self.show_clock_line(f"{self.clock_line(self.lang)}    {key}", box.over(), box.running)

    def show_clock_line(self, text: str | None, over: bool = False, running: bool = True) -> None:
        """The clock line under the title (None: no clock; a following window shows the editor's).
        It is made the first time there is one, not with the first frame."""
        found = self.query("#meeting-clock")
        if not found and text is None:
            return
        widget = found.first(Static) if found else Static(id="meeting-clock")
        if not found:
            self.mount(widget, after="#title-bar")
        widget.display = text is not None
        if text is not None:
            widget.set_class(over, "-over")
            widget.set_class(not running, "-paused")
            widget.update(plain(text))

    def clock_line(self, lang) -> str | None:
        """What the clock line says in `lang`: the section's time against its time-box, the
        meeting's against the plan (None before F9) — without the key that pauses it, which
        only the window holding the clock has."""
        box = self.timebox
        if box is None:
            return None
        section = self.workbook.checklist.sections[self.current]
        spent = meeting.spent(self.workbook)
        total = sum(spent.values()) + (box.elapsed() - box.before)
        plan = sum(meeting.planned(s) or 0 for s in self.workbook.checklist.sections)
        remaining = box.remaining()
        left = "" if remaining is None else tr("clock_over" if box.over() else "clock_left", lang,
                                               time=meeting.clock_text(abs(remaining)))
        return tr("clock_running" if box.running else "clock_paused", lang, section=pick(section.title, lang),
                  left=left, elapsed=meeting.clock_text(box.elapsed()),
                  planned=meeting.clock_text(box.planned) if box.planned else "—",
                  total=round(total / 60), plan=round(plan / 60))

    # --- saving ---------------------------------------------------------------------------

    def flush(self) -> None:
        """Commit what is typed in the mounted section (each commit saves)."""
        for view in self.query(SectionView):
            view.flush()

    def record(self, undoable: bool = True) -> None:
        """The screen wrote an answer (or the meeting's record: not `undoable`): saved now, as
        an editor's change is (see changes.record), and shown."""
        self.session.changed(undoable)
        self.show_saved()

    def on_answer_changed(self, message: AnswerChanged) -> None:
        message.stop()
        self.show_saved()

    def show_saved(self) -> None:
        """Show what the session's last change came to: the section's progress, the status
        line, the presenter's figures. A file changed on disk meanwhile, or one that cannot be
        written, is never overwritten or lost silently: the user is asked (reload / keep mine /
        see the difference; save elsewhere), once while the question is on screen."""
        view = self._views.get(self.current)
        if view is not None and view.revision >= self.session.revision - 1:  # (the section on screen shows
            view.revision = self.session.revision  # its own change; one that missed others stays behind)
        self._refresh_progress(self.current)
        self.show_status()
        failure = self.session.failure
        if failure is not None and not self.read_only and not self.asking and not self.app.exiting:  # type: ignore[attr-defined]
            if (conflict := self.session.conflict) is not None:
                self._ask_conflict(conflict.disk_text)
            else:
                self.asking = True
                self.notify(str(failure), severity="error", timeout=8)
                self.action_save_as(str(failure))
        elif failure is None and not self.read_only:
            self.call_after_refresh(self._show_presenter)  # the figures as they are now

    # --- undo -----------------------------------------------------------------------------

    def history_from_here(self) -> None:
        """Undo starts from the workbook as it is now."""
        self.session.restart_history((self.current, None))

    async def action_undo(self) -> None:
        """Go back to the state before the last change (of any kind: a cell, a row, a choice,
        an import), in the section it was made in, and save that."""
        self.flush()  # what is typed and not yet committed is a change too: the one undone
        await self._go_to(self.session.history.undo(), "undone")

    async def action_redo(self) -> None:
        await self._go_to(self.session.history.redo(), "redone")

    async def _go_to(self, state: tuple[str, tuple] | None, said: str) -> None:
        if state is None:
            self.notify(tr(f"nothing_{said}", self.lang), timeout=2)
            return
        text, (place, where) = state
        self.session.go_to(text)  # (a save that fails is asked about at the next change)
        self.show_status()
        await self.show_section(place, where, fresh=True)
        self._refresh_all_progress()
        section = pick(self.workbook.checklist.sections[place].title, self.lang)
        self.notify(tr(said, self.lang, section=section), timeout=2)

    def where_focused(self) -> tuple[str, tuple[int, int] | None] | None:
        """The item that has the focus (its widget's id), and a table's cursor."""
        from ..widgets.cell_grid import CellGrid

        node: DOMNode | None = self.focused
        while node is not None and not (node.id or "").startswith("item-"):
            node = node.parent
        if node is None or node.id is None:
            return None
        return node.id, (node.cursor[0], node.cursor[1]) if isinstance(node, CellGrid) else None

    def _not_saved(self, why: WorkbookError) -> None:
        self.session.not_saved(why)
        self.show_status()

    def _ask_conflict(self, disk_text: str | None) -> None:
        from .conflict import ConflictScreen

        self.asking = True

        def decided(choice: str | None) -> None:
            self.asking = False
            if choice == "keep":
                self._force_save()
            elif choice == "reload":
                try:
                    fresh = self.workbook.reloaded()
                except WorkbookError as exc:  # broken or gone on disk: keep this window's answers
                    self._not_saved(exc)
                    self.action_save_as(str(exc))
                    return
                self.session.failure = None
                self.run_worker(self.replace_workbook(fresh, (self.current, None)))

        self.app.push_screen(ConflictScreen(disk_text, self.workbook.dumps(), self.workbook.path.name, self.lang), decided)

    def _force_save(self) -> None:
        if not self.session.keep_mine():  # the folder is gone, the path is a folder now …: save elsewhere
            self.action_save_as(str(self.session.failure))
        self.show_status()

    def ask_before_leaving(self) -> bool:
        """Ctrl+Q in a read-only window holding answers typed here: offer to save them elsewhere,
        once (Ctrl+Q again leaves without them). True when asked (not leaving yet)."""
        if not (self.read_only and self.unsaved) or self.asked_on_quit:
            return False
        self.asked_on_quit = True
        self.action_save_as(tr("read_only_unsaved", self.lang))
        return True

    def save_on_leaving(self) -> None:
        """Leaving: what is typed is committed and saved, the clock's time kept. Answers the
        file cannot take (changed on disk, a save that fails, typed in a read-only window) go to
        a file of their own beside it (see Session.save_beside), and the app says where, and
        why, when it ends."""
        self.flush()
        self.stop_clock()
        session = self.session
        if session.failure is not None and not session.read_only:  # answers whose save failed earlier: once more
            session.changed(undoable=False)
        why = "saved_beside_read_only" if session.read_only and session.unsaved else \
            None if session.failure is None else "saved_beside_changed" if session.conflict else "saved_beside_failed"
        if why is not None and (beside := session.save_beside()) is not None:
            self.app.saved_beside, self.app.saved_why = beside, why  # type: ignore[attr-defined]

    def action_save_as(self, reason: str = "") -> None:
        """Save the workbook under another path (and keep editing it there)."""
        from .conflict import SaveAsScreen

        self.asking = True

        def chosen(target: str | None) -> None:
            self.asking = False
            if not target:
                return
            path = Path(target).expanduser()
            path = path if path.is_absolute() else self.workbook.path.parent / path
            if path.exists() and (path != self.workbook.path or self.read_only):  # never over another file unasked
                # (nor over this one from a read-only window: another window holds it)
                self.notify(tr("save_as_exists", self.lang, path=path), severity="error", timeout=8)
                self.action_save_as(reason)
                return
            try:
                self.session.save_as(path)
            except WorkbookError as exc:
                self._not_saved(exc)
                self.notify(str(exc), severity="error", timeout=8)
                return
            self.show_status()
            self.notify(tr("saved_as", self.lang, path=path))

        path = self.workbook.path
        # A read-only window's answers: beside the workbook under a name of their own; a file that
        # cannot be written: in the home folder (its own folder may be what refuses)
        suggestion = path.with_name(f"{path.stem}.mine{path.suffix}") if self.read_only else \
            Path.home() / path.name if reason else path
        self.app.push_screen(SaveAsScreen(reason, str(suggestion), self.lang), chosen)

    def _refresh_all_progress(self) -> None:
        for index in range(len(self.workbook.checklist.sections)):
            self._refresh_progress(index)

    def _refresh_progress(self, index: int) -> None:
        section = self.workbook.checklist.sections[index]
        self.query_one("#sections", OptionList).replace_option_prompt_at_index(index, self._section_prompt(section))

    async def replace_workbook(self, fresh: Workbook, at: tuple[int, tuple[str, tuple[int, int] | None] | None]) -> None:
        """Show `fresh` (the file as it is on disk now) instead of the workbook held, at section
        `at[0]` with `at[1]` focused; undo starts from it (what is on disk is not this window's
        to take back)."""
        self.workbook = fresh
        self.app.workbook = fresh  # type: ignore[attr-defined]
        self.session.restart_history(at)
        await self.show_section(at[0], at[1], fresh=True)
        self._refresh_all_progress()
        self.show_status()

    def action_floor(self) -> None:
        """Ctrl+G: ask for the floor (a following window), or hand it over (the editing one)."""
        self.following.floor()

    def show_status(self) -> None:
        self.query_one("#status", Static).update(self._status_text())

    def _status_text(self) -> RichText:
        text = RichText(f" {visible(str(self.workbook.path))}  ", style="dim")
        if following := self.following.status():
            text.append(visible(following), style="bold yellow")
        elif (said := self.session.status(self.lang)) is not None:
            saved, words = said
            text.append(visible(words), style="green" if saved else "bold red")
        return text

    def action_export(self) -> None:
        """Write the report next to the workbook, in the workbook's language; in a browser, the
        report is downloaded too (a following tab's only downloaded: it writes nothing beside
        the workbook)."""
        import io

        from ...export.markdown import export, write_report

        self.flush()
        target = self.workbook.path.with_suffix(".md")
        if self.app.is_web and self.read_only:
            self.app.deliver_text(io.StringIO(export(self.workbook)), save_filename=target.name,
                                  mime_type="text/markdown", encoding="utf-8")
            return
        try:
            write_report(self.workbook, target)
        except OSError as exc:
            self.notify(tr("save_failed", self.lang, error=f"{target}: {error_text(exc, self.lang)}"), severity="error")
            return
        self.notify(tr("exported_to", self.lang, path=target))
        if self.app.is_web:  # in a browser: the report comes to the person too, as a download
            self.app.deliver_text(target, save_filename=target.name, mime_type="text/markdown", encoding="utf-8")
        from ...conclusions import conclusion_checks
        from .checks import ChecksScreen

        checks = conclusion_checks(self.workbook, self.lang)
        if checks:  # not blocking: the report is written, these are for the room to settle, every one readable
            self.app.push_screen(ChecksScreen(checks))

    def action_download_workbook(self) -> None:
        """In a browser: the workbook file (TOML) as a download."""
        self.flush()
        path = self.workbook.path
        self.app.deliver_text(path, save_filename=path.name, mime_type="application/toml", encoding="utf-8")

    def action_import_data(self) -> None:
        """Open the import screen; when it has filled values, save and show them."""
        from .import_data import ImportScreen

        self.flush()

        def done(filled: int | None) -> None:
            if filled:
                self.record()
                self._refresh_all_progress()
                self.run_worker(self.show_section(self.current, fresh=True))

        self.app.push_screen(ImportScreen(self.workbook, self.lang), done)

    def set_language(self, lang: Lang) -> None:
        """Show everything in `lang`, and make it the workbook's language (its report's too)."""
        self.flush()
        if self.workbook.language != lang:
            self.workbook.set_meta("language", lang)
            self.record()
        self.refresh(recompose=True)
        self.call_after_refresh(self._after_recompose)

    def _after_recompose(self) -> None:
        self._show_current()  # (what was said on opening is not said again)
