"""Reading a shop export: encoding, header row, column mapping, and values cleaned into the
catalogue's canonical fields. Bad input is reported with the file, row and column."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import io
import os
import re
import warnings
import zipfile
from collections.abc import Set as AbstractSet
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from .. import numbers as rule
from ..atomic import special_file
from ..errors import RetroError
from ..i18n import LANGS, Bilingual, Lang, pick, tr
from ..numbers import LARGEST, format_number
from ..terminal import CONTROL, printable
from .catalogue import Catalogue
from .formats import (
    ChannelUnclear,
    Format,
    apply_format,
    base_field,
    constant,
    file_channel,
    format_fields,
    normalize_channels,
)

if TYPE_CHECKING:
    import pandas as pd

HEAD_BYTES = 256 * 1024
"""How much of a file is looked at to guess its encoding and find its header row."""
HEADER_SEARCH_ROWS = 40
EMPTY = [*rule.EMPTY, "#NULL!", "NULL", "nan", "NaN", "/", "无退款申请", "没有申请退款"]
"""A cell written for no value: as typed (numbers.EMPTY), and as files write it."""
EXCEL = (".xlsx", ".xlsm", ".xls", ".ods")


class MetricsError(RetroError):
    """A metrics file that cannot be used; nothing was changed. The message is in English, or
    in both languages (see `said`)."""

    path: Path

    def __init__(self, path: Path | str, message: str | Bilingual):
        self.texts = message
        super().__init__(printable(pick(message, "en")), printable(str(path)))
        self.path = Path(path)

    def said(self, lang: Lang) -> str:
        """The error in `lang`, where it is written in both languages (else in English)."""
        return f"{printable(str(self.path))}: {printable(pick(self.texts, lang))}"


class SkippedFile(MetricsError):
    """A platform export that is recognised and not read (its figures are in another file)."""

    def __init__(self, path: Path | str, found: Format):
        from ..i18n import pick

        self.format = found
        super().__init__(path, f"{pick(found.label, 'en')}: {pick(found.skip, 'en')}")


@dataclass
class Problem:
    """Values of one column that could not be read (those cells are left out, not 0)."""

    column: str
    field: str
    rows: list[int]
    """File row numbers (1-based, as a spreadsheet shows them)."""
    examples: list[str]
    what: str = "unreadable value(s)"

    def describe(self) -> str:
        shown = ", ".join(str(r) for r in self.rows[:5]) + (" …" if len(self.rows) > 5 else "")
        return f"{self.column} ({self.field}): {len(self.rows)} {self.what}, rows {shown}, e.g. {self.examples[0]!r}"


CONTROL_TEXT = "value(s) with control characters (NUL, ESC …)"
TOO_LARGE = f"number(s) too large to be an amount ({format_number(LARGEST)} or more)"
ROUNDED_IDS = ("id(s) written as rounded numbers (4.32393E+18: a spreadsheet turned them into numbers and lost "
               "their last digits); export again, or format the column as text before saving")


@dataclass(eq=False)
class Table:
    """One file, read: its canonical columns and how they were found."""

    path: Path
    kind: str
    frame: pd.DataFrame
    encoding: str
    header_row: int
    """1-based row of the header in the file."""
    mapping: dict[str, str]
    """Column header → canonical field."""
    unknown: list[str]
    """Columns that map to no field (shown, never guessed)."""
    digest: Future[str]
    """The file's SHA-256, worked out in the background (see `sha256`)."""
    columns: list[str] = field(default_factory=list)
    """Every column header, as in the file."""
    derived: list[str] = field(default_factory=list)
    """Columns of ratios the metrics recompute from their parts (recognised, not read)."""
    problems: list[Problem] = field(default_factory=list)
    dropped_rows: list[int] = field(default_factory=list)
    """Total / subtotal rows left out (file row numbers)."""
    format: str | None = None
    """The platform export format the file is (`jd-orders`), if one."""
    channel: str | None = None
    """The channel every row is of, for a file without a channel column (a platform's export)."""
    gives_refunds: bool = True
    """False for orders whose export has no refunds of its own (JD's: they are in its after-sales export)."""
    left_out: dict[str, int] = field(default_factory=dict)
    """Rows that do not count, by reason: `not_sales` (a status that is no sale: left out of
    the frame), `no_paid_time` (kept, never paid), `duplicate` (a later file has them)."""

    @property
    def rows(self) -> int:
        """Data rows in the file (total rows aside)."""
        return self.row_count() + self.left_out.get("not_sales", 0)

    def row_count(self) -> int:
        """The rows that count (those of `frame`)."""
        return len(self.frame)

    def channel_counts(self) -> dict[str, int]:
        """The rows of each channel the rows name (none without a channel column)."""
        if "channel" not in self.frame:
            return {}
        return {str(name): int(rows) for name, rows in self.frame["channel"].value_counts().items()}

    @property
    def sha256(self) -> str:
        """The file's SHA-256 (a sheet's: the file's and its name), once hashing is done."""
        return _sheet_digest(self.digest.result(), self.path.name if self.path != self.source else None)

    @property
    def source(self) -> Path:
        """The file itself (`path` of a sheet is named `book.xlsx#sheet`)."""
        return self.path.with_name(self.path.name.split("#", 1)[0])


