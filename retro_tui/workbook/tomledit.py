"""Editing the workbook's TOML in place with tomlkit: values as one line, tables placed where
a person would put them (before the blank lines that keep the next header apart) — the few
places that reach into tomlkit beyond its public API are here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..lazy import lazy_import

if TYPE_CHECKING:
    import tomlkit
    from tomlkit.items import AoT, Table
else:
    tomlkit = lazy_import("tomlkit")


def unwrapped(value: Any) -> Any:
    """A value as plain Python, whether read with tomli or held as a tomlkit item."""
    return value.unwrap() if hasattr(value, "unwrap") else value


def inline(value: Any):
    """A value as one line or an array of lines, never a table of its own: a dict is an inline
    table, a list of dicts one inline table a line."""
    if isinstance(value, dict):
        table = tomlkit.inline_table()
        table.update({key: inline(cell) for key, cell in value.items()})
        return table
    if isinstance(value, list) and any(isinstance(element, dict) for element in value):
        array = tomlkit.array()
        array.extend(inline(element) for element in value)
        return array.multiline(True)
    return tomlkit.item(value)


def new_table() -> Table:
    """A table whose header is preceded by a blank line, wherever it is inserted."""
    table = tomlkit.table()
    table.trivia.indent = "\n"
    return table


def append_child(table: Table, key: str, child: Table | AoT) -> None:
    """Add a sub-table or array of tables at the end of `table` but before its trailing blank
    lines, so the next table's header keeps its blank line above it."""
    body = getattr(getattr(table, "value", None), "_body", None)
    if body is None or not hasattr(table.value, "_insert_at"):
        table[key] = child  # a table split across the file (tomlkit's proxy)
        return
    end = len(body)
    while end and body[end - 1][0] is None and isinstance(body[end - 1][1], tomlkit.items.Whitespace):
        end -= 1
    if end == len(body):
        table[key] = child
    else:
        table.value._insert_at(end, key, child)
