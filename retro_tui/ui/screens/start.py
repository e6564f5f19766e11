"""The start screen: recent workbooks, and a new workbook from a checklist."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text as RichText
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, OptionList, RadioButton, RadioSet, Static
from textual.widgets.option_list import Option

from ... import checklist as checklists
from ... import recent
from ...checklist import ChecklistError
from ...dates import parse_period
from ...i18n import LANGS, Lang, pick, tr
from ...terminal import visible
from ...workbook import Workbook, WorkbookError, WorkbookExists
from ..localize import localize_bindings
from ..plain import plain
from ..widgets.keys_footer import KeysFooter

LANGUAGE_NAMES = {"zh": "中文", "en": "English"}


class StartScreen(Screen):
    BINDINGS = [
        Binding("f2", "app.toggle_language", "中/EN", id="key_lang"),
        Binding("f1", "app.help", "Help", id="key_help"),
        Binding("ctrl+q", "app.quit", "Quit", id="key_quit", priority=True),
    ]

    @property
    def lang(self) -> Lang:
        return self.app.lang  # type: ignore[attr-defined]

    def __init__(self) -> None:
        super().__init__()
        self.kept: dict[str, str | int] = {}
        """What the user had typed and picked, kept across a change of language."""

    def compose(self) -> ComposeResult:
        lang = self.lang
        localize_bindings(self, lang)
        self.infos = checklists.available()
        self.recent = recent.load()
        kept = self.kept
        self.shown_defaults = self._defaults(int(kept.get("checklist", 0)))
        yield Static(RichText(tr("start_title", lang), style="bold"), id="title-bar")
        with Horizontal(id="start-body"):
            with Vertical(id="recent-pane", classes="pane"):
                yield Static(tr("recent", lang), classes="pane-title")
                if self.recent:
                    yield OptionList(*(Option(self._recent_prompt(p), id=str(i)) for i, p in enumerate(self.recent)), id="recent")
                else:
                    yield Static(tr("no_recent", lang), classes="hint")
                yield Static(tr("open_path", lang), classes="field-label")
                yield Input(str(kept.get("open-path", "")), placeholder="review.toml", id="open-path")
            with VerticalScroll(id="new-pane", classes="pane"):
                yield Static(tr("new_workbook", lang), classes="pane-title")
                yield Static(tr("field_checklist", lang), classes="field-label")
                with RadioSet(id="checklist"):
                    for index, info in enumerate(self.infos):
                        yield RadioButton(plain(f"{pick(info.title, lang)}  ({info.id})"), value=index == kept.get("checklist", 0))
                yield Static(tr("field_title", lang), classes="field-label")
                yield Input(str(kept.get("title", "")), placeholder=f"{self.shown_defaults[0][:4]} …", id="title")
                yield Static(tr("field_period", lang), classes="field-label")
                yield Input(str(kept.get("period", self.shown_defaults[0])), id="period")
                with Horizontal(classes="field-pair"):
                    with Vertical():
                        yield Static(tr("team", lang), classes="field-label")
                        yield Input(str(kept.get("team", "")), id="team")
                    with Vertical():
                        yield Static(tr("facilitator", lang), classes="field-label")
                        yield Input(str(kept.get("facilitator", "")), id="facilitator")
                yield Static(tr("field_language", lang), classes="field-label")
                with RadioSet(id="language"):
                    for code in LANGS:
                        yield RadioButton(LANGUAGE_NAMES[code], value=code == LANGS[int(kept.get("language", LANGS.index(lang)))])
                yield Static(tr("field_path", lang), classes="field-label")
                yield Input(str(kept.get("path", self.shown_defaults[1])), id="path")
                yield Button(tr("create", lang), variant="primary", id="create")
        yield KeysFooter()

    def _recent_prompt(self, path: Path) -> RichText:
        prompt = RichText(visible(recent.title_of(path) or path.name), style="bold")  # a title's escapes shown, never sent
        prompt.append(f"  {visible(str(path))}", style="dim")
        return prompt

    def _defaults(self, index: int) -> tuple[str, str]:
        """The period and file name a new workbook of the `index`-th checklist starts with: last
        year, or for a checklist of one campaign (618) that campaign's latest days."""
        import datetime as dt

        from ...promotions import review_days

        info = self.infos[index] if 0 <= index < len(self.infos) else None
        start, end = review_days(info.campaign if info else None, dt.date.today())
        return f"{start}..{end}", f"{info.id if info else 'review'}-{start.year}.toml"

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        """Another checklist: its own period and file name, where the user has not typed theirs."""
        if event.radio_set.id != "checklist":
            return
        new = self._defaults(event.radio_set.pressed_index)
        for field_id, old, value in zip(("period", "path"), self.shown_defaults, new):
            field = self.query_one(f"#{field_id}", Input)
            if field.value == old:
                field.value = value
        self.shown_defaults = new

    def set_language(self, lang: Lang) -> None:
        self.kept = {field.id: field.value for field in self.query(Input) if field.id}
        self.kept |= {radios.id: max(radios.pressed_index, 0) for radios in self.query(RadioSet) if radios.id}
        self.refresh(recompose=True)

    # --- opening ---------------------------------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.open_path(self.recent[event.option_index])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "open-path" and event.value.strip():
            self.open_path(Path(event.value.strip()).expanduser())
        elif event.input.id in ("title", "period", "team", "facilitator", "path"):
            self._create()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "create":
            self._create()

    def open_path(self, path: Path) -> None:
        """Open the workbook at `path` (a recent one picked, or a path typed), or say why not."""
        try:
            workbook = Workbook.load(path, for_editing=True)
        except WorkbookError as exc:
            self.notify(str(exc), severity="error", timeout=8)
            return
        self.app.open_workbook(workbook)  # type: ignore[attr-defined]

    def _create(self) -> None:
        chosen = self.query_one("#checklist", RadioSet).pressed_index
        lang: Lang = LANGS[max(self.query_one("#language", RadioSet).pressed_index, 0)]
        path = Path(self.query_one("#path", Input).value.strip() or self.shown_defaults[1]).expanduser()
        try:
            if not self.infos:
                raise ValueError(tr("no_checklists", self.lang))
            workbook = Workbook.new_file(
                path,
                checklists.load(self.infos[max(chosen, 0)].path),
                period=parse_period(self.query_one("#period", Input).value),
                language=lang,
                title=self.query_one("#title", Input).value.strip(),
                team=self.query_one("#team", Input).value.strip(),
                facilitator=self.query_one("#facilitator", Input).value.strip(),
            )
        except WorkbookExists:
            self.notify(tr("start_exists", self.lang, path=path), severity="error", timeout=8)
            return
        except (ChecklistError, WorkbookError, ValueError) as exc:
            self.notify(str(exc), severity="error", timeout=8)
            return
        self.app.set_language(lang, announce=False)  # type: ignore[attr-defined]
        self.app.open_workbook(workbook)  # type: ignore[attr-defined]