def read_all(path: Path, catalogue: Catalogue, kind: str | None = None,
             mapping: dict[str, str] | None = None, channel: str | None = None,
             channels: tuple[str, ...] = (), database: Path | None = None) -> list[Table]:
    """Every table of a file: one for a CSV or a one-sheet workbook; for a workbook of several
    sheets, one per sheet that has a header row (named `targets.xlsx#月度目标`). `channel`:
    the channel of a file that does not say (`--channel`); `channels`: the workbook's;
    `database`: the one beside the workbook, where a large CSV may be read into (see `duck`)."""
    path = Path(path)
    regular_file(path)
    if path.suffix.lower() not in EXCEL:
        return [read(path, catalogue, kind, mapping, channel=channel, channels=channels, database=database)]
    sheets = _excel_sheets(path)
    if len(sheets) == 1:
        return [read(path, catalogue, kind, mapping, cells=sheets[0][1], channel=channel, channels=channels)]
    tables, skipped = [], []
    digest = _HASHING.submit(_sha256, path)  # the file once, for all its sheets
    for sheet, cells in sheets:
        try:
            tables.append(read(path, catalogue, kind, mapping, sheet, cells, digest, channel=channel, channels=channels))
        except SkippedFile:
            continue  # a sheet of lines that another sheet sums up (千牛's 宝贝报表 beside 订单报表)
        except MetricsError as exc:
            skipped.append(f"{sheet}: {exc.message}")
    if not tables:
        raise MetricsError(path, "no sheet can be read — " + "; ".join(skipped))
    return tables


def read(path: Path, catalogue: Catalogue, kind: str | None = None, mapping: dict[str, str] | None = None,
         sheet: str | None = None, cells: list[list] | None = None, digest: Future[str] | None = None,
         channel: str | None = None, channels: tuple[str, ...] = (), database: Path | None = None) -> Table:
    """Read one metrics file (CSV in UTF-8 or GB18030, or Excel: its first sheet, or the sheet
    `sheet` whose `cells` were read already) into canonical fields; a platform's export by the
    rules of its format (`formats.yaml`)."""
    path = Path(path)
    try:
        with path.open("rb") as file:  # only the top: the rest is parsed and hashed from the file
            top = file.read(HEAD_BYTES)
            if not top.strip() and not any(chunk.strip() for chunk in iter(lambda: file.read(1 << 20), b"")):
                raise MetricsError(path, "the file is empty")
    except OSError as exc:
        raise MetricsError(path, f"cannot read: {exc.strerror or exc}") from None
    head: Head | list[list] | None = None
    if path.suffix.lower() in EXCEL:
        head, encoding = (cells if cells is not None else _excel_sheets(path)[0][1]), "xlsx"
        grid = _excel_head(head)
    else:
        encoding = sniff_encoding(top)
        if encoding == "utf-16":
            raise MetricsError(path, "UTF-16 text (Excel's \"Unicode text\"): save it as CSV in UTF-8 or GBK")
        head = _csv_head(path, top, encoding, catalogue, set(mapping or {}))
        grid = head.rows
    header_index = find_header(grid, catalogue, set(mapping or {}))
    if header_index is None and encoding == "gb18030":
        _refuse_mixed_top(path, top, catalogue, set(mapping or {}))
    if header_index is None:
        raise MetricsError(path, "no header row with known column names in the first rows; use --map COLUMN=field")
    raw_headers = {printable(str(h).strip()): str(h) for h in grid[header_index]}  # as in the file, spaces and all
    headers = list(raw_headers)
    found = {h: field for h in headers if h and (field := catalogue.field_for(h))}
    mapped: dict[str, str] = {}
    for column, target in (mapping or {}).items():  # the user's mapping first, for the columns this file has
        if target not in catalogue.fields:
            raise MetricsError(path, f"--map {column}={target}: unknown field (fields: {', '.join(catalogue.fields)})")
        if column in headers:
            mapped[column] = target
    format_id, platform = _format_of(path, headers, kind)
    if platform:  # its columns as the format names them, then the catalogue's aliases for the rest
        mapped |= format_fields(platform, headers, mapped)
        kind = platform.kind
    for column, target in found.items():  # then, per field, the first column that names it
        if target and column not in mapped and target not in mapped.values():
            mapped[column] = target
    fields = set(mapped.values())
    wide = {h: f"{role}:{metric}" for h in headers if h and h not in mapped and not found.get(h)
            for metric, role in [catalogue.wide_target(h) or (None, None)] if metric}
    kind = kind or detect_kind(fields, catalogue) or ("targets" if wide else None)
    if kind is None or kind not in catalogue.kinds:
        missing = {k: [f for f in v.required if f not in fields] for k, v in catalogue.kinds.items()}
        closest = min(missing, key=lambda k: len(missing[k]))
        raise MetricsError(path, f"cannot tell what kind of file this is; as {closest} it lacks "
                                 f"{', '.join(missing[closest])} (columns: {', '.join(h for h in headers if h)})")
    wide = wide if kind == "targets" and "metric" not in fields else {}
    lacking = [f for f in catalogue.kinds[kind].required if f not in fields and not wide]
    if lacking:
        raise MetricsError(path, f"missing required column(s) for {kind}: {', '.join(lacking)}")
    needed = catalogue.needed_fields(kind) | (platform.rule_fields() if platform else set())
    if platform and kind == "orders" and (platform.refunds is None or platform.refunds.file):
        needed.discard("refund")  # the export has no refunds of its own (they come from another file, or none)
    mapped = {column: target for column, target in mapped.items() if base_field(target) in needed} | wide
    if database is not None and isinstance(head, Head) and not wide and digest is None:
        scan: Future[dict[str, bool]] = Future()
        digest = _HASHING.submit(_sha256, path, scan)  # the bytes looked at as they are hashed
        table = read_in_database(database, path, head, header_index, encoding, kind, platform, format_id, mapped,
                                  raw_headers, headers, found, catalogue, digest, channel, channels, scan)
        if table is not None:
            return table
    digest = digest or _HASHING.submit(_sha256, path)  # beside the parsing and the sums (both free the GIL)
    frame = _read_frame(path, top, encoding, header_index, {raw_headers[c]: c for c in mapped}, catalogue, mapped,
                        [str(h) for h in grid[header_index]], head)
    if frame.empty:
        raise MetricsError(path, "no data rows under the header")
    unread = [h for h in headers if h and not found.get(h) and h not in wide and h not in mapped]
    if sheet:  # each sheet is a table of its own, named and hashed apart
        path = path.with_name(f"{path.name}#{sheet}")
    table = Table(path, kind, frame, frame.attrs.get("encoding", encoding), header_index + 1, mapped,
                  [h for h in unread if not catalogue.is_derived(h)], digest,
                  derived=[h for h in unread if catalogue.is_derived(h)], columns=[h for h in headers if h],
                  format=format_id, channel=None if "channel" in frame else _channel_of(path, platform, channel, channels))
    _clean(table, catalogue)
    if wide:
        table.frame = _melt_targets(table.frame)
    if platform:
        apply_format(table, platform)
    if "channel" in table.frame:
        table.frame["channel"] = normalize_channels(table.frame["channel"])
    elif table.channel:
        table.frame["channel"] = constant(table.channel, table.frame.index)
    table.gives_refunds = "refund" in table.frame
    if kind == "orders" and "paid_at" in table.frame:
        table.left_out["no_paid_time"] = int(table.frame["paid_at"].isna().sum())
    return table


