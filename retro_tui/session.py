"""One window's hold on a workbook: the lock (without it the window only reads), each change
saved and what came of it, and the states to undo to — what the workbook screen shows, with
no widget in it.

A change is saved here the moment it is made (`changed`), never later: a key typed right after
it (Ctrl+Z, Ctrl+Q) finds it saved and in the history. What came of it is kept (`failure`,
`saved_at`, `unsaved`), for the window to show and ask about when it gets to it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .history import History
from .i18n import Lang, tr
from .lock import WorkbookLock
from .workbook import Workbook, WorkbookChanged, WorkbookError


class Session:
    def __init__(self, workbook: Workbook, place: Any, where: Callable[[], Any] | None = None,
                 hold: bool = True) -> None:
        """`place`: where the window starts; `where`: where a change is being made (the window
        tells: its section and field), kept with the state for undo to show it again; `hold`:
        take the lock now (else at `hold()`, or before the first save, whichever comes first:
        a window takes it once its first frame is drawn)."""
        self.workbook = workbook
        self.where = where or (lambda: place)
        self.lock = WorkbookLock(workbook.path)
        self.asked = False
        """Whether the lock was asked for yet."""
        self.read_only = False
        """Another window has this workbook open: answers can be read, not saved."""
        self.unsaved = False
        """Answers changed in this read-only window (kept only if saved elsewhere)."""
        self.saved_at: dt.datetime | None = None
        self.failure: WorkbookError | None = None
        """Why the last change is not saved (until a save works): the file changed on disk
        (`WorkbookChanged`, with what is there now), or it cannot be written."""
        self.revision = 0
        """Changes made in this session (a view shown earlier is refreshed if it missed some)."""
        self.history = History.start(workbook.saved_text or workbook.dumps(), place)
        if hold:
            self.hold()

    # --- the lock ---------------------------------------------------------------------------

    def hold(self) -> None:
        """Ask for the lock, once: without it the window only reads (`read_only`)."""
        if not self.asked:
            self.asked = True
            self.read_only = not self.lock.acquire()

    def take(self) -> bool:
        """Take the lock (the window that had it let it go): this window edits from now on."""
        self.asked = True
        if not self.lock.acquire():
            return False
        self.read_only, self.unsaved, self.failure = False, False, None
        return True

    def hand_over(self) -> None:
        """Let the lock go to another window: this one only reads from now on."""
        self.lock.release()
        self.read_only = True

    def leave(self) -> None:
        self.lock.release()

    # --- saving -----------------------------------------------------------------------------

    def changed(self, undoable: bool = True) -> None:
        """An answer was written to the workbook: save it now, and keep the state for undo
        (`undoable`; the meeting's record is not). Never raises: a file changed on disk is not
        overwritten, and neither it nor one that cannot be written loses the change — `failure`
        says why it is not saved, the workbook keeps it. A read-only window keeps it unsaved."""
        self.revision += 1
        self.hold()
        if self.read_only:
            self.unsaved = True
        elif self._save() and undoable:
            self.history.changed(self.workbook.saved_text, self.where())

    def _save(self, force: bool = False) -> bool:
        """Write the workbook (over a file changed on disk: `force`); True if written, else
        `failure` says why."""
        try:
            self.saved(self.workbook.save(force=force))
        except WorkbookError as exc:
            self.not_saved(exc)
            return False
        return True

    @property
    def conflict(self) -> WorkbookChanged | None:
        """The file changed on disk since this window read it (the last save refused)."""
        return self.failure if isinstance(self.failure, WorkbookChanged) else None

    def keep_mine(self) -> bool:
        """Save over a file changed on disk (the user chose this window's answers); False, with
        `failure`, if it cannot be written."""
        if not self._save(force=True):
            return False
        self.history.changed(self.workbook.saved_text, self.where())
        return True

    def save_as(self, path: Path) -> dt.datetime:
        """Save to another file, which the window holds from now on (read-only if another
        window has it open). Raises what `Workbook.save` raises."""
        stamp = self.workbook.save(path)
        self.lock.release()
        self.lock = WorkbookLock(path)
        self.asked, self.read_only = True, not self.lock.acquire()
        self.unsaved = False
        self.saved(stamp)
        return stamp

    def save_beside(self) -> Path | None:
        """Leaving while the file cannot take this window's answers (changed on disk, a failed
        save, a read-only window): they go to a file of their own beside it
        (`review.mine-143005.toml`), or in the home folder when that folder cannot be written;
        where, or None if nowhere."""
        path = self.workbook.path
        name = f"{path.stem}.mine-{dt.datetime.now():%H%M%S}{path.suffix}"
        for folder in (path.parent, Path.home()):
            try:
                self.workbook.save(folder / name)
            except WorkbookError:
                continue
            return folder / name
        return None

    def status(self, lang: Lang) -> tuple[bool, str] | None:
        """What the window says of its answers: (saved, the words) — saved at a time, or why
        not (a read-only window, the file changed on disk, a save that failed); None before
        anything was saved."""
        if self.read_only:
            return False, tr("read_only", lang)
        if self.failure is not None:
            return False, tr("changed_on_disk" if self.conflict else "save_failed", lang, error=self.failure)
        if self.saved_at is not None:
            return True, tr("saved_at", lang, time=f"{self.saved_at:%H:%M:%S}")
        return None

    def saved(self, stamp: dt.datetime) -> None:
        self.failure, self.saved_at = None, stamp

    def not_saved(self, why: WorkbookError) -> None:
        self.failure, self.saved_at = why, None

    # --- undo -------------------------------------------------------------------------------

    def restart_history(self, place: Any) -> None:
        """Undo starts from the workbook as it is now."""
        self.history = History.start(self.workbook.saved_text or self.workbook.dumps(), place)

    def go_to(self, text: str) -> None:
        """Put the workbook back in a state undo or redo gave — the answers only: the meeting's
        record (who came, the time spent) stays as it is — and save it (unless read-only; a
        save that fails is kept in `failure`, as a change's is)."""
        from . import meeting

        kept = self.workbook.beside(meeting.TABLE)
        self.workbook.restore(text)
        meeting.carry_record(self.workbook, kept)
        self.revision += 1
        self.hold()
        if not self.read_only:
            self._save()
