"""Large order exports imported end to end: `retro import` as a whole process.

    python bench/import_orders.py [--cases 1m,1m-gbk,5m,100k-xlsx] [--runs 5] [--cache DIR]

A case is a number of order lines (`1m`, `250k`, `5000000`), optionally `-gbk` (default
UTF-8 with a BOM) and `-xlsx` (an Excel file, read with calamine); `xlsx` alone is
`100k-xlsx`. Each export is generated once with bench/make_shop_data.py and kept in the
cache directory (default $TMPDIR/retro-bench-cache), keyed by rows, encoding and seed.

Per case: the median time of RUNS runs of `retro import` into a new annual review, after a
warm-up; the peak memory of the process (largest of the runs); and, in this process, how long
the aggregation takes and how much of it is the distinct counts (buyers, orders).
"""

from __future__ import annotations

import argparse
import csv
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).parent))  # also under `python -P`
from _shared import CACHE, RETRO, timed  # noqa: E402

HERE = Path(__file__).parent
SEED = 20251111  # make_shop_data.py's default
PERIOD = ("2025-01-01", "2025-12-31")


def parse_case(name: str) -> tuple[int, str, bool]:
    """`5m-gbk` → (5_000_000, "gbk", False)."""
    size, *flags = ("100k-" + name if name == "xlsx" else name).lower().split("-")
    scale = {"k": 1_000, "m": 1_000_000}.get(size[-1:], 1)
    if not size.rstrip("km").isdigit() or set(flags) - {"gbk", "xlsx"}:
        raise argparse.ArgumentTypeError(f"not a case: {name!r} (e.g. 1m, 1m-gbk, 5m, 100k-xlsx)")
    return int(size.rstrip("km")) * scale, "gbk" if "gbk" in flags else "utf-8-sig", "xlsx" in flags


def export(cache: Path, rows: int, encoding: str, xlsx: bool) -> Path:
    """orders.csv (or .xlsx) of `rows` lines, generated unless cached."""
    folder = cache / f"{rows}-{encoding}-{SEED}"
    if not (folder / "orders.csv").exists():
        part = Path(tempfile.mkdtemp(dir=cache))
        print(f"generating {rows:,} rows in {encoding} …", file=sys.stderr)
        subprocess.run([sys.executable, str(HERE / "make_shop_data.py"), "--rows", str(rows), "--encoding", encoding,
                        "--seed", str(SEED), "--out", str(part), "--quiet"], check=True)
        part.rename(folder)
    if not xlsx:
        return folder / "orders.csv"
    book = folder / "orders.xlsx"
    if not book.exists():
        write_xlsx(folder / "orders.csv", encoding, book.with_suffix(".part"))
        book.with_suffix(".part").rename(book)
    return book


def write_xlsx(source: Path, encoding: str, target: Path) -> None:
    """The CSV as one sheet of text cells (as make_shop_data.py --xlsx writes it, without
    needing openpyxl or xlsxwriter, and much faster)."""
    strings: dict[str, int] = {}
    rows = []
    with open(source, encoding=encoding, newline="") as file:
        for r, line in enumerate(csv.reader(file), 1):
            cells = "".join(f'<c r="{_column(c)}{r}" t="s"><v>{strings.setdefault(v, len(strings))}</v></c>'
                            for c, v in enumerate(line) if v)
            rows.append(f'<row r="{r}">{cells}</row>')
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        "</Types>",
        "_rels/.rels": f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook {ns} xmlns:r="{rel}"><sheets><sheet name="订单明细" sheetId="1" r:id="rId1"/>'
        "</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": f'<worksheet {ns}><sheetData>{"".join(rows)}</sheetData></worksheet>',
        "xl/sharedStrings.xml": f'<sst {ns} uniqueCount="{len(strings)}">'
        + "".join(f'<si><t xml:space="preserve">{escape(s)}</t></si>' for s in strings) + "</sst>",
    }
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as book:
        for name, text in parts.items():
            book.writestr(name, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + text)


def _column(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def aggregation(path: Path) -> tuple[float, float]:
    """(seconds of compute(), seconds of its distinct counts), in a process of its own (a
    large parent would inflate the peak memory of the processes it starts)."""
    out = subprocess.run([sys.executable, __file__, "--aggregation", str(path)], check=True, capture_output=True,
                         text=True).stdout
    return tuple(float(n) for n in out.split())


def measure_aggregation(path: Path) -> None:
    import datetime as dt

    import pandas as pd

    from retro_tui.metrics import catalogue as catalogues
    from retro_tui.metrics.compute import compute
    from retro_tui.metrics.reader import read

    catalogue = catalogues.load()
    table = read(path, catalogue)
    period = tuple(dt.date.fromisoformat(d) for d in PERIOD)
    counting = [0.0]
    nunique = pd.Series.nunique

    def timed_nunique(self, *args, **kwargs):
        start = time.perf_counter()
        try:
            return nunique(self, *args, **kwargs)
        finally:
            counting[0] += time.perf_counter() - start

    pd.Series.nunique = timed_nunique
    try:
        start = time.perf_counter()
        compute([table], catalogue, period)
        print(time.perf_counter() - start, counting[0])
    finally:
        pd.Series.nunique = nunique


def measure(cases: list[str], runs: int = 5, cache: Path = CACHE, details: bool = True) -> Iterator[dict]:
    """Per case, as it is measured: its `label`, `size` (MB), `runs` (seconds each), `seconds`
    (their median), `peak` (MiB) and, with `details`, `aggregation` and `distinct` (seconds)."""
    parsed = [parse_case(name) for name in cases]
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:

        def new_workbook() -> Path:
            """A new annual review (the rows of an import stay in the database beside its
            workbook: each run starts from none)."""
            workbook = Path(tempfile.mkdtemp(dir=tmp)) / "review.toml"
            subprocess.run([*RETRO, "new", str(workbook), "--checklist", "annual-review", "--period", "..".join(PERIOD)],
                           check=True, stdout=subprocess.DEVNULL)
            return workbook

        for rows, encoding, xlsx in parsed:
            orders = export(cache, rows, encoding, xlsx)
            timed([*RETRO, "import", str(new_workbook()), str(orders)])  # warm-up
            results = [timed([*RETRO, "import", str(new_workbook()), str(orders)]) for _ in range(runs)]
            case = {"label": f"{rows:,} rows, {'xlsx' if xlsx else encoding}", "size": orders.stat().st_size / 2**20,
                    "runs": [r[0] for r in results], "seconds": statistics.median(r[0] for r in results),
                    "peak": max(r[1] for r in results)}
            if details:
                case["aggregation"], case["distinct"] = aggregation(orders)
            yield case


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", default="1m,1m-gbk,5m,100k-xlsx", help="comma-separated (default: %(default)s)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per case (default: %(default)s)")
    parser.add_argument("--cache", type=Path, default=CACHE,
                        help="where generated exports are kept (default: %(default)s)")
    parser.add_argument("--aggregation", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.aggregation:
        return measure_aggregation(args.aggregation)
    try:
        cases = measure(args.cases.split(","), args.runs, args.cache)
        print(f"{'case':<28} {'size':>8} {'median':>8} {'peak':>9} {'aggregation':>12} {'distinct':>9}")
        for case in cases:
            print(f"{case['label']:<28} {case['size']:6.0f} MB {case['seconds']:7.2f} s {case['peak']:5.0f} MiB "
                  f"{case['aggregation'] * 1000:9.0f} ms {case['distinct'] * 1000:6.0f} ms", flush=True)
    except argparse.ArgumentTypeError as exc:
        parser.error(str(exc))


if __name__ == "__main__":
    main()
