"""The import screen: read shop exports (in a thread, the app keeps responding), see what was
found — kind, encoding, columns, first rows, problems — then fill the workbook."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text as RichText
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.suggester import Suggester
from textual.widgets import Button, DataTable, Input, Select, Static

from ...i18n import Lang, tr
from ...workbook import Workbook
from ..localize import localize_bindings
from ..plain import plain
from ..widgets.keys_footer import KeysFooter

PREVIEW_ROWS = 5
SPREADSHEETS = (".csv", ".txt", ".xlsx", ".xlsm", ".xls", ".ods")


def preview_cell(value, kind: str) -> str:
    """A cell of the preview as the workbook will show it: money to the cent, a count whole
    (`1`, not `1.0`)."""
    from ...numbers import format_number

    if value is None or value != value:
        return ""
    if kind == "money" and isinstance(value, float):
        return f"{value:,.2f}"
    if kind in ("number", "percent") and isinstance(value, float):
        return format_number(value, 4)
    return str(value)


class PathSuggester(Suggester):
    """Completes a file path from what is on disk (directories and spreadsheet files)."""

    def __init__(self, base: Path) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.base = base

    async def get_suggestion(self, value: str) -> str | None:
        typed = Path(value).expanduser()
        folder = typed if value.endswith("/") else typed.parent
        folder = folder if folder.is_absolute() else self.base / folder
        stem = "" if value.endswith("/") else typed.name
        try:
            names = sorted(p.name + ("/" if p.is_dir() else "") for p in folder.iterdir()
                           if p.name.startswith(stem) and (p.is_dir() or p.suffix.lower() in SPREADSHEETS))
        except OSError:
            return None
        return value[: len(value) - len(stem)] + names[0] if names else None


class MappingSuggester(Suggester):
    """Completes `COLUMN=field`: a column no field was found for, then a catalogue field."""

    def __init__(self, screen: ImportScreen) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.screen = screen

    async def get_suggestion(self, value: str) -> str | None:
        from ...metrics import catalogue

        column, sep, field = value.partition("=")
        if not sep:
            names = [c for table in self.screen.tables for c in table.unknown]
            return next((c + "=" for c in names if c.startswith(column)), None)
        return next((f"{column}={f}" for f in catalogue.load().fields if f.startswith(field)), None)


class ImportScreen(Screen[int]):
    """Dismissed with the number of values filled (0 when cancelled)."""

    AUTO_FOCUS = "#import-path"
    BINDINGS = [
        Binding("escape", "cancel", "Back", id="key_back"),
        Binding("ctrl+s", "apply", "Fill the workbook", id="import_apply"),
    ]

    def __init__(self, workbook: Workbook, lang: Lang) -> None:
        super().__init__()
        self.workbook, self.lang = workbook, lang
        self.tables: list = []
        self.paths: list[Path] = []
        """The files read so far (a workbook of several sheets gives several tables)."""
        self.mapping: dict[str, str] = {}
        """Columns mapped here by hand: used for every file, remembered in the workbook."""
        self.reading = 0
        """Files being read now (Apply waits for them)."""
        self.channel: str | None = None
        """The channel of files that do not say (a Taobao/Tmall export in a workbook of both)."""
        self.generation = 0
        """Counts the times every file is read again: a file read before that comes back late is dropped."""

    def compose(self) -> ComposeResult:
        localize_bindings(self, self.lang)
        yield Static(RichText(tr("import_title", self.lang), style="bold"), id="title-bar")
        with VerticalScroll(id="import-body"):
            yield Static(tr("import_path", self.lang), classes="field-label")
            yield Input(placeholder="orders.csv", suggester=PathSuggester(self.workbook.path.parent), id="import-path")
            yield Static(tr("import_map", self.lang), classes="field-label")
            yield Input(placeholder="访客数(人)=visitors", suggester=MappingSuggester(self), id="import-map")
            channels = self._channels()
            if channels:
                yield Static(tr("import_channel", self.lang), classes="field-label")
                yield Select([(name, name) for name in channels], prompt=tr("import_channel_auto", self.lang),
                             id="import-channel")
            yield Static(tr("import_none", self.lang), id="import-status", classes="hint")
            yield VerticalScroll(id="import-preview")
        with Horizontal(id="import-buttons"):  # below the files read, however many: always in sight
            yield Button(tr("import_apply", self.lang), variant="primary", id="apply", disabled=True)
            yield Button(tr("import_clear", self.lang), id="clear")
            yield Button(tr("import_cancel", self.lang), id="cancel")
        yield KeysFooter()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            return
        if event.input.id == "import-map":
            self._map(text)
            return
        path = Path(text).expanduser()
        path = path if path.is_absolute() else self.workbook.path.parent / path
        self._read(path)

    def _read(self, path: Path) -> None:
        self.paths = [*dict.fromkeys([*self.paths, path])]  # a file that fails may be read again once mapped
        self.query_one("#import-status", Static).update(plain(tr("import_reading", self.lang, file=path.name)))
        self.reading += 1
        self._update_apply()
        self.read_file(path, self.generation)

    def _channels(self) -> tuple[str, ...]:
        from ...metrics.importer import workbook_channels

        return workbook_channels(self.workbook)

    def on_select_changed(self, event: Select.Changed) -> None:
        """A channel picked for the files that do not say: every file is read again with it."""
        self.channel = None if event.value is Select.BLANK else str(event.value)
        self._read_again()

    def _read_again(self) -> None:
        paths, self.paths = self.paths, []
        self.generation += 1
        self.reading = 0  # what is still being read under the old mapping or channel will be dropped
        self._clear()
        for path in paths:
            self._read(path)

    def _map(self, text: str) -> None:
        """`COLUMN=field`: read that column as the field, in every file (they are read again)."""
        from ...metrics import catalogue

        column, sep, field = (part.strip() for part in text.partition("="))
        if not sep or not column or field not in catalogue.load().fields:
            self._show_error(tr("import_map_bad", self.lang, text=text, fields=", ".join(catalogue.load().fields)))
            return
        self.mapping[column] = field
        self.query_one("#import-map", Input).value = ""
        self._read_again()

    @work(thread=True)
    def read_file(self, path: Path, generation: int) -> None:
        """Read in a thread: pandas and a large file must not freeze the screen."""
        from ...metrics import catalogue
        from ...metrics.importer import read_files
        from ...metrics.reader import MetricsError

        try:
            tables, skipped = read_files(self.workbook, [path], mapping=self.mapping, channel=self.channel)
        except MetricsError as exc:
            self.app.call_from_thread(self._read_failed, exc.said(self.lang), generation)
        except catalogue.CatalogueError as exc:
            self.app.call_from_thread(self._read_failed, str(exc), generation)
        except Exception as exc:  # a file we did not foresee must not take the app down
            self.app.call_from_thread(self._read_failed, f"{path}: cannot be read ({type(exc).__name__}: {exc})", generation)
        else:
            self.app.call_from_thread(self._add, path, tables, skipped, generation)

    def _read_failed(self, message: str, generation: int) -> None:
        if generation != self.generation:
            return
        self.reading -= 1
        self._show_error(message)
        self._update_apply()

    def _show_error(self, message: str) -> None:
        self.query_one("#import-status", Static).update(RichText(message, style="bold red"))

    def _update_apply(self) -> None:
        """Apply only when every file is read and none has a problem."""
        ready = self.reading == 0 and bool(self.tables) and not any(t.problems for t in self.tables)
        self.query_one("#apply", Button).disabled = not ready

    def _add(self, path: Path, tables: list, skipped: list, generation: int) -> None:
        """Show what was read from one file (a table per sheet of a workbook), or why it is set
        aside (a 宝贝报表: its figures are in the 订单报表)."""
        if generation != self.generation:
            return  # read under an earlier mapping or channel
        from ...i18n import pick
        from ...metrics import catalogue
        from ...metrics.importer import describe_table
        from ...metrics.reader import FRACTION, field_type

        paths = {table.path for table in tables}
        if any(t.path in paths for t in self.tables):  # read again: show it once
            self._clear()
        self.tables = [t for t in self.tables if t.path not in paths] + tables
        self.paths = [*dict.fromkeys([*self.paths, path])]  # kept if a read again cleared the list
        preview = self.query_one("#import-preview", VerticalScroll)
        for exc in skipped:
            preview.mount(Static(RichText(tr("import_skipped", self.lang, file=exc.path.name, format=pick(exc.format.label, self.lang),
                                             why=pick(exc.format.skip, self.lang))), classes="import-summary"))
        for table in tables:
            style = "bold red" if table.problems else ""
            preview.mount(Static(RichText("\n".join(describe_table(table, None, self.lang)), style=style),
                                 classes="import-summary"))
            rows: DataTable = DataTable(show_cursor=False, zebra_stripes=True, classes="import-rows")
            shown = table.frame[[c for c in table.frame.columns if not c.endswith(FRACTION)]]
            rows.add_columns(*map(plain, shown.columns))
            types = [field_type(catalogue.load(), column) for column in shown.columns]
            for values in shown.head(PREVIEW_ROWS).itertuples(index=False):
                rows.add_row(*(plain(preview_cell(v, kind)) for v, kind in zip(values, types)))
            preview.mount(rows)
        self.reading -= 1
        self._update_apply()
        self.query_one("#import-status", Static).update("")
        input_field = self.query_one("#import-path", Input)
        input_field.value = ""
        input_field.focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "apply":
            self.action_apply()
        elif event.button.id == "clear":
            self._clear()
        else:
            self.action_cancel()

    def _clear(self) -> None:
        """Forget the files read so far (e.g. to leave out one with problems)."""
        self.tables, self.paths = [], []
        self.query_one("#import-preview", VerticalScroll).remove_children()
        self._update_apply()
        self.query_one("#import-path", Input).focus()

    def action_cancel(self) -> None:
        self.dismiss(0)

    def action_apply(self) -> None:
        """Fill the workbook from every file read, or — if one cannot be used — from none."""
        if not self.tables or self.query_one("#apply", Button).disabled:
            return
        self.query_one("#apply", Button).disabled = True
        self.query_one("#import-status", Static).update(tr("import_applying", self.lang))
        self.apply_in_thread()

    @work(thread=True, exclusive=True)
    def apply_in_thread(self) -> None:
        """Compute and fill in a thread: a million rows take a moment, the screen stays live."""
        from ...metrics.importer import apply_tables, stored
        from ...metrics.reader import MetricsError

        try:
            outcome = apply_tables(self.workbook, self.tables, mapping=self.mapping)
        except MetricsError as exc:
            self.app.call_from_thread(self._apply_failed, exc.said(self.lang))
        except Exception as exc:  # the workbook is restored as it was: nothing is saved
            self.app.call_from_thread(self._apply_failed, f"{type(exc).__name__}: {exc}")
        else:
            app = self.app  # the screen is gone by the time the rows are written
            app.call_from_thread(self._applied, outcome)
            if problem := stored(outcome.report):
                app.call_from_thread(app.notify, tr("import_not_stored", self.lang, why=problem), severity="warning")

    def _apply_failed(self, message: str) -> None:
        self._show_error(message)
        self._update_apply()

    def _applied(self, outcome) -> None:
        """Say what was filled, and what the room should know before trusting it (channels no
        row names, figures left empty because a platform's files lack them)."""
        from ...metrics.importer import describe_left_out, describe_warnings

        filled = len(outcome.report.filled)
        left_out = [f"{table.path.name}{line}" for table in outcome.tables
                    for line in describe_left_out(table, outcome.result, self.lang)]
        self.notify("\n".join([tr("import_done", self.lang, n=filled, files=len(self.tables)), *left_out]),
                    timeout=8 if left_out else None)
        warnings = describe_warnings(outcome.report, self.lang)
        if warnings:
            self.notify("\n".join(warnings), severity="warning", timeout=12)
        self.dismiss(filled)
