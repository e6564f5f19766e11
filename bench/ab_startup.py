"""Start-up of two installs side by side (a release and this tree, say), alternating run for run
with a bare Textual app on a noisy machine: the first frame of `retro demo` on a pseudo-terminal
(as `first_frame.py` times it), the first key handled (F3 written with the first frame, until
the frame that shows it: `first_frame.time_to_first_key`), and a whole `retro export` of the
demo (as `export.py` does).

    python bench/ab_startup.py --python A=/tmp/release-venv/bin/python --python B=.venv/bin/python [--runs 15]

Each install's interpreter runs its own `retro_tui` (with its bytecode cached, as installed).
Prints, per install, the medians (and ranges) and the first frame's ratio to the bare app's,
by the clock and by the CPU time each process had had by its first frame (which a busy machine
changes less: compare installs by it when the clock's ranges overlap).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # also under `python -P`
from _shared import timed  # noqa: E402
from first_frame import BARE, time_to_first_key, time_to_frame  # noqa: E402


def retro(python: str) -> list[str]:
    """The install's own `retro` script, as its user starts it."""
    return [str(Path(python).with_name("retro"))]


def installed_demo(python: str, folder: Path) -> Path:
    """The demo workbook as that install writes it."""
    subprocess.run([python, "-P", "-c", "import sys; from pathlib import Path; from retro_tui.demo import install; "
                    "print(install(Path(sys.argv[1]))[0])", str(folder)], check=True, capture_output=True)
    return next(folder.glob("annual-review-*.toml"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--python", action="append", required=True, metavar="NAME=PYTHON",
                        help="an install's interpreter, named (repeat for each install)")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    installs = dict(pair.split("=", 1) for pair in args.python)
    frames: dict[str, list[float]] = {name: [] for name in ["bare", *installs]}
    cpus: dict[str, list[float]] = {name: [] for name in ["bare", *installs]}
    exports: dict[str, list[float]] = {name: [] for name in installs}
    keys: dict[str, list[float]] = {name: [] for name in installs}
    with tempfile.TemporaryDirectory() as tmp:
        demos = {name: installed_demo(python, Path(tmp) / f"export-{name}") for name, python in installs.items()}
        bare = [sys.executable, "-P", "-c", BARE]
        argv = {name: [*retro(python), "demo", str(Path(tmp) / f"demo-{name}")] for name, python in installs.items()}
        for name, python in installs.items():  # warm-up: bytecode cached, the demos written
            time_to_frame(argv[name], tmp)
            timed([*retro(python), "export", str(demos[name]), "-o", str(Path(tmp) / "out.md")], tmp, quiet=True)
        time_to_frame(bare, tmp)
        for run in range(args.runs):
            frame, cpu = time_to_frame(bare, tmp)
            frames["bare"].append(frame)
            cpus["bare"].append(cpu)
            for name, python in installs.items():
                frame, key, cpu = time_to_first_key(argv[name], tmp)
                frames[name].append(frame)
                cpus[name].append(cpu)
                keys[name].append(key)
                out = str(Path(tmp) / "out.md")
                exports[name].append(timed([*retro(python), "export", str(demos[name]), "-o", out], tmp, quiet=True)[0] * 1000)
            print(f"run {run + 1}/{args.runs}", file=sys.stderr)
    bare_median, bare_cpu = statistics.median(frames["bare"]), statistics.median(cpus["bare"])
    print(f"| install | first frame of `retro demo` | ratio to a bare Textual app ({bare_median:.0f} ms) "
          f"| CPU time by the first frame, ratio to the bare app's ({bare_cpu:.0f} ms) "
          f"| first key handled | `retro export` of the demo |")
    print("|---|---|---|---|---|---|")
    for name in installs:
        frame, cpu, key, export = frames[name], cpus[name], keys[name], exports[name]
        print(f"| {name} | {statistics.median(frame):.0f} ms ({min(frame):.0f}–{max(frame):.0f}) "
              f"| {statistics.median(frame) / bare_median:.2f}× "
              f"| {statistics.median(cpu):.0f} ms, {statistics.median(cpu) / bare_cpu:.2f}× "
              f"| {statistics.median(key):.0f} ms ({min(key):.0f}–{max(key):.0f}) "
              f"| {statistics.median(export):.0f} ms ({min(export):.0f}–{max(export):.0f}) |")

if __name__ == "__main__":
    main()