def read_in_database(database: Path, path: Path, head: Head, header_index: int, encoding: str, kind: str,
                      platform: Format | None, format_id: str | None, mapped: dict[str, str], raw_headers: dict[str, str],
                      headers: list[str], found: dict[str, str], catalogue: Catalogue, digest: Future[str],
                      channel: str | None, channels: tuple[str, ...], scan: Future[dict[str, bool]]) -> Table | None:
    """The file read by DuckDB into `database` (see `duck`), or None when it is read the pandas way."""
    from . import duck, store

    types = {column: field_type(catalogue, target) for column, target in mapped.items()}
    try:
        size = path.stat().st_size
    except OSError:
        return None
    if not duck.eligible(path, size, encoding, kind, types, platform, head.lines_read, header_index,
                         store.kinds_read_in(database)):
        return None
    width = len(head.rows[header_index])
    position: dict[str, int] = {}
    for index, header in enumerate(head.rows[header_index]):
        position.setdefault(header, index)  # two columns of one name: the first, as pyarrow is told
    columns = [duck.Column(f"c{position[raw_headers[column]]}", base_field(target), types[column])
               for column, target in mapped.items()]
    if len({c.field for c in columns}) != len(columns):
        return None
    file_channel = None if any(c.field == "channel" for c in columns) else _channel_of(path, platform, channel, channels)
    constants = {"channel": file_channel} if file_channel else {}
    time_field = catalogue.kinds[kind].time
    try:
        loaded = duck.load(database, path, head.delimiter, head.lines_read[header_index], width, columns, constants,
                           time_field, catalogue.kinds[kind].monthly, scan)
    except duck.Doubt:
        return None
    unread = [h for h in headers if h and not found.get(h) and h not in mapped]
    first = head.lines_read[header_index] + 1  # the file's row of the first data row
    table = store.rows_table(database, loaded.table, path, kind=kind, encoding=encoding, header_row=header_index + 1,
                             mapping=mapped, unknown=[h for h in unread if not catalogue.is_derived(h)], digest=digest,
                             derived=[h for h in unread if catalogue.is_derived(h)], columns=[h for h in headers if h],
                             format=format_id, channel=file_channel, dropped_rows=[first + i for i in loaded.dropped_rows])
    table.length, table.row_columns, table.days, table.daily = loaded.rows, loaded.columns, loaded.days, loaded.daily
    table.span, table.channels = loaded.span, loaded.channels or {}
    table.gives_refunds = "refund" in loaded.columns
    if kind == "orders" and time_field == "paid_at" and "paid_at" in loaded.columns and loaded.no_paid_time is not None:
        table.left_out["no_paid_time"] = loaded.no_paid_time
    return table


def _format_of(path: Path, headers: list[str], kind: str | None) -> tuple[str | None, Format | None]:
    """The platform export format a file's headers say it is (none when `--kind` says otherwise);
    a format that is recognised but not read raises SkippedFile."""
    from .formats import load

    found = load().match(headers)
    if found is None or (kind is not None and found[1].kind != kind):
        return None, None
    if found[1].skip:
        raise SkippedFile(path, found[1])
    return found


def _channel_of(path: Path, platform: Format | None, channel: str | None, channels: tuple[str, ...]) -> str | None:
    try:
        return file_channel(platform, channel, channels)
    except ChannelUnclear as exc:
        raise MetricsError(path, str(exc)) from None


_HASHING = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sha256")
"""Files are hashed one at a time in the background: an import needs the hash only to note the
file and to refuse the same data twice, after its figures are computed."""


def _sheet_digest(digest: str, name: str | None) -> str:
    return digest if name is None else hashlib.sha256(f"{digest}#{name}".encode()).hexdigest()


def sheet_digests(path: Path, names: list[str]) -> set[str]:
    """The SHA-256 a file's tables named `names` (`book.xlsx#sheet` for a sheet) would have now,
    without reading them (to tell an unchanged file from a changed one)."""
    digest = _sha256(path)
    return {_sheet_digest(digest, name if "#" in name else None) for name in names}


def regular_file(path: Path) -> None:
    """Refuse at once what is not a regular file (a pipe, a device: reading one never ends)."""
    if special_file(path) or path.is_dir():
        raise MetricsError(path, "not a regular file (a device, a pipe or a folder)")


