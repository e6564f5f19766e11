"""The workbook screen in a room (see `room`): the editing window says where it is; a window
that could not take the lock follows it — its section and row, every answer it saves — read
only, and may ask for the floor (Ctrl+G), which the editor hands over with Ctrl+G."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..i18n import tr
from ..room import Place, Room
from ..terminal import visible
from ..workbook import WorkbookError

if TYPE_CHECKING:
    from .screens.workbook import WorkbookScreen

TICK = 0.25
"""Seconds between two looks at the room: a follower shows a saved answer, and the editor's
section, within a second."""


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


class Following:
    def __init__(self, screen: WorkbookScreen) -> None:
        self.screen = screen
        self.room = Room(screen.workbook.path)
        self.seen = _stamp(screen.workbook.path)
        """The workbook file as this window last read it."""
        self.said: tuple[Place, dict | None] | None = None
        """Where this window, editing, last said it is, and its clock."""
        self.followed: Place | None = None
        """Where the editor was when this window, following, last moved with it."""
        self.clock_shown: dict | None = None
        """The editor's clock line as this window, following, shows it."""
        self.told: set[str] = set()
        """The windows asking for the floor that the editor was told of."""
        self.leader: str | None = None
        """The editing window's name, as a follower shows it (see `joined`)."""

    def joined(self) -> None:
        """The window has asked for the workbook's lock (see Session.hold): a following one
        shows who edits."""
        editor = self.room.editor() if self.screen.read_only else None
        self.leader = editor.name if editor is not None else None

    # --- every TICK ---------------------------------------------------------------------

    async def tick(self) -> None:
        if self.screen.read_only:
            await self._follow()
        else:
            self._lead()

    def moved(self) -> None:
        """The editing window changed section: said at once, not at the next look (a window
        that has not asked for the lock yet says nothing: see Session.hold)."""
        if self.screen.session.asked and not self.screen.read_only:
            self._lead()

    def _lead(self) -> None:
        screen = self.screen
        said = self.place(), self.clock()
        if said != self.said:
            self.room.lead(said[0], clock=said[1])
            self.said = said
        for asker in self.room.asking():
            if asker.id not in self.told:
                self.told.add(asker.id)
                screen.notify(tr("floor_asked", screen.lang, name=visible(asker.name)), timeout=15)

    async def _follow(self) -> None:
        screen = self.screen
        editor = self.room.editor()
        if editor is not None and editor.granted == self.room.me and screen.session.take():
            self._take_floor()
            return
        name = editor.name if editor is not None else None
        if name != self.leader:
            self.leader = name
            screen.show_status()
        clock = editor.clock if editor is not None else None
        if screen.timebox is None and clock != self.clock_shown:  # (a clock of its own, F9 here, is shown instead)
            self.clock_shown = clock
            screen.show_clock_line(clock[screen.lang] if clock else None, bool(clock and clock.get("over")),
                                   bool(clock and clock.get("running")))
        if screen.unsaved:  # typed here: this window keeps what it shows (Ctrl+S saves it elsewhere)
            return
        stamp = _stamp(screen.workbook.path)
        place = editor.place if editor is not None else None
        if stamp != self.seen:
            self.seen = stamp
            try:
                fresh = screen.workbook.reloaded()
            except WorkbookError:  # being written, or broken: the next look tries again
                self.seen = None
                return
            await screen.replace_workbook(fresh, self._where(place))  # (undo starts from it)
            self.followed = place
        elif place is not None and place != self.followed:
            self.followed = place
            index, where = self._where(place)
            await screen.show_section(index, where)

    # --- Ctrl+G -------------------------------------------------------------------------

    def floor(self) -> None:
        """Editing: hand the floor to the window that asked first. Following: take it when no
        window edits; else ask for it (again: stop asking)."""
        screen, room = self.screen, self.room
        screen.session.hold()  # (Ctrl+G typed before the window asked for the lock)
        if not screen.read_only:
            asking = room.asking()
            if not asking:
                screen.notify(tr("floor_nobody_asks", screen.lang), timeout=4)
                return
            screen.flush()  # what is typed is saved before the other window reads the file
            to = asking[0]
            room.lead(self.place(), granted=to.id)
            screen.session.hand_over()
            self.seen, self.told, self.followed = _stamp(screen.workbook.path), set(), self.place()
            screen.notify(tr("floor_given", screen.lang, name=visible(to.name)), timeout=6)
            screen.show_status()
        elif screen.session.take():
            self._take_floor()
        elif room.asks():
            room.withdraw()
            screen.notify(tr("floor_withdrawn", screen.lang), timeout=4)
        else:
            room.ask()
            screen.notify(tr("floor_asking", screen.lang), timeout=6)

    def _take_floor(self) -> None:
        screen = self.screen
        self.room.withdraw()
        if _stamp(screen.workbook.path) != self.seen:  # saved by the editor after this window last read it
            try:
                screen.workbook = screen.workbook.reloaded()
                screen.app.workbook = screen.workbook  # type: ignore[attr-defined]
            except WorkbookError:
                pass
            screen.run_worker(screen.show_section(screen.current, fresh=True))
        screen.history_from_here()  # (the lock taken: the session edits, nothing unsaved)
        self.said = None
        self._lead()
        screen.notify(tr("floor_yours", screen.lang), timeout=6)
        screen.show_status()

    # ---------------------------------------------------------------------------------------

    def clock(self) -> dict | None:
        """The meeting's clock line in each language, for the following windows (None before F9)."""
        screen = self.screen
        if screen.timebox is None:
            return None
        return {"zh": screen.clock_line("zh"), "en": screen.clock_line("en"), "over": screen.timebox.over(),
                "running": screen.timebox.running}

    def place(self) -> Place:
        screen = self.screen
        where = screen.where_focused()
        section = screen.workbook.checklist.sections[screen.current].id
        return Place(section, *where) if where else Place(section)

    def _where(self, place: Place | None) -> tuple[int, tuple[str, tuple[int, int] | None] | None]:
        """The section index and the item to show for the editor's place."""
        screen = self.screen
        ids = [s.id for s in screen.workbook.checklist.sections]
        if place is None or place.section not in ids:
            return screen.current, None
        return ids.index(place.section), (place.item, place.cursor) if place.item else None

    def status(self) -> str | None:
        """What a following window's status line says (None: not following)."""
        if not self.screen.read_only or self.screen.unsaved:
            return None
        lang = self.screen.lang
        return tr("following", lang, name=self.leader) if self.leader else tr("following_nobody", lang)

    def leave(self) -> None:
        self.room.leave()
