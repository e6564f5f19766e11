"""Text bound for a terminal: whatever a file or a workbook holds is printed as text, never as
an escape sequence that moves the cursor, retitles the window or writes the clipboard."""

from __future__ import annotations

import re

CONTROL = r"[\x00-\x08\x0b-\x1f\x7f-\x9f]"
"""Control characters (NUL, ESC, C1 CSI …), tab and line feed aside."""


def _escaped(match: re.Match) -> str:
    return match[0].encode("unicode_escape").decode("ascii")


def printable(text: str) -> str:
    """`text` with control characters, tabs and line feeds written as escapes (`\\x1b`)."""
    return re.sub(CONTROL + "|[\t\n]", _escaped, text)


def visible(text: str) -> str:
    """`text` with control characters written as escapes, its line feeds and tabs kept: text
    shown on screen (a title, a note, a cell, a toast) never reaches the terminal as a command."""
    return re.sub(CONTROL, _escaped, text)
