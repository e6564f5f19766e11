"""What the tests share: a checklist of one section, the sample data and its answer key, the
CLI run in-process, an app driven with Pilot (fields, tables, the import screen, its toasts), and the real
app on a pseudo-terminal. Test files import from here, never from one another."""

from __future__ import annotations

import contextlib
import io
import json
import os
import select
import subprocess
import time
from pathlib import Path
from typing import NamedTuple

from textual.widgets import TextArea

from retro_tui import demo
from retro_tui.answers import TargetValues
from retro_tui.checklist import find
from retro_tui.cli import main
from retro_tui.ui.widgets.cell_grid import CellGrid
from retro_tui.workbook import Workbook


def new_review(folder: Path, language: str = "zh") -> Path:
    """A new annual review of 2025 in `folder` (`review.toml`), nothing answered."""
    import datetime as dt

    path = folder / "review.toml"
    Workbook.new_file(path, find("annual-review"), period=(dt.date(2025, 1, 1), dt.date(2025, 12, 31)), language=language)
    return path


def one_section(items: str) -> str:
    """A checklist of one section holding `items` (YAML indented as a section's items)."""
    return """\
id: t
version: 1
title: T
description: D
sections:
  - id: s
    title: S
    guide: G
    items:
""" + items.lstrip("\n")


MINIMAL = """\
id: tiny
version: 1
title: {zh: 小清单, en: Tiny}
description: {zh: 说明, en: About}
sections:
  - id: first
    title: {zh: 第一节, en: First}
    guide: {zh: 引导, en: Guide}
    items:
      - id: a
        kind: text
        label: {zh: 甲, en: A}
"""


ROOT = Path(__file__).resolve().parent.parent
"""The repository."""
DATA = Path(__file__).parent / "data"


KEY = json.loads((DATA / "utf8" / "answer_key.json").read_text(encoding="utf-8"))


def utf8(name: str) -> Path:
    """A UTF-8 sample file: the demo's own copy (its costs.csv is the GBK one), else the tests'."""
    return demo.DATA / name if name != "costs.csv" else DATA / "utf8" / name


def cents(value: float | None) -> int | None:
    """A sum of money in whole cents (None stays None): totals compared to the cent."""
    return None if value is None else round(value * 100)


def target_actual(values: TargetValues) -> tuple[float | None, float | None]:
    """A targets row's target and actual, to compare at once."""
    return values.target, values.actual


class Ran:
    """What a `retro` command did: its exit code, what it wrote to stdout and to stderr, and
    `output`, both in the order they were written (as a terminal shows them)."""

    def __init__(self, exit_code: int, stdout: str, stderr: str, output: str) -> None:
        self.exit_code, self.stdout, self.stderr, self.output = exit_code, stdout, stderr, output


class _Tee(io.StringIO):
    def __init__(self, both: io.StringIO) -> None:
        super().__init__()
        self.both = both

    def write(self, text: str) -> int:
        self.both.write(text)
        return super().write(text)


def run(*args) -> Ran:
    """`retro` with these arguments, in this process: its result (exit code, output)."""
    both = io.StringIO()
    out, err = _Tee(both), _Tee(both)
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main([str(a) for a in args])
            code = 0
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else 0 if exit.code is None else 1
    return Ran(code, out.getvalue(), err.getvalue(), both.getvalue())


def run_ok(*args) -> str:
    """`retro` with these arguments, which must succeed: its output."""
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result.output


SIZE = (140, 45)


class Toast(NamedTuple):
    message: str
    title: str
    severity: str


def toasts(app) -> list[Toast]:
    """Every toast the app shows from now on, kept (the app drops one after its time on screen,
    however slow the machine is)."""
    said: list[Toast] = []
    notify = app.notify

    def keep(message, *args, **kwargs):
        said.append(Toast(message, kwargs.get("title", ""), kwargs.get("severity", "information")))
        return notify(message, *args, **kwargs)

    app.notify = keep
    return said


