"""The workbook: one review's answers in one TOML file, edited in place.

The file belongs to the user. It is parsed with tomlkit and every change is made to that
document, so comments, blank lines, key order and keys retro_tui does not know survive each
save. Saves are atomic (see `atomic.write_atomic`). Layout::

    schema = 1

    [workbook]
    checklist = "annual-review"       # checklist id and version it was made from,
    checklist_version = 1             # and a digest of its section and item ids
    checklist_ids = "3f0c9a1d5e7b2c48"
    title = "2025 年度复盘"
    period_start = 2025-01-01
    period_end = 2025-12-31
    ...

    [answers.goals]                    # one table per section, keyed by item id
    highlights = \"\"\"...\"\"\"

    [answers.goals.targets]            # a targets item: one inline table per row id
    sales = { target = 6190000, actual = 6470283.44 }

    [[answers.process-issues.issues]]  # a records item: an array of tables
    issue = "..."
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, overload

import msgspec
import tomli

from ..lazy import lazy_import

if TYPE_CHECKING:
    from concurrent.futures import Future

    import tomlkit
    from tomlkit.items import AoT, Table
else:
    tomlkit = lazy_import("tomlkit")  # (reading a workbook needs tomli only: see `doc`)

from .. import answers
from .. import checklist as checklists
from ..answers import GapSplit, Record, TargetValues
from ..checklist import (
    Checklist,
    ChecklistError,
    Item,
    Section,
    UnknownChecklist,
)
from ..errors import RetroError
from ..i18n import LANGS, Lang, pick
from ..kinds import kind_of
from . import files
from .checks import check_layout, check_values
from .tomledit import append_child, inline, new_table, unwrapped

SCHEMA = 1
"""The version of the file layout this code reads and writes."""

HEADER = (
    "retro_tui workbook: one review's answers. You may edit it by hand;",
    "comments and keys you add are kept when the app saves.",
)


class WorkbookError(RetroError):
    """A workbook that cannot be opened or saved, with where the problem is."""

    path: Path

    def __init__(self, path: Path | str, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message, path, line, column=column)


class AnswerMismatch(WorkbookError):
    """An answer that is not what its checklist item holds (text where a number goes): the file
    is sound, the answer or the checklist changed. Its earlier copy is no cure."""


class WorkbookChanged(WorkbookError):
    """The file on disk is no longer the one this workbook was loaded from or last saved as
    (edited by hand, a `git pull`, another window): saving would overwrite that."""

    def __init__(self, path: Path | str, disk_text: str | None):
        self.disk_text = disk_text
        """What is on disk now (None: the file was deleted or cannot be read)."""
        super().__init__(path, "changed on disk since it was opened" if disk_text is not None else "deleted or unreadable on disk since it was opened")


class WorkbookExists(WorkbookError):
    """A new workbook would replace a file that is already there."""


def now() -> dt.datetime:
    return dt.datetime.now().astimezone().replace(microsecond=0)


_WHERE = re.compile(r" \(at line (\d+), column (\d+)\)")


def answer_text(value: Any) -> str:
    """An answer as plain text, whatever its shape: a table's rows one per line, a row's cells
    as `key: value` (for answers no section shows)."""
    if isinstance(value, dict):
        return "; ".join(f"{key}: {answer_text(cell)}" for key, cell in value.items())
    if isinstance(value, list):
        return "\n".join(answer_text(row) for row in value)
    return str(value)


def default_title(checklist: Checklist, period: tuple[dt.date, dt.date], lang: Lang, campaign: str = "") -> str:
    """`2025 年度复盘` / `Annual review 2025`; `2025 双十一 大促复盘` for a campaign's."""
    start, end = period
    span = str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    name = f"{campaign} {checklist.title_in(lang)}" if campaign else checklist.title_in(lang)
    return f"{span} {name}" if lang == "zh" else f"{name} {span}"


