"""Hostile input: every file of tests/corpus/ is refused with the message its manifest
(cases.yaml) gives — the file, the line or row, the field — and nothing is written."""

from __future__ import annotations

import datetime as dt
import shutil
import time
from pathlib import Path

import pytest
import yaml
from helpers import new_review, run, target_actual

from retro_tui import checklist as checklists
from retro_tui.checklist import ChecklistError
from retro_tui.metrics import catalogue as catalogues
from retro_tui.metrics.reader import MetricsError, read_all
from retro_tui.workbook import Workbook, WorkbookError

CORPUS = Path(__file__).parent
KINDS = ("workbook", "checklist", "metrics")
"""The corpus's folders, one per kind of file (this test module sits beside them)."""
CASES = yaml.safe_load((CORPUS / "cases.yaml").read_text(encoding="utf-8"))
YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def cases(kind: str) -> list:
    """The manifest's cases of one kind, a known gap marked xfail(strict=True)."""
    return [
        pytest.param(case["file"], case["expect"], id=Path(case["file"]).name,
                     marks=[pytest.mark.xfail(strict=True, reason=case["xfail"])] if "xfail" in case else [])
        for case in CASES if case["file"].startswith(f"{kind}/")
    ]


def copy(tmp_path: Path, name: str) -> Path:
    target = tmp_path / Path(name).name
    shutil.copyfile(CORPUS / name, target)
    return target


def assert_names(message: str, path: Path, expect: list[str]) -> None:
    assert path.name in message
    for fragment in expect:
        assert fragment in message
    assert "\n" not in message.strip() and "\x1b" not in message and "\x00" not in message


def test_the_corpus_is_large_and_every_file_is_listed():
    listed = {case["file"] for case in CASES}
    on_disk = {str(p.relative_to(CORPUS)) for kind in KINDS for p in (CORPUS / kind).iterdir()}
    assert listed == on_disk
    assert len(listed) >= 50
    assert {path.name for path in CORPUS.iterdir() if path.is_dir() and path.name != "__pycache__"} == set(KINDS)
    for kind in KINDS:
        assert sum(name.startswith(kind) for name in listed) >= 20


@pytest.mark.parametrize(("name", "expect"), cases("workbook"))
def test_bad_workbooks_are_named_and_never_written(tmp_path, name, expect):
    path = copy(tmp_path, name)
    before = path.read_bytes()
    with pytest.raises(WorkbookError) as info:
        Workbook.load(path, for_editing=True)
    assert_names(str(info.value), path, expect)
    assert str(info.value).startswith(str(path))
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file either


@pytest.mark.parametrize(("name", "expect"), cases("checklist"))
def test_bad_checklists_are_named(tmp_path, name, expect):
    path = copy(tmp_path, name)
    started = time.perf_counter()
    with pytest.raises(ChecklistError) as info:
        checklists.load(path)
    assert time.perf_counter() - started < 1  # an alias bomb is not expanded
    assert_names(str(info.value), path, expect)
    assert str(info.value).startswith(str(path))


def test_a_python_tag_is_never_run(tmp_path, monkeypatch):
    import os

    ran = []
    monkeypatch.setattr(os, "system", lambda *args: ran.append(args))
    with pytest.raises(ChecklistError, match="not valid YAML"):
        checklists.load(copy(tmp_path, "checklist/python-object-apply.yaml"))
    assert ran == []


@pytest.fixture
def workbook(tmp_path) -> Path:
    return new_review(tmp_path)


@pytest.mark.parametrize(("name", "expect"), cases("metrics"))
def test_bad_metrics_files_stop_the_import_with_file_row_and_column(workbook, tmp_path, name, expect):
    path = copy(tmp_path, name)
    before = workbook.read_bytes()
    result = run("import", workbook, path)
    assert result.exit_code == 1, result.output
    message = result.output.strip()
    assert message.startswith("retro: ") and "Traceback" not in message
    assert_names(message, path, expect)
    assert workbook.read_bytes() == before


