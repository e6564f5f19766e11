"""The workbook's file: read as it is, told apart from a change on disk by its content, kept as
it was opened (`.bak`) before the first save, and written whole or not at all."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ..atomic import followed, special_file, write_atomic, write_atomic_bytes

if TYPE_CHECKING:
    from . import WorkbookError


def read(path: Path | str) -> tuple[Path, bytes, str]:
    """The file's path (a symbolic link followed once: the lock and every save act on the file
    it points to), bytes and text. Only a regular file is read (a pipe or a device would never end)."""
    from . import WorkbookError

    path = followed(path)
    if special_file(path):
        raise WorkbookError(path, "not a regular file (a device or a pipe): give the name of a workbook file")
    try:
        raw = path.read_bytes()
        return path, raw, raw.decode("utf-8-sig")  # a BOM from Notepad is fine
    except FileNotFoundError:
        raise WorkbookError(path, "no such file") from None
    except IsADirectoryError:
        raise WorkbookError(path, "is a directory, not a workbook file") from None
    except UnicodeDecodeError as exc:
        raise with_backup_hint(WorkbookError(path, f"not UTF-8 text (byte {exc.start})")) from None
    except OSError as exc:
        raise WorkbookError(path, f"cannot read: {exc.strerror or exc}") from None


def changed(path: Path, on_disk: bytes | None) -> str | None | Literal[False]:
    """False if the file holds `on_disk` (its bytes as last read or written here); otherwise
    what is there now (None: gone or unreadable). Its content decides, not its size and time
    (an editor may keep both: an edit of one character within the same second)."""
    if on_disk is None:
        return False  # never read or written here (a new workbook)
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    if raw == on_disk:
        return False  # (touched, perhaps, not changed)
    return raw.decode("utf-8-sig", errors="replace")


def write(target: Path, text: str, encoded: bytes, back_up: bool) -> bytes:
    """Write the file atomically, first keeping it as it is in `<name>.bak` if `back_up`;
    returns what was written (`encoded`)."""
    from . import WorkbookError

    try:
        if back_up and target.is_file():
            write_atomic_bytes(backup_path(target), target.read_bytes())  # as it was, byte for byte
        write_atomic(target, text)
    except OSError as exc:
        raise WorkbookError(target, f"cannot save: {exc.strerror or exc}") from None
    return encoded


def backup_path(path: Path) -> Path:
    """Where the file as it was opened is kept: `review.toml` → `review.toml.bak`."""
    return path.with_name(path.name + ".bak")


def with_backup_hint(error: WorkbookError) -> WorkbookError:
    """A damaged file's error, saying where the file is as the last session opened it — which
    lacks what that session saved, so it is offered to copy from, not to copy over. None for
    an answer that does not fit its checklist: that is corrected in the file itself."""
    from . import AnswerMismatch, Workbook, WorkbookError

    if isinstance(error, AnswerMismatch):
        return error
    backup = backup_path(error.path)
    try:
        Workbook.load(backup)
    except WorkbookError:
        return error
    hint = (f"; {backup.name} holds it as the last session opened it, without what that session saved: "
            f"mend the damaged part of {error.path.name} from it rather than copy it over")
    return WorkbookError(error.path, error.message + hint, error.line, error.column)
