"""A spreadsheet-like table: arrows move, Enter or typing edits a cell in a field below it.

One DataTable and one field, however many rows: a table costs two widgets on screen, which
keeps start-up and every keystroke fast. A long table's DataTable holds a window of its rows
around the cursor, which moves with the cursor: each row it holds is measured and laid out, so
a table of 20,000 rows costs what one of a hundred does. Subclasses say what the cells are and
how an edit is stored; this class does the moving, editing and committing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text as RichText
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Static

from ...i18n import Lang, tr
from ...linebreak import wrap
from ..changes import OfSession, record
from ..keys import run_binding
from ..layout import text_width
from ..plain import plain
from .fields import CommitInput, refuses

if TYPE_CHECKING:
    from ...session import Session

Cell = str | RichText

WINDOW = 100
"""The most rows a table's DataTable holds: a longer table shows a window of its rows."""
MARGIN = 25
"""Rows kept in the window on either side of the cursor (more than a page up or down moves),
where the table has more: the window moves once the cursor comes closer to its edge."""


class GridTable(DataTable):
    """The table part of a CellGrid (its own type so CSS and tests can find it)."""


class CellGrid(OfSession, Vertical):
    def __init__(self, session: Session, lang: Lang, **kw) -> None:
        super().__init__(**kw)
        self.session, self.lang = session, lang
        self._editing: Coordinate | None = None
        self.row_count = 0
        """How many rows the table has (its DataTable holds at most WINDOW of them)."""
        self._first = 0
        """The row the DataTable's first row is."""
        self._editor: CommitInput | None = None

    @property
    def editing(self) -> Coordinate | None:
        """The cell being edited (its edit field open), or None."""
        return self._editing

    # --- what subclasses provide ---------------------------------------------------------------

    def columns(self, rows: list[list[Cell]]) -> list[tuple[str, int]]:
        """(label, width) of each column, for the `rows` shown (as `rows` gives them)."""
        raise NotImplementedError

    def room(self, widths: list[int]) -> int:
        """Cells left for flexible columns once the fixed `widths` (and cell padding) are placed."""
        return text_width(self.app.size.width) - 1 - sum(widths) - 2 * len(widths)

    def count(self) -> int:
        """How many rows there are."""
        raise NotImplementedError

    def rows(self, first: int = 0, last: int | None = None) -> list[list[Cell]]:
        """The rows from `first` up to `last` (to the end when None)."""
        raise NotImplementedError

    def editable(self, row: int, column: int) -> bool:
        raise NotImplementedError

    def edit_text(self, row: int, column: int) -> str:
        """The text a cell's editor starts with."""
        raise NotImplementedError

    def store(self, row: int, column: int, text: str) -> str | None:
        """Store an edit; returns an error message when the text is refused, a Kept note when
        it was stored with a word about it."""
        raise NotImplementedError

    def cycle(self, row: int, column: int, enter: bool = False) -> bool:
        """Step a choice cell to its next option (on Space, or on Enter when `enter`); False if
        the cell does not step."""
        return False

    def is_choice(self, row: int, column: int) -> bool:
        """A cell of fixed options: stepped (Space, Enter) or picked by a letter, never typed."""
        return False

    def choose(self, row: int, column: int, letter: str) -> bool:
        """Set a choice cell to the next option whose name starts with `letter`; False if that
        changes nothing (no such option)."""
        return False

    def empty_hint(self) -> str:
        return ""

    # --- building ----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield GridTable(cursor_type="cell", zebra_stripes=True, show_cursor=True,
                        fixed_columns=1)  # the row's name stays on screen when the table scrolls right
        yield Static(self.empty_hint(), classes="hint grid-hint")

    def on_mount(self) -> None:
        self.reload()

    @staticmethod
    def _add_columns(table: DataTable, columns: list[tuple[str, int]]) -> None:
        for label, width in columns:
            table.add_column(plain(label), width=width)

    @property
    def table(self) -> GridTable:
        return self.query_one(GridTable)

    @property
    def editor(self) -> CommitInput:
        """The field a cell is edited in, below the table: made when a cell is first edited (a
        table looked at, not typed in, costs no field to the first frame), then kept."""
        if self._editor is None:
            self._editor = CommitInput("", self._commit_edit, debounce=False, compact=True, select_on_focus=False,
                                       classes="cell-editor")
            self._editor.display = False
            self.mount(self._editor)  # (in the DOM at once: the key that opened it, and the next, find it)
        return self._editor

    @property
    def cursor(self) -> Coordinate:
        """The cursor's cell, its row counted over the whole table (not its window)."""
        row, column = self.table.cursor_coordinate
        return Coordinate(self._first + row, column)

    def reload(self) -> None:
        """Show the rows again (after a change of rows or of computed cells)."""
        if not self.query(GridTable):  # its section was left (F8 F8 …) before it was shown
            return
        self._show(*self.cursor)

    def move_to(self, row: int, column: int) -> None:
        """Put the cursor on a cell, its row counted over the whole table: the window moves to
        it when it is not within MARGIN of the window's edge, keeping the cursor's line on screen."""
        if self._window(row) == self._first:
            self.table.move_cursor(row=row - self._first, column=column, animate=False)
            return
        table = self.table
        line, scrolled = cursor_line(table), table.scroll_y
        self._show(row, column)
        # once the new rows are measured (and after the table's own scroll to the cursor):
        table.call_after_refresh(lambda: table.scroll_to(y=scrolled + cursor_line(table) - line, animate=False))

    def _window(self, row: int) -> int:
        """The first row of the window to show `row` in: the one shown, unless `row` is within
        MARGIN of an edge of it beyond which the table goes on; then one with `row` halfway."""
        last = max(self.row_count - WINDOW, 0)
        first = min(self._first, last)
        if (first and row < first + MARGIN) or (first < last and row >= first + WINDOW - MARGIN):
            return min(max(row - WINDOW // 2, 0), last)
        return first

    def _show(self, row: int, column: int) -> None:
        """Fill the table with the window of rows around `row` (the rows from the workbook as
        they are now) and put the cursor on (row, column)."""
        table = self.table
        self.row_count = self.count()
        row = min(row, self.row_count - 1)
        self._first = first = self._window(row)
        rows = self.rows(first, first + WINDOW)
        columns = self.columns(rows)
        if [column.width for column in table.columns.values()] != [width for _, width in columns]:
            table.clear(columns=True)  # a value wider than its column: the column grows, nothing is cut
            self._add_columns(table, columns)
        else:
            table.clear()
        widths = [width for _, width in columns]
        for cells in rows:  # long cells wrap (as Chinese does); what was typed is text, not markup
            shown = [plain(broken(cell, width)) for cell, width in zip(cells, widths)]
            table.add_row(*shown, height=row_height(shown, widths))
        if rows:
            table.move_cursor(row=row - first, column=column, animate=False)
        windowed = len(rows) < self.row_count
        hint = self.query_one(".grid-hint", Static)
        hint.update(tr("rows_window", self.lang, first=first + 1, last=first + len(rows), total=self.row_count)
                    if windowed else self.empty_hint())
        hint.display = windowed or (not rows and bool(self.empty_hint()))

    # --- keys ----------------------------------------------------------------------------------

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()  # a click on a cell (keys are taken in `take_key`)
        if self._editing is None:
            self.start_edit()

    async def take_key(self, event: events.Key) -> bool:
        """Do what a key means for the table or the cell being edited, at once; False for a key
        that is not the table's (Ctrl+Q …). The app hands it every key typed while its table or
        editor has the focus, in the order typed (see keys.py): a key must not depend on an
        editor being shown or focused "in time", so this decides by what the table is doing,
        and moves the focus itself, at once."""
        if self._editing is not None:
            return await self._key_while_editing(event)
        if await run_binding(self, event.key):  # the table's own keys (add a row, delete one)
            return True
        if not self.row_count:
            return False
        row, column = self.cursor
        key = event.key
        if key == "enter":
            self.start_edit()
        elif key == "space":
            if not self.cycle(row, column):
                return False
            self._after_store()
        elif key in ("delete", "backspace") and self.editable(row, column):
            if self.store(row, column, "") is None:
                self._after_store()
        elif event.is_printable and event.character:
            if not self.is_choice(row, column):
                if self.editable(row, column):
                    self.start_edit(event.character)
            elif self.choose(row, column, event.character):
                self._after_store()
        else:
            return await self._move(key)
        return True

    async def _move(self, key: str) -> bool:
        """Arrows, page up and down, home and end: the table's own moves, within its window;
        Ctrl+Home and Ctrl+End go to the table's first and last row. The window follows."""
        if not await run_binding(self.table, key):
            return False
        row, column = self.cursor
        if key in ("ctrl+home", "ctrl+end"):  # the table's first or last row, not its window's
            row = 0 if key == "ctrl+home" else self.row_count - 1
        if self._window(row) != self._first:
            self.move_to(row, column)
        return True

    async def _key_while_editing(self, event: events.Key) -> bool:
        key, editor = event.key, self.editor
        if key == "escape":
            self.cancel_edit()
        elif key in ("enter", "up", "down"):  # (Tab leaves the editor: see `on_descendant_blur`)
            editor.flush()
            if editor.has_class("-rejected"):  # refused text stays in view, to be corrected
                return True
            self.finish_edit(move_down=key == "enter")
            if key != "enter":
                await self._move(key)
        elif event.is_printable:
            await editor._on_key(event)  # the field's own handler: over the selection when opened with Enter
        else:
            return await run_binding(editor, key)  # left, right, home, end, backspace, delete …
        return True

    def on_paste(self, event: events.Paste) -> None:
        """Text pasted on the table goes into the cell under the cursor (pasted while a cell is
        edited, it is the editor's, which has the focus)."""
        event.stop()
        line = event.text.splitlines()[0] if event.text else ""
        if self._editing is None and line and self.row_count:
            row, column = self.cursor
            if self.editable(row, column) and not self.is_choice(row, column):
                self.start_edit(line)

    def start_edit(self, first: str | None = None) -> None:
        """Edit the cell under the cursor (a choice cell steps to its next option instead)."""
        if not self.row_count:
            return
        row, column = self.cursor
        if first is None and self.cycle(row, column, enter=True):
            self._after_store()
            return
        if not self.editable(row, column):
            return
        self._editing = Coordinate(row, column)
        editor = self.editor
        editor.reset(self.edit_text(row, column))
        editor.value = first if first is not None else editor._committed
        editor.border_title = plain(self.edit_title(row, column))  # a row's name and a label: text, never markup
        editor.display = True
        self.screen.set_focus(editor, scroll_visible=False)  # now: the next key is the editor's
        self.call_after_refresh(editor.scroll_visible, animate=False)  # once laid out: it may open below the screen
        editor.cursor_position = len(editor.value)
        if first is None:  # opened with Enter: typing replaces the value, an arrow key keeps it
            editor.action_select_all()

    def edit_title(self, row: int, column: int) -> str:
        """What the edit field says it is editing."""
        raise NotImplementedError

    def _commit_edit(self, text: str) -> str | None:
        if self._editing is None:
            return None
        said = self.store(self._editing.row, self._editing.column, text)
        if not refuses(said):
            self._after_store(tell=False)  # (the editor that committed it tells the screen)
        return said

    def _after_store(self, tell: bool = True) -> None:
        """A cell stored: shown, and saved; `tell`: the screen is told (see changes.record)."""
        self.reload()
        if tell:
            record(self, self.session)
        else:
            self.session.changed()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        """The editor left by a click elsewhere: what it holds is committed. (A blur that comes
        after the editor was opened again is an old one.)"""
        if event.widget is self._editor and self._editing is not None and self.screen.focused is not self._editor:
            self.editor.flush()
            if not self.editor.has_class("-rejected"):  # refused text stays in view, to be corrected
                self.finish_edit(move_down=False, refocus=False)

    def finish_edit(self, move_down: bool, refocus: bool = True) -> None:
        coordinate, self._editing = self._editing, None
        self.editor.display = False
        if coordinate is not None and move_down and coordinate.row + 1 < self.row_count:
            self.move_to(coordinate.row + 1, coordinate.column)
        if refocus:
            self.screen.set_focus(self.table, scroll_visible=False)

    def cancel_edit(self) -> None:
        self.editor.value = self.editor._committed
        self.editor.reset(self.editor._committed)
        self.finish_edit(move_down=False)

    def flush(self) -> None:
        """Commit an edit in progress (before leaving the section or quitting)."""
        if self._editing is not None:
            self.editor.flush()


def cursor_line(table: DataTable) -> int:
    """The first line of the cursor's row among the table's rows."""
    return sum(row.height for row in table.ordered_rows[:table.cursor_row])


def broken(cell: Cell, width: int) -> Cell:
    """A text cell wider than its column as lines that fit it, broken as Chinese is."""
    if isinstance(cell, str) and cell_len(cell) > width:
        return "\n".join(wrap(cell, width))
    return cell


def row_height(cells: list[Cell], widths: list[int]) -> int | None:
    """The lines a row of shown cells takes (counted: the table then need not draw each cell to
    measure it), or None where only drawing them can tell."""
    height = 1
    for cell, width in zip(cells, widths):
        if not isinstance(cell, RichText):
            return None
        lines = cell.plain.split("\n")
        if any(cell_len(line) > width for line in lines):
            return None
        height = max(height, len(lines))
    return height


def right(text: str, width: int) -> str:
    """`text` right-aligned in `width` cells (wide characters counted): numbers and their labels.
    A number too wide to show whole ends in `…` rather than being silently cut."""
    if cell_len(text) > width:
        return text[: width - 1] + "…"
    return " " * (width - cell_len(text)) + text
