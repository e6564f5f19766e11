"""The retro_tui application: a start screen, or a workbook opened from the command line."""

from __future__ import annotations

import gc
from pathlib import Path

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from ..i18n import Lang, system_lang, tr
from ..workbook import Workbook, WorkbookError
from .localize import localize_bindings
from .paste import read_pastes_whole
from .screens.workbook import WorkbookScreen

SYSTEM_COMMANDS = {"Theme": "sys_theme", "Quit": "sys_quit", "Keys": "sys_keys", "Minimize": "sys_minimize",
                   "Maximize": "sys_maximize", "Screenshot": "sys_screenshot"}
"""Textual's palette commands, by their English title, and our words for them."""

SWITCH_INTERVAL = 0.001
"""Seconds a thread holds the interpreter while another waits for it, while the app runs (see
cli.run_app; Python's default: 0.005). Once the app is shown, a thread parses the workbook for
editing, or reads a metrics file: each time the app's own thread comes back from the terminal
(a key read, a frame written) it waits for its turn, and five such waits a key were a key's
whole time."""


def workbook_commands():
    """The palette's workbook commands, imported when the palette first opens."""
    from .commands import WorkbookCommands

    return WorkbookCommands


class RetroApp(App):
    CSS_PATH = Path(__file__).with_name("app.tcss")
    COMMANDS = App.COMMANDS | {workbook_commands}
    BINDINGS = [
        Binding("ctrl+p", "command_palette", "Commands", id="key_palette", show=False, priority=True),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),  # as in any terminal program: save, leave
    ]

    def __init__(self, workbook: Workbook | None = None, lang: Lang | None = None, notice: str | None = None,
                 also_recent: tuple[Path, ...] = ()) -> None:
        super().__init__()
        read_pastes_whole()
        self.workbook = workbook
        self.notice = notice
        """A message to show once the app is up."""
        self.also_recent = also_recent
        """Workbooks put on the recent list with the one opened (before it), once it is shown."""
        self.lang: Lang = lang or (workbook.language if workbook else system_lang())
        self.lang_given = lang is not None
        """`--lang` was given: it wins over the language of a workbook opened later."""
        self.title = tr("app_title", self.lang)
        self.first_frame_shown = False
        self.exiting = False
        """Leaving: answers are saved without asking anything (see WorkbookScreen.save_on_leaving)."""
        self.saved_beside: Path | None = None
        """Where this window's answers went when the file could not take them as it closed."""
        self.saved_why = "saved_beside_changed"
        """Why they went there: the message that says so (`saved_beside_…`)."""
        localize_bindings(self, self.lang)

    def on_mount(self) -> None:
        import asyncio
        import signal

        loop = asyncio.get_running_loop()
        for name in ("SIGTERM", "SIGHUP", "SIGINT"):  # the terminal closed, the system shuts down: save first
            if hasattr(signal, name):
                try:
                    loop.add_signal_handler(getattr(signal, name), self.save_and_exit)
                except (NotImplementedError, RuntimeError, ValueError):
                    pass  # not on this platform or not in the main thread (tests)
        if not self.is_headless:
            self.set_interval(1.0, self._leave_if_the_terminal_is_gone)
        if self.workbook is not None:
            from .. import recent

            self.call_after_refresh(recent.remember, *self.also_recent, self.workbook.path)

    async def on_ready(self) -> None:
        """The first frame is on the terminal: now what it did not need (the workbook screen's
        `shown`: the lock, the parse for editing, what is said on opening), and the items left
        for later mounted."""
        from .widgets.section_view import SectionView

        self.first_frame_shown = True
        if not gc.isenabled():  # held off while the app started (see cli.run_app): what start-up
            gc.freeze()  # made lives as long as the app, and no collection walks it again
            gc.enable()
        if self.notice:
            self.notify(self.notice, timeout=6)
        for screen in self.screen_stack:
            if isinstance(screen, WorkbookScreen):
                screen.shown()
        for view in self.screen.query(SectionView):
            await view.mount_later()

    async def on_event(self, event: events.Event) -> None:
        from .keys import key_now, paste_now

        try:
            if isinstance(event, events.Key) and not event.is_forwarded and await key_now(self, event):
                return  # done as it came (see keys.py)
            if isinstance(event, events.Paste) and await paste_now(self, event):
                return
        except WorkbookError as exc:  # a workbook the app cannot edit, found by an edit typed ahead of its parse
            from ..workbook.files import with_backup_hint

            self.exit(None, 1, str(with_backup_hint(exc)))
            return
        await super().on_event(event)

    def notify(self, message: str, *, title: str = "", severity="information", timeout: float | None = None,
               markup: bool = True) -> None:
        """Every toast is text: a file name, a path, a cell's words or a checklist's label in a
        message is shown as written, never read as markup (`[@click=…]` runs nothing) nor sent to
        the terminal as an escape sequence."""
        from ..terminal import visible

        super().notify(visible(message), title=visible(title), severity=severity, timeout=timeout, markup=False)

    def get_default_screen(self) -> Screen:
        if self.workbook is not None:
            return WorkbookScreen(self.workbook)
        from .screens.start import StartScreen

        return StartScreen()

    def get_system_commands(self, screen: Screen):
        """Textual's own palette commands (theme, keys, screenshot, quit) in the interface's language."""
        for command in super().get_system_commands(screen):
            key = SYSTEM_COMMANDS.get(command.title)
            if key and self.lang == "zh":
                title, help_text = tr(key, self.lang).split("｜", 1)
                command = SystemCommand(title, help_text, command.callback, command.discover)
            yield command

    def open_workbook(self, workbook: Workbook) -> None:
        """Leave the start screen for a workbook."""
        from .. import recent

        recent.remember(workbook.path)
        self.workbook = workbook
        if not self.lang_given:
            self.set_language(workbook.language, announce=False)  # as `retro PATH` opens it
        self.push_screen(WorkbookScreen(workbook))

    def action_toggle_language(self) -> None:
        self.set_language("en" if self.lang == "zh" else "zh")

    def set_language(self, lang: Lang, announce: bool = True) -> None:
        """Show everything in `lang` (the open workbook's report follows, see WorkbookScreen)."""
        if lang == self.lang:
            return
        self.lang = lang
        self.title = tr("app_title", lang)
        localize_bindings(self, lang)
        for screen in self.screen_stack:
            if hasattr(screen, "set_language"):
                screen.set_language(lang)
        if announce:
            self.notify(tr("lang_switched", lang), timeout=2)

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, WorkbookScreen):
                screen.flush()
                if screen.ask_before_leaving():
                    return
        self.save_and_exit()

    def _leave_if_the_terminal_is_gone(self) -> None:
        """A terminal that went away without a hangup signal (its window closed from outside the
        session) leaves input that is always ready and always empty: save and leave, as on SIGHUP,
        rather than stay behind reading nothing at a whole core."""
        import select

        fileno = getattr(self._driver, "fileno", None)
        if fileno is None or not hasattr(select, "poll"):
            return
        poller = select.poll()
        poller.register(fileno, select.POLLIN)  # (a hangup is reported whatever is asked for)
        if any(mask & (select.POLLHUP | select.POLLNVAL) for _, mask in poller.poll(0)):
            self.save_and_exit()

    def save_and_exit(self) -> None:
        """Commit and save whatever is typed but not yet committed, then leave (once: a hangup
        and a terminal found gone may both ask)."""
        if self.exiting:
            return
        self.exiting = True
        for screen in self.screen_stack:
            if isinstance(screen, WorkbookScreen):
                screen.save_on_leaving()
        self.exit(self.saved_beside)
