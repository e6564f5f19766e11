"""Lines broken as Chinese is: between any two characters, not only at spaces, with the usual
rules — no line starts with a closing mark (，。、）：… ) and none ends with an opening one
(（《「 …); a Latin word or a number (`GMV`, `3.8`, `1,234.50`) is not split unless it is
wider than the line. Widths are terminal cells (a Chinese character is two)."""

from __future__ import annotations

import re
import unicodedata

CLOSING = set("，。、．,.;；:：!！?？)）]】』」》〉’”%％…—～·")
"""Marks that stay at the end of the line before them."""
OPENING = set("(（[【『「《〈‘“")
"""Marks that stay at the start of the line after them."""
STRAIGHT_QUOTES = set("\"'")
"""Quotes that open after a space or at the start, and close elsewhere."""
_UNITS = re.compile(r"\s+|[+\-¥￥$]?[A-Za-z0-9_][A-Za-z0-9_.,:/+\-%']*|.", re.S)


def cell_len(text: str) -> int:
    """Terminal cells `text` takes: two for a wide (East Asian) character, else one."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _units(paragraph: str) -> list[str]:
    """The pieces a line may be broken between: a space run, a Latin word or number, or one
    character; closing marks glued to what precedes them, opening marks to what follows."""
    units: list[str] = []
    glue_next = False
    for piece in _UNITS.findall(paragraph):
        opening = piece in STRAIGHT_QUOTES and (not units or units[-1].isspace() or glue_next)
        closing = piece[0] in CLOSING or piece in STRAIGHT_QUOTES and not opening
        if units and not piece.isspace() and (glue_next or closing):
            units[-1] += piece
        else:
            units.append(piece)
        glue_next = not piece.isspace() and (piece[-1] in OPENING or opening)
    return units


def wrap(text: str, width: int) -> list[str]:
    """`text` as lines of at most `width` cells (a line break in the text is kept)."""
    width = max(width, 2)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0  # the line so far and its cells
        for unit in _units(paragraph):
            size = cell_len(unit)
            if used + size <= width:
                line, used = line + unit, used + size
                continue
            if unit.isspace():  # a space where the line breaks is not carried over
                lines.append(line.rstrip())
                line, used = "", 0
                continue
            if line.strip():
                lines.append(line.rstrip())
            while size > width:  # wider than a line: cut where it must be
                cut, cells = 0, 0
                while cut < len(unit) and cells + cell_len(unit[cut]) <= width:
                    cells += cell_len(unit[cut])
                    cut += 1
                cut = max(cut, 1)
                lines.append(unit[:cut])
                unit = unit[cut:]
                size = cell_len(unit)
            line, used = unit, size
        lines.append(line.rstrip())
    return lines
