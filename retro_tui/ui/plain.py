"""Text from a workbook, a checklist or a file, for a table: shown as it is, never read as markup."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from ..terminal import visible


def plain(value: Any) -> Any:
    """`[/]`, `[重要]`, `[x] 已完成` are ordinary in notes: a string becomes Text as it is (its
    control characters as escapes: `\x1b]52;…` is shown, never sent); a Text (a bar, a styled
    cell) stays what it is."""
    return Text(visible(value)) if isinstance(value, str) else value
