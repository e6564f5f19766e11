"""A spreadsheet-like table: arrows move, Enter or typing edits a cell in a field below it.

One DataTable and one field, however many rows: a table costs two widgets on screen, which
keeps start-up and every keystroke fast. Subclasses say what the cells are and how an edit is
stored; this class does the moving, editing and committing.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text as RichText
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Static

from ...i18n import Lang
from ..plain import plain
from .fields import CommitInput

Cell = str | RichText


class GridTable(DataTable):
    """The table part of a CellGrid (its own type so CSS and tests can find it)."""


class CellGrid(Vertical):
    def __init__(self, lang: Lang, on_change, **kw) -> None:
        super().__init__(**kw)
        self.lang, self.on_change = lang, on_change
        self._editing: Coordinate | None = None

    # --- what subclasses provide ---------------------------------------------------------------

    def columns(self) -> list[tuple[str, int]]:
        """(label, width) of each column."""
        raise NotImplementedError

    def room(self, widths: list[int]) -> int:
        """Cells left for flexible columns once the fixed `widths` (and cell padding) are placed."""
        width = self.app.size.width
        sidebar = min(30, max(18, width * 22 // 100))  # as #sections in app.tcss
        return width - sidebar - 6 - sum(widths) - 2 * len(widths)

    def rows(self) -> list[list[Cell]]:
        raise NotImplementedError

    def editable(self, row: int, column: int) -> bool:
        raise NotImplementedError

    def edit_text(self, row: int, column: int) -> str:
        """The text a cell's editor starts with."""
        raise NotImplementedError

    def store(self, row: int, column: int, text: str) -> str | None:
        """Store an edit; returns an error message when the text is refused."""
        raise NotImplementedError

    def cycle(self, row: int, column: int, enter: bool = False) -> bool:
        """Step a choice cell to its next option (on Space, or on Enter when `enter`); False if
        the cell does not step."""
        return False

    def empty_hint(self) -> str:
        return ""

    # --- building ----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        table = GridTable(cursor_type="cell", zebra_stripes=True, show_cursor=True)
        for label, width in self.columns():
            table.add_column(plain(label), width=width)
        yield table
        yield Static(self.empty_hint(), classes="hint grid-hint")
        editor = CommitInput("", self._commit_edit, debounce=False, compact=True, select_on_focus=False,
                             classes="cell-editor")
        editor.display = False
        yield editor

    def on_mount(self) -> None:
        self.reload()

    @property
    def table(self) -> GridTable:
        return self.query_one(GridTable)

    @property
    def editor(self) -> CommitInput:
        return self.query_one(".cell-editor", CommitInput)

    def reload(self) -> None:
        """Show the rows again (after a change of rows or of computed cells)."""
        table = self.table
        cursor = table.cursor_coordinate
        table.clear()
        rows = self.rows()
        for cells in rows:
            table.add_row(*map(plain, cells), height=None)  # long cells wrap; what was typed is text, not markup
        if rows:
            table.move_cursor(row=min(cursor.row, len(rows) - 1), column=cursor.column, animate=False)
        self.query_one(".grid-hint").display = not rows and bool(self.empty_hint())

    # --- editing -----------------------------------------------------------------------------------

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        self.start_edit()

    async def on_key(self, event: events.Key) -> None:
        if self._editing is not None:
            await self._key_while_editing(event)
            return
        if self.screen.focused is not self.table or not self.table.row_count:
            return
        row, column = self.table.cursor_coordinate
        if event.key == "space" and self.cycle(row, column):
            event.stop()
            self._after_store()
        elif event.key in ("delete", "backspace") and self.editable(row, column):
            event.stop()
            if self.store(row, column, "") is None:
                self._after_store()
        elif event.is_printable and event.character and event.key != "space" and self.editable(row, column):
            event.stop()
            self.start_edit(event.character)

    async def _key_while_editing(self, event: events.Key) -> None:
        if event.key == "escape":
            event.stop()
            self.cancel_edit()
        elif self.screen.focused is self.table:
            # Keys typed in one burst (fast typing, an input method's whole word) arrive before
            # the edit field has taken the focus: they belong to it.
            event.stop()
            if event.key == "enter":
                await self.editor.action_submit()
            elif event.key == "backspace":
                self.editor.action_delete_left()
            elif event.is_printable and event.character:
                self.editor.insert_text_at_cursor(event.character)

    def start_edit(self, first: str | None = None) -> None:
        """Edit the cell under the cursor (a choice cell steps to its next option instead)."""
        if not self.table.row_count:
            return
        row, column = self.table.cursor_coordinate
        if first is None and self.cycle(row, column, enter=True):
            self._after_store()
            return
        if not self.editable(row, column):
            return
        self._editing = self.table.cursor_coordinate
        editor = self.editor
        editor.reset(self.edit_text(row, column))
        editor.value = first if first is not None else editor._committed
        editor.border_title = self.edit_title(row, column)
        editor.display = True
        editor.focus()
        self.call_after_refresh(editor.scroll_visible, animate=False)  # once laid out: it may open below the screen
        editor.cursor_position = len(editor.value)
        if first is None:  # opened with Enter: typing replaces the value, an arrow key keeps it
            editor.action_select_all()

    def edit_title(self, row: int, column: int) -> str:
        """What the edit field says it is editing."""
        return f"{self.columns()[column][0].strip()} · {row + 1}"

    def _commit_edit(self, text: str) -> str | None:
        if self._editing is None:
            return None
        error = self.store(self._editing.row, self._editing.column, text)
        if error is None:
            self._after_store()
        return error

    def _after_store(self) -> None:
        self.reload()
        self.on_change()

    def on_input_submitted(self, event) -> None:
        if event.input is self.editor and not self.editor.has_class("-rejected"):
            event.stop()
            self.finish_edit(move_down=True)

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if event.widget is self.editor and self._editing is not None:
            self.editor.flush()
            if not self.editor.has_class("-rejected"):  # refused text stays in view, to be corrected
                self.finish_edit(move_down=False, refocus=False)

    def finish_edit(self, move_down: bool, refocus: bool = True) -> None:
        coordinate, self._editing = self._editing, None
        self.editor.display = False
        if coordinate is not None and move_down and coordinate.row + 1 < self.table.row_count:
            self.table.move_cursor(row=coordinate.row + 1, column=coordinate.column)
        if refocus:
            self.table.focus()

    def cancel_edit(self) -> None:
        self.editor.value = self.editor._committed
        self.editor.reset(self.editor._committed)
        self.finish_edit(move_down=False)

    def flush(self) -> None:
        """Commit an edit in progress (before leaving the section or quitting)."""
        if self._editing is not None:
            self.editor.flush()


def right(text: str, width: int) -> str:
    """`text` right-aligned in `width` cells (wide characters counted): numbers and their labels.
    A number too wide to show whole ends in `…` rather than being silently cut."""
    if cell_len(text) > width:
        return text[: width - 1] + "…"
    return " " * (width - cell_len(text)) + text
