"""The answers a workbook keeps that have a shape of their own, typed: a targets (or ledger) row's
values, a sales-gap split, a records row with the files its imported values came from.
Everything past the TOML reads them as these types (`Workbook.target_row`, `Workbook.gap`,
`Workbook.records`), and a file is checked against them when it is opened (`problem`), so
their keys are spelled here once. The TOML layout is the one these types name:

    [answers.goals.targets]
    sales = { target = 6000000, actual = 6190000.5, actual_from = ["orders.csv"] }
"""

from __future__ import annotations

import re
from typing import Annotated, Any, ClassVar

import msgspec

Number = Annotated[int | Annotated[float, msgspec.Meta(ge=-1.7976931348623157e308, le=1.7976931348623157e308)],
                   msgspec.Meta(description="a number")]
"""An integer or a finite float (TOML's nan and inf are no answer), kept as written."""
Files = Annotated[list[str], msgspec.Meta(description="a list of file names")]


def sources_key(name: str) -> str:
    """The key that names the files a value came from, beside it: `actual_from`, `sales_from`
    (a value without one was typed by hand)."""
    return f"{name}_from"


class Record(dict[str, Any]):
    """A row of a records table: its values by column id (the columns are the checklist's), and
    for a value an import filled, the files it came from."""

    def sources(self, column_id: str) -> list[str] | None:
        """The files the column's value came from; None for a value typed by hand."""
        files = self.get(sources_key(column_id))
        return list(files) if files is not None else None


class TargetValues(msgspec.Struct, omit_defaults=True):
    """What a row of a targets table (or a ledger line) holds. A value with files (`<value>_from`)
    came from importing them; one without was typed by hand."""

    EXPECTED: ClassVar[str] = "`{ target = …, actual = … }`"
    VALUES: ClassVar[tuple[str, ...]] = ("target", "actual", "last_year", "monthly")
    """The values a row may hold, each with the files it came from."""

    target: Number | None = None
    actual: Number | None = None
    last_year: Number | None = None
    """The same metric over the same period a year before, for comparison."""
    target_from: Files | None = None
    actual_from: Files | None = None
    last_year_from: Files | None = None
    monthly: Annotated[dict[str, Number], msgspec.Meta(description="a table of month = number")] | None = None
    """A ledger line's actuals month by month, as the import fills them: `{"2025-01" = 95617}`."""
    monthly_from: Files | None = None
    actual_lacking: Files | None = None
    """The imported files that lack what the actual is made of (JD's orders, without refunds):
    why an import left it empty."""

    def sources(self) -> dict[str, list[str]]:
        """Which values came from imported files: `{"actual": ["orders.csv"]}`."""
        return {name: list(files) for name in self.VALUES if (files := getattr(self, sources_key(name))) is not None}

    def answered(self) -> bool:
        """Whether it holds a value (a note of why one is missing is no answer)."""
        return any(getattr(self, name) is not None for name in self.VALUES)


class GapLine(msgspec.Struct, omit_defaults=True, kw_only=True):
    """One line of a sales-gap split: a factor's target and actual, and what it contributed to the gap (元)."""

    target: Number | None = None
    actual: Number | None = None
    contribution: Number


GapLineValue = Annotated[GapLine, msgspec.Meta(description="`{ target = …, actual = …, contribution = … }`")]
Names = Annotated[list[str], msgspec.Meta(description="a list of names")]


class GapSplit(msgspec.Struct):
    """Why sales missed (or beat) their target, as the import writes it (see `gap.to_answer`):
    the sales target and actual, each factor's line, the plan's rounding, the months split."""

    EXPECTED: ClassVar[str] = ("a table with target and actual sales (filled by importing the shop daily report "
                               "and monthly targets)")

    target: Number
    actual: Number
    visitors: GapLineValue | None = None
    conversion: GapLineValue | None = None
    aov: GapLineValue | None = None
    plan: GapLineValue | None = None
    months: Names = msgspec.field(default_factory=list)
    left_out: Names = msgspec.field(default_factory=list)
    """Months without every factor on both sides (or without a sales target)."""
    sources: Names = msgspec.field(default_factory=list)

    def line(self, name: str) -> GapLine | None:
        """A factor's line (`visitors`, `conversion`, `aov`) or the plan's (`plan`)."""
        line = getattr(self, name)
        return line if isinstance(line, GapLine) else None


class Problem(str):
    """What is wrong with an answer read from a file, and the key of the answer's table it is
    about (a targets row), so that the error points at that key's line."""

    key: str | None

    def __new__(cls, message: str, key: str | None = None) -> Problem:
        problem = super().__new__(cls, message)
        problem.key = key
        return problem


def read(kind: type[msgspec.Struct], value: Any) -> Any:
    """An answer as its type; raises msgspec.ValidationError (see `problem`)."""
    return msgspec.convert(value, kind, strict=True)


def problem(kind: type[msgspec.Struct], value: Any, key: str | None = None) -> Problem | None:
    """What keeps `value` from being read as `kind`, in the words a person correcting the file
    needs: `sales.target: expected a number, got 'lots'` (`key`: the part it is, named first)."""
    try:
        read(kind, value)
        return None
    except msgspec.ValidationError as exc:
        path = re.search(r"- at `\$((?:\.\w+)?)", str(exc))
        field = path.group(1)[1:] if path else ""
        prefix = f"{key}." if key else ""
        if not field or not isinstance(value, dict):
            return Problem(f"{key + ': ' if key else ''}expected {kind.EXPECTED}", key)  # type: ignore[attr-defined]
        got = value.get(field)
        said = f", got {got!r}" if not isinstance(got, (dict, list)) and str(exc).endswith(f"`$.{field}`") else ""
        return Problem(f"{prefix}{field}: expected {_description(kind, field)}{said}", key)


def _description(kind: type[msgspec.Struct], field: str) -> str:
    """The description a field's type gives (`msgspec.Meta(description=…)`)."""
    import msgspec.inspect as inspect

    info = inspect.type_info(kind)
    types = [f.type for f in info.fields if f.name == field]  # type: ignore[attr-defined]
    while types:
        kind_info = types.pop()
        if isinstance(kind_info, inspect.Metadata) and kind_info.extra_json_schema:
            return kind_info.extra_json_schema.get("description", field)
        types += getattr(kind_info, "types", ())
    return field
