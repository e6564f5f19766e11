"""A records table of 20,000 rows: F8 into its section, Ctrl+End to its last row, Ctrl+Home back.

    python bench/long_table.py [RUNS]

The demo's annual review with its issues table filled up to 20,000 rows (the demo's own, then
`问题 9` … `问题 19999`, each named by its row, written where the app writes rows) is opened
with `retro` on a pseudo-terminal (140×45). The first frame is timed from the spawn (`retro`
parses the workbook for editing before it). Then each key is written once the app has written
nothing for 0.3 s, and timed to the end of the first frame that shows the row it brings: F8
from the timeline to the issues (the demo's first issue, 抖音投流 ROI 低…), Ctrl+End (`问题 19999`),
Ctrl+Home (the first issue again). RUNS processes (default 3); medians and ranges.
"""

from __future__ import annotations

import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # also under `python -P`
from _shared import RETRO, Terminal  # noqa: E402

ROWS = 20_000
F8, CTRL_END, CTRL_HOME = b"\x1b[19~", b"\x1b[1;5F", b"\x1b[1;5H"
QUIET = 0.3
FIRST_ROW = "抖音投流 ROI"
"""The start of the demo's first issue."""


def long_workbook(folder: Path) -> Path:
    """The demo's annual review with ROWS issues."""
    from retro_tui.demo import install

    path = install(folder)[0]
    text = path.read_text(encoding="utf-8")
    header = "[[answers.process-issues.issues]]"
    end = re.compile(r"^\[", re.M).search(text, text.rindex(header) + 1).start()
    rows = "".join(f'{header}\nissue = "问题 {i}"\n\n' for i in range(text.count(header), ROWS))
    path.write_text(text[:end] + rows + text[end:], encoding="utf-8")
    return path


def shown(terminal: Terminal, key: bytes, marker: str, timeout: float = 120) -> float:
    """Seconds from writing `key` until a frame shows `marker`."""
    return terminal.key_to_frame(key, (marker,), QUIET, timeout)


def measure(runs: int = 3) -> dict[str, list[float]]:
    """Seconds of each step, one item per run."""
    times: dict[str, list[float]] = {"first frame": [], "F8 → the table": [], "Ctrl+End": [], "Ctrl+Home": []}
    with tempfile.TemporaryDirectory() as tmp:
        made = long_workbook(Path(tmp) / "demo")
        for run in range(runs):  # each in a folder of its own: no lock, no section left at by the run before
            home = Path(tmp) / f"run-{run}"
            home.mkdir()
            workbook = shutil.copy(made, home)
            with Terminal([*RETRO, str(workbook)], str(home), {"XDG_DATA_HOME": str(home)}) as terminal:
                times["first frame"].append(terminal.wait_for(b"^p", 120) - terminal.start)
                shown(terminal, F8, "第 2/5 节")
                shown(terminal, F8, "第 3/5 节")
                times["F8 → the table"].append(shown(terminal, F8, FIRST_ROW))
                times["Ctrl+End"].append(shown(terminal, CTRL_END, f"问题 {ROWS - 1}"))
                times["Ctrl+Home"].append(shown(terminal, CTRL_HOME, FIRST_ROW))
    return times


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    for step, seconds in measure(runs).items():
        print(f"{step:15s} {statistics.median(seconds):6.2f} s ({min(seconds):.2f}–{max(seconds):.2f} s)")


if __name__ == "__main__":
    main()
