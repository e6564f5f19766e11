"""What the benchmarks share: running `retro`, timing a process, a pseudo-terminal, medians.

`Terminal` runs a process on a pseudo-terminal and sees it as a terminal emulator does. It is
140×45 and answers Textual's one query, whether it supports synchronized output (DECRQM 2026),
with yes, as current terminals do: the app then brackets each frame with `ESC[?2026h` …
`ESC[?2026l`, which tells where a frame ends.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

CACHE = Path(tempfile.gettempdir()) / "retro-bench-cache"
"""Generated order exports, and the bytecode of measured processes (in pycache/)."""

RETRO = [sys.executable, "-P", "-c", "from retro_tui.__main__ import run; run()"]  # as the `retro` script
"""The `retro` console script run by this interpreter: PYTHONPATH applies, the current directory not (-P)."""

ROWS, COLUMNS = 45, 140
SYNC_QUERY, SYNC_REPLY = b"\x1b[?2026$p", b"\x1b[?2026;2$y"
FRAME_START, FRAME_END = b"\x1b[?2026h", b"\x1b[?2026l"
_ESCAPES = re.compile(rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a measured process: with its bytecode cached, as an installed package
    runs (in CACHE/pycache, which keeps the source tree clean, even if PYTHONDONTWRITEBYTECODE is set)."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    return env | {"PYTHONPYCACHEPREFIX": str(CACHE / "pycache")} | extra


def timed(argv: list[str], cwd: str | None = None, quiet: bool = False) -> tuple[float, float]:
    """(seconds, peak MiB) of one run of `argv`, which must succeed; its output is dropped
    (and its messages too if `quiet`)."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL if quiet else None, cwd=cwd,
                               env=child_env())
    _, status, usage = os.wait4(process.pid, 0)
    if status:
        raise SystemExit(f"{' '.join(argv)} failed")
    return time.perf_counter() - start, usage.ru_maxrss / 1024


def p50_p95(values: list[float]) -> tuple[float, float]:
    """The median and the 95th percentile."""
    return statistics.median(values), statistics.quantiles(values, n=20, method="inclusive")[18]


def visible_text(output: bytes) -> str:
    """What `output` writes on the screen, without its escape sequences."""
    return _ESCAPES.sub(b"", output).decode("utf-8", "replace")


class Terminal:
    """`argv` started on a new pseudo-terminal; `start` is when (perf_counter seconds)."""

    def __init__(self, argv: list[str], cwd: str, env: dict[str, str] | None = None) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        env = child_env(TERM="xterm-256color", COLUMNS=str(COLUMNS), LINES=str(ROWS), **(env or {}))
        self.start = time.perf_counter()
        self.process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=env,
                                        start_new_session=True)
        os.close(slave)
        self.tail = b""
        """The last bytes read (enough to find a marker split between two reads)."""

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        os.close(self.master)

    def cpu_ms(self) -> float:
        """The CPU time the process has had so far, all its threads (ms; Linux's schedstat): a
        figure a busy machine changes less than the time on the clock."""
        total = 0
        for task in Path(f"/proc/{self.process.pid}/task").iterdir():
            try:
                total += int((task / "schedstat").read_text().split()[0])
            except (OSError, IndexError, ValueError):  # a thread ended meanwhile
                pass
        return total / 1e6

    def write(self, data: bytes) -> float:
        """Send keys as typed; returns when (perf_counter seconds)."""
        now = time.perf_counter()
        os.write(self.master, data)
        return now

    def read(self, timeout: float) -> bytes:
        """The next output within `timeout` seconds (b"" if none), answering the app's query."""
        ready, _, _ = select.select([self.master], [], [], max(timeout, 0))
        if not ready:
            return b""
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # the process has ended
            raise EOFError from None
        if SYNC_QUERY in self.tail[1 - len(SYNC_QUERY):] + chunk:  # a query is answered once
            os.write(self.master, SYNC_REPLY)
        self.tail = self.tail[-64:] + chunk
        return chunk

    def wait_for(self, marker: bytes, timeout: float = 20) -> float:
        """Seconds (perf_counter) when `marker` has been written, or NaN if it is not within `timeout`."""
        deadline = time.perf_counter() + timeout
        while (left := deadline - time.perf_counter()) > 0:
            try:
                chunk = self.read(min(left, 0.5))
            except EOFError:
                break
            if chunk and marker in self.tail:
                return time.perf_counter()
        return float("nan")

    def settle(self, quiet: float, timeout: float = 10) -> None:
        """Read until nothing more is written for `quiet` seconds."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline and self.read(quiet):
            pass

    def key_to_frame(self, key: bytes, markers: tuple[str, ...], quiet: float, timeout: float) -> float:
        """Seconds from writing `key` (once nothing has been written for `quiet` seconds) until
        the end of a frame that shows one of `markers`."""
        self.settle(quiet)
        sent = self.write(key)
        output = b""
        while (left := sent + timeout - time.perf_counter()) > 0:
            output += self.read(left)
            end = output.rfind(FRAME_END)
            if end >= 0 and any(marker in visible_text(output[:end]) for marker in markers):
                return time.perf_counter() - sent
        raise SystemExit(f"no frame showed {markers[0]!r} within {timeout} s")