def _sha256(path: Path, scan: Future[dict[str, bool]] | None = None) -> str:
    """The file's SHA-256; with `scan`, also what `scan_bytes` finds in its bytes."""
    regular_file(path)
    if scan is None:
        with path.open("rb") as file:
            return hashlib.file_digest(file, "sha256").hexdigest()
    try:
        digest, found = hashlib.sha256(), {"control": False, "numbers": False}
        with path.open("rb") as file:
            last = b""
            for chunk in iter(lambda: file.read(1 << 23), b""):
                digest.update(chunk)
                scan_bytes(last[-4:] + chunk[:4], found)  # what straddles two chunks
                scan_bytes(chunk, found)
                last = chunk
        scan.set_result(found)
        return digest.hexdigest()
    except BaseException as exc:
        scan.set_exception(exc)
        raise


_NOT_CONTROL = bytes(b for b in range(256) if not (b < 0x20 and b not in (0x09, 0x0A, 0x0D) or b == 0x7F))
_C1 = re.compile(rb"\xc2[\x80-\x9f]")  # U+0080–U+009F in UTF-8


def scan_bytes(data: bytes, found: dict[str, bool]) -> None:
    """Whether the bytes of a UTF-8 file may hold a cell with a control character (`control`:
    then its text cells are looked at one by one; a carriage return is looked for in them
    anyway), or a number DuckDB's parser reads and pandas does not (`numbers`: `1_000`, `+-1`)
    — anywhere in the file, a cell or not: False is certain."""
    if not found["control"]:
        found["control"] = bool(data.translate(None, _NOT_CONTROL)) or (b"\xc2" in data and _C1.search(data) is not None)
    if not found["numbers"]:
        found["numbers"] = (b"+" in data and b"+-" in data) or _digit_separator(data)


def _digit_separator(data: bytes, most: int = 100_000) -> bool:
    """Whether an underscore stands between two digits (`1_000`); True past `most` underscores."""
    at, seen = data.find(b"_"), 0
    while at >= 0:
        if 0 < at < len(data) - 1 and 48 <= data[at - 1] <= 57 and 48 <= data[at + 1] <= 57:
            return True
        seen += 1
        if seen > most:
            return True
        at = data.find(b"_", at + 1)
    return False


def sniff_encoding(head: bytes) -> str:
    """`utf-8-sig` for a BOM, `utf-8` when the bytes decode as it, else `gb18030` (⊃ GBK)."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        return "gb18030"


DELIMITERS = (",", "\t", ";", "|")


@dataclass
class Head:
    """The top of a CSV file, split into cells."""

    rows: list[list[str]]
    delimiter: str
    lines_read: list[int]
    """Physical lines consumed once each row was read (a quoted cell may span lines)."""


def _csv_head(path: Path, head: bytes, encoding: str, catalogue: Catalogue, mapped: set[str]) -> Head:
    """The first rows, split with whichever delimiter makes the best header row."""
    text = codecs.getincrementaldecoder(encoding)(errors="replace").decode(head, final=False)
    best: tuple[int, Head] | None = None
    failed: tuple[int, csv.Error] | None = None
    for delimiter in DELIMITERS:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        rows, lines = [], []
        try:
            for row in reader:
                rows.append(row)
                lines.append(reader.line_num)
                if len(rows) >= HEADER_SEARCH_ROWS:
                    break
        except csv.Error as exc:  # the rows above still count: another delimiter may find the header
            failed = failed or (len(rows) + 1, exc)
        index = find_header(rows, catalogue, mapped)
        named = _format_columns()
        score = 0 if index is None else sum(1 for cell in rows[index] if _known(cell, catalogue, named) or cell.strip() in mapped)
        if best is None or score > best[0]:
            best = (score, Head(rows, delimiter, lines))
    if best is None or failed and not best[0]:
        line, error = failed or (1, csv.Error("no delimiter splits it"))
        problem = (f"a cell longer than {csv.field_size_limit():,} characters" if "field limit" in str(error) else str(error))
        raise MetricsError(path, f"cannot split row {line} into cells: {problem}; is it a table export?")
    return best[1]


def _refuse_mixed_top(path: Path, top: bytes, catalogue: Catalogue, mapped: set[str]) -> None:
    """A top that is not UTF-8 was read as GBK; if that finds no header but UTF-8 does, the file
    mixes the two: say so, with the first row that is not UTF-8."""
    try:
        top.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = exc.start
    else:
        return
    if top[:start].isascii() or find_header(_csv_head(path, top, "utf-8", catalogue, mapped).rows, catalogue, mapped) is None:
        return
    row = top.count(b"\n", 0, start) + 1
    raise MetricsError(path, f"not valid UTF-8 at row {row}, although the rows above are: mixed encodings; "
                             "save the whole file as UTF-8 or GBK")


def machine_memory() -> int:
    """The memory this process may use: the machine's, or less where a limit says (`ulimit -v`)."""
    import resource

    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    limit = resource.getrlimit(resource.RLIMIT_AS)[0]
    return memory if limit == resource.RLIM_INFINITY else min(memory, limit)


EXCEL_SHARE = 10
"""An Excel file's sheets may take at most 1/EXCEL_SHARE of the memory unpacked (a tenth), an
.xls at most half that (a twentieth): reading a sheet (calamine's cells, then Python's) takes about 5 times
its unpacked XML (3.4–4.6 measured for .xlsx exports, 2.1 for an .ods) and 9 times an .xls
(8.5 measured), so that a file within the limit needs at most half the memory."""


