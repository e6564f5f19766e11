"""A vote round on a records table (Ctrl+T there): the room's people in turn, each with their
dots (+ on a row, − to take one back, Tab: the next person), the tally growing beside each
row; Enter ends it (the table then sorted by votes), Esc drops it."""

from __future__ import annotations

from rich.text import Text as RichText
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from ...i18n import Lang, tr
from ...votes import Round
from ..localize import localize_bindings
from ..plain import plain


class VoteRound(ModalScreen[Round | None]):
    BINDINGS = [
        Binding("plus,equals_sign,space", "dot(1)", "+1", id="key_vote_add", priority=True),
        Binding("minus,underscore,backspace", "dot(-1)", "−1", id="key_vote_take", priority=True),
        Binding("up", "move(-1)", show=False, priority=True),  # at once, in the order typed with + and −
        Binding("down", "move(1)", show=False, priority=True),
        Binding("tab", "next_voter", "Next person", id="key_vote_next", priority=True),
        Binding("enter", "finish", "End the round", id="key_vote_end", priority=True),
        Binding("escape", "drop", "Drop the round", id="key_vote_drop", priority=True),
    ]

    def __init__(self, title: str, names: list[str], voters: list[str], lang: Lang) -> None:
        super().__init__()
        self.title_text, self.names, self.lang = title, names, lang
        self.round = Round(voters, len(names))

    def compose(self) -> ComposeResult:
        localize_bindings(self, self.lang)
        with Vertical(id="vote-box", classes="dialog"):
            yield Static(plain(tr("vote_title", self.lang, item=self.title_text)), classes="help-title")
            yield Static(id="vote-turn")
            yield DataTable(id="vote-table", cursor_type="row", zebra_stripes=True)
            yield Static(tr("vote_keys", self.lang), classes="hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(tr("vote_votes", self.lang), key="votes", width=6)
        table.add_column(tr("vote_dots", self.lang), key="dots", width=14)
        table.add_column("", key="name")
        for index, _name in enumerate(self.names):
            table.add_row(*self._cells(index), key=str(index))
        table.focus()
        self._show_turn()

    def _cells(self, index: int) -> tuple:
        mine = self.round.dots[index].get(self.round.voter, 0)
        others = self.round.tally(index) - mine
        return (str(self.round.tally(index) or ""), RichText("●" * mine, style="bold yellow") + RichText("●" * others, style="dim"),
                plain(self.names[index]))

    def _show_turn(self) -> None:
        r, lang = self.round, self.lang
        self.query_one("#vote-turn", Static).update(plain(tr("vote_turn", lang, voter=r.voter, left=r.left(),
                                                             n=r.turn + 1, count=len(r.voters))))

    def _refresh_row(self, index: int) -> None:
        table = self.query_one(DataTable)
        for column, cell in zip(("votes", "dots", "name"), self._cells(index)):
            table.update_cell(str(index), column, cell)

    def action_move(self, step: int) -> None:
        table = self.query_one(DataTable)
        table.move_cursor(row=max(0, min(table.cursor_row + step, len(self.names) - 1)), animate=False)

    def action_dot(self, step: int) -> None:
        table = self.query_one(DataTable)
        if not self.names:
            return
        row = table.cursor_row
        done = self.round.add(row) if step > 0 else self.round.take(row)
        if not done and step > 0:
            self.app.bell()  # no dots left: Tab passes the keyboard on
        self._refresh_row(row)
        self._show_turn()

    def action_next_voter(self) -> None:
        if self.round.next_voter():
            for index in range(len(self.names)):
                self._refresh_row(index)
            self._show_turn()
        else:
            self.action_finish()

    def action_finish(self) -> None:
        self.dismiss(self.round)

    def action_drop(self) -> None:
        self.dismiss(None)
