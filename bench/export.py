"""`retro export` of the demo workbook to a Markdown file, as a whole process.

    python bench/export.py [RUNS]

The demo is installed in a temporary folder; after a warm-up, `retro export DEMO -o out.md`
runs RUNS times (default 15) and the median and range are printed, beside the median start of
a bare `python -c pass` for comparison.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # also under `python -P`
from _shared import RETRO, timed  # noqa: E402


def measure(runs: int = 15) -> tuple[list[float], list[float]]:
    """(milliseconds per export, milliseconds per bare interpreter start)."""
    from retro_tui.demo import install

    with tempfile.TemporaryDirectory() as tmp:
        workbook, _ = install(Path(tmp) / "demo")
        export = [*RETRO, "export", str(workbook), "-o", str(Path(tmp) / "out.md")]
        bare = [sys.executable, "-P", "-c", "pass"]
        timed(export, quiet=True), timed(bare)  # warm-up
        exports, bares = [], []
        for _ in range(runs):
            exports.append(timed(export, tmp, quiet=True)[0] * 1000)
            bares.append(timed(bare, tmp)[0] * 1000)
    return exports, bares


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    exports, bares = measure(runs)
    print(f"retro export of the demo: {statistics.median(exports):.0f} ms median of {runs} "
          f"({min(exports):.0f}–{max(exports):.0f}); python -c pass: {statistics.median(bares):.0f} ms")


if __name__ == "__main__":
    main()
