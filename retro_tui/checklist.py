"""Checklists: the YAML templates a workbook is made from.

A checklist is data (`checklists/*.yaml`); this module declares its shape as msgspec structs
(which also give the JSON Schema), loads it with libyaml, and turns every problem into a
`ChecklistError` naming the file, the line and the field.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Union

import msgspec

from .atomic import write_atomic_bytes
from .datafile import DataFileError, line_of, parse_struct, read_text, yaml_loader
from .i18n import Bilingual, Lang, Text, pick
from .kinds import KINDS, kind_of
from .kinds.base import Direction, Id, ItemBase, Link, Option, duplicates, option_label
from .kinds.checks import ChecksItem
from .kinds.choice import ChoiceItem
from .kinds.gap import GapItem
from .kinds.ledger import LedgerItem
from .kinds.note import NoteItem
from .kinds.number import NumberItem
from .kinds.records import Carry, Column, RecordsItem, Timeline
from .kinds.targets import TargetRow, TargetsItem
from .kinds.text import TextItem
from .paths import user_checklist_dir

__all__ = ["Carry", "ChecksItem", "ChoiceItem", "Column", "Direction", "GapItem", "Id", "ItemBase", "LedgerItem", "Link",
           "NoteItem", "NumberItem", "Option", "RecordsItem", "TargetRow", "TargetsItem", "TextItem", "Timeline",
           "option_label"]
"""The kinds' structs, where the checklist's shape is looked for."""



class ChecklistError(DataFileError):
    """A checklist that cannot be used, with where the problem is."""


































def _by_id(entries, entry_id: str):
    """The entry of `entries` with this id (KeyError if none)."""
    found = next((entry for entry in entries if entry.id == entry_id), None)
    if found is None:
        raise KeyError(entry_id)
    return found


if TYPE_CHECKING:
    Item = ItemBase
else:
    Item = Union[tuple(kind.item for kind in KINDS.values())]  # noqa: UP007 (built from the registry)
"""A checklist item: one of the kinds' structs (see `retro_tui.kinds`); to a type checker, what
they share."""
ITEM_KINDS = tuple(KINDS)


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


class ChecklistInfo(msgspec.Struct, frozen=True):
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
    third of the time `retro export` takes). The cache is pickled: the checklist comes back as
    it was made, with no decoding by type to prepare (msgpack by type: ≈ 4 ms of each start)."""
    import pickle

    path = Path(path)
    cached, key = cache_file(path)
    if cached is not None:
        try:
            entry = pickle.loads(cached.read_bytes())
            if isinstance(entry, _Cached) and entry.key == key:
                return entry.checklist
        except Exception:  # noqa: BLE001 (a cache file damaged, or of another release: read past)
            pass
    checklist = parse(read_text(path, ChecklistError), path)
    if cached is not None:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            write_atomic_bytes(cached, pickle.dumps(_Cached(key, checklist), protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass  # a read-only cache folder: read the YAML each time
    return checklist


class _Cached(msgspec.Struct):
    key: list[str | int]
    checklist: Checklist


def cache_file(path: Path) -> tuple[Path | None, list[str | int]]:
    """Where a parsed copy of the checklist at `path` is kept, and what it must match: the
    file's path, size and time, and the rules it was checked by (`rules_digest`). The copy is
    named by a CRC-32 of the path (two paths of one name would take turns: the key tells them
    apart); no cryptographic hash is needed here, nor its library's start-up."""
    import zlib

    from .paths import user_cache_dir

    try:
        stat = path.stat()
    except OSError:
        return None, []
    where = str(path.resolve())
    name = f"{zlib.crc32(where.encode()):08x}"
    return user_cache_dir() / "checklists" / f"{name}.pickle", [where, stat.st_size, stat.st_mtime_ns, rules_digest()]


@lru_cache(maxsize=1)
def rules_digest() -> str:
    """A CRC-32 of what a checklist is read and checked by — this module, the data-file parser,
    the item kinds, the structs they are made of and the metric catalogue — so that a checklist
    parsed by other rules, or pickled as other structs, is parsed again."""
    import zlib

    from .datafile import __file__ as datafile

    digest = 0
    here = Path(__file__).parent
    kinds = sorted((here / "kinds").glob("*.py"))
    structs = (here / "i18n.py", here / "answers.py")  # (the kinds' texts and answers: structs pickled with them)
    for rules in (Path(__file__), Path(datafile), *kinds, *structs, bundled_dir() / "metrics.yaml"):
        try:
            digest = zlib.crc32(rules.read_bytes(), digest)
        except OSError:
            digest = zlib.crc32(b"?", digest)  # (then the catalogue cannot be read either: parsing says why)
    return f"{digest:08x}"


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







def _problems(checklist: Checklist) -> Iterator[tuple[str, str]]:
    """What the format alone does not catch: ids used twice, and names that point nowhere
    (each kind checks its own items: see `retro_tui.kinds`)."""
    yield from duplicates([s.id for s in checklist.sections], "sections")
    for s_index, section in enumerate(checklist.sections):
        yield from duplicates([i.id for i in section.items], f"sections[{s_index}].items")
    for s_index, section in enumerate(checklist.sections):
        for i_index, item in enumerate(section.items):
            yield from kind_of(item).checks(item, f"sections[{s_index}].items[{i_index}]", section, checklist)
