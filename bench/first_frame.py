"""Cold start to first frame: `retro demo` against a bare Textual app.

    python bench/first_frame.py [RUNS]

Each run starts a process on a pseudo-terminal (140×45) and times, from the spawn, until the
footer's command-palette key (the last part of the first full frame) has been written — what a user
waits for. The bare app is a title, a list of five sections, a field and a footer. Runs
alternate so that machine noise hits both alike; medians are printed with their ratio.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

BARE = """
from textual.app import App
from textual.widgets import Footer, Input, OptionList, Static

class Bare(App):
    def compose(self):
        yield Static("title")
        yield OptionList(*[f"section {i}" for i in range(5)])
        yield Input()
        yield Footer()

Bare().run()
"""

MARKER = b"^p"  # the footer's command-palette key, drawn with the first full frame


def time_to_frame(argv: list[str], cwd: str, data_home: str | None = None) -> float:
    """Milliseconds from spawning `argv` on a pty until MARKER is written."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 45, 140, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="140", LINES="45", XDG_DATA_HOME=data_home or cwd)
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=env, start_new_session=True)
    os.close(slave)
    seen = b""
    elapsed = float("nan")
    deadline = start + 20
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            seen = seen[-64:] + chunk
            if MARKER in seen:
                elapsed = (time.perf_counter() - start) * 1000
                break
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    os.close(master)
    return elapsed


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    retro = shutil.which("retro", path=os.path.dirname(sys.executable)) or "retro"
    with tempfile.TemporaryDirectory() as tmp:
        bare_argv = [sys.executable, "-c", BARE]
        retro_argv = [retro, "demo", str(Path(tmp) / "demo")]
        time_to_frame(bare_argv, tmp), time_to_frame(retro_argv, tmp)  # warm-up, writes the demo
        bare, demo = [], []
        for _ in range(runs):
            bare.append(time_to_frame(bare_argv, tmp))
            demo.append(time_to_frame(retro_argv, tmp))
    b, r = statistics.median(bare), statistics.median(demo)
    print(f"bare Textual app : {b:6.0f} ms to first frame (median of {runs})")
    print(f"retro demo       : {r:6.0f} ms")
    print(f"ratio            : {r / b:6.2f}x")


if __name__ == "__main__":
    main()
