"""Cold start to first frame: `retro demo` against a bare Textual app.

    python bench/first_frame.py [RUNS]

Each run starts a process on a pseudo-terminal (140×45, see _shared.py) and times, from the
spawn, until the footer's command-palette key (the last part of the first full frame) has been
written — what a user waits for. The bare app is a title, a list of five sections, a field and
a footer. Runs alternate so that machine noise hits both alike; medians are printed with their
ratio.

Time to interactive (`time_to_first_key`, in `ab_startup.py`): F3 is written the moment the
first frame is, and the time is taken, from the spawn, to the frame showing what it did (the
section's guide folded) — so that work put off until after the first frame is counted where a
user meets it.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # also under `python -P`
from _shared import FRAME_END, RETRO, Terminal, visible_text  # noqa: E402

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


def time_to_frame(argv: list[str], cwd: str) -> tuple[float, float]:
    """Milliseconds from spawning `argv` on a pty until MARKER is written, and the CPU time the
    process had had by then (ms, all its threads: a figure a busy machine changes less)."""
    with Terminal(argv, cwd, {"XDG_DATA_HOME": cwd}) as terminal:
        frame = terminal.wait_for(MARKER)
        return (frame - terminal.start) * 1000, terminal.cpu_ms()


FIRST_KEY = b"\x1bOR"  # F3: the section's guide folded (at 45 rows it is shown whole)
FOLDED = ("F3 展开全部引导", "F3 shows the whole guide")


def time_to_first_key(argv: list[str], cwd: str) -> tuple[float, float, float]:
    """Milliseconds from spawning `argv` (`retro demo`) to its first frame, and to the frame that
    shows the first key handled (FIRST_KEY, written as soon as the first frame is); and the CPU
    time the process had had by its first frame."""
    with Terminal(argv, cwd, {"XDG_DATA_HOME": cwd}) as terminal:
        frame = terminal.wait_for(MARKER)
        cpu = terminal.cpu_ms()
        terminal.write(FIRST_KEY)
        output = b""
        while time.perf_counter() - frame < 20:
            output += terminal.read(0.5)
            end = output.rfind(FRAME_END)
            if end >= 0 and any(marker in visible_text(output[:end]) for marker in FOLDED):
                return (frame - terminal.start) * 1000, (time.perf_counter() - terminal.start) * 1000, cpu
    raise SystemExit("no frame showed the first key's effect within 20 s")


def measure(runs: int = 15) -> tuple[list[float], list[float]]:
    """Milliseconds to the first frame: (bare app runs, `retro demo` runs)."""
    with tempfile.TemporaryDirectory() as tmp:
        bare_argv = [sys.executable, "-P", "-c", BARE]
        retro_argv = [*RETRO, "demo", str(Path(tmp) / "demo")]
        time_to_frame(bare_argv, tmp), time_to_frame(retro_argv, tmp)  # warm-up, writes the demo
        bare, demo = [], []
        for _ in range(runs):
            bare.append(time_to_frame(bare_argv, tmp)[0])
            demo.append(time_to_frame(retro_argv, tmp)[0])
    return bare, demo


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    bare, demo = measure(runs)
    b, r = statistics.median(bare), statistics.median(demo)
    print(f"bare Textual app : {b:6.0f} ms to first frame (median of {runs}, {min(bare):.0f}–{max(bare):.0f})")
    print(f"retro demo       : {r:6.0f} ms ({min(demo):.0f}–{max(demo):.0f})")
    print(f"ratio            : {r / b:6.2f}x")


if __name__ == "__main__":
    main()
