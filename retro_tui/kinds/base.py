"""What every item kind shares: the fields of a checklist item, and the hooks through which the
core treats an answer of that kind (each kind is a module of this package; see `__init__`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated, Any, Literal

import msgspec

from ..answers import Problem  # noqa: F401 (a kind's problem, as the kinds name it)
from ..i18n import Lang, Text, pick

if TYPE_CHECKING:
    from ..checklist import Checklist, Section
    from ..workbook import Workbook

Id = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^[a-z0-9][a-z0-9_-]*$",
        description="Lower-case letters, digits, '-' and '_'; unique among its siblings.",
    ),
]
Direction = Literal["higher", "lower"]


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


class Link(msgspec.Struct, forbid_unknown_fields=True):
    """A column of another records item (found by item id in any section)."""

    item: Id
    column: Id


class ItemBase(msgspec.Struct, tag_field="kind", forbid_unknown_fields=True, kw_only=True):
    id: Id
    label: Text
    help: Text | None = None
    """What the room should think about before answering."""
    lead: bool = False
    """Opens the report (its summary, read first), instead of standing in its section there."""

    @property
    def kind(self) -> str:
        return self.__struct_config__.tag  # type: ignore[return-value]


Problems = Iterator[tuple[str, str]]
"""(field path, message) of each problem found in a checklist."""


class Kind:
    """An item kind: its checklist entry (`item`, a struct tagged with the kind's name) and
    what the core does with an answer of it. The defaults are a kind answered by a line of text."""

    item: type[ItemBase]

    @property
    def tag(self) -> str:
        return self.item.__struct_config__.tag  # type: ignore[return-value]

    def checks(self, item: Any, where: str, section: Section, checklist: Checklist) -> Problems:
        """What the format alone does not catch in a checklist's item: ids used twice, names
        that point nowhere (`where`: the item's field path)."""
        return iter(())

    def answered(self, workbook: Workbook, section: Section, item: Any) -> bool:
        """Whether the workbook holds an answer to the item."""
        return workbook.value(section.id, item.id) not in (None, "")

    def problem(self, item: Any, value: Any) -> str | None:
        """What is wrong with an answer read from a workbook file (None: nothing); a Problem
        names the key of the answer's table it is about."""
        return None if isinstance(value, str) else f"expected text, got {value!r}"

    def report(self, workbook: Workbook, section: Section, item: Any, value: Any, lang: Lang) -> Iterator[str]:
        """The report's lines of an answered item (the blank line after them is the report's)."""
        from ..export.markdown import escape_text

        yield labelled(item, lang, escape_text(str(value)))


def duplicates(ids: list[str], where: str) -> Problems:
    """An id used twice among siblings."""
    seen: set[str] = set()
    for index, value in enumerate(ids):
        if value in seen:
            yield f"{where}[{index}].id", f"duplicate id '{value}'"
        seen.add(value)


def unknown_metric(name: str | None, where: str) -> Problems:
    """A metric the catalogue does not have (with the nearest one it has)."""
    import difflib

    from ..metrics.catalogue import load as catalogue

    metrics = catalogue().metrics
    if name is not None and name not in metrics:
        close = difflib.get_close_matches(name, list(metrics), n=1)
        yield where, f"unknown metric '{name}'" + (f" (did you mean '{close[0]}'?)" if close else "")


def link_problems(to: Link | None, where: str, checklist: Checklist) -> Problems:
    """A column of another records table that is not there."""
    if to is None:
        return
    tables: dict[str, Any] = {item.id: item for section in checklist.sections for item in section.items
                              if item.kind == "records"}
    if to.item not in tables:
        yield f"{where}.item", f"'{to.item}' is not a records table of this checklist"
    elif to.column not in {c.id for c in tables[to.item].columns}:
        yield f"{where}.column", f"'{to.column}' is not a column of '{to.item}'"


def heading(item: Any, lang: Lang) -> Iterator[str]:
    """A table's heading in the report."""
    from ..export.markdown import escape_text

    yield f"### {escape_text(pick(item.label, lang))}"
    yield ""


def bold_label(item: Any, lang: Lang) -> str:
    """The item's label in bold, as the report shows it above its answer."""
    from ..export.markdown import escape_text

    return f"**{escape_text(pick(item.label, lang))}**"


def labelled(item: Any, lang: Lang, shown: str) -> str:
    """`**label**：answer`, the answer on the label's line (`shown`: already written for Markdown)."""
    from ..export.markdown import colon

    return f"{bold_label(item, lang)}{colon(lang)}{shown}"