def _refuse_too_large(path: Path) -> None:
    """Refuse, before it is read, a workbook whose sheets take more memory than this machine
    can spare: their unpacked sizes are in the zip's directory (nothing is decompressed; a part
    larger than its directory says is refused by calamine as it reads). An .xls is not packed:
    its size is what is read."""
    try:
        with zipfile.ZipFile(path) as book:
            size, packed = sum(part.file_size for part in book.infolist() if _is_sheet(part.filename)), True
    except zipfile.BadZipFile:  # an .xls (or no spreadsheet at all: calamine says so)
        size, packed = path.stat().st_size, False
    except OSError:
        return  # (one that cannot be opened: calamine says why)
    share = EXCEL_SHARE if packed else 2 * EXCEL_SHARE
    limit = machine_memory() // share
    if size > limit:
        said = [tr("excel_too_large", lang, size=format_number(size / 1e6, 0), limit=format_number(limit / 1e6, 0),
                   share=share, unpacked=tr("excel_unpacked", lang) if packed else "") for lang in LANGS]
        raise MetricsError(path, Bilingual(*said))


def _is_sheet(part: str) -> bool:
    """A part of a zipped workbook that calamine reads into cells: an .xlsx's sheets and their
    shared strings, an .ods's content."""
    return (part.startswith("xl/worksheets/") and part.endswith(".xml")) or part in ("xl/sharedStrings.xml", "content.xml")


def _excel_sheets(path: Path) -> list[tuple[str, list[list]]]:
    """Each sheet's name and cells, the workbook opened once (calamine reads a whole sheet
    even for its top rows)."""
    from python_calamine import load_workbook

    _refuse_too_large(path)
    try:
        book = load_workbook(str(path))
        try:
            return [(name, book.get_sheet_by_name(name).to_python(skip_empty_area=False)) for name in book.sheet_names]
        finally:
            book.close()
    except Exception as exc:  # calamine raises its own types for broken files
        raise MetricsError(path, f"not a readable spreadsheet: {exc}") from None


def _excel_cell(value):
    """A cell as `pd.read_excel(engine="calamine")` gives it: a whole float as an int, a date as a datetime."""
    if type(value) is str:
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day)
    return value


def _excel_frame(rows: list[list], header: int | None = None, columns: list[int] | None = None, nrows: int | None = None):
    """Cells of the sheet (only `columns`, by position) turned into text as `pd.read_excel(…, dtype=str)` does."""
    from pandas.io.parsers import TextParser

    picked = range(len(rows[0])) if columns is None else columns
    data = [[_excel_cell(row[i]) for i in picked] for row in rows[header or 0:None if nrows is None else nrows]]
    return TextParser(data, header=None if header is None else 0, dtype=str, skip_blank_lines=False).read()


def _excel_head(rows: list[list]) -> list[list[str]]:
    import pandas as pd

    if not rows:
        return []
    head = _excel_frame(rows, nrows=HEADER_SEARCH_ROWS)
    return [["" if pd.isna(v) else str(v) for v in row] for row in head.itertuples(index=False)]


def find_header(grid: list[list[str]], catalogue: Catalogue, mapped: AbstractSet[str] = frozenset()) -> int | None:
    """The first row naming at least two known fields (exports put title lines above it);
    `mapped` are column names the user mapped by hand."""
    named = _format_columns()
    for index, row in enumerate(grid):
        if sum(1 for cell in row if cell and (cell.strip() in mapped or _known(cell, catalogue, named))) >= 2:
            return index
    return None


def _format_columns() -> frozenset[str]:
    from .formats import load

    return load().column_names


def _known(cell: str, catalogue: Catalogue, format_columns: frozenset[str]) -> bool:
    """A header cell the catalogue or a platform format knows."""
    from .catalogue import normalize

    return bool(catalogue.field_for(cell) or catalogue.wide_target(cell) or normalize(cell) in format_columns)


def field_type(catalogue: Catalogue, field_id: str) -> str:
    """A canonical field's type; `target:gmv`-style columns of a wide targets file are numbers."""
    field_id = base_field(field_id)
    return catalogue.fields[field_id].type if field_id in catalogue.fields else "number"


def detect_kind(fields: set[str], catalogue: Catalogue) -> str | None:
    """The first kind whose required fields the file has."""
    for kind_id, kind in catalogue.kinds.items():
        if all(f in fields for f in kind.required):
            return kind_id
    return None


def _read_frame(path: Path, top: bytes, encoding: str, header_index: int, columns: dict[str, str],
                catalogue: Catalogue, mapped: dict[str, str], all_headers: list[str], head: Head | list[list] | None) -> pd.DataFrame:
    """Only the mapped columns are read (`columns`: as written in the file → stripped)."""
    import pandas as pd

    text_columns = [raw for raw, c in columns.items() if field_type(catalogue, mapped[c]) in ("id", "text", "month")]
    try:
        if encoding == "xlsx":  # (its cells, read already)
            frame = _excel_frame(cast(list, head), header_index, [all_headers.index(c) for c in columns])
        else:
            head = cast(Head, head)
            for threads in (True, False):  # (once more, one block at a time, when the rows begin elsewhere)
                frame = _read_csv(path, top, encoding, head.lines_read[header_index], head.delimiter, all_headers,
                                  list(columns), text_columns, threads)
                if _starts_as_the_head(frame, head, header_index, all_headers, text_columns):
                    break
                if threads:
                    warnings.warn(RowsReadAgain(f"{path}: the rows read began elsewhere than row "
                                                f"{head.lines_read[header_index] + 1}; read again one block at a time"), stacklevel=1)
            else:
                raise MetricsError(path, f"its rows could not be read from row {head.lines_read[header_index] + 1} "
                                         "on (the first rows read are not the file's); import it again")
        frame.columns = [columns.get(str(c), str(c).strip()) for c in frame.columns]
    except UnicodeDecodeError as exc:
        raise MetricsError(path, f"not valid {encoding} text near byte {exc.start}; save it as UTF-8 or GBK") from None
    except (ValueError, pd.errors.ParserError) as exc:
        raise MetricsError(path, _row_problem(path, encoding, str(exc).splitlines()[0])) from None
    frame = frame.rename(columns=mapped)
    first = head.lines_read[header_index] + 1 if isinstance(head, Head) else header_index + 2
    frame.index = pd.RangeIndex(first, first + len(frame))  # the rows' numbers in the file
    return frame


