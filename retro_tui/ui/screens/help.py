"""The help screen: the keys, listed from the bindings the screens declare."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text as RichText
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ...i18n import Lang, tr
from ..app import RetroApp
from ..widgets.records_table import RecordsTable
from .workbook import WorkbookScreen


def key_display(keys: str) -> str:
    """`ctrl+n,f8` → `Ctrl+N / F8`."""
    return " / ".join("+".join(part.capitalize() for part in key.split("+")) for key in keys.split(","))


def key_rows(lang: Lang) -> list[tuple[str, str]]:
    """(keys, what they do): the screens' own bindings, then the keys of fields and tables."""
    declared = (*WorkbookScreen.BINDINGS, *RecordsTable.BINDINGS, *RetroApp.BINDINGS)
    rows = [(key_display(b.key), tr(b.id, lang)) for b in declared if isinstance(b, Binding) and b.id]
    return rows + [(keys, tr(message, lang)) for keys, message in FIELD_KEYS]


FIELD_KEYS = (
    ("Tab / Shift+Tab", "help_tab"),
    ("↑ ↓ ← →", "help_arrows"),
    ("Enter", "help_enter"),
    ("Esc", "help_escape"),
    ("Delete", "help_delete"),
    ("Space", "help_space"),
    ("", "help_imported"),
)


def keys_table(lang: Lang) -> Table:
    """The keys and what they do, each description whole however narrow the screen."""
    keys = Table.grid(padding=(0, 2))
    keys.add_column(style="bold cyan", no_wrap=True)
    keys.add_column(overflow="fold")  # Chinese has no spaces to wrap at: break between characters, cut nothing
    for key, description in key_rows(lang):
        keys.add_row(key, description)
    return keys


class HelpScreen(ModalScreen):
    BINDINGS = [Binding("escape,f1,q", "dismiss", "Back", id="key_back")]

    def compose(self) -> ComposeResult:
        lang = self.app.lang  # type: ignore[attr-defined]
        keys = keys_table(lang)
        with VerticalScroll(id="help-box"):
            yield Static(RichText(tr("help_title", lang), style="bold"), classes="help-title")
            yield Static(tr("help_intro", lang), classes="help-intro")
            yield Static(keys)
