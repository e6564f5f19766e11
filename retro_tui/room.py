"""The room around a workbook: one window edits (the one holding its lock, see `lock`), every
other window follows it — the section and row it is on, each answer it saves — and may ask it
for the floor.

Beside `review.toml`, the folder `.review.toml.room/` holds small JSON files, each written by
one window only (so that no two write the same file):

- `editor.json`, by the editing window: who it is, where it is (section, item, a table's
  row and column), and to whom it hands the floor (`granted`);
- `ask-<id>.json`, by a following window that asks for the floor (removed when it has it, or
  changes its mind).

Nothing here is a rule: the lock stays the only writer rule. A window that is handed the floor
takes the lock once the editor lets go of it; a stale file (a window that crashed) only
misleads until the next window writes it anew."""

from __future__ import annotations

import getpass
import os
from pathlib import Path

import msgspec


class Place(msgspec.Struct, frozen=True):
    """Where the editing window is: a section (its id), an item (its widget's id) and a
    table's cursor (row, column)."""

    section: str
    item: str | None = None
    cursor: tuple[int, int] | None = None


class Editor(msgspec.Struct):
    """What `editor.json` says."""

    id: str
    name: str
    place: Place | None = None
    granted: str | None = None
    """The id of the window the floor is handed to."""
    clock: dict | None = None
    """The meeting's clock line as the editing window shows it, in each language
    (`{"zh": …, "en": …, "over": bool, "running": bool}`); None before it is started."""


class Asker(msgspec.Struct, frozen=True):
    id: str
    name: str


def window_name() -> str:
    """How a window is called in the room: `RETRO_NAME`, or the user's login name."""
    name = os.environ.get("RETRO_NAME", "").strip()
    if name:
        return name[:40]
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "?"


class Room(msgspec.Struct):
    workbook_path: Path
    me: str = msgspec.field(default_factory=lambda: os.urandom(3).hex())
    """This window's id (a new one per window)."""
    name: str = msgspec.field(default_factory=window_name)

    @property
    def folder(self) -> Path:
        path = Path(self.workbook_path)
        return path.with_name(f".{path.name}.room")

    @property
    def label(self) -> str:
        """The name shown to the others, with this window's id (two tabs of one person differ)."""
        return f"{self.name} #{self.me}"

    # --- the editing window ---------------------------------------------------------------

    def lead(self, place: Place | None, granted: str | None = None, clock: dict | None = None) -> None:
        """Say where this window (the editor) is, its meeting's clock, and to whom it hands the floor."""
        editor = {"id": self.me, "name": self.label, "granted": granted, "clock": clock,
                  "place": msgspec.structs.asdict(place) if place is not None else None}
        self._write("editor.json", editor)

    def asking(self) -> list[Asker]:
        """The windows asking for the floor, the earliest first."""
        found = []
        try:
            entries = sorted(self.folder.glob("ask-*.json"), key=lambda p: p.stat().st_mtime_ns)
        except OSError:
            return []
        for path in entries:
            data = _read(path)
            if isinstance(data, dict) and isinstance(data.get("id"), str) and isinstance(data.get("name"), str):
                found.append(Asker(data["id"], data["name"]))
        return found

    def leave(self) -> None:
        """This window closes: the others no longer follow it, nor wait for it."""
        self.withdraw()
        editor = self.editor()
        if editor is not None and editor.id == self.me:  # (another window edits now: its file)
            try:
                (self.folder / "editor.json").unlink(missing_ok=True)
            except OSError:
                pass
        try:
            self.folder.rmdir()  # when no other window has a file in it
        except OSError:
            pass

    # --- a following window ---------------------------------------------------------------

    def editor(self) -> Editor | None:
        """Who edits and where, as the editing window last said; None when no window says."""
        data = _read(self.folder / "editor.json")
        if not isinstance(data, dict) or not isinstance(data.get("id"), str):
            return None
        place = data.get("place")
        where = None
        if isinstance(place, dict) and isinstance(place.get("section"), str):
            cursor = place.get("cursor")
            cursor = tuple(cursor) if isinstance(cursor, list) and len(cursor) == 2 and all(
                isinstance(n, int) for n in cursor) else None
            item = place.get("item") if isinstance(place.get("item"), str) else None
            where = Place(place["section"], item, cursor)
        granted = data.get("granted") if isinstance(data.get("granted"), str) else None
        clock = data.get("clock")
        clock = clock if isinstance(clock, dict) and all(isinstance(clock.get(k), str) for k in ("zh", "en")) else None
        return Editor(data["id"], str(data.get("name", "?")), where, granted, clock)

    @property
    def _ask_file(self) -> Path:
        return self.folder / f"ask-{self.me}.json"

    def ask(self) -> None:
        """Ask the editing window for the floor."""
        self._write(self._ask_file.name, {"id": self.me, "name": self.label})

    def asks(self) -> bool:
        """Whether this window is asking for the floor."""
        return self._ask_file.is_file()

    def withdraw(self) -> None:
        try:
            self._ask_file.unlink(missing_ok=True)
        except OSError:
            pass

    # ---------------------------------------------------------------------------------------

    def _write(self, name: str, data: dict) -> None:
        """Replace the file whole (a reader sees the old one or the new one); not synced to the
        disk: it is said again at the next move, and a crash loses nothing of the workbook."""
        target = self.folder / name
        temporary = target.with_name(f".{name}.{self.me}")
        try:
            self.folder.mkdir(exist_ok=True)
            temporary.write_bytes(msgspec.json.encode(data))
            os.replace(temporary, target)
        except OSError:
            pass  # a read-only folder: the room is not told, the workbook is as safe as ever


def _read(path: Path) -> object:
    try:
        if not path.is_file() or path.stat().st_size > 64 * 1024:
            return None
        return msgspec.json.decode(path.read_bytes())
    except (OSError, ValueError):
        return None
