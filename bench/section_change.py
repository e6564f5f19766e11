"""Section change: F8 / F7 → the frame that shows the new section, in the demo workbook.

    python bench/section_change.py [ROUNDS]

The demo's annual review is opened with `retro` on a pseudo-terminal (140×45, a terminal that
supports synchronized output, so that each frame ends with `ESC[?2026l`). Each round walks
the five sections forward with F8 and back with F7; each key is written once the app has
written nothing for 0.3 s, and its time is from that write to the end of the first frame that
shows the new section's heading ("第 2/5 节"). ROUNDS rounds (default 5) after one not counted; the
median and the 95th percentile over all changes, and the median of the changes *to* the largest
section (the goals section: two targets tables, the sales-gap split, eleven items).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # also under `python -P`
from _shared import RETRO, Terminal, p50_p95  # noqa: E402

F8, F7 = b"\x1b[19~", b"\x1b[18~"
QUIET = 0.3


def change(terminal: Terminal, key: bytes, number: int, count: int, timeout: float = 10) -> float:
    """Milliseconds from writing `key` until a frame shows section `number`'s heading."""
    headings = (f"第 {number}/{count} 节", f"section {number} of {count}")
    return terminal.key_to_frame(key, headings, QUIET, timeout) * 1000


def measure(rounds: int = 5) -> tuple[list[float], list[float]]:
    """(every change, the changes to the largest section), in ms."""
    from retro_tui.demo import install
    from retro_tui.workbook import Workbook

    with tempfile.TemporaryDirectory() as tmp:
        workbook, _ = install(Path(tmp) / "demo")
        count = len(Workbook.load(workbook).checklist.sections)
        every, largest = [], []
        with Terminal([*RETRO, str(workbook)], tmp, {"XDG_DATA_HOME": tmp}) as terminal:
            terminal.wait_for(b"^p")  # the first frame
            for round_ in range(rounds + 1):
                walk = [(F8, n) for n in range(2, count + 1)] + [(F7, n) for n in range(count - 1, 0, -1)]
                for key, number in walk:
                    took = change(terminal, key, number, count)
                    if round_:  # the first round warms up
                        every.append(took)
                        if number == 1:
                            largest.append(took)
    return every, largest


def main() -> None:
    every, largest = measure(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
    p50, p95 = p50_p95(every)
    print(f"section change p50 {p50:.0f} ms  p95 {p95:.0f} ms  max {max(every):.0f} ms  ({len(every)} changes); "
          f"to the goals section p50 {statistics.median(largest):.0f} ms")


if __name__ == "__main__":
    main()
