"""Fields that commit what was typed: on Enter, on leaving the field, or after a pause.

Never on each keystroke. A commit calls `on_commit(text)`, which writes the workbook (and has
the session save it) and returns an error message when the text is not acceptable (the field
then shows it and keeps the text, so nothing typed is lost), or a `Kept` note when it stored
the text and has something to say of it. A text stored, the field posts `AnswerChanged`.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.timer import Timer
from textual.widgets import Input

from ..changes import AnswerChanged
from ..plain import plain


class Kept(str):
    """What a commit says of a text it stored (a negative sales target): shown once, as a
    refusal is, the text not refused."""


def kept(note: str | None) -> Kept | None:
    """A note (or none) as a commit returns it."""
    return None if note is None else Kept(note)


def refuses(said: str | None) -> bool:
    """Whether a commit's answer refuses the text (None and a Kept note do not)."""
    return said is not None and not isinstance(said, Kept)


Commit = Callable[[str], str | None]
"""Takes the text; returns None when stored (and saved), a Kept note when stored with a word about it,
or a message saying why not."""

DEBOUNCE = 0.8
"""Seconds of no typing after which a field commits by itself."""


class Committing:
    """Shared logic of a field that commits: the last committed text and a debounce timer."""

    _timer: Timer | None = None
    _rejected: str | None = None
    debounce = True
    """Commit after a pause in typing (off for a table's cell editor, where Escape cancels)."""
    multiline = False
    """Enter is a new line, not a commit (a note's field: `note_field.CommitTextArea`)."""

    def _setup(self, committed: str, on_commit: Commit) -> None:
        self._committed = committed
        self._on_commit = on_commit

    def _schedule(self) -> None:
        if not self.debounce:
            return
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE, self.flush)  # type: ignore[attr-defined]

    def flush(self) -> None:
        """Commit the current text now if it differs from the last committed one."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        text = self.current_text()
        if text == self._committed:
            return
        said = self._on_commit(text)
        self.set_class(refuses(said), "-rejected")  # type: ignore[attr-defined]
        self.tooltip = plain(said)  # type: ignore[attr-defined]  # (it quotes what was typed)
        if refuses(said):
            if text == self._rejected:  # say it once, not on every Enter or blur
                return
            self._rejected = text
        else:
            self._committed, self._rejected = text, None
            self.post_message(AnswerChanged())  # type: ignore[attr-defined]
        if said is not None:
            self.app.notify(said, severity="warning", timeout=4)  # type: ignore[attr-defined]

    def reset(self, text: str) -> None:
        """Show `text` as the committed value (no commit, no error)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._committed, self._rejected = text, None
        self.set_class(False, "-rejected")  # type: ignore[attr-defined]
        self.tooltip = None  # type: ignore[attr-defined]

    def current_text(self) -> str:
        raise NotImplementedError


class CommitInput(Committing, Input):
    """A one-line field that commits."""

    def __init__(self, value: str, on_commit: Commit, debounce: bool = True, **kwargs) -> None:
        # Not selected on focus: Textual selects when the field learns it has the focus, which
        # under a burst of keys comes after some of them, and the next key would replace them
        kwargs.setdefault("select_on_focus", False)
        super().__init__(value=value, **kwargs)
        self._setup(value, on_commit)
        self.debounce = debounce

    def current_text(self) -> str:
        return self.value

    def _on_input_changed(self, event: Input.Changed) -> None:
        if event.input is self and self.value != self._committed:
            self._schedule()

    def _on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input is self:
            self.flush()

    def _on_input_blurred(self, event: Input.Blurred) -> None:
        if event.input is self and self.screen.focused is not self:  # (focused again since: not left)
            self.flush()
