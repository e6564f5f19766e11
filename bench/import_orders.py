"""A large order export imported end to end: `retro import` as a whole process.

    python bench/import_orders.py [ROWS] [RUNS]

Generates a one-year order export of ROWS lines (default 1,000,000) in UTF-8 and in GBK with
bench/make_shop_data.py, then times `retro import` of each into a new annual review (median
of RUNS, default 5) and reports the peak memory of the process.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent


def timed(argv: list[str]) -> tuple[float, float]:
    """(seconds, peak MiB) of one run of `argv`."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    if status:
        raise SystemExit(f"{' '.join(argv)} failed")
    return time.perf_counter() - start, usage.ru_maxrss / 1024


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    retro = shutil.which("retro", path=os.path.dirname(sys.executable)) or "retro"
    with tempfile.TemporaryDirectory() as tmp:
        workbook = Path(tmp) / "review.toml"
        subprocess.run([retro, "new", str(workbook), "--checklist", "annual-review",
                        "--period", "2025-01-01..2025-12-31"], check=True, stdout=subprocess.DEVNULL)
        print(f"{'file':<28} {'size':>8} {'median':>8} {'peak':>9}")
        for encoding in ("utf-8-sig", "gbk"):
            out = Path(tmp) / encoding
            subprocess.run([sys.executable, str(HERE / "make_shop_data.py"), "--rows", str(rows), "--encoding",
                            encoding, "--out", str(out), "--quiet"], check=True)
            orders = out / "orders.csv"
            timed([retro, "import", str(workbook), str(orders)])  # warm-up
            results = [timed([retro, "import", str(workbook), str(orders)]) for _ in range(runs)]
            seconds = statistics.median(r[0] for r in results)
            peak = max(r[1] for r in results)
            size = orders.stat().st_size / 2**20
            print(f"{f'{rows:,} rows, {encoding}':<28} {size:6.0f} MB {seconds:7.2f} s {peak:6.0f} MiB")


if __name__ == "__main__":
    main()
