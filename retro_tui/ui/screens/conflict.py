"""When saving finds the file changed on disk, or cannot write it: the user decides, nothing is
overwritten or lost behind their back."""

from __future__ import annotations

import difflib
from typing import Literal

from rich.text import Text as RichText
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from ...i18n import Lang, tr
from ...terminal import visible

Choice = Literal["reload", "keep", "later"]


def difference(disk: str | None, mine: str, name: str, lang: Lang) -> RichText:
    """The file on disk against this window's version, as a coloured unified diff."""
    if disk is None:
        return RichText(tr("conflict_gone", lang))
    lines = difflib.unified_diff(disk.splitlines(), mine.splitlines(), f"{name} ({tr('conflict_disk', lang)})",
                                 f"{name} ({tr('conflict_mine', lang)})", lineterm="", n=2)
    text = RichText()
    for line in lines:
        style = "green" if line.startswith("+") else "red" if line.startswith("-") else "cyan" if line.startswith("@@") else ""
        text.append(visible(line) + "\n", style=style)
    return text or RichText(tr("conflict_same", lang))


class ConflictScreen(ModalScreen[Choice]):
    """The workbook changed on disk since it was opened: reload it, keep this window's version
    (write it anyway), or look at the difference first. Dismissed with the choice."""

    BINDINGS = [Binding("escape", "later", "Decide later", id="key_back")]

    def __init__(self, disk: str | None, mine: str, name: str, lang: Lang) -> None:
        super().__init__()
        self.disk, self.mine, self.file_name, self.lang = disk, mine, name, lang

    def compose(self) -> ComposeResult:
        with Vertical(id="conflict-box", classes="dialog"):
            yield Static(RichText(tr("conflict_title", self.lang, file=self.file_name), style="bold"))
            yield Static(tr("conflict_text", self.lang), classes="hint")
            with VerticalScroll(id="conflict-diff"):
                yield Static(difference(self.disk, self.mine, self.file_name, self.lang))
            with Horizontal(classes="dialog-buttons"):
                yield Button(tr("conflict_reload", self.lang), id="reload")
                yield Button(tr("conflict_keep", self.lang), variant="warning", id="keep")
                yield Button(tr("conflict_diff", self.lang), id="diff")

    def on_mount(self) -> None:
        self.query_one("#conflict-diff").display = False
        self.query_one("#reload", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "diff":
            diff = self.query_one("#conflict-diff")
            diff.display = not diff.display
        else:
            self.dismiss(event.button.id)  # type: ignore[arg-type]

    def action_later(self) -> None:
        self.dismiss("later")


class SaveAsScreen(ModalScreen[str | None]):
    """Save the workbook under another path (the folder is read-only, the disk is full …).
    Dismissed with the path typed, or None."""

    BINDINGS = [Binding("escape", "cancel", "Back", id="key_back")]

    def __init__(self, reason: str, suggestion: str, lang: Lang) -> None:
        super().__init__()
        self.reason, self.suggestion, self.lang = reason, suggestion, lang

    def compose(self) -> ComposeResult:
        with Vertical(id="save-as-box", classes="dialog"):
            yield Static(RichText(tr("save_as_title", self.lang), style="bold"))
            if self.reason:
                yield Static(RichText(visible(self.reason), style="red"))
            yield Static(tr("save_as_text", self.lang), classes="hint")
            yield Input(value=self.suggestion, id="save-as-path")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
