"""YAML data files (checklists, the metric catalogue): read with libyaml, validated by
msgspec structs, every problem reported with the file, the line and the field."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import msgspec

from .atomic import special_file
from .errors import RetroError

if TYPE_CHECKING:
    import yaml


@lru_cache(maxsize=1)
def yaml_loader() -> Any:
    """The safe loader (libyaml's when there, no Python tags), refusing a key written twice in
    one mapping: YAML would keep the last silently, and the first value typed would be lost
    without a word. PyYAML is imported here, when a file is parsed, not at start-up."""
    import yaml

    safe: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(safe):  # type: ignore[misc, valid-type]
        def construct_mapping(self, node, deep=False):
            if isinstance(node, yaml.MappingNode):
                seen: set = set()
                for key_node, _ in node.value:
                    if key_node.tag == "tag:yaml.org,2002:merge" or not isinstance(key_node, yaml.ScalarNode):
                        continue  # `<<` merges may be overridden; other keys are refused further on
                    key = self.construct_object(key_node)
                    if key in seen:
                        raise yaml.constructor.ConstructorError(
                            "while constructing a mapping", node.start_mark, f"duplicate key {key!r}", key_node.start_mark)
                    seen.add(key)
            return super().construct_mapping(node, deep)

    Loader.c_parser = safe is not yaml.SafeLoader  # libyaml counts positions in bytes
    return Loader


T = TypeVar("T", bound=msgspec.Struct)


class DataFileError(RetroError):
    """A data file that cannot be used, with where the problem is."""

    path: Path

    def __init__(self, path: Path | str, line: int | None, field: str, message: str):
        super().__init__(message, path, line, field)


def read_text(path: Path, error: type[DataFileError] = DataFileError) -> str:
    if special_file(path):
        raise error(path, None, "", "not a regular file (a device or a pipe)")
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error(path, None, "", "no such file") from None
    except UnicodeDecodeError as exc:
        raise error(path, None, "", f"not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise error(path, None, "", f"cannot read: {exc.strerror or exc}") from None


def parse_struct(text: str, path: Path | str, type_: type[T], error: type[DataFileError] = DataFileError,
                 kinds: tuple[str, ...] = ()) -> T:
    """YAML text → an instance of the msgspec struct `type_`, or `error` naming the line.
    `kinds` are the valid values of a tagged union's `kind`, for the message."""
    import yaml

    try:
        data = yaml.load(text, Loader=yaml_loader())  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        line, problem = _yaml_problem(text, exc)
        raise error(path, line, "", f"not valid YAML: {problem}") from None
    if not isinstance(data, dict):
        raise error(path, 1, "", f"expected a mapping of {', '.join(type_.__struct_fields__)}")
    try:
        return msgspec.convert(data, type_)
    except msgspec.ValidationError as exc:
        field, message = _explain(str(exc), kinds)
        line = _line_of_key_not_text(text, field) if message.startswith("field names") else line_of(text, field)
        raise error(path, line, field, message) from None


def _yaml_problem(text: str, exc: yaml.YAMLError) -> tuple[int | None, str]:
    import yaml

    c_parser = yaml_loader().c_parser
    """The line and a one-line description of a YAML error."""
    if isinstance(exc, yaml.reader.ReaderError):  # a character YAML does not allow (NUL, ESC …)
        # libyaml counts the position in bytes of UTF-8, PyYAML's own reader in characters
        before = text.encode("utf-8")[:exc.position].count(b"\n") if c_parser else text[:exc.position].count("\n")
        line = before + 1 if isinstance(exc.position, int) else None
        char = exc.character if isinstance(exc.character, int) else ord(exc.character or "\0")
        return line, f"character U+{char:04X} is not allowed ({exc.reason})"
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return (mark.line + 1 if mark else None), problem


_AT = re.compile(r"^(?P<message>.*) - at `(?P<key>key` in `)?\$(?P<path>[^`]*)`$", re.S)
_UNKNOWN_FIELD = re.compile(r"Object contains unknown field `(?P<name>[^`]+)`")
_PATH_PART = re.compile(r"\.([^.\[\]]+)|\[(\d+)\]")


def _explain(error: str, kinds: tuple[str, ...]) -> tuple[str, str]:
    """Split a msgspec error into (field path, a message for people)."""
    match = _AT.match(error)
    if not match:
        unknown = _UNKNOWN_FIELD.fullmatch(error)  # at the top level msgspec names no path
        return (unknown["name"], "unknown field") if unknown else ("", error)
    message, field = match["message"], match["path"].lstrip(".")
    unknown = _UNKNOWN_FIELD.match(message)
    if match["key"]:
        message = "field names must be text (a number, a date, true/false or an empty key is not)"
    elif unknown:
        field = f"{field}.{unknown['name']}".lstrip(".")
        message = "unknown field"
    elif field.endswith(".kind") and message.startswith("Invalid value"):
        value = message.removeprefix("Invalid value ").strip()
        message = f"unknown kind {value} (one of: {', '.join(kinds)})"
    elif message.startswith("Object missing required field"):
        message = message.replace("Object missing required field", "missing required field")
    elif message.startswith("Expected"):
        message = "expected" + message.removeprefix("Expected")
    return field, message


def line_of(text: str, field: str) -> int | None:
    """The 1-based line of `field` (e.g. `sections[2].items[0].kind`) in the YAML text."""
    return _find(text, field)[0]


def _line_of_key_not_text(text: str, field: str) -> int | None:
    """The line of the first key of the mapping at `field` that YAML does not read as text."""
    import yaml

    line, node = _find(text, field)
    for key, _ in node.value if isinstance(node, yaml.MappingNode) else ():
        if key.tag != "tag:yaml.org,2002:str":
            return key.start_mark.line + 1
    return line


def _find(text: str, field: str) -> tuple[int | None, yaml.Node | None]:
    import yaml

    try:
        node = yaml.compose(text, Loader=yaml_loader())
    except yaml.YAMLError:
        return None, None
    line = node.start_mark.line + 1 if node else None
    for name, index in _PATH_PART.findall("." + field):
        if name and isinstance(node, yaml.MappingNode):
            hit = next(((k, v) for k, v in node.value if k.value == name), None)
            if hit is None:
                break
            line, node = hit[0].start_mark.line + 1, hit[1]
        elif index and isinstance(node, yaml.SequenceNode) and int(index) < len(node.value):
            node = node.value[int(index)]
            line = node.start_mark.line + 1
        else:
            break
    return line, node