async def mounted(pilot, selector: str):
    """The widget, once the section has mounted it (items below the first screenful come a
    moment after the first frame)."""
    for _ in range(100):
        if found := pilot.app.screen.query(selector):
            return found.first()
        await pilot.pause(0.02)
    return pilot.app.screen.query_one(selector)


async def type_into(pilot, selector: str, text: str, then: str = "tab") -> None:
    """Focus a field, put `text` in it as a paste would, and leave (or submit) it."""
    widget = await mounted(pilot, selector)
    widget.focus()
    await pilot.pause()
    if isinstance(widget, TextArea):
        widget.text = text
    else:
        widget.value = text
    await pilot.press(then)
    await pilot.pause()


async def edit_cell(pilot, grid_selector: str, row: int, column: int, text: str) -> CellGrid:
    """Move to a cell of a table, press Enter, type `text` into the edit field, press Enter."""
    grid = pilot.app.screen.query_one(grid_selector, CellGrid)
    grid.table.focus()
    grid.table.move_cursor(row=row, column=column)
    await type_in_cell(pilot, grid, text)
    return grid


async def type_in_cell(pilot, grid: CellGrid, text: str) -> None:
    """Enter on the cell under the cursor, `text` into its edit field (as an input method
    commits it), Enter."""
    await pilot.press("enter")
    await pilot.pause()
    assert pilot.app.focused is grid.editor
    grid.editor.value = text
    await pilot.press("enter")
    await pilot.pause()


def section_index(app, section_id: str) -> int:
    """Where a section of the open workbook's checklist is, by its id."""
    return [section.id for section in app.screen.workbook.checklist.sections].index(section_id)


async def show_section(pilot, section_id: str) -> None:
    """Go to a section, by its id."""
    await pilot.app.screen.show_section(section_index(pilot.app, section_id))
    await pilot.pause()


async def grid_in_section(pilot, section_id: str, item_id: str, row: int = 0, column: int = 0) -> CellGrid:
    """Go to a section (by its id) and put the focus on a cell of one of its tables."""
    await show_section(pilot, section_id)
    grid = pilot.app.screen.query_one(f"#item-{item_id}", CellGrid)
    grid.table.focus()
    grid.table.move_cursor(row=row, column=column)
    await pilot.pause()
    return grid


def grid_text(grid: CellGrid, row: int) -> str:
    return " | ".join(str(cell).strip() for cell in grid.table.get_row_at(row))


async def open_import(pilot):
    """F6: the import screen, shown."""
    from retro_tui.ui.screens.import_data import ImportScreen

    await pilot.press("f6")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ImportScreen)
    return pilot.app.screen


async def submit(pilot, selector: str, text: str) -> None:
    """Type `text` into an input of the current screen, press Enter, and wait for the work it starts."""
    from textual.widgets import Input

    field = pilot.app.screen.query_one(selector, Input)
    field.value = text
    field.focus()
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def run_on_a_terminal(argv: list[str], cwd: Path):
    """Start `argv` on a pseudo-terminal (as a user's terminal would); returns (process, fd)."""
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 45, 140, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", XDG_DATA_HOME=str(cwd))
    for name in ("COLUMNS", "LINES"):  # (set by a test runner: they would win over the terminal's own size)
        env.pop(name, None)
    process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=env, start_new_session=True)
    os.close(slave)
    return process, master


def read_until(fd: int, marker: bytes, seconds: float = 20) -> bytes:

    seen, deadline = b"", time.monotonic() + seconds
    while marker not in seen and time.monotonic() < deadline:
        if select.select([fd], [], [], 0.2)[0]:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
    return seen


def settle(fd: int, quiet: float = 0.5, seconds: float = 10) -> None:
    """Read the terminal until the app has drawn nothing for `quiet` seconds."""

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and select.select([fd], [], [], quiet)[0]:
        try:
            os.read(fd, 65536)
        except OSError:
            return


def rendered(renderable, width: int = 120):
    """A Rich renderable as the terminal would show it: its text, and its segments (text and style)."""
    import io

    from rich.console import Console

    console = Console(width=width, record=True, file=io.StringIO(), color_system="truecolor")
    segments = list(console.render(renderable))
    console.print(renderable)
    return console.export_text(), segments