def test_a_formula_in_a_text_column_is_text_never_evaluated_and_never_written(workbook, tmp_path):
    """`=HYPERLINK(…)` where a channel or a metric's name belongs is a name like any other: the
    row counts under that (unknown) channel, a target under that name fills nothing, and the
    formula is neither run nor copied into the workbook."""
    orders = tmp_path / "orders.csv"
    orders.write_text('订单编号,平台,订单付款时间,买家实付金额\n1,天猫,2025-01-02 10:00:00,12.5\n'
                      '2,"=HYPERLINK(""http://x"",""y"")",2025-01-03 10:00:00,3\n', encoding="utf-8")
    targets = tmp_path / "targets.csv"
    targets.write_text('指标,目标值\n销售额,100\n"=HYPERLINK(""http://x"",""y"")",5\n', encoding="utf-8")
    table = read_all(orders, catalogues.load())[0]
    assert table.problems == [] and "HYPERLINK" in table.frame["channel"].iloc[1]
    result = run("import", workbook, orders, targets)
    assert result.exit_code == 0, result.output
    book = Workbook.load(workbook)
    assert target_actual(book.target_row("goals", "targets", "sales")) == (100, 15.5)  # both rows count in the total
    assert "HYPERLINK" not in workbook.read_text(encoding="utf-8")


MB = 1 << 20


def write_chunks(path: Path, *chunks: bytes) -> Path:
    with path.open("wb") as file:
        for chunk in chunks:
            file.write(chunk)
    return path


@pytest.mark.parametrize(
    ("chunks", "message"),
    [
        ((b"x" * (100 * MB),), "cannot split row 1 into cells: a cell longer than 131,072 characters"),
        (("订单编号,订单付款时间,买家实付金额\n".encode(), b"1,2025-01-02 10:00:00,", b"9" * (100 * MB), b"\n"),
         "row 2 is longer than 1 MB"),
        (("订单编号,订单付款时间,买家实付金额\n1,2025-01-02 10:00:00,3\n".encode(), b"," * (100 * MB)),
         "row 3 is longer than 1 MB"),
    ],
    ids=["no-line-break", "huge-number-cell", "huge-row-of-commas"],
)
def test_a_100_mb_line_is_refused_quickly_with_its_row(tmp_path, workbook, chunks, message):
    path = write_chunks(tmp_path / "huge.csv", *chunks)
    started = time.perf_counter()
    with pytest.raises(MetricsError) as info:
        read_all(path, catalogues.load())
    assert time.perf_counter() - started < 3
    assert message in str(info.value) and str(info.value).startswith(str(path))


def test_a_long_cell_in_the_first_rows_is_read_like_any_other(tmp_path):
    """A cell over the csv module's limit below the header does not hide the header; the
    number it holds (300,000 nines) is out of range and reported with its row."""
    path = write_chunks(tmp_path / "long.csv", "订单编号,订单付款时间,买家实付金额\n1,2025-01-02 10:00:00,3\n".encode(),
                        b"2,2025-01-02 10:00:00,", b"9" * 300_000, b"\n")
    table = read_all(path, catalogues.load())[0]
    assert [(p.field, p.rows) for p in table.problems] == [("paid_amount", [3])]


def orders(lines: int) -> list[list]:
    return [["订单编号", "订单付款时间", "买家实付金额"]] + [[str(n), "2025-03-01 10:00:00", 12.5] for n in range(1, lines + 1)]


def unpacked(path: Path) -> int:
    import zipfile

    with zipfile.ZipFile(path) as book:
        return sum(part.file_size for part in book.infolist() if part.filename.startswith("xl/worksheets/"))


