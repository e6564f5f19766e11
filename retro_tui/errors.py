"""The root of every error retro_tui tells its user about."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .i18n import Lang


class RetroError(Exception):
    """Something that cannot be done, said with what it is about: the file, the line (and
    column) and the field. Every error the core reports derives from it (a checklist, the
    catalogue, a workbook, a metrics file, the database beside a workbook); the CLI catches
    it once and the app shows it."""

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None, field: str = "",
                 column: int | None = None) -> None:
        self.message, self.line, self.field, self.column = message, line, field, column
        self.path = Path(path) if path is not None else None
        super().__init__(self.located(message))

    def located(self, message: str) -> str:
        """`file:line:column: field: message`, with what is known of where."""
        where = "" if self.path is None else str(self.path)
        if where and self.line:
            where += f":{self.line}" + (f":{self.column}" if self.column else "")
        return f"{where + ': ' if where else ''}{self.field + ': ' if self.field else ''}{message}"

    def said(self, lang: Lang) -> str:
        """The error in `lang`, where it is written in both languages (else in English)."""
        return str(self)
