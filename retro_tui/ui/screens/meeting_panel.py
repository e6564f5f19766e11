"""The meeting panel (F4): who is in the room and in which role, and the parking lot — a
remark off the topic typed and set aside in one line, so the room goes on and nothing is lost.
What is typed here is the meeting's record, kept in the workbook as it is entered (not an
answer: no undo step)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text as RichText
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ... import meeting
from ...i18n import Lang, list_sep, tr
from ...terminal import visible
from ..changes import OfSession
from ..plain import plain

if TYPE_CHECKING:
    from ...session import Session


def attendees_text(people: list[meeting.Attendee], lang: Lang) -> str:
    """`林悦:引导人, 周航:叙述人`: as the field shows them, and reads them back."""
    return ", ".join(f"{p.name}:{tr('role_' + p.role, lang)}" for p in people)


class MeetingPanel(OfSession, ModalScreen):
    BINDINGS = [Binding("escape,f4", "dismiss", "Back", id="key_back")]

    def __init__(self, session: Session, lang: Lang) -> None:
        super().__init__()
        self.session, self.lang = session, lang

    def compose(self) -> ComposeResult:
        lang = self.lang
        with VerticalScroll(id="meeting-box", classes="dialog"):
            yield Static(RichText(tr("meeting_title", lang), style="bold"))
            yield Static(tr("meeting_park_label", lang), classes="field-label")
            yield Input(placeholder=tr("meeting_park_placeholder", lang), id="park")
            yield Static(self._parked(), id="parked")
            yield Static(tr("meeting_attendees_label", lang), classes="field-label")
            yield Input(visible(attendees_text(meeting.attendees(self.workbook), lang)), id="attendees",
                        placeholder=tr("meeting_attendees_placeholder", lang))
            yield Static(tr("meeting_roles", lang, roles=list_sep(lang).join(tr("role_" + r, lang) for r in meeting.ROLES)),
                         classes="hint")

    def on_mount(self) -> None:
        self.query_one("#park", Input).focus()

    def _parked(self) -> RichText:
        remarks = meeting.parked(self.workbook)
        return plain("\n".join(f"• {remark}" for remark in remarks)) if remarks else RichText(
            tr("meeting_nothing_parked", self.lang), style="dim")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "park" and event.value.strip():
            meeting.park(self.workbook, event.value)
            event.input.value = ""
            self.query_one("#parked", Static).update(self._parked())
            self.session.changed(undoable=False)  # (shown when the panel closes)
        elif event.input.id == "attendees":
            try:
                people = meeting.parse_attendees(event.value)
            except ValueError as exc:
                self.notify(tr("meeting_bad_role", self.lang, error=exc), severity="error", timeout=6)
                return
            meeting.set_attendees(self.workbook, people)
            event.input.value = attendees_text(people, self.lang)
            self.session.changed(undoable=False)  # (shown when the panel closes)
            self.notify(tr("meeting_attendees_kept", self.lang, n=len(people)), timeout=2)
