"""Atomic file replacement: a reader sees the old file or the new one, never half of one. And
what a path may be to be read or written at all: a symbolic link is followed, a pipe or a
device is neither read (it would never end) nor replaced by a file."""

from __future__ import annotations

import os
from pathlib import Path


def followed(path: Path | str) -> Path:
    """The file a symbolic link points to (the path itself when it is none): what is read and written."""
    return Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)


def special_file(path: Path) -> bool:
    """Whether `path` is there and is neither a regular file nor a folder (a pipe, a device, a
    socket): reading one may never end."""
    return path.exists() and not path.is_file() and not path.is_dir()


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` via a temporary file in the same directory, fsync, `os.replace`."""
    write_atomic_bytes(path, text.encode("utf-8"))


def write_atomic_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` via a temporary file in the same directory, fsync, `os.replace`.
    Only a regular file is written over (or a new one made): a device, a pipe, a socket, a
    folder or anything under /dev is refused (OSError), never replaced by a file. A symbolic
    link is written through: its target gets the data, the link stays a link."""
    import tempfile

    path = followed(path)
    _refuse_special(path)
    directory = path.parent
    fd, tmp_name = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            mode = path.stat().st_mode & 0o7777  # keep the file's own permissions
        except FileNotFoundError:
            mode = 0o666 & ~_umask()  # a new file: what any other program would create
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, path)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
        raise
    _fsync_dir(directory)


def _refuse_special(path: Path) -> None:
    import errno

    if special_file(path) or path.is_dir() or Path(os.path.realpath(path)).is_relative_to("/dev"):
        raise NotARegularFile(errno.EINVAL, "not a regular file (a device, a pipe or a folder): give the name of a file",
                              str(path))


class NotARegularFile(OSError):
    """A write refused: the path is a device, a pipe or a folder (see `error_text`)."""


def error_text(exc: OSError, lang) -> str:
    """Why a file could not be written, for people: the system's words, or ours in their language."""
    from .i18n import tr

    return tr("not_a_regular_file", lang) if isinstance(exc, NotARegularFile) else str(exc.strerror or exc)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # not possible on every platform
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
