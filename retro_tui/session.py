"""One window's hold on a workbook: the lock (without it the window only reads), each change
saved and what came of it, and the states to undo to — what the workbook screen shows, with
no widget in it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from .history import History
from .lock import WorkbookLock
from .workbook import Workbook


class Session:
    def __init__(self, workbook: Workbook, place: Any) -> None:
        self.workbook = workbook
        self.lock = WorkbookLock(workbook.path)
        self.read_only = not self.lock.acquire()
        """Another window has this workbook open: answers can be read, not saved."""
        self.unsaved = False
        """Answers changed in this read-only window (kept only if saved elsewhere)."""
        self.saved_at: dt.datetime | None = None
        self.problem: str | None = None
        """Why the last change is not saved (said until a save works)."""
        self.history = History.start(workbook.saved_text or workbook.dumps(), place)

    # --- the lock ---------------------------------------------------------------------------

    def take(self) -> bool:
        """Take the lock (the window that had it let it go): this window edits from now on."""
        if not self.lock.acquire():
            return False
        self.read_only, self.unsaved, self.problem = False, False, None
        return True

    def hand_over(self) -> None:
        """Let the lock go to another window: this one only reads from now on."""
        self.lock.release()
        self.read_only = True

    def leave(self) -> None:
        self.lock.release()

    # --- saving -----------------------------------------------------------------------------

    def save(self, place: Any, undoable: bool = True) -> dt.datetime | None:
        """Save a change made at `place`, and keep the state for undo (`undoable`); None in a
        read-only window, which keeps the change unsaved. Raises what `Workbook.save` raises
        (the file changed on disk, or cannot be written)."""
        if self.read_only:
            self.unsaved = True
            return None
        stamp = self.workbook.save()
        self.saved(stamp)
        if undoable:
            self.history.changed(self.workbook.saved_text, place)
        return stamp

    def save_as(self, path: Path) -> dt.datetime:
        """Save to another file, which the window holds from now on (read-only if another
        window has it open)."""
        stamp = self.workbook.save(path)
        self.lock.release()
        self.lock = WorkbookLock(path)
        self.read_only = not self.lock.acquire()
        self.unsaved = False
        self.saved(stamp)
        return stamp

    def saved(self, stamp: dt.datetime) -> None:
        self.problem, self.saved_at = None, stamp

    def not_saved(self, why: str) -> None:
        self.problem, self.saved_at = why, None

    # --- undo -------------------------------------------------------------------------------

    def restart_history(self, place: Any) -> None:
        """Undo starts from the workbook as it is now."""
        self.history = History.start(self.workbook.saved_text or self.workbook.dumps(), place)

    def go_to(self, text: str) -> dt.datetime | None:
        """Put the workbook back in a state undo or redo gave — the answers only: the meeting's
        record (who came, the time spent) stays as it is — and save it (unless read-only).
        Raises what `Workbook.save` raises."""
        from . import meeting

        kept = self.workbook.beside(meeting.TABLE)
        self.workbook.restore(text)
        meeting.carry_record(self.workbook, kept)
        if self.read_only:
            return None
        stamp = self.workbook.save()
        self.saved(stamp)
        return stamp
