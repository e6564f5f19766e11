"""`retro import` of one export into a new annual review, two installs side by side (a release
and this tree, say), alternating run for run on a noisy machine:

    python bench/ab_import.py ORDERS.csv --retro A=/tmp/basevenv/bin/retro --retro B=.venv/bin/retro [--runs 5]

Per install: the median wall time, user+system CPU and peak memory (`/usr/bin/time`) of the
runs, each into a new workbook, from a folder outside the repository; then whether the values
filled in the workbooks ([answers], empty tables aside: a release may write them, or not) are
the same for every install (the differences printed when not)."""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

PERIOD = "2025-01-01..2025-12-31"


def run(retro: str, export: Path, folder: Path) -> tuple[float, float, int, dict]:
    """One import into a new workbook in `folder`: wall s, CPU s, peak KB, the workbook's answers."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    book = folder / "review.toml"
    subprocess.run([retro, "new", str(book), "--checklist", "annual-review", "--period", PERIOD], cwd=folder.parent,
                   check=True, capture_output=True)
    timed = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", retro, "import", str(book), str(export)],
                           cwd=folder.parent, capture_output=True, text=True)
    if timed.returncode:
        sys.exit(f"{retro} import failed:\n{timed.stderr}")
    wall, user, system, peak = timed.stderr.strip().splitlines()[-1].split()
    os.sync()  # what this run wrote goes to disk now, not during the next install's run
    return float(wall), float(user) + float(system), int(peak), tomllib.loads(book.read_text()).get("answers", {})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("export", type=Path)
    parser.add_argument("--retro", action="append", required=True, metavar="NAME=PATH",
                        help="an install's `retro` (give two or more)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    installs = dict(item.split("=", 1) for item in args.retro)
    results: dict[str, list[tuple]] = {name: [] for name in installs}
    with tempfile.TemporaryDirectory(prefix="retro-ab-") as scratch:
        for index in range(args.runs):
            for name, retro in (installs.items() if index % 2 == 0 else reversed(installs.items())):
                found = run(retro, args.export.resolve(), Path(scratch) / name)
                results[name].append(found)
                print(f"run {index + 1} {name}: {found[0]:.2f} s, {found[1]:.2f} s CPU, {found[2] / 1024:.0f} MB", flush=True)
    first = next(iter(results))
    for name, runs in results.items():
        wall, cpu, peak = (statistics.median(r[i] for r in runs) for i in range(3))
        ratio = wall / statistics.median(r[0] for r in results[first])
        print(f"{name}: median {wall:.2f} s ({ratio:.2f}× {first}), {cpu:.2f} s CPU, peak {peak / 1024:.0f} MB "
              f"(runs: {', '.join(f'{r[0]:.2f}' for r in runs)})")
    answers = {name: filled(runs[-1][3]) for name, runs in results.items()}
    same = all(found == answers[first] for found in answers.values())
    print("[answers]:", "the same for every install" if same else "DIFFERENT")
    if not same:
        for name, found in answers.items():
            print(name, found)


def filled(value):
    """The values of a workbook's answers, without empty tables."""
    if isinstance(value, dict):
        value = {key: filled(item) for key, item in value.items()}
        return {key: item for key, item in value.items() if item not in ({}, [])}
    if isinstance(value, list):
        return [filled(item) for item in value]
    return value


if __name__ == "__main__":
    main()
