"""The checks before a report goes out, every one of them, in a box the room can read and
scroll: the report is written already; these are for the room to settle."""

from __future__ import annotations

from rich.text import Text as RichText
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ...i18n import tr
from ...terminal import visible


class ChecksScreen(ModalScreen):
    BINDINGS = [Binding("escape,enter,f5,q", "dismiss", "Back", id="key_back")]

    def __init__(self, checks: list[str]) -> None:
        super().__init__()
        self.checks = checks

    def compose(self) -> ComposeResult:
        lang = self.app.lang  # type: ignore[attr-defined]
        with VerticalScroll(id="checks-box"):
            yield Static(RichText(tr("check_title", lang), style="bold"), classes="help-title")
            for check in self.checks:  # text from the workbook: shown as it is, never as markup
                yield Static(RichText(f"• {visible(check)}"), classes="check-line")
            yield Static(RichText(tr("checks_close", lang), style="dim"), classes="help-intro")
