"""Checklists: the YAML templates a workbook is made from.

A checklist is data (`checklists/*.yaml`); this module declares its shape as msgspec structs
(which also give the JSON Schema), loads it with libyaml, and turns every problem into a
`ChecklistError` naming the file, the line and the field.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

import msgspec

from .atomic import write_atomic_bytes
from .datafile import DataFileError, line_of, parse_struct, read_text, yaml_loader
from .i18n import Bilingual, Lang, Text, pick
from .paths import user_checklist_dir

Id = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^[a-z0-9][a-z0-9_-]*$",
        description="Lower-case letters, digits, '-' and '_'; unique among its siblings.",
    ),
]
Direction = Literal["higher", "lower"]


class ChecklistError(DataFileError):
    """A checklist that cannot be used, with where the problem is."""


class Option(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """One answer of a `choice` item or a choice column."""

    id: Id
    label: Text
    closed: bool = False
    """A status that finishes a row (done, solved): such rows stay behind when a review is
    carried into the next (see `Carry`)."""


def option_label(options: list[Option] | None, option_id: str, lang: Lang) -> str:
    """The label of the option `option_id` (the id itself if there is no such option)."""
    for option in options or []:
        if option.id == option_id:
            return pick(option.label, lang)
    return option_id


class Column(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """A column of a `records` item."""

    id: Id
    label: Text
    kind: Literal["text", "number", "choice", "date", "metric", "now"] = "text"
    """What a cell holds; `choice` needs `options`, `date` is YYYY-MM-DD; `metric` is text that
    may name a row of the targets tables (the metric an action should move); `now` is not
    typed: it shows the actual of the row named in the `metric` column `of`."""
    options: list[Option] | None = None
    metric: str | None = None
    """For `number`: the catalogue metric an import fills the cell with, over the row's days
    (see `Timeline`)."""
    of: Id | None = None
    """For `now`: the `metric` column whose row it shows."""
    against: Id | None = None
    """For `now`: the column holding the value expected; when that is a number, the value now
    is marked as reaching it or not (in the row's direction)."""
    width: Annotated[int, msgspec.Meta(ge=4, le=80)] | None = None
    """Column width in cells on screen (default: shared equally)."""


class TargetRow(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """A metric row of a `targets` table."""

    id: Id
    label: Text
    unit: Text | None = None
    """The unit values are typed in, e.g. 元, %, 人."""
    direction: Direction = "higher"
    """`lower` for costs, refund rate, staff turnover: being under target is met."""
    metric: str | None = None
    """The catalogue metric (checklists/metrics.yaml) that imported data fills this row from."""
    channel: str | None = None
    """Only this channel's rows of the data (as the files name it: 天猫, 京东 …)."""
    sku: str | None = None
    """Only this SKU's rows (商家编码)."""
    campaign: str | None = None
    """A campaign (618, 双十一): its targets, over its days as the targets file gives them
    unless `window` says."""
    window: Annotated[str, msgspec.Meta(pattern=r"^(\d{4}-)?\d{2}-\d{2}\.\.(\d{4}-)?\d{2}-\d{2}$")] | None = None
    """Days within the period, `05-20..06-18` (in the period's year) or with years."""
    product: Annotated[dict[Id, str], msgspec.Meta(min_length=1)] | None = None
    """Only the products whose master (products.csv) has these attributes, joined to the other
    files by SKU: `{season: 春夏}`, `{category: 冲锋衣, new_or_old: 新品}`."""
    help: Text | None = None


class _Item(msgspec.Struct, tag_field="kind", forbid_unknown_fields=True, kw_only=True):
    id: Id
    label: Text
    help: Text | None = None
    """What the room should think about before answering."""
    lead: bool = False
    """Opens the report (its summary, read first), instead of standing in its section there."""

    @property
    def kind(self) -> str:
        return self.__struct_config__.tag  # type: ignore[return-value]


class TextItem(_Item, tag="text"):
    """One line of text."""

    placeholder: Text | None = None


class NoteItem(_Item, tag="note"):
    """Several lines of text."""

    placeholder: Text | None = None


class NumberItem(_Item, tag="number"):
    """A number with its unit."""

    unit: Text | None = None


class ChoiceItem(_Item, tag="choice"):
    """One of a few options."""

    options: Annotated[list[Option], msgspec.Meta(min_length=1)]


class ChecksItem(_Item, tag="checks"):
    """A list of yes/no points."""

    points: Annotated[list[Option], msgspec.Meta(min_length=1)]


class Carry(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Rows that come back in the next review (`retro new --from`): open actions, unresolved
    issues."""

    status: Id
    """The choice column whose option says whether a row is finished (`closed: true`)."""
    mark: Id | None = None
    """A choice column set on each carried row …"""
    value: Id | None = None
    """… to this option (e.g. recurring, from last review)."""


class Link(msgspec.Struct, forbid_unknown_fields=True):
    """A column of another records item (found by item id in any section)."""

    item: Id
    column: Id


class Timeline(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """A table of dated rows: a new workbook starts it with the promotion calendar's events
    within its period, rows stay in date order, and a column with a `metric` is filled by an
    import over each row's days."""

    date: Id
    """The date column: an event's first day."""
    until: Id | None = None
    """The date column of its last day (one day when empty)."""
    event: Id
    """The text column an event's name goes in."""
    mark: Id | None = None
    """A choice column set on each row from the calendar …"""
    value: Id | None = None
    """… to this option."""
    phases: bool = False
    """Start with the phases of the campaigns in the period (618 warm-up, opening …) instead
    of the events."""


class RecordsItem(_Item, tag="records"):
    """A table of rows the room adds, with declared columns."""

    columns: Annotated[list[Column], msgspec.Meta(min_length=1)]
    carry: Carry | None = None
    """Carry the rows still open into the next review made from this one."""
    expects: list[Id] = []
    """Columns every row should fill (an action's owner and due date): checked before export."""
    answered_in: Link | None = None
    """Open rows (see `carry`) should be named in that column (an unresolved issue, by an
    action): checked before export."""
    calendar: Timeline | None = None

    def has_answer(self, row: dict[str, Any]) -> bool:
        """Whether a row holds something said or measured — not only what a new review starts
        a timeline with (a calendar event's days and name). A dated row the room added (its
        `mark` not the calendar's) counts."""
        timeline = self.calendar
        seeded = {timeline.date, timeline.until, timeline.event, timeline.mark} if timeline else set()
        if any(row.get(c.id) not in (None, "") for c in self.columns if c.id not in seeded):
            return True
        return bool(timeline and timeline.mark and row.get(timeline.mark) != timeline.value
                    and any(row.get(c) not in (None, "") for c in (timeline.date, timeline.event)))

    @property
    def status_column(self) -> Column | None:
        """The choice column that says whether a row is finished (see `carry`)."""
        return next((c for c in self.columns if self.carry and c.id == self.carry.status), None)

    def is_open(self, row: dict[str, Any]) -> bool:
        """Whether a row is still open: its status is not an option marked `closed`."""
        status = self.status_column
        return status is None or row.get(status.id) not in {o.id for o in status.options or [] if o.closed}


class TargetsItem(_Item, tag="targets"):
    """A target-vs-result table: each row has a target and an actual."""

    rows: Annotated[list[TargetRow], msgspec.Meta(min_length=1)]
    explained_in: Link | None = None
    """A missed row should be named (by its label) in that column, e.g. the causes' "target
    affected": checked before export."""


class LedgerItem(TargetsItem, tag="ledger"):
    """Cost lines, budget (target) against spend (actual), as a targets table that also shows
    each line's share of the spend and a total row."""

    revenue: Annotated[str, msgspec.Meta(pattern=r"^[a-z0-9][a-z0-9_-]*\.[a-z0-9][a-z0-9_-]*$")] | None = None
    """`ITEM.ROW` of a targets table in the same section whose actual is the turnover: the total
    spend is then also shown as a share of it (cost ratio)."""
    by_month: bool = False
    """Also each line's spend month by month (whole months of the period), filled by import
    and shown in the report."""


class GapItem(_Item, tag="gap"):
    """Why sales missed (or beat) their target: the gap split into what visitors, conversion
    and average order value each contributed, month by month. Filled by importing the shop
    daily report and monthly targets with factor columns; read-only."""

    channel: str | None = None
    """Only this channel's targets (and its shop report), as the files name it: 天猫."""


def _by_id(entries, entry_id: str):
    """The entry of `entries` with this id (KeyError if none)."""
    found = next((entry for entry in entries if entry.id == entry_id), None)
    if found is None:
        raise KeyError(entry_id)
    return found


Item = TextItem | NoteItem | NumberItem | ChoiceItem | ChecksItem | RecordsItem | TargetsItem | LedgerItem | GapItem
ITEM_KINDS = ("text", "note", "number", "choice", "checks", "records", "targets", "ledger", "gap")


class Section(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """One screen of the review."""

    id: Id
    title: Text
    guide: Text
    """What the facilitator asks and looks for in this section."""
    items: Annotated[list[Item], msgspec.Meta(min_length=1)]
    minutes: Annotated[float, msgspec.Meta(gt=0, le=24 * 60)] | None = None
    """The time the meeting plans for this section (its time-box), in minutes."""

    def item(self, item_id: str) -> Item:
        return _by_id(self.items, item_id)


class Checklist(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """A review template: ordered sections of items."""

    id: Id
    version: Annotated[int, msgspec.Meta(ge=1)]
    title: Text
    description: Text
    sections: Annotated[list[Section], msgspec.Meta(min_length=1)]
    campaign: str | None = None
    """The campaign a checklist is for as shipped (618): its rows naming it are for the campaign
    the workbook names instead (`retro new --campaign 双十一`)."""

    def ids_digest(self) -> str:
        """What answers a workbook can hold under this checklist, in 16 hex digits: a digest of
        its section and item ids (a checklist of the same id whose ids differ places some
        answers nowhere)."""
        from hashlib import sha256

        ids = sorted(f"{section.id}.{item.id}" for section in self.sections for item in section.items)
        return sha256("\n".join(ids).encode()).hexdigest()[:16]

    def section(self, section_id: str) -> Section:
        return _by_id(self.sections, section_id)

    def title_in(self, lang: Lang) -> str:
        return pick(self.title, lang)


@dataclass(frozen=True)
class ChecklistInfo:
    id: str
    version: int
    title: Text
    path: Path
    campaign: str | None = None
    """The campaign the checklist is for as shipped (see Checklist.campaign)."""


def json_schema() -> dict[str, Any]:
    """A JSON Schema of the checklist format, for editors."""
    schema = msgspec.json.schema(Checklist)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "retro_tui checklist"
    return schema


# --- loading ---------------------------------------------------------------------------


def bundled_dir() -> Path:
    """The checklists shipped with retro_tui (inside the installed package, or the repo's)."""
    here = Path(__file__).resolve().parent
    inside = here / "checklists"
    return inside if inside.is_dir() else here.parent / "checklists"


def search_dirs() -> list[Path]:
    """Where checklists are looked for: the user's own first, then the bundled ones."""
    return [user_checklist_dir(), bundled_dir()]


def load(path: Path | str) -> Checklist:
    """Read and validate one checklist file — or take it from the cache of checklists already
    read, when the file has not changed since (that skips importing and running PyYAML, a
    third of the time `retro export` takes)."""
    path = Path(path)
    cached, key = _cache_file(path)
    if cached is not None:
        try:
            entry = msgspec.msgpack.decode(cached.read_bytes(), type=_Cached)
            if entry.key == key:
                return entry.checklist
        except (OSError, msgspec.DecodeError):
            pass
    checklist = parse(read_text(path, ChecklistError), path)
    if cached is not None:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            write_atomic_bytes(cached, msgspec.msgpack.encode(_Cached(key, checklist)))
        except OSError:
            pass  # a read-only cache folder: read the YAML each time
    return checklist


class _Cached(msgspec.Struct):
    key: list[str | int]
    checklist: Checklist


def _cache_file(path: Path) -> tuple[Path | None, list[str | int]]:
    """Where a parsed copy of the checklist at `path` is kept, and what it must match: the
    file's path, size and time, and the rules it was checked by (`rules_digest`)."""
    from hashlib import sha1

    from .paths import user_cache_dir

    try:
        stat = path.stat()
    except OSError:
        return None, []
    where = str(path.resolve())
    name = sha1(where.encode(), usedforsecurity=False).hexdigest()
    return user_cache_dir() / "checklists" / f"{name}.msgpack", [where, stat.st_size, stat.st_mtime_ns, rules_digest()]


@lru_cache(maxsize=1)
def rules_digest() -> str:
    """A digest of what a checklist is read and checked by — this module, the data-file parser
    and the metric catalogue — so that a checklist parsed by other rules is parsed again."""
    from hashlib import sha1

    from .datafile import __file__ as datafile

    digest = sha1(usedforsecurity=False)
    for rules in (Path(__file__), Path(datafile), bundled_dir() / "metrics.yaml"):
        try:
            digest.update(rules.read_bytes())
        except OSError:
            digest.update(b"?")  # (then the catalogue cannot be read either: parsing says why)
    return digest.hexdigest()


def parse(text: str, path: Path | str = "<checklist>") -> Checklist:
    checklist = parse_struct(text, path, Checklist, ChecklistError, kinds=ITEM_KINDS)
    for field, message in _problems(checklist):
        raise ChecklistError(path, line_of(text, field), field, message)
    return checklist


class UnknownChecklist(ChecklistError):
    """No checklist has this id."""

    def __init__(self, checklist_id: str, known: list[str]):
        self.known = known
        super().__init__(checklist_id, None, "", f"unknown checklist; available: {', '.join(known) or 'none'}")


def find(checklist_id: str) -> Checklist:
    """The checklist with this id (or at this path): the user's own first, then the bundled ones."""
    return find_file(checklist_id)[0]


def find_file(checklist_id: str) -> tuple[Checklist, Path]:
    """The checklist with this id (or at this path), and the file it was read from."""
    as_path = Path(checklist_id)
    if as_path.suffix in (".yaml", ".yml") and as_path.is_file():
        return load(as_path), as_path
    user, bundled = search_dirs()
    if user.is_dir():  # few files: look at each, whatever its name
        for info in _infos(user):
            if info.id == checklist_id:
                return load(info.path), info.path
    named = bundled / f"{checklist_id}.yaml"  # the fast way for the bundled ones
    if named.is_file():
        checklist = load(named)
        if checklist.id == checklist_id:
            return checklist, named
    for info in _infos(bundled):
        if info.id == checklist_id:
            return load(info.path), info.path
    raise UnknownChecklist(checklist_id, [info.id for info in available()])


def available() -> list[ChecklistInfo]:
    """Every loadable checklist in the search directories (a user's copy shadows a bundled one)."""
    found: dict[str, ChecklistInfo] = {}
    for directory in search_dirs():
        for info in _infos(directory):
            found.setdefault(info.id, info)
    return sorted(found.values(), key=lambda info: info.id)


def _infos(directory: Path) -> Iterator[ChecklistInfo]:
    """The checklists in one directory: through the cache of parsed checklists when they are
    valid (no YAML to read), else read only far enough to know their id and title (loading
    one then says what is wrong with it)."""
    for path in sorted(directory.glob("*.yaml")) if directory.is_dir() else ():
        if not path.is_file():
            continue  # a pipe or a device named like a checklist: reading it would never end
        if not _may_be_checklist(path):
            continue  # a data file beside them (the metric catalogue, the formats): not parsed twice to find out
        try:
            checklist = load(path)
        except ChecklistError:
            head = _head(path)
            if head is not None:
                campaign = head.get("campaign")
                yield ChecklistInfo(head["id"], head.get("version", 0), _text(head.get("title")), path,
                                    campaign if isinstance(campaign, str) else None)
            continue
        yield ChecklistInfo(checklist.id, checklist.version, checklist.title, path, checklist.campaign)


def _may_be_checklist(path: Path) -> bool:
    """Whether a YAML file says `sections` at all (read as text, not parsed): a checklist must."""
    try:
        return b"sections" in path.read_bytes()
    except OSError:
        return True  # loading it says what is wrong


def _head(path: Path) -> dict[str, Any] | None:
    """The top of a file that does not load as a checklist, if it is one at all."""
    import yaml

    try:
        head = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml_loader())
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    if not isinstance(head, dict) or "sections" not in head or not isinstance(head.get("id"), str):
        return None  # another data file, or not a checklist
    return head


def _text(value: Any) -> Text:
    if isinstance(value, dict):
        return Bilingual(zh=str(value.get("zh", "")), en=str(value.get("en", "")))
    return str(value or "")


# --- error messages with lines ---------------------------------------------------------

def _carry_problems(item: RecordsItem, where: str) -> Iterator[tuple[str, str]]:
    choices = {c.id: c for c in item.columns if c.kind == "choice"}
    carry = item.carry
    if carry.status not in choices:
        yield f"{where}.status", f"'{carry.status}' is not a choice column of this table"
    if carry.mark is not None:
        if carry.mark not in choices:
            yield f"{where}.mark", f"'{carry.mark}' is not a choice column of this table"
        elif carry.value not in {o.id for o in choices[carry.mark].options or []}:
            yield f"{where}.value", f"'{carry.value}' is not an option of the column '{carry.mark}'"


def _names_row(section: Section, where: str) -> bool:
    item_id, row_id = where.split(".")
    item = next((i for i in section.items if i.id == item_id), None)
    return isinstance(item, TargetsItem) and any(r.id == row_id for r in item.rows)


def _calendar_problems(item: RecordsItem, where: str) -> Iterator[tuple[str, str]]:
    kinds = {c.id: c for c in item.columns}
    timeline = item.calendar
    for field, wanted in (("date", "date"), ("until", "date"), ("event", "text"), ("mark", "choice")):
        column_id = getattr(timeline, field)
        if column_id is not None and getattr(kinds.get(column_id), "kind", None) != wanted:
            yield f"{where}.{field}", f"'{column_id}' is not a {wanted} column of this table"
    if timeline.mark in kinds and timeline.value not in {o.id for o in kinds[timeline.mark].options or []}:
        yield f"{where}.value", f"'{timeline.value}' is not an option of the column '{timeline.mark}'"


def _problems(checklist: Checklist) -> Iterator[tuple[str, str]]:
    """What the format alone does not catch: ids used twice, and names that point nowhere."""
    yield from _duplicate_ids(checklist)
    yield from _references(checklist)


def _references(checklist: Checklist) -> Iterator[tuple[str, str]]:
    """Metrics the catalogue does not have, and columns or tables a check names that are not
    there (each would be passed over in silence when the workbook is filled or checked)."""
    import difflib

    from .metrics.catalogue import load as catalogue

    metrics = catalogue().metrics
    tables = {item.id: item for section in checklist.sections for item in section.items
              if isinstance(item, RecordsItem)}

    def metric(name: str | None, where: str) -> Iterator[tuple[str, str]]:
        if name is not None and name not in metrics:
            close = difflib.get_close_matches(name, list(metrics), n=1)
            yield where, f"unknown metric '{name}'" + (f" (did you mean '{close[0]}'?)" if close else "")

    def link(to: Link | None, where: str) -> Iterator[tuple[str, str]]:
        if to is None:
            return
        if to.item not in tables:
            yield f"{where}.item", f"'{to.item}' is not a records table of this checklist"
        elif to.column not in {c.id for c in tables[to.item].columns}:
            yield f"{where}.column", f"'{to.column}' is not a column of '{to.item}'"

    for s_index, section in enumerate(checklist.sections):
        for i_index, item in enumerate(section.items):
            here = f"sections[{s_index}].items[{i_index}]"
            if isinstance(item, TargetsItem):
                for r_index, row in enumerate(item.rows):
                    yield from metric(row.metric, f"{here}.rows[{r_index}].metric")
                yield from link(item.explained_in, f"{here}.explained_in")
            elif isinstance(item, RecordsItem):
                for c_index, column in enumerate(item.columns):
                    yield from metric(column.metric, f"{here}.columns[{c_index}].metric")
                columns = {c.id for c in item.columns}
                for e_index, column_id in enumerate(item.expects):
                    if column_id not in columns:
                        yield f"{here}.expects[{e_index}]", f"'{column_id}' is not a column of this table"
                yield from link(item.answered_in, f"{here}.answered_in")


def _duplicate_ids(checklist: Checklist) -> Iterator[tuple[str, str]]:
    def dupes(ids: list[str], where: str) -> Iterator[tuple[str, str]]:
        seen: set[str] = set()
        for index, value in enumerate(ids):
            if value in seen:
                yield f"{where}[{index}].id", f"duplicate id '{value}'"
            seen.add(value)

    yield from dupes([s.id for s in checklist.sections], "sections")
    for s_index, section in enumerate(checklist.sections):
        base = f"sections[{s_index}].items"
        yield from dupes([i.id for i in section.items], base)
        for i_index, item in enumerate(section.items):
            here = f"{base}[{i_index}]"
            if isinstance(item, ChoiceItem):
                yield from dupes([o.id for o in item.options], f"{here}.options")
            elif isinstance(item, ChecksItem):
                yield from dupes([p.id for p in item.points], f"{here}.points")
            elif isinstance(item, TargetsItem):
                yield from dupes([r.id for r in item.rows], f"{here}.rows")
                if isinstance(item, LedgerItem) and item.revenue and not _names_row(section, item.revenue):
                    yield f"{here}.revenue", f"'{item.revenue}' is not ITEM.ROW of a targets table in this section"
            elif isinstance(item, RecordsItem):
                yield from dupes([c.id for c in item.columns], f"{here}.columns")
                kinds = {c.id: c.kind for c in item.columns}
                for c_index, column in enumerate(item.columns):
                    if column.kind == "choice" and not column.options:
                        yield f"{here}.columns[{c_index}].options", "a choice column needs options"
                    if column.kind == "now" and kinds.get(column.of or "") != "metric":
                        yield f"{here}.columns[{c_index}].of", "a `now` column needs `of`: a metric column of this table"
                    if column.against is not None and column.against not in kinds:
                        yield f"{here}.columns[{c_index}].against", f"'{column.against}' is not a column of this table"
                if item.carry:
                    yield from _carry_problems(item, f"{here}.carry")
                if item.calendar:
                    yield from _calendar_problems(item, f"{here}.calendar")
                for c_index, column in enumerate(item.columns):
                    if column.metric is not None and column.kind != "number":
                        yield f"{here}.columns[{c_index}].metric", "only a number column can be filled with a metric"
                    if column.metric is not None and not item.calendar:
                        yield f"{here}.columns[{c_index}].metric", "a metric column needs the table's `calendar` (the rows' days)"
