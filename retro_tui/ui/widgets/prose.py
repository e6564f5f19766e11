"""Paragraphs of text broken into lines as Chinese is (see linebreak.py), at whatever width the
widget has: a guide, an item's label and help."""

from __future__ import annotations

from rich.text import Text as RichText
from textual.geometry import Size
from textual.widget import Widget

from ...linebreak import wrap
from ...terminal import visible


class Prose(Widget):
    """Paragraphs, each with a style (`("销售额目标", "bold")`), never read as markup."""

    DEFAULT_CSS = "Prose { height: auto; }"

    def __init__(self, *paragraphs: tuple[str, str], **kw) -> None:
        super().__init__(**kw)
        self.paragraphs = list(paragraphs)
        self._broken: tuple[int, RichText] | None = None
        """The lines last made, and the width they were made for (a layout asks, then a render)."""

    def update(self, *paragraphs: tuple[str, str]) -> None:
        self.paragraphs, self._broken = list(paragraphs), None
        self.refresh(layout=True)

    def _lines(self, width: int) -> RichText:
        if self._broken is None or self._broken[0] != width:
            self._broken = width, self._break(width)
        return self._broken[1]

    def _break(self, width: int) -> RichText:
        text = RichText()
        for index, (paragraph, style) in enumerate(self.paragraphs):
            if index:
                text.append("\n")
            text.append("\n".join(wrap(visible(paragraph), width)), style=style)
        return text

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width).split()) if self.paragraphs else 0

    def height_at(self, width: int) -> int:
        """The lines the paragraphs take at `width`, before the widget is laid out."""
        return self.get_content_height(Size(width, 0), Size(width, 0), width)

    def render(self) -> RichText:
        return self._lines(self.content_size.width or self.size.width)