class RowsReadAgain(UserWarning):
    """The parser's threaded read of a CSV began elsewhere than below its header, and the file
    was read again one block at a time (every row kept): said where it can be seen (a test run
    lists it), not to a user (`retro` leaves warnings from this module out)."""


def _starts_as_the_head(frame: pd.DataFrame, head: Head, header_index: int, headers: list[str],
                        text_columns: list[str]) -> bool:
    """Whether the rows read begin with the row below the header, as the top of the file split
    by the `csv` module has it (compared on the first text column): the rows above the header
    are skipped by the parser, and a skip that went too far would lose rows without a word."""
    below = [row for row in head.rows[header_index + 1:] if any(cell.strip() for cell in row)]
    if not below or not text_columns or frame.empty or text_columns[0] not in frame:
        return True  # (nothing to compare with: the head ends at the header, or no text is read)
    at = headers.index(text_columns[0])
    if at >= len(below[0]):
        return True
    import pandas as pd

    read = frame[text_columns[0]].iloc[0]
    return ("" if pd.isna(read) else str(read)).strip() == below[0][at].strip()


ARROW_BLOCK = 1 << 20
"""pyarrow's default block: a row longer than this cannot be parsed."""
_RAGGED = re.compile(r"CSV parse error: Expected (\d+) columns, got (\d+): (.*)", re.S)


def _row_problem(path: Path, encoding: str, error: str) -> str:
    """pyarrow's parse error, with the row it is about (it does not say which)."""
    ragged = _RAGGED.match(error)
    if ragged and encoding != "xlsx":
        expected, got, line = ragged.groups()
        row = _row_of_line(path, line.encode("utf-8" if encoding == "utf-8-sig" else encoding, "replace"))
        where = f"row {row}" if row else f"a row ({line[:60]!r})"
        return f"{where} has {got} cells where the header has {expected}"
    if "straddling object" in error and encoding != "xlsx":
        row = _long_line(path, ARROW_BLOCK)
        return f"row {row or '?'} is longer than {ARROW_BLOCK >> 20} MB: not a row of a table export"
    return f"cannot read the rows: {error}"


def _chunks(path: Path, size: int = 1 << 24):
    with path.open("rb") as file:
        yield from iter(lambda: file.read(size), b"")


def _row_of_line(path: Path, line: bytes) -> int | None:
    """The 1-based line of the file that is exactly `line` (the first such), or None."""
    lines, tail = 0, b""
    for chunk in _chunks(path):
        data = tail + chunk
        for candidate in (b"\n" + line + b"\n", b"\n" + line + b"\r\n"):
            at = (b"\n" + data).find(candidate)
            if at >= 0:
                return lines + data.count(b"\n", 0, at) + 1
        cut = data.rfind(b"\n") + 1
        lines += data.count(b"\n", 0, cut)
        tail = data[cut:] if len(data) - cut <= len(line) + 2 else b""
    at_end = (b"\n" + tail).endswith(b"\n" + line)
    return lines + 1 if at_end and tail else None


def _long_line(path: Path, limit: int) -> int | None:
    """The 1-based number of the first line longer than `limit` bytes."""
    line, start, offset = 1, 0, 0
    for chunk in _chunks(path, limit):
        first = chunk.find(b"\n")
        if (offset + (len(chunk) if first < 0 else first)) - start > limit:
            return line
        if first >= 0:  # a line wholly inside a chunk is shorter than the limit
            line += chunk.count(b"\n")
            start = offset + chunk.rfind(b"\n") + 1
        offset += len(chunk)
    return None


def _read_csv(path: Path, top: bytes, encoding: str, skip_lines: int, delimiter: str, headers: list[str],
              wanted: list[str], text_columns: list[str], threads: bool = True):
    """Only the wanted columns, parsed by pyarrow on every core straight from the file's bytes
    (never held whole in memory, no transcoding: in UTF-8 and GBK alike the delimiters, quotes and line ends
    are ASCII bytes). Text is checked as UTF-8 column by column; where it is not, the column's
    distinct values are decoded as GB18030 — or, in a file whose top was UTF-8 text, that is
    reported as mixed encodings with the row."""
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pcsv

    names = [f"c{i}" for i in range(len(headers))]
    by_name: dict[str, str] = {}
    for header, name in zip(headers, names):
        by_name.setdefault(header, name)  # two columns of one name: the first, as in Excel
    read = pcsv.ReadOptions(skip_rows=skip_lines, column_names=names, use_threads=threads)
    text_types = {by_name[c]: pa.binary() for c in text_columns}

    def parse(column_types: dict, newlines_in_values: bool = False, first_block: bool = False):
        convert = pcsv.ConvertOptions(include_columns=[by_name[c] for c in wanted], check_utf8=False,
                                      column_types=column_types, strings_can_be_null=True)
        split = pcsv.ParseOptions(delimiter=delimiter, newlines_in_values=newlines_in_values)
        with pa.OSFile(str(path)) as file:
            if first_block:
                return pcsv.open_csv(file, read_options=read, convert_options=convert, parse_options=split).schema
            return pcsv.read_csv(file, read_options=read, convert_options=convert, parse_options=split)

    try:  # with the types the first block shows (inferring them over the whole file would keep all of it in memory)
        first = parse(text_types, first_block=True)
        table = parse({f.name: pa.binary() if pa.types.is_null(f.type) else f.type for f in first})
    except pa.ArrowInvalid:  # a column whose values change type further down, or quoted cells with line
        table = parse(text_types, newlines_in_values=True)  # breaks: the slower, quote-aware way
    may_be_gbk = encoding == "gb18030" or top.isascii()
    columns, decoded_as = {}, encoding
    for header in wanted:
        column = table[by_name[header]]
        if pa.types.is_binary(column.type) or pa.types.is_string(column.type):
            column = column.cast(pa.binary())  # chunk by chunk: joining them would copy the column
            try:
                text = column.cast(pa.string())  # validates UTF-8 (ASCII ids, dates and numbers are)
                if encoding == "gb18030" and not pc.all(pc.string_is_ascii(text)).as_py():
                    raise pa.ArrowInvalid("GBK text that happens to be valid UTF-8 (双十一 is)")
                column = text
            except pa.ArrowInvalid:
                if not may_be_gbk:
                    row = skip_lines + 1 + _first_not_utf8(column)
                    raise MetricsError(path, f"not valid UTF-8 at row {row}, column {header}, although the rows "
                                             "above are: mixed encodings; save the whole file as UTF-8 or GBK") from None
                decoded_as = "gb18030"  # plain ASCII at the top, GBK further down
                encoded = column.combine_chunks().dictionary_encode()
                words = [None if w is None else w.decode("gb18030", "replace") for w in encoded.dictionary.to_pylist()]
                column = pc.take(pa.array(words, pa.string()), encoded.indices)
            columns[header] = pd.Series(column, dtype="string[pyarrow]" if header in text_columns else None)
        else:
            columns[header] = column.to_pandas()
    frame = pd.DataFrame(columns)
    frame.attrs["encoding"] = decoded_as
    return frame


