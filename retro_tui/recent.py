"""The recently opened workbooks, kept in a small JSON file in the user's data directory."""

from __future__ import annotations

from pathlib import Path

import msgspec

from .atomic import write_atomic_bytes
from .paths import places_file, recent_file

KEEP = 10


def load() -> list[Path]:
    """Recent workbooks, newest first, that still exist."""
    try:
        entries = msgspec.json.decode(recent_file().read_bytes())
    except (OSError, ValueError):
        return []
    if not isinstance(entries, list):
        return []
    return [Path(entry) for entry in entries if isinstance(entry, str) and Path(entry).is_file()]


def title_of(path: Path) -> str:
    """The title a workbook file gives itself ("" if it cannot be read)."""
    import tomli

    try:
        with path.open("rb") as handle:
            title = tomli.load(handle).get("workbook", {}).get("title", "")
    except (OSError, ValueError, AttributeError):
        return ""
    return title if isinstance(title, str) else ""


def remember(*paths: Path) -> None:
    """Put `paths` first in the list, the last given first, as if each were remembered in turn
    (failing quietly: the list is a convenience)."""
    given = list(dict.fromkeys(Path(path).resolve() for path in reversed(paths)))
    entries = [str(p) for p in given] + [str(p) for p in load() if p.resolve() not in given]
    try:
        recent_file().parent.mkdir(parents=True, exist_ok=True)
        write_atomic_bytes(recent_file(), _json(entries[:KEEP]))
    except OSError:
        pass


def place_of(path: Path) -> str | None:
    """The section a workbook was left at (None if never, or the list cannot be read)."""
    places = _places()
    section = places.get(str(Path(path).resolve()))
    return section if isinstance(section, str) else None


def remember_place(path: Path, section_id: str) -> None:
    """Note the section a workbook shows now (quietly: a convenience), for the recent ones only."""
    places = _places()
    key = str(Path(path).resolve())
    if places.get(key) == section_id:
        return
    places[key] = section_id
    kept = {str(p.resolve()) for p in load()} | {key}
    try:
        places_file().parent.mkdir(parents=True, exist_ok=True)
        write_atomic_bytes(places_file(), _json({k: v for k, v in places.items() if k in kept}))
    except OSError:
        pass


def _places() -> dict:
    try:
        places = msgspec.json.decode(places_file().read_bytes())
    except (OSError, ValueError):
        return {}
    return places if isinstance(places, dict) else {}


def _json(data: object) -> bytes:
    """A list's JSON as written: one entry a line, readable by hand."""
    return msgspec.json.format(msgspec.json.encode(data), indent=1)
