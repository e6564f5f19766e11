"""One editor per workbook: a lock beside the file (`.review.toml.lock`) held while the app has
it open. It is an operating-system lock, so it goes away with the process that held it, a
crashed one included; the lock file is removed when the app lets go of it (after a crash it
may stay, and means nothing on its own)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from filelock import FileLock


class WorkbookLock:
    def __init__(self, workbook_path: Path) -> None:
        path = Path(workbook_path)
        self.path = path.with_name(f".{path.name}.lock")
        self._lock: FileLock | None = None
        """Made when first taken (filelock is loaded then: not before a window's first frame)."""

    def acquire(self) -> bool:
        """Take the lock; False if another process holds it. A lock that cannot be made (a
        read-only folder, where saving fails with its own message anyway) counts as taken."""
        from filelock import FileLock, Timeout

        if self._lock is None:
            self._lock = FileLock(self.path, timeout=0)
        try:
            self._lock.acquire()
        except Timeout:
            return False
        except OSError:
            return True
        return True

    def release(self) -> None:
        """Let go, removing the lock file while still holding it: another window trying at that
        moment does not wait for it (it opens read-only), so it cannot lock the removed file."""
        if self._lock is not None and self._lock.is_locked:
            try:
                self.path.unlink(missing_ok=True)
            except OSError:  # a read-only folder, or Windows (where filelock removes it itself)
                pass
            self._lock.release()
