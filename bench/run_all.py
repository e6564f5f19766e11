"""Every performance figure in one run, printed as a Markdown table (figure | result | goal | met?).

    python bench/run_all.py [--quick]

Runs first_frame.py (15 runs), key_latency.py (200 keys of each script), autosave.py (50
runs), export.py (15 runs) and import_orders.py (1m, 1m-gbk, 5m, 100k-xlsx; 5 runs each).
`--quick` skips the 5M-line import and does about a third of the runs. Progress goes to stderr,
the table to stdout, followed by the machine it ran on.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # also under `python -P`
import autosave  # noqa: E402
import export  # noqa: E402
import first_frame  # noqa: E402
import import_orders  # noqa: E402
import key_latency  # noqa: E402
from _shared import p50_p95  # noqa: E402

IMPORT_GOALS = {"1m": 1.5, "1m-gbk": 2.0, "5m": 6.0, "100k-xlsx": 3.0}
"""Seconds, whole process."""


def spread(values: list[float], unit: str = "ms", digits: int = 0) -> str:
    return f"{min(values):.{digits}f}–{max(values):.{digits}f} {unit}"


def machine() -> str:
    import textual

    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")),
               platform.processor() or platform.machine())
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{cpu}, {os.cpu_count()} cores, {memory:.1f} GiB RAM, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}, textual {textual.__version__}; {dt.date.today()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="skip the 5M-line import, fewer runs")
    args = parser.parse_args()
    scale = 3 if args.quick else 1
    rows = []

    def row(figure: str, result: str, goal: str, met: bool | None) -> None:
        rows.append((figure, result, goal, "—" if met is None else "yes" if met else "**no**"))
        print(f"  {figure}: {result}", file=sys.stderr, flush=True)

    print("first frame …", file=sys.stderr, flush=True)
    bare, demo = first_frame.measure(15 // scale)
    ratio = statistics.median(demo) / statistics.median(bare)
    row("first frame of `retro demo` (pty)", f"{statistics.median(demo):.0f} ms ({spread(demo)})", "", None)
    row("first frame of a bare Textual app", f"{statistics.median(bare):.0f} ms ({spread(bare)})", "", None)
    row("first frame, ratio to the bare app", f"{ratio:.2f}×", "≤ 1.3×", ratio <= 1.3)

    print("key → frame …", file=sys.stderr, flush=True)
    for name, latencies in key_latency.measure(200 // scale).items():
        p50, p95 = p50_p95(latencies)
        what = "ASCII" if name == "ascii" else "Chinese (IME-committed)"
        row(f"key → frame, typing {what} in a filled note, p50", f"{p50:.1f} ms", "≤ 16 ms", p50 <= 16)
        row(f"key → frame, typing {what} in a filled note, p95", f"{p95:.1f} ms (max {max(latencies):.0f})",
            "≤ 33 ms", p95 <= 33)

    print("autosave …", file=sys.stderr, flush=True)
    times, values, size = autosave.measure(50 // scale)
    p50, p95 = p50_p95(times)
    row(f"autosave, edit + save of a {autosave.SECTIONS}×{autosave.ITEMS} workbook ({size / 1024:.0f} KiB), p50",
        f"{p50:.1f} ms (p95 {p95:.1f})", "≤ 15 ms", p50 <= 15)

    print("export …", file=sys.stderr, flush=True)
    exports, bares = export.measure(15 // scale)
    median = statistics.median(exports)
    row("`retro export` of the demo, whole process", f"{median:.0f} ms ({spread(exports)}; `python -c pass` "
        f"{statistics.median(bares):.0f})", "≤ 100 ms", median <= 100)

    cases = [case for case in IMPORT_GOALS if not (args.quick and case == "5m")]
    print(f"import {', '.join(cases)} …", file=sys.stderr, flush=True)
    for name, case in zip(cases, import_orders.measure(cases, runs=max(5 // scale, 2), details=False)):
        goal = IMPORT_GOALS[name]
        row(f"`retro import`, {case['label']} ({case['size']:.0f} MB), whole process",
            f"{case['seconds']:.2f} s ({spread(case['runs'], 's', 2)}); peak {case['peak']:.0f} MiB",
            f"≤ {goal:g} s", case["seconds"] <= goal)

    print("| figure | result | goal | met? |\n|---|---|---|---|")
    for line in rows:
        print("| " + " | ".join(line) + " |")
    print(f"\nMedians unless noted; ranges are the fastest and slowest run. {machine()}.")


if __name__ == "__main__":
    main()