def _first_not_utf8(column) -> int:
    for index, value in enumerate(column.to_pylist()):
        try:
            value is None or value.decode("utf-8")
        except UnicodeDecodeError:
            return index
    return 0


def _clean(table: Table, catalogue: Catalogue) -> None:
    """Turn each column into its field's type; unreadable cells become missing and are reported."""
    import pandas as pd

    frame = table.frame
    total = _total_rows(frame)
    if total.any():
        table.dropped_rows = [int(row) for row in frame.index[total]]
        frame = frame[~total]
    columns: dict[str, Any] = {}
    for column, field_id in table.mapping.items():
        kind = field_type(catalogue, field_id)
        values = frame[field_id]
        if kind in ("money", "number", "percent"):
            parsed, bad, huge = parse_numbers(values)
            if huge.any():
                table.problems.append(Problem(column, field_id, [int(i) for i in values.index[huge]],
                                              [str(v) for v in values[huge].head(3)], TOO_LARGE))
            if table.kind == "targets" and table.encoding == "xlsx":  # see FRACTION
                columns[field_id + FRACTION] = _plain_fraction(values, parsed)
        elif kind in ("datetime", "date"):
            parsed, bad = _parse_datetimes(values)
        elif kind == "month":
            parsed, bad = _parse_months(values)
        else:
            parsed = _clean_ids(values)
            bad = _rounded(parsed) if kind == "id" and _rounded(parsed.iloc[:1000]).any() else pd.Series(False, index=values.index)
            control = parsed.str.contains(CONTROL, regex=True).fillna(False).astype(bool) if _may_hold_control(parsed) \
                else pd.Series(False, index=values.index)
            if control.any():  # they would reach the terminal and the report as they are
                table.problems.append(Problem(column, field_id, [int(i) for i in values.index[control]],
                                              [str(v) for v in values[control].head(3)], CONTROL_TEXT))
                bad = bad & ~control
        if bad.any():
            table.problems.append(Problem(column, field_id, [int(i) for i in values.index[bad]],
                                          [str(v) for v in values[bad].head(3)],
                                          *([ROUNDED_IDS] if kind == "id" else [])))
        columns[field_id] = parsed
    table.frame = pd.DataFrame(columns, index=frame.index)


FRACTION = "|fraction"
"""Suffix of a targets column marking Excel cells that hold a plain number ≤ 1: a cell shown
as `0.65%` holds 0.0065, so for a metric in % it is read as 0.65."""


def _plain_fraction(values: pd.Series, parsed: pd.Series) -> pd.Series:
    text = values.astype("string")
    return (~text.str.contains("%", regex=False).fillna(True) & (parsed.abs() <= 1)).fillna(False).astype(bool)


def _melt_targets(frame: pd.DataFrame) -> pd.DataFrame:
    """One column of targets per metric (`销售额目标`, `去年同期销售额`) → one row per metric."""
    import pandas as pd

    keys = [c for c in frame.columns if ":" not in c]
    parts = []
    for metric in dict.fromkeys(c.split(":", 1)[1].removesuffix(FRACTION) for c in frame.columns if ":" in c):
        part = frame[keys].copy()
        part["metric"] = metric
        for role in ("target", "last_year"):
            part[role] = frame.get(f"{role}:{metric}", pd.Series(float("nan"), index=frame.index))
            part[role + FRACTION] = frame.get(f"{role}:{metric}{FRACTION}", pd.Series(False, index=frame.index))
        parts.append(part[part["target"].notna() | part["last_year"].notna()])
    return pd.concat(parts)


_TOTALS = ["合计", "总计", "小计", "汇总", "全部", "Total", "total", "TOTAL", "Subtotal"]
TOTAL_WORDS = _TOTALS + [f" {w}" for w in _TOTALS] + [f"{w} " for w in _TOTALS]
"""Cells that make a line a total line (in any column)."""


def _total_rows(frame: pd.DataFrame):
    """合计 / 小计 / total lines: they would count everything twice."""
    import pandas as pd

    marks = pd.Series(False, index=frame.index)
    for column in frame.columns:
        if pd.api.types.is_string_dtype(frame[column]) or pd.api.types.is_object_dtype(frame[column]):
            marks |= frame[column].isin(TOTAL_WORDS).fillna(False)
    return marks