class Workbook:
    """One review's answers, bound to the checklist it was made from."""

    def __init__(self, path: Path, checklist: Checklist, *, doc: tomlkit.TOMLDocument | None = None,
                 text: str = "", data: dict[str, Any] | None = None):
        self.path = Path(path)
        self.checklist = checklist
        self._doc = doc
        self._parsing: Future[tomlkit.TOMLDocument] | None = None  # the document being parsed (see `parse_soon`)
        self._text = text
        self._data = data
        """The file as plain data (read with the fast tomli) until the first edit parses it with tomlkit."""
        self.checklist_file: Path | None = None
        """The file the checklist was read from (None for a workbook made in memory)."""
        self.on_disk: bytes | None = None
        """The file's bytes as this workbook last read or wrote them: a save first checks the file still holds them."""
        self.backed_up = False
        """Whether this session already kept the file as it was opened in `<name>.bak`."""
        self.reshaped = True
        """Tables were added or removed since the whole text was last checked (see `save`)."""
        self.saved_text = text
        """The text as last read or written ("" for a workbook made in memory): the state an
        undo goes back to, without writing the document out again."""

    @property
    def doc(self) -> tomlkit.TOMLDocument:
        """The editable document; parsed on first use, so opening and exporting stay fast (or
        being parsed already: see `parse_soon`)."""
        if self._doc is None:
            parsing, self._parsing = self._parsing, None
            doc = parsing.result() if parsing is not None else self._parsed()
            self._doc, self._data = doc, None
        return self._doc

    def _parsed(self) -> tomlkit.TOMLDocument:
        try:
            doc = tomlkit.parse(self._text)
        except tomlkit.exceptions.TOMLKitError as exc:
            raise WorkbookError(self.path, f"not valid TOML: {exc}") from None
        except RecursionError:
            raise WorkbookError(self.path, "not valid TOML: nested too deeply") from None
        check_layout(self, doc, self._text)
        return doc

    def parsing(self):
        """The parse for editing under way (a Future), or None."""
        return self._parsing

    def parse_soon(self) -> None:
        """Parse the file for editing in a thread, while it is shown (the first edit waits for
        it): tomlkit takes 40 ms for a year's review (a few dozen KB) and seconds for a
        workbook of many thousand rows, and the answers are on screen sooner from the fast read."""
        if self._doc is None and self._parsing is None:
            from concurrent.futures import ThreadPoolExecutor

            tomlkit.parse  # noqa: B018 (loaded here: a module loaded lazily is loaded by one thread at a time)
            pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="parse")
            self._parsing = pool.submit(self._parsed)
            pool.shutdown(wait=False)  # (the thread ends when the parse does)

    def plain(self) -> Any:
        """The file as plain data: read with tomli, or the document once parsed for editing."""
        return self._data if self._doc is None else self._doc

    # --- creating and opening ----------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: Path | str,
        checklist: Checklist,
        *,
        title: str,
        period: tuple[dt.date, dt.date],
        language: Lang,
        team: str = "",
        facilitator: str = "",
        campaign: str = "",
    ) -> Workbook:
        """A new, empty workbook in memory (call `save` to write it)."""
        doc = tomlkit.document()
        for line in HEADER:
            doc.add(tomlkit.comment(line))
        doc.add("schema", SCHEMA)
        meta = tomlkit.table()
        meta.add("checklist", checklist.id)
        meta.add("checklist_version", checklist.version)
        meta.add("checklist_ids", checklist.ids_digest())
        meta.add("title", title)
        meta.add("period_start", period[0])
        meta.add("period_end", period[1])
        meta.add("team", team)
        meta.add("facilitator", facilitator)
        if campaign:
            meta.add("campaign", campaign)
        meta.add("language", language)
        stamp = now()
        meta.add("created", stamp)
        meta.add("updated", stamp)
        doc.add(tomlkit.nl())
        doc.add("workbook", meta)
        answers = tomlkit.table(is_super_table=True)
        for section in checklist.sections:
            answers.add(section.id, tomlkit.table())
        doc.add("answers", answers)
        return cls(Path(path), checklist, doc=doc)

    @classmethod
    def new_file(
        cls,
        path: Path | str,
        checklist: Checklist,
        *,
        period: tuple[dt.date, dt.date],
        language: Lang,
        title: str = "",
        team: str = "",
        facilitator: str = "",
        campaign: str = "",
        replace: bool = False,
    ) -> Workbook:
        """Create and save a new workbook file (its folder too), its timelines started with the
        promotion calendar's events; the title defaults to the checklist's with the year.
        Raises WorkbookExists rather than replace a file."""
        path = Path(path)
        if path.exists() and not replace:
            raise WorkbookExists(path, "already exists")
        from ..timeline import seed

        if checklist.campaign and not campaign:  # a campaign review of the campaign its period holds
            from ..promotions import campaign_in

            event = campaign_in(*period)
            campaign = pick(event.label, "zh") if event else checklist.campaign
        from ..promotions import campaign_label

        label = campaign_label(campaign, language) if campaign else ""
        workbook = cls.create(path, checklist, title=title or default_title(checklist, period, language, label),
                              period=period, language=language, team=team, facilitator=facilitator, campaign=campaign)
        seed(workbook)  # timelines start with the promotion calendar's events
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WorkbookError(path.parent, f"cannot create the folder: {exc.strerror or exc}") from None
        workbook.save()
        return workbook

    @classmethod
    def load(cls, path: Path | str, for_editing: bool = False) -> Workbook:
        """Open a workbook; `for_editing` also parses it for edits now, so that any problem
        with that shows here rather than at the first edit (the app opens a workbook without,
        and parses it once it is on screen: see `parse_soon`). A symbolic link is followed once,
        here: the lock and every save act on the file it points to, which `path` then names.
        Only a regular file is read (a pipe or a device would never end)."""
        path, raw, text = files.read(path)
        try:
            workbook = cls.from_text(text, path)
            if for_editing:
                workbook.doc  # noqa: B018 (parsed for editing now: a file tomlkit cannot edit is said here)
        except WorkbookError as exc:
            raise files.with_backup_hint(exc) from None
        workbook.on_disk = raw
        return workbook

    def changed_on_disk(self) -> str | None | Literal[False]:
        """False if the file is as this workbook left it; otherwise what is there now (None:
        gone or unreadable). Its content decides, not its size and time (an editor may keep
        both: an edit of one character within the same second)."""
        return files.changed(self.path, self.on_disk)

    def reloaded(self) -> Workbook:
        """The workbook as it is on disk now (what this one holds in memory is dropped)."""
        fresh = Workbook.load(self.path, for_editing=True)
        fresh.backed_up = self.backed_up
        return fresh

    @classmethod
    def from_text(cls, text: str, path: Path | str = "<workbook>") -> Workbook:
        try:
            data = tomli.loads(text)
        except RecursionError:
            raise WorkbookError(path, "not valid TOML: nested too deeply") from None
        except tomli.TOMLDecodeError as exc:
            where = _WHERE.search(str(exc))
            message = _WHERE.sub("", str(exc))
            line, column = (int(where[1]), int(where[2])) if where else (None, None)
            raise WorkbookError(path, f"not valid TOML: {message}", line, column) from None
        schema = data.get("schema")
        if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
            raise WorkbookError(path, "not a retro_tui workbook (no `schema = 1` line)")
        if schema > SCHEMA:
            raise WorkbookError(
                path, f"written by a newer retro_tui (schema {schema}; this version reads {SCHEMA}): upgrade retro_tui"
            )
        meta = data.get("workbook")
        if not isinstance(meta, dict) or not isinstance(meta.get("checklist"), str):
            raise WorkbookError(path, "missing the [workbook] table with `checklist = \"...\"`")
        try:
            checklist, checklist_file = checklists.find_file(meta["checklist"])
        except UnknownChecklist as exc:
            message = f"made from checklist '{meta['checklist']}', which is not installed; available: {', '.join(exc.known)}"
            raise WorkbookError(path, message) from None
        except ChecklistError as exc:
            raise WorkbookError(path, f"its checklist cannot be used: {exc}") from None
        workbook = cls(Path(path), checklist, text=text, data=data)
        workbook.checklist_file = checklist_file
        check_values(workbook, text)
        return workbook

    # --- the [workbook] table ------------------------------------------------------------

    @property
    def meta(self) -> dict[str, Any]:
        """The [workbook] table (read it; change it with `set_meta`)."""
        return self.plain()["workbook"]

    @property
    def title(self) -> str:
        return str(self.meta.get("title", "")) or self.checklist.title_in(self.language)

    def unplaced_answers(self) -> list[tuple[str, Any]]:
        """Answers the file holds for sections or items its checklist does not have (`goals.old`),
        with their values: kept in the file, shown in no section — a checklist of the same id
        that was changed or replaced (the checks and the report's appendix show them)."""
        sections = {section.id: {item.id for item in section.items} for section in self.checklist.sections}
        found = []
        for section_id, items in (self.plain().get("answers") or {}).items():
            if section_id not in sections:
                found.append((str(section_id), items))
            elif isinstance(items, dict):
                found += [(f"{section_id}.{item_id}", value) for item_id, value in items.items()
                          if item_id not in sections[section_id]]
        return found

    @property
    def checklist_where(self) -> str:
        """The file the checklist was read from, for people (`~/…` under the home folder)."""
        if self.checklist_file is None:
            return self.checklist.id
        path = self.checklist_file.absolute()
        return f"~/{path.relative_to(Path.home())}" if path.is_relative_to(Path.home()) else str(path)

    def checklist_ids_changed(self) -> bool:
        """Whether the checklist has other sections or items than the one the workbook was made with."""
        made = self.meta.get("checklist_ids")
        return isinstance(made, str) and made != self.checklist.ids_digest()

    def checklist_changed(self) -> tuple[int, int] | None:
        """(the checklist version the workbook was made with, the checklist's now) when they differ."""
        made = self.meta.get("checklist_version")
        return (int(made), self.checklist.version) if isinstance(made, int) and made != self.checklist.version else None

    @property
    def period(self) -> tuple[dt.date | None, dt.date | None]:
        return self.meta.get("period_start"), self.meta.get("period_end")

    @property
    def period_days(self) -> tuple[dt.date, dt.date] | None:
        """The period's first and last day, when the file gives both."""
        start, end = self.period
        return (start, end) if start is not None and end is not None else None

    @property
    def campaign(self) -> str | None:
        """The campaign the review is of (双十一), for a checklist that is for one campaign."""
        return str(self.meta.get("campaign") or "") or self.checklist.campaign

    def row_campaign(self, name: str | None) -> str | None:
        """The campaign a checklist row names, as this workbook reads it: the checklist's own
        campaign (618) is the workbook's (双十一); any other stays as it is."""
        if name is not None and self.checklist.campaign and name == self.checklist.campaign:
            return self.campaign
        return name

    @property
    def language(self) -> Lang:
        lang = self.meta.get("language", "zh")
        return lang if lang in LANGS else "zh"  # type: ignore[return-value]

    def set_meta(self, key: str, value: Any) -> None:
        self.doc["workbook"][key] = self._checked(tomlkit.item(value))

    def beside(self, name: str) -> dict[str, Any]:
        """A table of the file beside the answers (`[meeting]`), as plain data ({} when there is none)."""
        table = self.plain().get(name)
        if not isinstance(table, dict):
            return {}
        return table.unwrap() if hasattr(table, "unwrap") else dict(table)

    def set_beside(self, name: str, key: str, value: Any) -> None:
        """Set `key` of the table `name` beside the answers (made when first needed); None removes it."""
        table = self.doc.get(name)
        if table is None:
            if value is None:
                return
            table = new_table()
            self.doc.add(name, table)
            self.reshaped = True
        if value is None:
            table.pop(key, None)
        else:
            table[key] = self._checked(inline(value))

    # --- answers -------------------------------------------------------------------------

    @overload
    def _table(self, section_id: str, create: Literal[True]) -> Table: ...

    @overload
    def _table(self, section_id: str, create: bool = False) -> Table | None: ...

    def _table(self, section_id: str, create: bool = False) -> Table | None:
        answers = self.doc.get("answers")
        if answers is None:
            if not create:
                return None
            answers = tomlkit.table(is_super_table=True)
            self.doc.add("answers", answers)
        table = answers.get(section_id)
        if table is None and create:
            answers[section_id] = table = new_table()
            self.reshaped = True
        return table

    def value(self, section_id: str, item_id: str) -> Any:
        """The answer as plain Python (str, number, dict, list), or None."""
        return unwrapped(self._answer(section_id, item_id))

    def _answer(self, section_id: str, item_id: str) -> Any:
        """The answer as held: tomlkit items once the document is parsed, else plain Python."""
        table = (self.plain().get("answers") or {}).get(section_id)
        return None if table is None or item_id not in table else table[item_id]

    def set_value(self, section_id: str, item_id: str, value: str | int | float | None) -> None:
        """Answer a text, note, number or choice item; None or "" clears it."""
        table = self._table(section_id, create=True)
        if value is None or value == "":
            if item_id in table:
                del table[item_id]
            return
        item: tomlkit.items.Item
        if isinstance(value, str) and "\n" in value and "\r" not in value:  # a CR would not survive a multi-line string
            item = tomlkit.string(value, multiline=True)
        else:
            item = tomlkit.item(value)
        table[item_id] = self._checked(item)

    def checks(self, section_id: str, item_id: str) -> dict[str, bool]:
        value = self.value(section_id, item_id)
        return dict(value) if isinstance(value, dict) else {}

    def set_check(self, section_id: str, item_id: str, point_id: str, checked: bool) -> None:
        self.set_entry(section_id, item_id, point_id, checked)

    def set_entry(self, section_id: str, item_id: str, key: str, value: str | int | float | bool | None) -> None:
        """Set one key of an item whose answer is a table (`[answers.section.item]`, a checks
        item's points); None or "" takes the key out. The table's other keys and comments stay."""
        if value is None or value == "":
            table = self._table(section_id)
            sub = table.get(item_id) if table is not None else None
            if isinstance(sub, dict) and key in sub:
                del sub[key]
            return
        self._sub_table(section_id, item_id)[key] = self._checked(tomlkit.item(value))

    def target_row(self, section_id: str, item_id: str, row_id: str) -> TargetValues:
        """A row of a targets table (or a ledger line) as it is answered."""
        return answers.read(TargetValues, (self.value(section_id, item_id) or {}).get(row_id) or {})

    def target_rows(self, section_id: str, item_id: str, row_ids: list[str]) -> dict[str, TargetValues]:
        """These rows of a targets table (or a ledger's lines), the answer read once for all of them."""
        answered = self.value(section_id, item_id) or {}
        return {row_id: answers.read(TargetValues, answered.get(row_id) or {}) for row_id in row_ids}

    def gap(self, section_id: str, item_id: str) -> GapSplit | None:
        """A sales-gap split as the import filled it, or None."""
        value = self.value(section_id, item_id)
        return answers.read(GapSplit, value) if value else None

    def set_target(self, section_id: str, item_id: str, row_id: str, field: str, value: Any,
                   sources: list[str] | None = None) -> None:
        """Set the `target`, `actual` or `last_year` of a row (None clears it), or its `monthly`
        actuals (month → value). `sources` names the imported files it came from; without them
        the value counts as typed by hand."""
        if field not in TargetValues.VALUES:
            raise ValueError(field)
        changes = {field: value, answers.sources_key(field): sources or None if value is not None else None}
        if field == "actual" and value is not None:
            changes["actual_lacking"] = None  # a value typed or imported: nothing is missing any more
        self._set_target_row(section_id, item_id, row_id, changes)

    def set_lacking(self, section_id: str, item_id: str, row_id: str, files: list[str] | None) -> None:
        """Note the imported files that lack what a row's actual is made of (none: take the note out)."""
        if self.target_row(section_id, item_id, row_id).actual_lacking != (files or None):
            self._set_target_row(section_id, item_id, row_id, {"actual_lacking": files or None})
            self.reshaped = True

    def _set_target_row(self, section_id: str, item_id: str, row_id: str, changes: dict[str, Any]) -> None:
        """Change some values of a row; rewritten in the order `TargetValues` names them, keys it
        does not name kept after them."""
        table = self._sub_table(section_id, item_id)
        old = dict(table[row_id].unwrap()) if row_id in table else {}
        row = msgspec.structs.replace(answers.read(TargetValues, old), **changes)
        values = msgspec.to_builtins(row) | {k: v for k, v in old.items() if k not in TargetValues.__struct_fields__}
        if not values:
            if row_id in table:
                table.pop(row_id)
                self.reshaped = True
            return
        inline = tomlkit.inline_table()  # rebuilt, so it reads `{target = 1, actual = 2}`
        inline.update(values)
        table[row_id] = self._checked(inline)

    def set_gap(self, section_id: str, item_id: str, split: GapSplit | None) -> None:
        """Replace a sales-gap split, filled by import, whole (its lines as inline tables); None
        removes it."""
        table = self._table(section_id, create=True)
        values = msgspec.to_builtins(split) if split is not None else None
        if values is None:
            if item_id in table:
                del table[item_id]
                self.reshaped = True
            return
        sub = self._sub_table(section_id, item_id)
        for key in [key for key in sub if key not in values]:
            del sub[key]
        for key, value in values.items():
            if isinstance(value, dict):
                row = tomlkit.inline_table()
                row.update(value)
                value = row
            sub[key] = self._checked(tomlkit.item(value))
        body = sub.value.body
        if body and not isinstance(body[-1][1], tomlkit.items.Whitespace):  # a blank line before the next table
            sub.add(tomlkit.nl())

    def imports(self) -> list[dict[str, Any]]:
        """The files imported into this workbook (newest last)."""
        return [dict(entry) for entry in self.plain().get("imports", [])]

    def mapping(self) -> dict[str, str]:
        """Columns the user mapped to catalogue fields (`"访客数(人)" = "visitors"`), applied to
        every file imported into this workbook that has such a column."""
        return dict(self.plain().get("mapping", {}))

    def remember_mapping(self, mapping: dict[str, str]) -> None:
        if not mapping:
            return
        self.reshaped = True
        if "mapping" not in self.doc:
            self.doc.add("mapping", tomlkit.table())
        for column, field in mapping.items():
            self.doc["mapping"][column] = field

    def forget_import(self, path: str | None, file: str) -> None:
        """Drop the note of an imported file (`file`, at `path` from the workbook's folder) that
        no longer counts: every row of it is in a later file, or the user took it out."""
        self.reshaped = True
        imports = self.doc.get("imports", [])
        for index in reversed(range(len(imports))):
            if imports[index].get("file") == file and (path is None or imports[index].get("path") in (None, path)):
                del imports[index]

    def record_import(self, entry: dict[str, Any]) -> None:
        """Remember an imported file (`file`, `sha256`, `kind`, rows …), replacing an earlier
        import of the same file name or the same data."""
        self.reshaped = True
        doc = self.doc
        if "imports" not in doc:
            doc.append("imports", tomlkit.aot())
        imports = doc["imports"]
        for index in reversed(range(len(imports))):  # the same file, or the same data under another name
            same_file = imports[index].get("file") == entry["file"] and imports[index].get("path") in (None, entry.get("path"))
            if same_file or imports[index].get("sha256") == entry.get("sha256"):
                del imports[index]
        row = new_table()
        for key, value in entry.items():
            row[key] = value
        imports.append(row)

    def records(self, section_id: str, item_id: str) -> list[Record]:
        value = self.value(section_id, item_id)
        return [Record(row) for row in value] if isinstance(value, list) else []

    def record_count(self, section_id: str, item_id: str) -> int:
        """How many rows `records` has, without reading them."""
        rows = self._answer(section_id, item_id)
        return len(rows) if isinstance(rows, list) else 0

    def record(self, section_id: str, item_id: str, index: int) -> dict[str, Any]:
        """The row at `index` of `records`, read alone (a table shows a few of many thousands)."""
        return dict(unwrapped(self._answer(section_id, item_id)[index]))

    def add_record(self, section_id: str, item_id: str, values: dict[str, Any] | None = None) -> int:
        """Append a row (empty, or with `values`); returns its index."""
        self.reshaped = True
        table = self._table(section_id, create=True)
        rows = table.get(item_id)
        if rows is None:
            rows = tomlkit.aot()
            append_child(table, item_id, rows)
        row = new_table()
        for key, value in (values or {}).items():
            if value not in (None, ""):
                row[key] = value
        rows.append(row)
        return len(rows) - 1

    def set_cell(self, section_id: str, item_id: str, index: int, column_id: str, value: Any,
                 sources: list[str] | None = None) -> None:
        """Set one cell of a records row (None or "" empties it). `sources`: the imported files the
        value came from; without them it counts as typed by hand."""
        row = self._rows(section_id, item_id)[index]
        for key, new in ((column_id, value), (answers.sources_key(column_id), sources if value not in (None, "") else None)):
            if new is None or new == "":
                row.pop(key, None)
            else:
                row[key] = self._checked(inline(new))

    def reorder_records(self, section_id: str, item_id: str, order: list[int]) -> None:
        """Put the rows in this order (`order`: the old index of each row, new first)."""
        self.reshaped = True
        rows = self._rows(section_id, item_id)
        moved = [rows[index] for index in order]
        while len(rows):
            del rows[0]
        for row in moved:
            rows.append(row)

    def remove_record(self, section_id: str, item_id: str, index: int) -> None:
        self.reshaped = True
        rows = self._rows(section_id, item_id)
        del rows[index]
        if not len(rows):
            del self._table(section_id, create=True)[item_id]

    def _rows(self, section_id: str, item_id: str) -> AoT:
        table = self._table(section_id)
        if table is None or not isinstance(table.get(item_id), tomlkit.items.AoT):
            raise IndexError(f"{section_id}.{item_id} has no rows")
        return table[item_id]

    def _sub_table(self, section_id: str, item_id: str) -> Table:
        table = self._table(section_id, create=True)
        sub = table.get(item_id)
        if sub is None:
            sub = new_table()
            append_child(table, item_id, sub)
            self.reshaped = True
        return sub

    # --- progress --------------------------------------------------------------------------

    def is_answered(self, section: Section, item: Item) -> bool:
        return kind_of(item).answered(self, section, item)

    def any_row(self, section_id: str, item_id: str, wanted: Callable[[dict[str, Any]], bool]) -> bool:
        """Whether a row of a records item is `wanted`, read row by row up to the first that is."""
        rows = self._answer(section_id, item_id)
        return any(wanted(unwrapped(row)) for row in rows or [] if isinstance(row, dict))

    def progress(self, section: Section) -> tuple[int, int]:
        """(answered items, all items) of a section."""
        done = sum(1 for item in section.items if self.is_answered(section, item))
        return done, len(section.items)

    # --- saving ------------------------------------------------------------------------------

    def dumps(self) -> str:
        return tomlkit.dumps(self.doc)

    def restore(self, text: str) -> None:
        """Go back to a state `dumps` returned (undoing changes made in memory since)."""
        self._doc, self._parsing = tomlkit.parse(text), None
        self.reshaped = True

    def _checked(self, item):
        """A value about to be written, read back by tomli: a value tomlkit would write
        wrongly makes the next save check the whole text (and refuse it, saying why) — so a
        save need not re-read the whole file after each answer."""
        try:
            tomli.loads(f"v = {item.as_string()}")
        except tomli.TOMLDecodeError:
            self.reshaped = True
        return item

    def save(self, path: Path | str | None = None, force: bool = False) -> dt.datetime:
        """Stamp `updated` and write the file atomically; returns the stamp.

        Saving over the file it came from first checks that nobody changed it on disk since
        (raises WorkbookChanged unless `force`), and the first save of a session keeps the file
        as it was opened in `<name>.bak`. `path`: save elsewhere (e.g. when the folder is
        read-only), which then becomes the workbook's file."""
        target = Path(path) if path else self.path
        if target == self.path and not force:
            disk = self.changed_on_disk()
            if disk is not False:
                raise WorkbookChanged(target, disk)
        stamp = now()
        self.set_meta("updated", stamp)
        if "checklist_ids" not in self.meta or self.checklist_ids_changed() and not self.unplaced_answers():
            self.set_meta("checklist_ids", self.checklist.ids_digest())  # every answer has its place: the checklist is this one now
        text = self.dumps()
        try:
            if self.reshaped or target != self.path:  # never write a file that would not open again:
                tomli.loads(text)  # every value was checked as it was set, the layout is checked here
            encoded = text.encode("utf-8")
        except tomli.TOMLDecodeError as exc:
            raise WorkbookError(target, f"not saved, the result would not be valid TOML: {exc}") from None
        except UnicodeEncodeError as exc:
            raise WorkbookError(target, f"not saved: an answer holds a broken character ({exc.reason})") from None
        back_up = target == self.path and not self.backed_up and self.on_disk is not None
        self.on_disk, self.reshaped = files.write(target, text, encoded, back_up), False
        self.backed_up = self.backed_up or back_up
        self.saved_text = text
        self.path = target
        return stamp



