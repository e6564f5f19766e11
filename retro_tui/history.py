"""Undo and redo over a session: every state the workbook was saved in, with where it changed.

A state is the workbook's whole text (compressed: an 80 KB workbook is about 10 KB), so that any
change — a cell, a row added, deleted or moved, a choice, an import — goes back the same way,
and what comes back is exactly what was saved then."""

from __future__ import annotations

import zlib
from typing import Any

import msgspec


class State(msgspec.Struct):
    text: bytes
    """The workbook's text, compressed."""
    place: Any
    """Where the change that made this state was made (the screen shows it again when the
    change is undone or redone)."""

    @classmethod
    def of(cls, text: str, place: Any) -> State:
        return cls(zlib.compress(text.encode("utf-8"), 1), place)

    @property
    def plain(self) -> str:
        return zlib.decompress(self.text).decode("utf-8")


class History(msgspec.Struct):
    current: State
    """The state shown now."""
    undone: list[State] = msgspec.field(default_factory=list)
    """States to go back to, the latest last."""
    redone: list[State] = msgspec.field(default_factory=list)
    """States undone, to go forward to again, the latest undone last."""

    @classmethod
    def start(cls, text: str, place: Any) -> History:
        return cls(State.of(text, place))

    def changed(self, text: str, place: Any) -> None:
        """The workbook is now `text`, after a change made at `place` (what was undone cannot
        be redone after a new change)."""
        state = State.of(text, place)
        if state.text == self.current.text:
            return
        self.undone.append(self.current)
        self.current = state
        self.redone.clear()

    def undo(self) -> tuple[str, Any] | None:
        """The text to go back to and where the change undone was made; None when there is
        nothing to undo."""
        if not self.undone:
            return None
        place = self.current.place
        self.redone.append(self.current)
        self.current = self.undone.pop()
        return self.current.plain, place

    def redo(self) -> tuple[str, Any] | None:
        if not self.redone:
            return None
        self.undone.append(self.current)
        self.current = self.redone.pop()
        return self.current.plain, self.current.place