def parse_numbers(values: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Cells as shop back-ends write numbers → floats (`12.5%` → 12.5, `1.2万` → 12000,
    `¥1,234.50`, `-` → missing). Returns (numbers, unreadable mask, too large mask: see
    LARGEST); the cells of either mask are missing."""
    import pandas as pd

    if pd.api.types.is_numeric_dtype(values):
        return _within_reach(values.astype("float64"), pd.Series(False, index=values.index))
    text = values.astype("string").str.strip()
    empty = (text.isna() | text.isin(EMPTY)).fillna(True).astype(bool)
    fast = pd.to_numeric(text.where(~empty), errors="coerce").astype("float64")  # whole numbers too
    slow = fast.isna() & ~empty
    if slow.any():  # the number rule (numbers.NUMBER_PATTERN), a column at a time
        rest = text[slow].str.translate(rule.FULL_WIDTH)
        rest = rest.str.replace(rule.BOUND_PATTERN, "", regex=True).str.replace(rule.MARK_PATTERN, "", regex=True)
        parts = rest.str.extract(rule.MULTIPLIED_PATTERN)
        number = parts[0].where(parts[0].str.fullmatch(rule.NUMBER_PATTERN).fillna(False).astype(bool))
        factor = parts[1].map(rule.MULTIPLIERS).astype("float64").fillna(1.0)
        numbers = pd.to_numeric(number, errors="coerce") * factor
        fast[slow] = numbers.to_numpy(dtype="float64", na_value=float("nan"))
    return _within_reach(fast.astype("float64"), fast.isna() & ~empty)


def _within_reach(numbers: pd.Series, bad: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Infinities are unreadable (`inf`, `1e400`: text pyarrow reads alike); numbers of LARGEST
    or more are too large (`1e20`, a zero too many). Both become missing."""
    size = numbers.abs()
    infinite = size == float("inf")
    huge = (size >= LARGEST) & ~infinite
    return numbers.where(~(infinite | huge)), bad | infinite, huge


def _parse_datetimes(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    import pandas as pd

    if pd.api.types.is_datetime64_any_dtype(values):
        return _local_time(values), pd.Series(False, index=values.index)
    text = values.astype("string").str.strip()
    empty = text.isna() | text.isin(EMPTY)
    zoned = bool(text.str.contains(r"[+-]\d\d:?\d\d$|Z$", regex=True).fillna(False).any())
    parsed = _local_time(pd.to_datetime(text.where(~empty), errors="coerce", format="mixed", utc=zoned))
    digits = text.str.fullmatch(r"\d{8}").fillna(False)  # 20250618
    if digits.any():
        parsed[digits] = pd.to_datetime(text[digits], format="%Y%m%d", errors="coerce")
    serial = text.str.fullmatch(r"\d{5}(\.\d+)?").fillna(False)  # an Excel serial date
    if serial.any():
        parsed[serial] = pd.to_datetime(text[serial].astype(float), unit="D", origin="1899-12-30")
    return parsed, parsed.isna() & ~empty


SHOP_TIME_ZONE = "Asia/Shanghai"
"""Times with a zone are turned into the shops' local time; times without one are taken as such."""


def _local_time(values):
    if getattr(values.dt, "tz", None) is not None:
        return values.dt.tz_convert(SHOP_TIME_ZONE).dt.tz_localize(None)
    return values


def _parse_months(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """`2025年1月`, `2025-01`, `2025/1` → the month's first day."""
    import pandas as pd

    text = values.astype("string").str.strip()
    empty = text.isna() | text.isin(EMPTY)
    parts = text.str.extract(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?")
    parsed = pd.to_datetime(parts[0] + "-" + parts[1].str.zfill(2) + "-01", errors="coerce", format="%Y-%m-%d")
    return parsed, parsed.isna() & ~empty


def _may_hold_control(text: pd.Series) -> bool:
    """Whether any value might hold a control character, from the raw UTF-8 bytes of the whole
    column at once (a regular expression over a million ids costs ~50 ms; this, ~3 ms). True
    may be a false alarm (bytes outside the values); False is certain."""
    import numpy as np
    import pyarrow as pa

    try:
        chunks = pa.chunked_array(text.array.__arrow_array__()).chunks  # string[pyarrow]: no copy
    except AttributeError:
        return True
    for chunk in chunks:
        buffer = chunk.buffers()[2]
        if buffer is None:
            continue
        data = np.frombuffer(buffer, dtype=np.uint8)
        if len(data) == 0 or (data.min() >= 0x20 and data.max() < 0x7F):  # printable ASCII: the usual case
            continue
        c0 = ((data < 0x20) & (data != 0x09) & (data != 0x0A)) | (data == 0x7F)
        c1 = (data[:-1] == 0xC2) & (data[1:] >= 0x80) & (data[1:] <= 0x9F)  # U+0080–U+009F in UTF-8
        if c0.any() or c1.any():
            return True
    return False


def _rounded(ids: pd.Series) -> pd.Series:
    """Ids a spreadsheet turned into numbers (`4.32393E+18`); a whole column is, so the first
    rows tell whether to look further."""
    return ids.str.fullmatch(r"\d+(\.\d+)?[eE]\+?\d+").fillna(False).astype(bool)


def _clean_ids(values: pd.Series) -> pd.Series:
    """Ids as text, without the wrappers exports put around them (`="…"`, a tab, a quote)."""
    text = values.astype("string[pyarrow]")
    wrapped = (text.str.startswith(("=", "'", "`", '"', " ", "\t")) | text.str.endswith((" ", '"'))).fillna(False)
    if wrapped.any():  # only then the (slow) rewriting
        text = text.where(~wrapped, text[wrapped].str.strip().str.replace(r'^="?|"$|^[\'`]+', "", regex=True).str.strip())
    return text
