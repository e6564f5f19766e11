"""Widths as app.tcss lays the workbook screen out, for what must know them before the screen
is laid out: how many columns a table shows, how many items the first screen shows."""

from __future__ import annotations


def sidebar_width(width: int) -> int:
    """The sections list's width on a screen `width` cells wide: 22%, from 18 to 30 cells
    (`#sections` in app.tcss)."""
    return min(30, max(18, width * 22 // 100))


def text_width(width: int) -> int:
    """The width an item's label is broken at: the screen less the sections list, the section
    view's padding (3 cells) and its scrollbar (2)."""
    return width - sidebar_width(width) - 5
