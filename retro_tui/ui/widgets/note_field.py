"""A note's field: several lines that commit as the one-line fields do (see `fields`). Its own
module, so that Textual's TextArea (≈ 15 ms to import) is loaded when a note is first shown,
not before the first frame."""

from __future__ import annotations

from textual.geometry import Region
from textual.strip import Strip
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

    def render_lines(self, crop: Region) -> list[Strip]:
        """Blank once removed: a section built anew (a reload, an undo, an import) removes its
        fields, and a frame drawn before the layout knew would ask a removed TextArea for its
        lines, which Textual answers with a KeyError (its styles are gone), ending the app."""
        if not self.is_attached:
            return [Strip.blank(crop.width)] * crop.height
        return super().render_lines(crop)
