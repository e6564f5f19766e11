"""Cold start to first frame: `retro demo` against a bare Textual app, whole process.

    python bench/first_frame.py [RUNS]

Each child process starts Python, imports, builds its app, runs it headless until the first
frame is ready (Textual's auto-pilot starts then), and exits. Runs alternate between the two
so that machine noise hits both alike; medians are printed with their ratio.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = """
import time, sys
from textual.app import App
from textual.widgets import Footer, Input, OptionList, Static

class Bare(App):
    def compose(self):
        yield Static("title")
        yield OptionList(*[f"section {i}" for i in range(5)])
        yield Input()
        yield Footer()

async def ready(pilot):
    print(time.perf_counter(), file=sys.stderr)
    pilot.app.exit()

Bare().run(headless=True, size=(140, 45), auto_pilot=ready)
"""

RETRO = """
import time, sys
from pathlib import Path
from retro_tui import demo
from retro_tui.cli import open_workbook
from retro_tui.ui.app import RetroApp

async def ready(pilot):
    print(time.perf_counter(), file=sys.stderr)
    pilot.app.exit()

RetroApp(open_workbook(demo.install(Path(sys.argv[1])))).run(headless=True, size=(140, 45), auto_pilot=ready)
assert "pandas" not in sys.modules, "pandas was imported at start-up"
"""


def run(code: str, *args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    with tempfile.TemporaryDirectory() as tmp:
        directory = str(Path(tmp) / "demo")
        run(BARE), run(RETRO, directory)  # warm-up
        bare, retro = [], []
        for _ in range(runs):
            bare.append(run(BARE))
            retro.append(run(RETRO, directory))
    b, r = statistics.median(bare), statistics.median(retro)
    print(f"bare Textual app : {b:6.0f} ms (median of {runs}, whole process)")
    print(f"retro demo       : {r:6.0f} ms")
    print(f"ratio            : {r / b:6.2f}x")


if __name__ == "__main__":
    main()