def test_an_xlsx_whose_sheets_unpack_to_more_than_the_machine_can_spare_is_refused_before_it_is_read(
        workbook, tmp_path, monkeypatch):
    """The limit is a tenth of the memory: a machine of 10 MB here, so 1 MB of sheets."""
    from platform_exports import write_xlsx

    from retro_tui.metrics import reader

    monkeypatch.setattr(reader, "machine_memory", lambda: 10_000_000)
    big = write_xlsx(tmp_path / "big.xlsx", {"订单": orders(20_000)})
    size = unpacked(big)
    assert big.stat().st_size < 1_000_000 < size  # a file smaller than the limit, whose sheets are not
    before = workbook.read_bytes()
    result = run("import", workbook, big)
    assert result.exit_code == 1 and workbook.read_bytes() == before
    assert result.output == (f"retro: {big}: 工作表解压后有 {round(size / 1e6)} MB，超过本机单个文件的上限 1 MB"
                             f"（内存的 1/10）：请少导出一些行，或另存为 CSV\n")
    monkeypatch.setenv("RETRO_LANG", "en")
    result = run("import", workbook, big)
    assert result.exit_code == 1 and workbook.read_bytes() == before
    assert result.output == (f"retro: {big}: its sheets take {round(size / 1e6)} MB unpacked, more than this machine's "
                             "limit of 1 MB for one file (1/10 of its memory); export fewer rows, or save it as CSV\n")
    small = write_xlsx(tmp_path / "orders.xlsx", {"订单": orders(3)})
    result = run("import", workbook, small)
    assert result.exit_code == 0, result.output
    assert target_actual(Workbook.load(workbook).target_row("goals", "targets", "sales")) == (None, 37.5)


def write_ods(path: Path, rows: list[list]) -> Path:
    import zipfile
    from xml.sax.saxutils import escape

    cells = "".join("<table:table-row>" + "".join(f"<table:table-cell office:value-type=\"string\"><text:p>{escape(str(value))}"
                                                  "</text:p></table:table-cell>" for value in row) + "</table:table-row>"
                    for row in rows)
    content = ('<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body>'
               f'<office:spreadsheet><table:table table:name="订单">{cells}</table:table></office:spreadsheet>'
               '</office:body></office:document-content>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        book.writestr("META-INF/manifest.xml", '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:'
                      'manifest:1.0"><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                      '</manifest:manifest>')
        book.writestr("content.xml", content)
    return path


@pytest.mark.parametrize("suffix", [".xls", ".ods"])
def test_an_xls_counts_its_size_and_an_ods_its_unpacked_content(tmp_path, monkeypatch, suffix):
    """An .xls is not packed, and takes about twice the memory an .xlsx's XML does for its
    size: its limit is a twentieth of the memory. An .ods's sheets are its content.xml."""
    import zipfile

    from platform_exports import write_xls

    from retro_tui.metrics import reader

    path = (write_xls if suffix == ".xls" else write_ods)(tmp_path / f"orders{suffix}", orders(2_000))
    size = path.stat().st_size if suffix == ".xls" else zipfile.ZipFile(path).getinfo("content.xml").file_size
    share = 20 if suffix == ".xls" else 10
    monkeypatch.setattr(reader, "machine_memory", lambda: share * size)  # just enough
    assert len(read_all(path, catalogues.load())[0].frame) == 2_000
    monkeypatch.setattr(reader, "machine_memory", lambda: share * size - share)  # a byte less
    with pytest.raises(MetricsError) as info:
        read_all(path, catalogues.load())
    unpacked = " unpacked" if suffix == ".ods" else ""
    assert info.value.said("en").startswith(f"{path}: its sheets take {round(size / 1e6)} MB{unpacked}, more than")
    assert f"(1/{share} of its memory)" in str(info.value) and "内存的 1/" in info.value.said("zh")


def test_the_limit_is_the_machine_s_memory_or_the_process_s_limit_if_lower():
    import os
    import subprocess
    import sys

    from retro_tui.metrics.reader import machine_memory

    physical = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    assert machine_memory() == physical  # (the tests run without `ulimit -v`)
    limited = subprocess.run([sys.executable, "-c", "import resource\n"
                              "resource.setrlimit(resource.RLIMIT_AS, (3 << 30, resource.getrlimit(resource.RLIMIT_AS)[1]))\n"
                              "from retro_tui.metrics.reader import machine_memory\nprint(machine_memory())"],
                             capture_output=True, text=True, check=True).stdout
    assert int(limited) == min(physical, 3 << 30)
