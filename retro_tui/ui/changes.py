"""How an editor tells of an answer it wrote: the session saves it at once (a key typed right
after it — Ctrl+Z, Ctrl+Q — finds it saved and undoable), and the editor posts `AnswerChanged`
up to its screen, which shows what came of it (the section's progress, the status line, the
presenter's figures) and asks about a save that failed. A field that commits posts it itself
(`widgets.fields`): its commit function has the session save."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from textual.widget import Widget

    from ..session import Session
    from ..workbook import Workbook


class AnswerChanged(Message):
    """An answer was written to the workbook and the session has saved it (or kept why not)."""


def record(widget: Widget, session: Session, undoable: bool = True) -> None:
    """`widget` wrote an answer: saved now, shown when the screen gets to it."""
    session.changed(undoable)
    widget.post_message(AnswerChanged())


class OfSession:
    """A part of the window given its `Session`: the workbook it reads and edits is the one the
    session holds now (a reload puts a fresh one in its place)."""

    session: Session

    @property
    def workbook(self) -> Workbook:
        return self.session.workbook
