"""The help screen: the keys, listed from the bindings the screens declare."""

from __future__ import annotations

from rich.text import Text as RichText
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ...i18n import tr
from ..widgets.records_table import RecordsTable
from .workbook import WorkbookScreen


def key_display(keys: str) -> str:
    """`ctrl+n,f8` → `Ctrl+N / F8`."""
    return " / ".join("+".join(part.capitalize() for part in key.split("+")) for key in keys.split(","))


class HelpScreen(ModalScreen):
    BINDINGS = [Binding("escape,f1,q", "dismiss", "Back", id="key_back")]

    def compose(self) -> ComposeResult:
        lang = self.app.lang  # type: ignore[attr-defined]
        rows = [(key_display(b.key), tr(b.id, lang)) for b in (*WorkbookScreen.BINDINGS, *RecordsTable.BINDINGS) if b.id]
        rows += [("Ctrl+P", tr("key_palette", lang)), ("Tab / Shift+Tab", tr("help_fields", lang))]
        keys = RichText()
        for key, description in rows:
            keys.append(f"{key:<18}", style="bold cyan")
            keys.append(description + "\n")
        with VerticalScroll(id="help-box"):
            yield Static(RichText(tr("help_title", lang), style="bold"), classes="help-title")
            yield Static(tr("help_intro", lang), classes="help-intro")
            yield Static(keys)
