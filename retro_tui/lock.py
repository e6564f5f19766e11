"""One editor per workbook: a lock beside the file (`.review.toml.lock`) held while the app has
it open. It is an operating-system lock, so it goes away with the process that held it, a
crashed one included; the lock file itself may stay and means nothing on its own."""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout


class WorkbookLock:
    def __init__(self, workbook_path: Path) -> None:
        path = Path(workbook_path)
        self.path = path.with_name(f".{path.name}.lock")
        self._lock = FileLock(self.path, timeout=0)

    def acquire(self) -> bool:
        """Take the lock; False if another process holds it. A lock that cannot be made (a
        read-only folder, where saving fails with its own message anyway) counts as taken."""
        try:
            self._lock.acquire()
        except Timeout:
            return False
        except OSError:
            return True
        return True

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release()
