"""A note's field: several lines that commit as the one-line fields do (see `fields`). Its own
module, so that Textual's TextArea (≈ 15 ms to import) is loaded when a note is first shown,
not before the first frame."""

from __future__ import annotations

from textual.widgets import TextArea

from .fields import Commit, Committing


class CommitTextArea(Committing, TextArea):
    """A multi-line field that commits (Tab leaves it)."""

    multiline = True

    def __init__(self, text: str, on_commit: Commit, **kwargs) -> None:
        super().__init__(text, soft_wrap=True, tab_behavior="focus", show_line_numbers=False, **kwargs)
        self._setup(text, on_commit)

    def current_text(self) -> str:
        return self.text

    def _on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area is self and self.text != self._committed:
            self._schedule()

    def _on_blur(self, event) -> None:
        self.flush()
