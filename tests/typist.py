"""Type into the real app on a pseudo-terminal, like a person at a keyboard.

`Typist` starts `python -m retro_tui.cli WORKBOOK` on a pty of a given size, drains what the
app draws in a background thread (so that the app never blocks on a full pty buffer), waits
for a text to be drawn, writes keys as a terminal sends them, and quits with Ctrl+Q.

Keys are terminal bytes: printable text as UTF-8 (a Chinese character as one write, as an
input method commits it), Enter `ENTER`, Tab `TAB`, arrows `UP` … , Ctrl+N `CTRL_N` and so
on. A scripted meeting is a list of *steps*, each a list of keys; `type_keys` writes every key
of every step with a delay drawn from a seeded `random.Random` (0–30 ms: a fast typist), or —
with `delays=None` — every step in one write with no pause at all.

The only waits are hang guards (`HANG_GUARD` seconds): the first frame, and the process's
exit. They never assert speed; they only keep a broken run from hanging CI.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import random
import re
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Self

HANG_GUARD = 60.0
"""Seconds after which a wait gives up (a hang, never a speed assertion)."""

ENTER, TAB, SPACE, BACKSPACE = "\r", "\t", " ", "\x7f"
UP, DOWN, RIGHT, LEFT = "\x1b[A", "\x1b[B", "\x1b[C", "\x1b[D"
HOME, END, DELETE = "\x1b[H", "\x1b[F", "\x1b[3~"
F7, F8 = "\x1b[18~", "\x1b[19~"
CTRL_N, CTRL_Q, CTRL_R = "\x0e", "\x11", "\x12"
ESCAPE = "\x1b"
"""A lone Escape: followed within Textual's escape delay by another key it is read as Alt+key,
so the scripts below never type it in a burst."""

ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|P[^\x1b]*\x1b\\|[@-Z\\-_])")
"""CSI, OSC, DCS and two-byte escape sequences: what is left is the text drawn."""

Step = Sequence[str]


def text(words: str) -> list[str]:
    """Keys typing `words` one character at a time (a Chinese character is one key, as an
    input method commits it)."""
    return list(words)


def keys(*parts: str | Iterable[str]) -> list[str]:
    """One step's keys: each part is a key (`ENTER`, `"a"`) or a list of keys (`text("…")`);
    a plain string longer than one character that is not an escape sequence is typed
    character by character."""
    out: list[str] = []
    for part in parts:
        if isinstance(part, str):
            out.extend([part] if part.startswith("\x1b") or len(part) <= 1 else list(part))
        else:
            out.extend(part)
    return out


class Typist:
    """The app on a pty. Use as a context manager: the process is ended on leaving."""

    def __init__(self, workbook: Path, rows: int = 36, cols: int = 120, env: dict[str, str] | None = None):
        self.workbook, self.rows, self.cols = Path(workbook), rows, cols
        self._env = env
        self._chunks: list[bytes] = []
        self._lock = threading.Lock()
        self._closed = threading.Event()
        self.proc: subprocess.Popen | None = None
        self.master = -1

    # --- the process ---------------------------------------------------------------------

    def start(self) -> Typist:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", self.rows, self.cols, 0, 0))
        env = dict(os.environ if self._env is None else self._env)
        env.update(TERM="xterm-256color", COLUMNS=str(self.cols), LINES=str(self.rows), LANG="C.UTF-8")
        env.pop("LC_ALL", None)
        env.pop("TEXTUAL", None)  # no devtools, no debugging features
        self.proc = subprocess.Popen([sys.executable, "-m", "retro_tui.cli", str(self.workbook)],
                                     stdin=slave, stdout=slave, stderr=slave, start_new_session=True,
                                     env=env, close_fds=True)
        os.close(slave)
        self.master = master
        threading.Thread(target=self._drain, name="pty-reader", daemon=True).start()
        return self

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(HANG_GUARD)
        self._closed.wait(5)
        if self.master >= 0:
            with contextlib.suppress(OSError):
                os.close(self.master)
            self.master = -1

    def _drain(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # EIO: the app ended and the slave side is closed
                break
            if not chunk:
                break
            with self._lock:
                self._chunks.append(chunk)
        self._closed.set()

    # --- the screen ----------------------------------------------------------------------

    def output(self) -> str:
        """Everything the app wrote so far, decoded."""
        with self._lock:
            data = b"".join(self._chunks)
        return data.decode("utf-8", errors="replace")

    def screen_text(self) -> str:
        """The output without escape sequences (text drawn at different places runs together)."""
        return ANSI.sub("", self.output())

    def wait_for(self, wanted: str, timeout: float = HANG_GUARD) -> None:
        """Wait until `wanted` has been drawn (a hang guard, not a speed assertion)."""
        deadline = time.monotonic() + timeout
        while wanted not in self.screen_text():
            if self.proc is not None and self.proc.poll() is not None:
                raise AssertionError(f"the app ended (exit {self.proc.returncode}) before drawing {wanted!r}:\n"
                                     f"{self.screen_text()[-2000:]}")
            if time.monotonic() > deadline:
                raise AssertionError(f"{wanted!r} not drawn within {timeout:.0f} s:\n{self.screen_text()[-2000:]}")
            time.sleep(0.02)

    # --- typing --------------------------------------------------------------------------

    def write(self, data: str) -> None:
        raw = data.encode("utf-8")
        while raw:
            written = os.write(self.master, raw)
            raw = raw[written:]

    def type_keys(self, steps: Sequence[Step], delays: random.Random | float | None) -> None:
        """Type `steps`. `delays`: a seeded Random → before each key a pause of 0–30 ms drawn
        from it; a number → that many seconds before each key (slow typing, for developing
        scripts); None → each step written in one write, with no pause at all."""
        for step in steps:
            if delays is None:
                self.write("".join(step))
                continue
            for key in step:
                pause = delays.uniform(0, 0.030) if isinstance(delays, random.Random) else delays
                if pause:
                    time.sleep(pause)
                self.write(key)

    def type_slowly(self, steps: Sequence[Step], pause: float = 0.3) -> None:
        """One key per `pause` seconds: what the scripts' expected results are checked against."""
        self.type_keys(steps, float(pause))

    def quit_and_wait(self, timeout: float = HANG_GUARD) -> int:
        """Ctrl+Q (the app commits what is typed, saves and ends; it asks nothing), then wait
        for the process to end; returns its exit code."""
        assert self.proc is not None
        self.write(CTRL_Q)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"the app did not end within {timeout:.0f} s of Ctrl+Q:\n"
                                 f"{self.screen_text()[-2000:]}") from None


@contextlib.contextmanager
def cpu_hogs(count: int | None = None) -> Iterator[list[subprocess.Popen]]:
    """One busy-looping process per core (a loaded machine), killed on leaving."""
    hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"], stdin=subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for _ in range(count or os.cpu_count() or 1)]
    try:
        yield hogs
    finally:
        for hog in hogs:
            hog.kill()
        for hog in hogs:
            hog.wait()


READY = "下一节"
"""Drawn in the footer (F8 下一节) once the workbook screen is up: typing starts then."""


def new_workbook(folder: Path) -> Path:
    """A new annual review of 2025, in Chinese, to type into."""
    import datetime as dt

    from retro_tui.checklist import find
    from retro_tui.workbook import Workbook

    path = folder / "review.toml"
    Workbook.new_file(path, find("annual-review"), period=(dt.date(2025, 1, 1), dt.date(2025, 12, 31)), language="zh")
    return path
